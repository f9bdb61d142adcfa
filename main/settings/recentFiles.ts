import path from 'node:path';
import { MAX_RECENT_FILES } from '../../shared/ipc/contract';

function sameFile(a: string, b: string, platform: NodeJS.Platform): boolean {
  // Windows and (by default) macOS file systems are case-insensitive.
  return platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** Puts `filePath` first, removes its older entry, keeps at most MAX_RECENT_FILES. */
export function addRecentFile(
  list: readonly string[],
  filePath: string,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const normalized = path.resolve(filePath);
  return [normalized, ...list.filter((p) => !sameFile(p, normalized, platform))].slice(0, MAX_RECENT_FILES);
}

export function removeRecentFile(
  list: readonly string[],
  filePath: string,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const normalized = path.resolve(filePath);
  return list.filter((p) => !sameFile(p, normalized, platform));
}

export function includesFile(
  list: readonly string[],
  filePath: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  const normalized = path.resolve(filePath);
  return list.some((p) => sameFile(p, normalized, platform));
}
