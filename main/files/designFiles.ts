import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Design-file I/O: plain Node, no Electron. The design is opaque JSON text here; the renderer parses and
 * validates it with shared/model.
 *
 * Save is atomic: the new text goes to a temp file in the same folder (same file system, so rename is atomic),
 * is fsync'ed, the current file is copied to `<file>.bak`, then the temp file is renamed over the target.
 * A crash at any point leaves either the old file or the new one, never a mix; the `.bak` is the previous version.
 * A target whose current content is not valid JSON is never overwritten unless the caller says the user chose to
 * replace it.
 */

export type DesignFileErrorCode = 'NOT_FOUND' | 'CORRUPT_TARGET' | 'IO_ERROR';

export class DesignFileError extends Error {
  override readonly name = 'DesignFileError';
  constructor(
    readonly code: DesignFileErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The file-system operations the service uses; tests inject failing ones to simulate crashes. */
export type DesignFs = Pick<typeof nodeFs, 'open' | 'readFile' | 'rename' | 'copyFile' | 'unlink' | 'stat'>;

export interface DesignFileContent {
  readonly path: string;
  readonly text: string;
}

export interface SaveOptions {
  /** The user explicitly chose to replace the existing file even though its content is not valid JSON. */
  readonly replaceInvalid?: boolean;
}

export interface DesignFiles {
  read(filePath: string): Promise<DesignFileContent>;
  save(filePath: string, text: string, options?: SaveOptions): Promise<void>;
}

/** Bigger than any realistic design; protects the app from opening a multi-gigabyte file by mistake. */
export const MAX_DESIGN_FILE_BYTES = 32 * 1024 * 1024;

export const BACKUP_SUFFIX = '.bak';

export function backupPathFor(filePath: string): string {
  return filePath + BACKUP_SUFFIX;
}

export function isJsonText(text: string): boolean {
  try {
    JSON.parse(stripBom(text));
    return true;
  } catch {
    return false;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** A readable reason for a file-system error: "permission denied (EACCES)". */
export function describeFsError(error: unknown): string {
  const code = errnoCode(error);
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
    EROFS: 'the file system is read-only',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    EBUSY: 'the file is busy',
    EMFILE: 'too many open files',
  };
  if (code !== undefined) return `${reasons[code] ?? 'file system error'} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

function tempPathFor(filePath: string, purpose: string): string {
  const dir = path.dirname(filePath);
  const base = path.basename(filePath);
  return path.join(dir, `.${base}.${purpose}-${randomBytes(6).toString('hex')}.tmp`);
}

async function removeQuietly(fs: DesignFs, filePath: string): Promise<void> {
  try {
    await fs.unlink(filePath);
  } catch {
    // Best effort: a leftover temp file is harmless (hidden, never read back).
  }
}

async function writeDurably(fs: DesignFs, filePath: string, text: string | Uint8Array, mode: number): Promise<void> {
  const handle = await fs.open(filePath, 'wx', mode);
  try {
    await (typeof text === 'string' ? handle.writeFile(text, 'utf8') : handle.writeFile(text));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(fs: DesignFs, dir: string): Promise<void> {
  // Makes the rename itself durable on POSIX. Opening a folder fails on Windows: ignore, NTFS journals renames.
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported on this platform / file system
  }
}

/**
 * Writes `text` to `filePath` atomically: a temp file in the same folder, fsync'ed, renamed over the target, then
 * the folder fsync'ed. A crash leaves the old file or the new one, never a torn one. No `.bak`, no content check:
 * for files the app owns (hot-exit backups). Throws the file system's error.
 */
export async function writeFileAtomically(filePath: string, text: string | Uint8Array, fs: DesignFs = nodeFs, mode = 0o600): Promise<void> {
  const tempPath = tempPathFor(filePath, 'write');
  try {
    await writeDurably(fs, tempPath, text, mode);
    await fs.rename(tempPath, filePath);
  } catch (error) {
    await removeQuietly(fs, tempPath);
    throw error;
  }
  await syncDirectory(fs, path.dirname(filePath));
}

export function createDesignFiles(fs: DesignFs = nodeFs): DesignFiles {
  async function readCurrent(filePath: string): Promise<{ text: string; mode: number } | null> {
    let stats;
    try {
      stats = await fs.stat(filePath);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null;
      throw new DesignFileError('IO_ERROR', `Cannot read ${filePath}: ${describeFsError(error)}`, { cause: error });
    }
    if (!stats.isFile()) throw new DesignFileError('IO_ERROR', `Cannot use ${filePath}: it is not a file`);
    if (stats.size > MAX_DESIGN_FILE_BYTES) {
      throw new DesignFileError(
        'IO_ERROR',
        `Cannot open ${filePath}: it is ${stats.size} bytes, more than the ${MAX_DESIGN_FILE_BYTES}-byte limit`,
      );
    }
    try {
      const text = await fs.readFile(filePath, 'utf8');
      return { text, mode: stats.mode & 0o777 };
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null;
      throw new DesignFileError('IO_ERROR', `Cannot read ${filePath}: ${describeFsError(error)}`, { cause: error });
    }
  }

  return {
    async read(filePath) {
      const current = await readCurrent(filePath);
      if (current === null) throw new DesignFileError('NOT_FOUND', `File not found: ${filePath}`);
      return { path: filePath, text: stripBom(current.text) };
    },

    async save(filePath, text, options = {}) {
      const current = await readCurrent(filePath);
      if (current !== null && !options.replaceInvalid && !isJsonText(current.text)) {
        throw new DesignFileError(
          'CORRUPT_TARGET',
          `Not saved: ${filePath} exists and its content is not valid JSON, so it was left untouched. ` +
            'Save under another name, or confirm that you want to replace it.',
        );
      }

      const tempPath = tempPathFor(filePath, 'save');
      const backupPath = backupPathFor(filePath);
      const backupTempPath = tempPathFor(backupPath, 'bak');
      try {
        await writeDurably(fs, tempPath, text, current?.mode ?? 0o666);
        if (current !== null) {
          // Keep the previous version; written through a temp file too so a crash never leaves a torn .bak.
          await fs.copyFile(filePath, backupTempPath);
          await fs.rename(backupTempPath, backupPath);
        }
        await fs.rename(tempPath, filePath);
      } catch (error) {
        await removeQuietly(fs, tempPath);
        await removeQuietly(fs, backupTempPath);
        if (error instanceof DesignFileError) throw error;
        throw new DesignFileError('IO_ERROR', `Cannot save ${filePath}: ${describeFsError(error)}`, { cause: error });
      }
      await syncDirectory(fs, path.dirname(filePath));
    },
  };
}
