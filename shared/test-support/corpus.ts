import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/corpus beside the repository checkout (public sample files; never copied into the repo). */
export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

export function corpusFiles(sub: 'taskdefs' | 'compose' | 'cloudformation'): { name: string; path: string; text: string }[] {
  const dir = join(CORPUS_DIR, sub);
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((name) => ({ name, path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}
