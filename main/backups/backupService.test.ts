import * as nodeFs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupListSchema } from '../../shared/ipc/contract';
import { backupsDirFor, createBackupService, type BackupFsOps, type BackupService } from './backupService';

let root: string;
let dir: string;
let clock: Date;
let service: BackupService;

beforeEach(async () => {
  root = await nodeFs.mkdtemp(path.join(os.tmpdir(), 'ecsd-backups-'));
  dir = backupsDirFor(root);
  clock = new Date('2026-03-01T14:02:00.000Z');
  service = createBackupService({ dir, now: () => clock });
});

afterEach(async () => {
  await nodeFs.rm(root, { recursive: true, force: true });
});

const TEXT = '{\n  "schemaVersion": 1,\n  "name": "checkout"\n}\n';

describe('backup service', () => {
  it('writes <key>.json with version, path, savedAt and text (creating the folder)', async () => {
    expect(await service.write({ key: 'file-abc123', path: '/designs/checkout.ecsd.json', text: TEXT })).toEqual({
      savedAt: '2026-03-01T14:02:00.000Z',
    });
    const stored = JSON.parse(await nodeFs.readFile(path.join(dir, 'file-abc123.json'), 'utf8')) as unknown;
    expect(stored).toEqual({ version: 1, path: '/designs/checkout.ecsd.json', savedAt: '2026-03-01T14:02:00.000Z', text: TEXT });
    // Only the backup: no temp file left behind.
    expect(await nodeFs.readdir(dir)).toEqual(['file-abc123.json']);
  });

  it('overwrites the same key, and lists backups newest first (untitled ones have no path)', async () => {
    await service.write({ key: 'file-a', path: '/designs/a.ecsd.json', text: TEXT });
    clock = new Date('2026-03-01T14:05:00.000Z');
    await service.write({ key: 'untitled-1', text: '{"v":2}' });
    clock = new Date('2026-03-01T14:03:00.000Z');
    await service.write({ key: 'file-a', path: '/designs/a.ecsd.json', text: '{"v":3}' });
    const list = await service.list();
    expect(BackupListSchema.parse(list)).toEqual(list);
    expect(list).toEqual({
      backups: [
        { key: 'untitled-1', savedAt: '2026-03-01T14:05:00.000Z', text: '{"v":2}' },
        { key: 'file-a', path: '/designs/a.ecsd.json', savedAt: '2026-03-01T14:03:00.000Z', text: '{"v":3}' },
      ],
      problems: [],
    });
  });

  it('discards a backup; discarding a missing one is fine', async () => {
    await service.write({ key: 'k1', text: TEXT });
    await service.discard('k1');
    await service.discard('k1');
    await service.discard('never-written');
    expect(await service.list()).toEqual({ backups: [], problems: [] });
  });

  it('lists nothing when the folder does not exist yet', async () => {
    expect(await service.list()).toEqual({ backups: [], problems: [] });
  });

  it('reports corrupt backups with file and reason, leaves them on disk, and still lists the good ones', async () => {
    await service.write({ key: 'good', text: TEXT });
    await nodeFs.writeFile(path.join(dir, 'truncated.json'), '{"version":1,"savedAt":"2026-');
    await nodeFs.writeFile(path.join(dir, 'wrong-shape.json'), JSON.stringify({ version: 2, savedAt: 'yesterday', text: 3 }));
    await nodeFs.writeFile(path.join(dir, 'binary.json'), Buffer.from([0, 1, 2, 0xff, 0xfe]));
    await nodeFs.writeFile(path.join(dir, 'bad name!.json'), '{}');
    await nodeFs.mkdir(path.join(dir, 'folder.json'));
    await nodeFs.writeFile(path.join(dir, '.good.json.write-0123.tmp'), 'half-written');
    await nodeFs.writeFile(path.join(dir, 'notes.txt'), 'not a backup');

    const list = await service.list();
    expect(list.backups.map((b) => b.key)).toEqual(['good']);
    const byFile = Object.fromEntries(list.problems.map((p) => [path.basename(p.file), p.message]));
    expect(Object.keys(byFile).sort()).toEqual(['bad name!.json', 'binary.json', 'folder.json', 'truncated.json', 'wrong-shape.json']);
    expect(byFile['truncated.json']).toBe(`The backup ${path.join(dir, 'truncated.json')} cannot be restored: it is not valid JSON. It was left on disk.`);
    expect(byFile['wrong-shape.json']).toMatch(/cannot be restored: version: .*It was left on disk\.$/);
    expect(byFile['folder.json']).toContain('it is not a file');
    // Nothing was deleted.
    expect((await nodeFs.readdir(dir)).sort()).toEqual(
      ['.good.json.write-0123.tmp', 'bad name!.json', 'binary.json', 'folder.json', 'good.json', 'notes.txt', 'truncated.json', 'wrong-shape.json'].sort(),
    );
  });

  it('refuses keys that could escape the folder', async () => {
    for (const key of ['../evil', 'a/b', '', '.hidden', 'x'.repeat(65)]) {
      await expect(service.write({ key, text: TEXT }), key).rejects.toThrow('Invalid backup key');
      await expect(service.discard(key), key).rejects.toThrow('Invalid backup key');
    }
  });

  it('keeps the previous backup intact when a write is interrupted before the rename', async () => {
    await service.write({ key: 'doc', text: TEXT });
    const failingRename: BackupFsOps = {
      ...nodeFs,
      rename: async () => {
        throw Object.assign(new Error('simulated crash'), { code: 'EIO' });
      },
    };
    const crashing = createBackupService({ dir, fs: failingRename, now: () => clock });
    await expect(crashing.write({ key: 'doc', text: '{"newer":true}' })).rejects.toThrow(/Cannot write the backup .*doc\.json/);
    expect((await service.list()).backups).toEqual([{ key: 'doc', savedAt: '2026-03-01T14:02:00.000Z', text: TEXT }]);
    expect(await nodeFs.readdir(dir)).toEqual(['doc.json']);
  });
});
