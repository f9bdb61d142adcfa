import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo, AwsProfileList } from '../../shared/ipc/contract';
import { backupsDirFor, createBackupService } from '../backups/backupService';
import { createJsonFileStore } from '../settings/appStore';
import { createHandlers, type HandlerTable } from './handlers';
import { createPathGrants, type PathGrants } from './pathGrants';

/** The channels of the document lifecycle: drop, window dirty/close, backups, AWS profiles. */

const APP_INFO: AppInfo = { name: 'ECS Designer', version: '0.1.0', platform: 'linux', versions: { electron: null, chrome: null, node: process.versions.node } };
const DESIGN = '{"schemaVersion":1,"name":"demo"}';

let dir: string;
let grants: PathGrants;
let calls: string[];
let profiles: AwsProfileList;
let table: HandlerTable;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsd-lifecycle-'));
  grants = createPathGrants();
  calls = [];
  profiles = { profiles: [{ name: 'default', kind: 'static', region: 'eu-west-1', sources: ['credentials'] }], configFile: '/c', credentialsFile: '/k', problems: [] };
  table = createHandlers({
    appInfo: APP_INFO,
    store: createJsonFileStore(path.join(dir, 'user-data')),
    dialogs: { showOpenDesign: async () => null, showSaveDesign: async () => null, showSaveDiagram: async () => null, showOpenImport: async () => null, showChooseExportFolder: async () => null },
    openExternal: async () => undefined,
    grants,
    backups: createBackupService({ dir: backupsDirFor(path.join(dir, 'user-data')), now: () => new Date('2026-03-01T14:02:00.000Z') }),
    listAwsProfiles: async () => profiles,
    window: {
      setDirty: (dirty) => void calls.push(`dirty:${dirty}`),
      confirmClose: (close) => void calls.push(`close:${close}`),
      rendererReady: () => void calls.push('ready'),
    },
  });
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('window channels', () => {
  it('forward validated payloads to the window control', async () => {
    expect(await table['window:set-dirty']({ dirty: true })).toEqual({ ok: true, value: null });
    expect(await table['window:confirm-close']({ close: false })).toEqual({ ok: true, value: null });
    expect(await table['app:ready']({})).toEqual({ ok: true, value: null });
    expect(calls).toEqual(['dirty:true', 'close:false', 'ready']);
  });

  it('refuse malformed payloads without calling anything', async () => {
    for (const [channel, payload] of [
      ['window:set-dirty', { dirty: 'yes' }],
      ['window:set-dirty', {}],
      ['window:confirm-close', { close: true, extra: 1 }],
      ['app:ready', { now: true }],
    ] as const) {
      const result = await table[channel](payload);
      expect(!result.ok && result.error.code, `${channel} ${JSON.stringify(payload)}`).toBe('BAD_REQUEST');
    }
    expect(calls).toEqual([]);
  });
});

describe('design:read-dropped', () => {
  it('grants the dropped path, reads it and remembers it', async () => {
    const file = path.join(dir, 'dropped.ecsd.json');
    await fs.writeFile(file, DESIGN);
    expect(grants.has(file)).toBe(false);
    expect(await table['design:read-dropped']({ path: file })).toEqual({ ok: true, value: { path: file, text: DESIGN } });
    expect(grants.has(file)).toBe(true);
    expect(await table['recent:list']({})).toEqual({ ok: true, value: [file] });
    // Later reads and saves of that file are allowed.
    expect((await table['design:save']({ path: file, text: DESIGN })).ok).toBe(true);
  });

  it('answers NOT_FOUND for a missing file and BAD_REQUEST for a relative path', async () => {
    const missing = await table['design:read-dropped']({ path: path.join(dir, 'gone.json') });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    const relative = await table['design:read-dropped']({ path: 'x.json' });
    expect(!relative.ok && relative.error.code).toBe('BAD_REQUEST');
  });
});

describe('backup channels', () => {
  it('write, list and discard', async () => {
    const file = path.join(dir, 'a.ecsd.json');
    expect(await table['backup:write']({ key: 'file-1', path: file, text: DESIGN })).toEqual({ ok: true, value: { savedAt: '2026-03-01T14:02:00.000Z' } });
    expect(await table['backup:list']({})).toEqual({
      ok: true,
      value: { backups: [{ key: 'file-1', path: file, savedAt: '2026-03-01T14:02:00.000Z', text: DESIGN }], problems: [] },
    });
    expect(await table['backup:discard']({ key: 'file-1' })).toEqual({ ok: true, value: null });
    expect(await table['backup:list']({})).toEqual({ ok: true, value: { backups: [], problems: [] } });
  });

  it('refuse keys that are paths, relative document paths and text that is not JSON', async () => {
    for (const payload of [
      { key: '../../etc/passwd', text: DESIGN },
      { key: 'a/b', text: DESIGN },
      { key: 'ok', path: 'relative.json', text: DESIGN },
      { key: 'ok', text: '{not json' },
    ]) {
      const result = await table['backup:write'](payload);
      expect(!result.ok && result.error.code, JSON.stringify(payload)).toBe('BAD_REQUEST');
    }
    const discard = await table['backup:discard']({ key: '..' });
    expect(!discard.ok && discard.error.message).toMatch(/"key"/);
  });

  it('answer INTERNAL when backups are not configured', async () => {
    const bare = createHandlers({
      appInfo: APP_INFO,
      store: createJsonFileStore(path.join(dir, 'other')),
      dialogs: { showOpenDesign: async () => null, showSaveDesign: async () => null, showSaveDiagram: async () => null, showOpenImport: async () => null, showChooseExportFolder: async () => null },
      openExternal: async () => undefined,
    });
    const result = await bare['backup:list']({});
    expect(!result.ok && result.error).toEqual({ code: 'INTERNAL', message: 'backup:list failed: hot-exit backups are not configured' });
  });
});

describe('aws:list-profiles', () => {
  it('returns the profile list, checked against its schema', async () => {
    expect(await table['aws:list-profiles']({})).toEqual({ ok: true, value: profiles });
  });

  it('never lets a field outside the schema (a secret) through', async () => {
    profiles = { ...profiles, profiles: [{ ...profiles.profiles[0]!, secret: 'wJalrXUtnFEMI' } as never] };
    const result = await table['aws:list-profiles']({});
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('wJalrXUtnFEMI');
  });
});
