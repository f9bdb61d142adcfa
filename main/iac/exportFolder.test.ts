import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo } from '../../shared/ipc/contract';
import { createHandlers, type DesignDialogs, type HandlerTable } from '../ipc/handlers';
import { createJsonFileStore } from '../settings/appStore';
import { exportTarget } from './exportFolder';

const APP_INFO: AppInfo = { name: 'ECS Designer', version: '0.1.0', platform: 'linux', versions: { electron: null, chrome: null, node: process.versions.node } };

let dir: string;
let out: string;
let chooseFolder: ReturnType<typeof vi.fn<DesignDialogs['showChooseExportFolder']>>;
let table: HandlerTable;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsd-export-iac-'));
  out = path.join(dir, 'out');
  await fs.mkdir(out);
  chooseFolder = vi.fn<DesignDialogs['showChooseExportFolder']>(async () => out);
  const noDialog = async () => null;
  const dialogs: DesignDialogs = { showOpenDesign: noDialog, showSaveDesign: noDialog, showSaveDiagram: noDialog, showOpenImport: noDialog, showChooseExportFolder: chooseFolder };
  table = createHandlers({ appInfo: APP_INFO, store: createJsonFileStore(path.join(dir, 'user-data')), dialogs, openExternal: async () => undefined });
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const CDK_FILES = [
  { path: 'bin/app.ts', text: 'app\n' },
  { path: 'lib/shop-stack.ts', text: 'stack\n' },
  { path: 'package.json', text: '{}\n' },
];

describe('export:iac-dialog', () => {
  it('writes the files, creating sub-folders, into the folder chosen in the dialog', async () => {
    const result = await table['export:iac-dialog']({ files: CDK_FILES });
    expect(result).toEqual({ ok: true, value: { dir: out, written: ['bin/app.ts', 'lib/shop-stack.ts', 'package.json'], existing: [] } });
    expect(chooseFolder).toHaveBeenCalledWith({ title: 'Export Infrastructure as Code To' });
    expect(await fs.readFile(path.join(out, 'lib', 'shop-stack.ts'), 'utf8')).toBe('stack\n');
  });

  it('never overwrites silently: reports existing files, writes nothing, then replaces only when asked', async () => {
    await fs.mkdir(path.join(out, 'lib'));
    await fs.writeFile(path.join(out, 'lib', 'shop-stack.ts'), 'mine\n');
    const first = await table['export:iac-dialog']({ files: CDK_FILES });
    expect(first).toEqual({ ok: true, value: { dir: out, written: [], existing: ['lib/shop-stack.ts'] } });
    expect(await fs.readFile(path.join(out, 'lib', 'shop-stack.ts'), 'utf8')).toBe('mine\n');
    await expect(fs.stat(path.join(out, 'bin', 'app.ts'))).rejects.toThrow();

    const replaced = await table['export:iac-dialog']({ files: CDK_FILES, replaceIn: out });
    expect(replaced).toEqual({ ok: true, value: { dir: out, written: ['bin/app.ts', 'lib/shop-stack.ts', 'package.json'], existing: [] } });
    expect(await fs.readFile(path.join(out, 'lib', 'shop-stack.ts'), 'utf8')).toBe('stack\n');
    expect(chooseFolder).toHaveBeenCalledTimes(1);
  });

  it('replaces only in a folder the user chose through the dialog', async () => {
    const result = await table['export:iac-dialog']({ files: CDK_FILES, replaceIn: dir });
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
    await expect(fs.stat(path.join(dir, 'bin'))).rejects.toThrow();
  });

  it('writes nothing when the dialog is cancelled', async () => {
    chooseFolder.mockResolvedValueOnce(null);
    expect(await table['export:iac-dialog']({ files: CDK_FILES })).toEqual({ ok: true, value: null });
    expect(await fs.readdir(out)).toEqual([]);
  });

  it('refuses paths that leave the folder, hidden or absolute paths and duplicates, naming the field', async () => {
    for (const files of [
      [{ path: '../evil.tf', text: '' }],
      [{ path: 'a/../../evil.tf', text: '' }],
      [{ path: '.bashrc', text: '' }],
      [{ path: '/etc/passwd', text: '' }],
      [{ path: 'a\\b.tf', text: '' }],
      [],
    ]) {
      const result = await table['export:iac-dialog']({ files });
      expect(result.ok ? null : result.error.code, JSON.stringify(files)).toBe('BAD_REQUEST');
      if (!result.ok) expect(result.error.message).toContain('files');
    }
    expect(chooseFolder).not.toHaveBeenCalled();
    const dup = await table['export:iac-dialog']({ files: [{ path: 'main.tf', text: '' }, { path: 'MAIN.tf', text: '' }] });
    expect(dup.ok ? null : dup.error.message).toContain('two files are both named MAIN.tf');
    expect(chooseFolder).not.toHaveBeenCalled();
    expect(await fs.readdir(out)).toEqual([]);
  });

  it('resolves targets strictly inside the folder', () => {
    expect(exportTarget('/x/out', 'lib/a.ts')).toBe(path.resolve('/x/out/lib/a.ts'));
    expect(exportTarget('/x/out', '../a.ts')).toBeNull();
  });
});
