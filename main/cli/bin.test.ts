import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from './testkit';

const exec = promisify(execFile);

/** Runs a Node script as a child process; resolves with its exit code and output (never rejects on exit code). */
async function node(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, args, { cwd, env: { ...process.env, ECS_DESIGNER_DEBUG: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

let dir: string;
let cleanup: () => Promise<void>;

describe('the packaged CLI (bin/ecs-designer.mjs → dist/cli/ecs-designer.mjs)', () => {
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    const build = await node([path.join(REPO_ROOT, 'scripts/build-cli.mjs')], REPO_ROOT);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await cleanup();
  });

  it('validate on a task definition with an unknown property prints the path and exits 1', async () => {
    await writeFile(
      path.join(dir, 'td.json'),
      JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx', imagePullPolicy: 'Always' }] }, null, 2),
    );
    await writeFile(path.join(dir, 'broken.json'), '{\n  "family": "web"\n  "cpu": "256"\n}\n');
    const r = await node([path.join(REPO_ROOT, 'bin/ecs-designer.mjs'), 'validate', 'td.json', 'broken.json'], dir);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      expect.stringMatching(/^td\.json:\/containerDefinitions\/0\/imagePullPolicy: error schema\/unknown-property: /),
      expect.stringMatching(/^broken\.json: error input\/invalid-json: not valid JSON: .*\(line 3, column 3\)$/),
      '2 errors, 0 warnings, 0 info in 2 files',
      '',
    ]);
    expect(r.code).toBe(1);
  });

  it('without the bundle, the bin says to run npm run build:cli and exits 2', async () => {
    await mkdir(path.join(dir, 'pkg/bin'), { recursive: true });
    await copyFile(path.join(REPO_ROOT, 'bin/ecs-designer.mjs'), path.join(dir, 'pkg/bin/ecs-designer.mjs'));
    const r = await node([path.join(dir, 'pkg/bin/ecs-designer.mjs'), '--version'], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'ecs-designer: the CLI is not built yet; run "npm run build:cli" first\n' });
  });
});
