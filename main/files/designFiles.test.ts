import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupPathFor, createDesignFiles, DesignFileError, type DesignFs } from './designFiles';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsd-files-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const ORIGINAL = '{"schemaVersion":1,"name":"original"}';
const UPDATED = '{"schemaVersion":1,"name":"updated"}';

async function listDir(): Promise<string[]> {
  return (await fs.readdir(dir)).sort();
}

async function expectDesignFileError(promise: Promise<unknown>, code: string): Promise<DesignFileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DesignFileError);
  expect((error as DesignFileError).code).toBe(code);
  return error as DesignFileError;
}

describe('createDesignFiles().read', () => {
  it('returns the text of a file, without a byte-order mark', async () => {
    const file = path.join(dir, 'a.ecsd.json');
    await fs.writeFile(file, '\uFEFF' + ORIGINAL);
    await expect(createDesignFiles().read(file)).resolves.toEqual({ path: file, text: ORIGINAL });
  });

  it('reports a missing file as NOT_FOUND', async () => {
    const error = await expectDesignFileError(createDesignFiles().read(path.join(dir, 'missing.json')), 'NOT_FOUND');
    expect(error.message).toContain('missing.json');
  });

  it('reports a folder as IO_ERROR', async () => {
    await expectDesignFileError(createDesignFiles().read(dir), 'IO_ERROR');
  });
});

describe('createDesignFiles().save', () => {
  it('creates a new file without a .bak and leaves no temp file', async () => {
    const file = path.join(dir, 'new.ecsd.json');
    await createDesignFiles().save(file, UPDATED);
    expect(await fs.readFile(file, 'utf8')).toBe(UPDATED);
    expect(await listDir()).toEqual(['new.ecsd.json']);
  });

  it('replaces an existing file and keeps the previous version as <file>.bak', async () => {
    const file = path.join(dir, 'a.ecsd.json');
    await fs.writeFile(file, ORIGINAL);
    await createDesignFiles().save(file, UPDATED);
    expect(await fs.readFile(file, 'utf8')).toBe(UPDATED);
    expect(await fs.readFile(backupPathFor(file), 'utf8')).toBe(ORIGINAL);
    expect(await listDir()).toEqual(['a.ecsd.json', 'a.ecsd.json.bak']);
  });

  it('keeps the file mode of the file it replaces', async () => {
    if (process.platform === 'win32') return;
    const file = path.join(dir, 'a.ecsd.json');
    await fs.writeFile(file, ORIGINAL, { mode: 0o600 });
    await fs.chmod(file, 0o600);
    await createDesignFiles().save(file, UPDATED);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('leaves the original intact when the final rename fails (crash between temp write and rename)', async () => {
    const file = path.join(dir, 'a.ecsd.json');
    await fs.writeFile(file, ORIGINAL);
    const failingRename: DesignFs = {
      ...fs,
      rename: async (from, to) => {
        if (String(to) === file) throw Object.assign(new Error('simulated crash'), { code: 'EIO' });
        return fs.rename(from, to);
      },
    };
    const error = await expectDesignFileError(createDesignFiles(failingRename).save(file, UPDATED), 'IO_ERROR');
    expect(error.message).toContain(file);
    expect(await fs.readFile(file, 'utf8')).toBe(ORIGINAL);
    // The backup of the original was taken before the rename; the temp file was cleaned up.
    expect(await fs.readFile(backupPathFor(file), 'utf8')).toBe(ORIGINAL);
    expect(await listDir()).toEqual(['a.ecsd.json', 'a.ecsd.json.bak']);
  });

  it('leaves the original intact when the process dies before the rename (no cleanup at all)', async () => {
    const file = path.join(dir, 'a.ecsd.json');
    await fs.writeFile(file, ORIGINAL);
    const killed = Object.assign(new Error('killed'), { code: 'EKILLED' });
    // The writer "dies": the rename onto the target never happens and nothing after it runs, not even cleanup.
    const dying: DesignFs = {
      ...fs,
      rename: async (from, to) => {
        if (String(to) === file) throw killed;
        return fs.rename(from, to);
      },
      unlink: async () => {
        throw killed;
      },
    };
    await expectDesignFileError(createDesignFiles(dying).save(file, UPDATED), 'IO_ERROR');
    expect(await fs.readFile(file, 'utf8')).toBe(ORIGINAL);
    // What a real crash leaves behind: a hidden temp file holding the complete new text, never the target torn.
    const leftovers = (await listDir()).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toHaveLength(1);
    expect(await fs.readFile(path.join(dir, leftovers[0]!), 'utf8')).toBe(UPDATED);
    // The next save succeeds regardless of the leftover.
    await createDesignFiles().save(file, UPDATED);
    expect(await fs.readFile(file, 'utf8')).toBe(UPDATED);
  });

  it('leaves the original intact when writing the temp file fails', async () => {
    const file = path.join(dir, 'a.ecsd.json');
    await fs.writeFile(file, ORIGINAL);
    const failingOpen: DesignFs = {
      ...fs,
      open: (async () => {
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      }) as DesignFs['open'],
    };
    const error = await expectDesignFileError(createDesignFiles(failingOpen).save(file, UPDATED), 'IO_ERROR');
    expect(error.message).toContain('no space left');
    expect(await fs.readFile(file, 'utf8')).toBe(ORIGINAL);
    expect(await listDir()).toEqual(['a.ecsd.json']);
  });

  it('never overwrites a file whose content is not valid JSON', async () => {
    const file = path.join(dir, 'corrupt.ecsd.json');
    const corrupt = '{"schemaVersion":1,"name":"trunc';
    await fs.writeFile(file, corrupt);
    const error = await expectDesignFileError(createDesignFiles().save(file, UPDATED), 'CORRUPT_TARGET');
    expect(error.message).toContain('not valid JSON');
    expect(await fs.readFile(file, 'utf8')).toBe(corrupt);
    expect(await listDir()).toEqual(['corrupt.ecsd.json']);
  });

  it('replaces a corrupt file only when told the user chose to, keeping it as .bak', async () => {
    const file = path.join(dir, 'corrupt.ecsd.json');
    const corrupt = 'not json at all';
    await fs.writeFile(file, corrupt);
    await createDesignFiles().save(file, UPDATED, { replaceInvalid: true });
    expect(await fs.readFile(file, 'utf8')).toBe(UPDATED);
    expect(await fs.readFile(backupPathFor(file), 'utf8')).toBe(corrupt);
  });

  it('refuses to save over a folder', async () => {
    const folder = path.join(dir, 'folder.json');
    await fs.mkdir(folder);
    await expectDesignFileError(createDesignFiles().save(folder, UPDATED), 'IO_ERROR');
  });
});
