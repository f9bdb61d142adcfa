import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import {
  BackupFileSchema,
  BackupKeySchema,
  MAX_DESIGN_TEXT_LENGTH,
  type Backup,
  type BackupFile,
  type BackupList,
  type BackupProblem,
} from '../../shared/ipc/contract';
import { formatIssuePath } from '../../shared/ipc/result';
import { DesignFileError, describeFsError, errnoCode, writeFileAtomically, type DesignFs } from '../files/designFiles';

/**
 * Hot-exit backups (as VS Code keeps them): while a document has unsaved changes the renderer sends its text here,
 * debounced; each document has one file, `<userData>/backups/<key>.json`, written atomically. A backup is removed
 * when its document is saved or its changes discarded; whatever is left at the next start is offered back.
 *
 * Plain Node. Unreadable backups are reported with their file and reason and left on disk (never deleted, never
 * a reason for start-up to fail).
 */

export const BACKUPS_FOLDER = 'backups';

export type BackupFsOps = DesignFs & Pick<typeof nodeFs, 'mkdir' | 'readdir'>;

export interface BackupService {
  readonly dir: string;
  write(request: { key: string; path?: string | undefined; text: string }): Promise<{ savedAt: string }>;
  discard(key: string): Promise<void>;
  list(): Promise<BackupList>;
}

export interface BackupServiceOptions {
  /** `<userData>/backups`. */
  readonly dir: string;
  readonly fs?: BackupFsOps;
  readonly now?: () => Date;
}

/** Backup files are read back in full: refuse anything far bigger than the largest allowed design text. */
const MAX_BACKUP_FILE_BYTES = MAX_DESIGN_TEXT_LENGTH + 64 * 1024;

export function backupsDirFor(userDataDir: string): string {
  return path.join(userDataDir, BACKUPS_FOLDER);
}

export function createBackupService({ dir, fs = nodeFs, now = () => new Date() }: BackupServiceOptions): BackupService {
  const fileFor = (key: string) => {
    // The schema already restricts keys to [A-Za-z0-9_-]; checked again here because this builds a path.
    const parsed = BackupKeySchema.safeParse(key);
    if (!parsed.success) throw new DesignFileError('IO_ERROR', `Invalid backup key ${JSON.stringify(key)}`);
    return path.join(dir, `${parsed.data}.json`);
  };

  async function readBackup(file: string, key: string): Promise<Backup | BackupProblem> {
    const problem = (reason: string): BackupProblem => ({
      file,
      message: `The backup ${file} cannot be restored: ${reason}. It was left on disk.`,
    });
    let text: string;
    try {
      const stats = await fs.stat(file);
      if (!stats.isFile()) return problem('it is not a file');
      if (stats.size > MAX_BACKUP_FILE_BYTES) return problem(`it is larger than ${MAX_BACKUP_FILE_BYTES} bytes`);
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      return problem(describeFsError(error));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return problem('it is not valid JSON');
    }
    const parsed = BackupFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return problem(`${issue ? formatIssuePath(issue.path) : '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    const backup: BackupFile = parsed.data;
    return { key, ...(backup.path === undefined ? {} : { path: backup.path }), savedAt: backup.savedAt, text: backup.text };
  }

  return {
    dir,

    async write({ key, path: documentPath, text }) {
      const file = fileFor(key);
      const savedAt = now().toISOString();
      const content: BackupFile = { version: 1, ...(documentPath === undefined ? {} : { path: documentPath }), savedAt, text };
      try {
        await fs.mkdir(dir, { recursive: true, mode: 0o700 });
        await writeFileAtomically(file, JSON.stringify(content), fs);
      } catch (error) {
        throw new DesignFileError('IO_ERROR', `Cannot write the backup ${file}: ${describeFsError(error)}`, { cause: error });
      }
      return { savedAt };
    },

    async discard(key) {
      const file = fileFor(key);
      try {
        await fs.unlink(file);
      } catch (error) {
        if (errnoCode(error) === 'ENOENT') return;
        throw new DesignFileError('IO_ERROR', `Cannot remove the backup ${file}: ${describeFsError(error)}`, { cause: error });
      }
    },

    async list() {
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch (error) {
        if (errnoCode(error) === 'ENOENT') return { backups: [], problems: [] };
        return { backups: [], problems: [{ file: dir, message: `The backups folder ${dir} cannot be read: ${describeFsError(error)}.` }] };
      }
      const backups: Backup[] = [];
      const problems: BackupProblem[] = [];
      for (const name of names.sort()) {
        // Temp files of an interrupted write start with "." (see writeFileAtomically): never read back.
        if (name.startsWith('.') || !name.endsWith('.json')) continue;
        const file = path.join(dir, name);
        const key = name.slice(0, -'.json'.length);
        if (!BackupKeySchema.safeParse(key).success) {
          problems.push({ file, message: `The backup ${file} cannot be restored: its name is not a backup key. It was left on disk.` });
          continue;
        }
        const result = await readBackup(file, key);
        if ('key' in result) backups.push(result);
        else problems.push(result);
      }
      backups.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
      return { backups, problems };
    },
  };
}
