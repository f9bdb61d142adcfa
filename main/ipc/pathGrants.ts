import path from 'node:path';

/**
 * Files the renderer may read or write: those the user chose in a native dialog during this session (or that main
 * granted, e.g. a path from the command line), plus the recent-files list. A compromised renderer therefore
 * cannot read or overwrite arbitrary files through `design:read` / `design:save`.
 */
export interface PathGrants {
  grant(filePath: string): void;
  has(filePath: string): boolean;
}

export function createPathGrants(platform: NodeJS.Platform = process.platform): PathGrants {
  const key = (p: string) => {
    const resolved = path.resolve(p);
    return platform === 'linux' ? resolved : resolved.toLowerCase();
  };
  const granted = new Set<string>();
  return {
    grant: (filePath) => void granted.add(key(filePath)),
    has: (filePath) => granted.has(key(filePath)),
  };
}
