import * as fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Serving the built renderer (out/renderer) by URL path, shared by the app:// protocol handler and the e2e
 * static server. Paths that escape the root (`..`, encoded `%2e%2e`, absolute, NUL, symlinks pointing outside)
 * are refused.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Maps a URL pathname (still percent-encoded, as in `new URL(...).pathname`) to a file inside `root`,
 * or `null` if it would leave `root`. `/` maps to `/index.html`.
 */
export function resolveStaticPath(root: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (!decoded.startsWith('/')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const resolvedRoot = path.resolve(root);
  const candidate = path.resolve(resolvedRoot, relative);
  return isInside(resolvedRoot, candidate) ? candidate : null;
}

export interface StaticResponse {
  readonly status: 200 | 403 | 404;
  readonly contentType: string;
  readonly body: Buffer;
}

const notFound: StaticResponse = { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('Not found') };
const forbidden: StaticResponse = { status: 403, contentType: 'text/plain; charset=utf-8', body: Buffer.from('Forbidden') };

/** Reads the file for a URL path under `root`, refusing traversal and symlinks that lead outside `root`. */
export async function readStaticFile(root: string, urlPathname: string): Promise<StaticResponse> {
  const candidate = resolveStaticPath(root, urlPathname);
  if (candidate === null) return forbidden;
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await fs.realpath(root);
    realFile = await fs.realpath(candidate);
  } catch {
    return notFound;
  }
  if (!isInside(realRoot, realFile)) return forbidden;
  try {
    const stats = await fs.stat(realFile);
    if (!stats.isFile()) return notFound;
    return { status: 200, contentType: contentTypeFor(realFile), body: await fs.readFile(realFile) };
  } catch {
    return notFound;
  }
}
