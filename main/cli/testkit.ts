import { afterEach, beforeEach } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './index';
import type { CliIo } from './io';

/** ../shared/corpus beside the repository checkout (public sample files, never copied into the repo). */
export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type CliRun = { code: number; stdout: string; stderr: string };

/** Runs the CLI in-process with captured output. */
export async function cli(argv: string[], opts: { cwd: string } & Partial<Omit<CliIo, 'stdout' | 'stderr' | 'cwd'>>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    ...opts,
    env: opts.env ?? {},
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  return { code, stdout, stderr };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecsd-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Non-empty lines of a text. */
export function lines(s: string): string[] {
  return s.split('\n').filter((l) => l !== '');
}

/** A fresh temp folder for each test of the calling file, removed afterwards; `onCreate` receives its path. */
export function useTempDir(onCreate: (dir: string) => void): void {
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    onCreate(t.dir);
  });
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });
}
