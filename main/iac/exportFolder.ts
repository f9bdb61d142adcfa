import * as fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../files/designFiles';

/** One file to write, its path relative to the chosen folder (forward slashes, validated by the IPC contract). */
export interface ExportFile {
  readonly path: string;
  readonly text: string;
}

export type ExportFolderResult =
  | { readonly dir: string; readonly written: readonly string[]; readonly existing: readonly string[] }
  | { readonly error: string };

/** The first path that repeats an earlier one (case-insensitively: they would collide on macOS and Windows), or null. */
export function duplicateExportPath(files: readonly ExportFile[]): string | null {
  const seen = new Set<string>();
  for (const f of files) {
    const key = f.path.toLowerCase();
    if (seen.has(key)) return f.path;
    seen.add(key);
  }
  return null;
}

/** The absolute target of a relative export path, or null when it would leave `dir`. */
export function exportTarget(dir: string, relative: string): string | null {
  const target = path.resolve(dir, ...relative.split('/'));
  return target.startsWith(dir + path.sep) ? target : null;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes generated files into a folder the user chose. Never overwrites silently: unless `replace` is set, when
 * any target exists nothing is written and the existing paths are reported (the caller asks the user, then calls
 * again with `replace`). Each file is written atomically; sub-folders (e.g. `bin/`, `lib/`) are created.
 */
export async function writeExportFolder(dirPath: string, files: readonly ExportFile[], replace: boolean): Promise<ExportFolderResult> {
  const dir = path.resolve(dirPath);
  const duplicate = duplicateExportPath(files);
  if (duplicate !== null) return { error: `two files are both named ${duplicate}` };
  const targets: string[] = [];
  for (const f of files) {
    const target = exportTarget(dir, f.path);
    if (target === null) return { error: `${f.path} is not inside the chosen folder` };
    targets.push(target);
  }
  if (!replace) {
    const existing: string[] = [];
    for (let i = 0; i < files.length; i++) if (await exists(targets[i]!)) existing.push(files[i]!.path);
    if (existing.length > 0) return { dir, written: [], existing };
  }
  for (let i = 0; i < files.length; i++) {
    const target = targets[i]!;
    await fs.mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomically(target, files[i]!.text, undefined, 0o644);
  }
  return { dir, written: files.map((f) => f.path), existing: [] };
}
