import * as nodeFs from 'node:fs/promises';
import path from 'node:path';

/**
 * Everything the CLI touches outside itself. `run()` receives one of these, so tests run commands in-process
 * with captured output and a temp directory; `main.ts` passes the real process streams.
 */
export type CliIo = {
  /** Writes a chunk to standard output (chunks carry their own newlines). */
  stdout(s: string): void;
  /** Writes a chunk to standard error. */
  stderr(s: string): void;
  /** Directory that relative paths on the command line are resolved against. */
  cwd: string;
  /** Environment (ECS_DESIGNER_DEBUG); defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Terminal width for help text; 80 when absent. */
  columns?: number;
  /** File-system operations to replace (tests inject failures); the rest use node:fs/promises. */
  fs?: Partial<CliFs>;
};

/** The file-system operations the CLI uses. Paths are absolute. Errors are Node errors with a `code`. */
export type CliFs = {
  /** UTF-8 text of a file. */
  readFile(file: string): Promise<string>;
  /**
   * Writes a whole file. `overwrite: false` fails with EEXIST if the file exists (checked atomically);
   * `overwrite: true` replaces it atomically (temp file in the same folder, then rename), so a failed write
   * never leaves a half-written file behind.
   */
  writeFile(file: string, data: string, opts: { overwrite: boolean }): Promise<void>;
  /** Creates a directory and its parents; no error if it exists. */
  mkdirp(dir: string): Promise<void>;
  /** Whether anything exists at the path. */
  exists(file: string): Promise<boolean>;
};

export const nodeCliFs: CliFs = {
  readFile: (file) => nodeFs.readFile(file, 'utf8'),
  async writeFile(file, data, { overwrite }) {
    if (!overwrite) {
      try {
        await nodeFs.writeFile(file, data, { encoding: 'utf8', flag: 'wx' });
      } catch (e) {
        // Remove what a failed write (disk full…) left, but never a file that was there before (EEXIST).
        if (errorCode(e) !== 'EEXIST') await nodeFs.rm(file, { force: true }).catch(() => undefined);
        throw e;
      }
      return;
    }
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    try {
      await nodeFs.writeFile(temp, data, { encoding: 'utf8', flag: 'wx' });
      await nodeFs.rename(temp, file);
    } catch (e) {
      await nodeFs.rm(temp, { force: true }).catch(() => undefined);
      throw e;
    }
  },
  async mkdirp(dir) {
    await nodeFs.mkdir(dir, { recursive: true });
  },
  async exists(file) {
    try {
      await nodeFs.lstat(file);
      return true;
    } catch (e) {
      if (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR') return false;
      throw e;
    }
  },
};

export function errorCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string') return (e as { code: string }).code;
  return undefined;
}

const IO_ERROR_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'it already exists',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the file name is too long',
  ELOOP: 'too many symbolic links',
  EBUSY: 'the file is busy',
};

/** A one-line, stack-free description of a file-system error. */
export function describeIoError(e: unknown): string {
  const code = errorCode(e);
  if (code !== undefined && IO_ERROR_TEXT[code] !== undefined) return IO_ERROR_TEXT[code];
  const message = e instanceof Error ? e.message : String(e);
  return (message.split('\n')[0] ?? message).trim();
}
