import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { removeNodes } from '../../../../shared/commands/edit';
import { makeNode } from '../../../../shared/model/catalog';
import { emptyDesign, parseDesignText, type Design } from '../../../../shared/model/document';
import { ok } from '../../../../shared/ipc/result';
import { DesignStore } from '../../store/designStore';
import { BACKUP_DEBOUNCE_MS, BACKUP_MAX_WAIT_MS, BackupWriter, backupKeyForPath, hashPath } from './backupWriter';

function design(): Design {
  const d = emptyDesign('design-1', 'Demo');
  d.nodes.push(makeNode('logGroup', 'lg1', { logGroupName: '/ecs/one' }, { position: { x: 0, y: 0 } }));
  d.nodes.push(makeNode('logGroup', 'lg2', { logGroupName: '/ecs/two' }, { position: { x: 300, y: 0 } }));
  return d;
}

let store: DesignStore;
let ops: string[];
let writes: { key: string; path?: string; text: string }[];
let writer: BackupWriter;
let stop: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  store = new DesignStore();
  ops = [];
  writes = [];
  writer = new BackupWriter(store, {
    write: async (request) => {
      ops.push(`write ${request.key}`);
      writes.push(request);
      return ok({ savedAt: '2026-03-01T14:02:00.000Z' });
    },
    discard: async (request) => {
      ops.push(`discard ${request.key}`);
      return ok(null);
    },
  });
  stop = writer.start();
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

const remove = (id: string) => store.edit({ kind: 'record', label: 'Delete' }, (d) => removeNodes(d, [id]));

describe('BackupWriter', () => {
  it('writes nothing for a clean document', async () => {
    store.open(design(), '/d/a.ecsd.json');
    await vi.advanceTimersByTimeAsync(5 * BACKUP_DEBOUNCE_MS);
    expect(ops).toEqual([]);
  });

  it('debounces: one write about a second after the last edit, with the serialized design and path', async () => {
    store.open(design(), '/d/a.ecsd.json');
    remove('lg1');
    await vi.advanceTimersByTimeAsync(BACKUP_DEBOUNCE_MS / 2);
    remove('lg2');
    await vi.advanceTimersByTimeAsync(BACKUP_DEBOUNCE_MS - 1);
    expect(ops).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ops).toEqual([`write ${backupKeyForPath('/d/a.ecsd.json')}`]);
    expect(writes[0]?.path).toBe('/d/a.ecsd.json');
    const parsed = parseDesignText(writes[0]!.text);
    expect(parsed.ok && parsed.design.nodes).toEqual([]);
  });

  it('still writes during continuous editing, at least every few seconds', async () => {
    store.open(design(), '/d/a.ecsd.json');
    for (let t = 0; t < BACKUP_MAX_WAIT_MS + BACKUP_DEBOUNCE_MS; t += 200) {
      store.edit({ kind: 'merge', label: 'Move', key: 'm' }, (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'lg1' ? { ...n, position: { x: t + 1, y: 0 } } : n)) }));
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(ops.length).toBeGreaterThanOrEqual(1);
  });

  it('discards the backup when the document is saved, closed or replaced', async () => {
    store.open(design(), '/d/a.ecsd.json');
    remove('lg1');
    await vi.advanceTimersByTimeAsync(BACKUP_DEBOUNCE_MS);
    const current = store.getState().doc!.history.design;
    store.markSaved('/d/a.ecsd.json', current);
    await vi.advanceTimersByTimeAsync(0);
    const key = backupKeyForPath('/d/a.ecsd.json');
    expect(ops).toEqual([`write ${key}`, `discard ${key}`]);

    remove('lg2');
    store.close();
    await vi.advanceTimersByTimeAsync(5 * BACKUP_DEBOUNCE_MS);
    // Closed before the debounce elapsed: discarded, never written.
    expect(ops.slice(2)).toEqual([`discard ${key}`]);

    store.newDesign();
    store.edit({ kind: 'record', label: 'Rename' }, (d) => ({ ...d, name: 'Renamed' }));
    await vi.advanceTimersByTimeAsync(BACKUP_DEBOUNCE_MS);
    expect(ops[3]).toMatch(/^write untitled-[0-9a-f]{16}$/);
    expect(writes.at(-1)?.path).toBeUndefined();
    store.open(design(), '/d/b.ecsd.json');
    await vi.advanceTimersByTimeAsync(0);
    expect(ops[4]).toBe(ops[3]!.replace('write', 'discard'));
  });

  it('runs operations in order: a discard never overtakes a write in flight', async () => {
    let release: () => void = () => undefined;
    const slow = new BackupWriter(store, {
      write: async (request) => {
        ops.push(`write-start ${request.key}`);
        await new Promise<void>((resolve) => (release = resolve));
        ops.push(`write-end ${request.key}`);
        return ok(null);
      },
      discard: async (request) => {
        ops.push(`discard ${request.key}`);
        return ok(null);
      },
    });
    stop();
    stop = slow.start();
    store.open(design(), '/d/a.ecsd.json');
    remove('lg1');
    await vi.advanceTimersByTimeAsync(BACKUP_DEBOUNCE_MS);
    store.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(ops).toEqual([`write-start ${backupKeyForPath('/d/a.ecsd.json')}`]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    const key = backupKeyForPath('/d/a.ecsd.json');
    expect(ops).toEqual([`write-start ${key}`, `write-end ${key}`, `discard ${key}`]);
  });

  it('adopts a restored untitled backup under its own key, and discardNow removes it', async () => {
    store.open(design(), undefined, { saved: false });
    writer.adopt('untitled-restored1', undefined);
    await vi.advanceTimersByTimeAsync(BACKUP_DEBOUNCE_MS);
    expect(ops).toEqual(['write untitled-restored1']);
    await writer.discardNow();
    expect(ops).toEqual(['write untitled-restored1', 'discard untitled-restored1']);
  });

  it('keys: stable per path, file-name safe', () => {
    expect(backupKeyForPath('/d/a.ecsd.json')).toBe(backupKeyForPath('/d/a.ecsd.json'));
    expect(backupKeyForPath('/d/a.ecsd.json')).not.toBe(backupKeyForPath('/d/b.ecsd.json'));
    expect(backupKeyForPath('C:\\Users\\Ünïcode\\a.json')).toMatch(/^file-[0-9a-f]{16}$/);
    expect(hashPath('')).toBe('cbf29ce484222325');
  });
});
