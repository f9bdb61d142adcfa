import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import type { AppInfo } from '../../shared/ipc/contract';
import { createJsonFileStore, type AppStore } from '../settings/appStore';
import { createHandlers, invokeHandler, type DesignDialogs, type HandlerTable } from './handlers';

const APP_INFO: AppInfo = {
  name: 'ECS Designer',
  version: '0.1.0',
  platform: 'linux',
  versions: { electron: null, chrome: null, node: process.versions.node },
};

let dir: string;
let store: AppStore;
let dialogs: { showOpenDesign: ReturnType<typeof vi.fn>; showSaveDesign: ReturnType<typeof vi.fn>; showSaveDiagram: ReturnType<typeof vi.fn>; showOpenImport: ReturnType<typeof vi.fn>; showChooseExportFolder: ReturnType<typeof vi.fn> };
let openExternal: ReturnType<typeof vi.fn>;
let table: HandlerTable;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsd-handlers-'));
  store = createJsonFileStore(path.join(dir, 'user-data'));
  dialogs = { showOpenDesign: vi.fn(async () => null), showSaveDesign: vi.fn(async () => null), showSaveDiagram: vi.fn(async () => null), showOpenImport: vi.fn(async () => null), showChooseExportFolder: vi.fn(async () => null) };
  openExternal = vi.fn(async () => undefined);
  table = createHandlers({
    appInfo: APP_INFO,
    store,
    dialogs: dialogs as unknown as DesignDialogs,
    openExternal: openExternal as unknown as (url: string) => Promise<void>,
  });
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const DESIGN = '{"schemaVersion":1,"name":"demo"}';

describe('createHandlers: request validation', () => {
  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(table).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('answers a payload of the wrong type with BAD_REQUEST naming the field', async () => {
    const result = await table['design:read']({ path: 42 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('"path"') },
    });
    if (!result.ok) expect(result.error.message).toContain('design:read');
  });

  it('names nested and missing fields', async () => {
    const missing = await table['design:save']({ path: path.join(dir, 'a.json') });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('BAD_REQUEST');
      expect(missing.error.message).toContain('"text"');
    }
    const wrongEnum = await table['settings:set']({ theme: 'purple' });
    expect(!wrongEnum.ok && wrongEnum.error.message).toContain('"theme"');
  });

  it('rejects unknown fields, relative paths and non-JSON design text', async () => {
    const extra = await table['app:info']({ sneaky: true });
    expect(!extra.ok && extra.error.code).toBe('BAD_REQUEST');
    const relative = await table['design:read']({ path: 'designs/a.json' });
    expect(!relative.ok && relative.error.message).toMatch(/"path".*absolute/);
    const notJson = await table['design:save-as-dialog']({ text: '{oops' });
    expect(!notJson.ok && notJson.error.message).toMatch(/"text".*not valid JSON/);
    expect(dialogs.showSaveDesign).not.toHaveBeenCalled();
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const result = await invokeHandler(table, 'fs:rm-rf', {});
    expect(!result.ok && result.error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('turns an unexpected exception into an INTERNAL result instead of throwing', async () => {
    dialogs.showOpenDesign.mockRejectedValueOnce(new Error('dialog exploded'));
    const result = await table['design:open-dialog']({});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('dialog exploded') } });
  });
});

describe('createHandlers: design files', () => {
  it('opens a file chosen in the dialog and remembers it as recent', async () => {
    const file = path.join(dir, 'demo.ecsd.json');
    await fs.writeFile(file, DESIGN);
    dialogs.showOpenDesign.mockResolvedValueOnce(file);
    expect(await table['design:open-dialog']({})).toEqual({ ok: true, value: { path: file, text: DESIGN } });
    expect(await table['recent:list']({})).toEqual({ ok: true, value: [file] });
  });

  it('returns null when the dialog is cancelled', async () => {
    expect(await table['design:open-dialog']({})).toEqual({ ok: true, value: null });
  });

  it('refuses to read or write files the user never chose', async () => {
    const file = path.join(dir, 'elsewhere.json');
    await fs.writeFile(file, DESIGN);
    const read = await table['design:read']({ path: file });
    expect(!read.ok && read.error.code).toBe('FORBIDDEN');
    const save = await table['design:save']({ path: file, text: '{}' });
    expect(!save.ok && save.error.code).toBe('FORBIDDEN');
    expect(await fs.readFile(file, 'utf8')).toBe(DESIGN);
  });

  it('saves a granted file atomically with a .bak, and protects a corrupt target', async () => {
    const file = path.join(dir, 'demo.ecsd.json');
    await fs.writeFile(file, DESIGN);
    dialogs.showOpenDesign.mockResolvedValueOnce(file);
    await table['design:open-dialog']({});

    expect(await table['design:save']({ path: file, text: '{"v":2}' })).toEqual({ ok: true, value: { path: file } });
    expect(await fs.readFile(`${file}.bak`, 'utf8')).toBe(DESIGN);

    await fs.writeFile(file, '{"truncated":');
    const refused = await table['design:save']({ path: file, text: '{"v":3}' });
    expect(!refused.ok && refused.error.code).toBe('CORRUPT_TARGET');
    expect(await fs.readFile(file, 'utf8')).toBe('{"truncated":');

    const replaced = await table['design:save']({ path: file, text: '{"v":3}', replaceInvalid: true });
    expect(replaced.ok).toBe(true);
    expect(await fs.readFile(file, 'utf8')).toBe('{"v":3}');
  });

  it('reports a recent file that disappeared as NOT_FOUND and forgets it', async () => {
    const file = path.join(dir, 'gone.ecsd.json');
    store.set('recentFiles', [file]);
    const result = await table['design:read']({ path: file });
    expect(!result.ok && result.error.code).toBe('NOT_FOUND');
    expect(store.get('recentFiles')).toEqual([]);
  });

  it('Save As writes where the dialog says, adding the design suffix when missing', async () => {
    dialogs.showSaveDesign.mockResolvedValueOnce(path.join(dir, 'plain'));
    const result = await table['design:save-as-dialog']({ text: DESIGN, suggestedName: 'My: design' });
    expect(dialogs.showSaveDesign).toHaveBeenCalledWith({ suggestedName: 'My- design.ecsd.json' });
    const saved = path.join(dir, 'plain.ecsd.json');
    expect(result).toEqual({ ok: true, value: { path: saved } });
    expect(await fs.readFile(saved, 'utf8')).toBe(DESIGN);
    // Now granted: a plain save to the same path works.
    expect((await table['design:save']({ path: saved, text: '{}' })).ok).toBe(true);
  });
});

describe('createHandlers: settings, app, links', () => {
  it('merges and persists settings', async () => {
    expect(await table['settings:get']({})).toEqual({ ok: true, value: { theme: 'system', showMiniMap: true } });
    expect(await table['settings:set']({ theme: 'dark' })).toEqual({
      ok: true,
      value: { theme: 'dark', showMiniMap: true },
    });
    expect(createJsonFileStore(path.join(dir, 'user-data')).get('settings').theme).toBe('dark');
  });

  it('returns app info', async () => {
    expect(await table['app:info']({})).toEqual({ ok: true, value: APP_INFO });
  });

  it('opens AWS documentation links only', async () => {
    const docs = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html';
    expect(await table['app:open-external']({ url: docs })).toEqual({ ok: true, value: null });
    expect(openExternal).toHaveBeenCalledWith(docs);
    const evil = await table['app:open-external']({ url: 'file:///etc/passwd' });
    expect(!evil.ok && evil.error.code).toBe('FORBIDDEN');
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('diagram:save-dialog', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

  it('writes the SVG to the chosen file, adding the extension', async () => {
    dialogs.showSaveDiagram.mockResolvedValueOnce(path.join(dir, 'shop'));
    const result = await table['diagram:save-dialog']({ format: 'svg', data: svg, suggestedName: 'shop.ecsd.json' });
    expect(result).toEqual({ ok: true, value: { path: path.join(dir, 'shop.svg') } });
    expect(dialogs.showSaveDiagram).toHaveBeenCalledWith({ suggestedName: 'shop.svg', format: 'svg' });
    expect(await fs.readFile(path.join(dir, 'shop.svg'), 'utf8')).toBe(svg);
  });

  it('writes PNG bytes decoded from base64', async () => {
    dialogs.showSaveDiagram.mockResolvedValueOnce(path.join(dir, 'shop.png'));
    const result = await table['diagram:save-dialog']({ format: 'png', data: png });
    expect(result.ok).toBe(true);
    expect([...(await fs.readFile(path.join(dir, 'shop.png')))].slice(0, 8)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('refuses data that is not an image of the format, before any dialog', async () => {
    for (const [format, data, why] of [
      ['svg', '<html><script>alert(1)</script></html>', /must start with <svg/],
      ['png', 'not base64!', /base64/],
      ['png', Buffer.from('GIF89a....').toString('base64'), /wrong signature/],
    ] as const) {
      const result = await table['diagram:save-dialog']({ format, data });
      expect(result.ok ? null : result.error).toEqual({ code: 'BAD_REQUEST', message: expect.stringMatching(why) });
    }
    expect(dialogs.showSaveDiagram).not.toHaveBeenCalled();
  });

  it('writes nothing when the dialog is cancelled', async () => {
    expect(await table['diagram:save-dialog']({ format: 'svg', data: svg })).toEqual({ ok: true, value: null });
  });
});

describe('import:open-dialog and export:taskdefs-dialog', () => {
  it('reads the chosen file to import', async () => {
    const file = path.join(dir, 'td.json');
    await fs.writeFile(file, '{"family":"web","containerDefinitions":[]}');
    dialogs.showOpenImport.mockResolvedValueOnce(file);
    expect(await table['import:open-dialog']({})).toEqual({ ok: true, value: { path: file, text: '{"family":"web","containerDefinitions":[]}' } });
    expect(await table['import:open-dialog']({})).toEqual({ ok: true, value: null });
  });

  it('writes each task definition into the chosen folder', async () => {
    dialogs.showChooseExportFolder.mockResolvedValueOnce(dir);
    const result = await table['export:taskdefs-dialog']({ files: [{ name: 'web.json', text: '{"family":"web"}\n' }, { name: 'api.json', text: '{"family":"api"}\n' }] });
    expect(result).toEqual({ ok: true, value: { dir, written: ['web.json', 'api.json'] } });
    expect(await fs.readFile(path.join(dir, 'api.json'), 'utf8')).toBe('{"family":"api"}\n');
  });

  it('refuses names that leave the folder, duplicate names and text that is not JSON, before asking', async () => {
    for (const files of [
      [{ name: '../evil.json', text: '{}' }],
      [{ name: 'web.sh', text: '{}' }],
      [{ name: 'web.json', text: '{}' }, { name: 'WEB.json', text: '{}' }],
      [{ name: 'web.json', text: 'not json' }],
    ]) {
      const result = await table['export:taskdefs-dialog']({ files });
      expect(result.ok ? null : result.error.code, JSON.stringify(files)).toBe('BAD_REQUEST');
    }
    expect(dialogs.showChooseExportFolder).not.toHaveBeenCalled();
  });
});
