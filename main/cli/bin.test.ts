import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
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

  /** A bundle file and the chunks it imports, transitively: statically (`from "./…"`) or also by import("./…"). */
  async function closure(file: string, dynamic: boolean): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    const pending = [file];
    while (pending.length > 0) {
      const f = pending.pop()!;
      if (files.has(f)) continue;
      const text = await readFile(f, 'utf8');
      files.set(f, text);
      const pattern = dynamic ? /(?:\bfrom\s*|^import\s*|\bimport\()"(\.[^"]+)"/gm : /(?:\bfrom\s*|^import\s*)"(\.[^"]+)"/gm;
      for (const m of text.matchAll(pattern)) pending.push(path.resolve(path.dirname(f), m[1]!));
    }
    return files;
  }
  /** Files of a closure that hold bundled AWS SDK modules (esbuild marks each bundled module with its path). */
  const withSdk = (files: Map<string, string>) => [...files].filter(([, text]) => text.includes('// node_modules/@aws-sdk/')).map(([f]) => path.basename(f));

  it('every start loads no AWS SDK: only deploy, destroy, status and import --from-aws load it, when they run', async () => {
    const entry = path.join(REPO_ROOT, 'dist/cli/ecs-designer.mjs');
    expect(withSdk(await closure(entry, false))).toEqual([]);
    // The marker looked for is there in the chunks loaded on demand.
    expect(withSdk(await closure(entry, true)).length).toBeGreaterThan(0);
  });

  it('status loads the deploy engine when it runs: its check of the endpoint answers', async () => {
    const created = await node([path.join(REPO_ROOT, 'bin/ecs-designer.mjs'), 'new', '-p', 'web-service', '-o', 'web.ecsd.json'], dir);
    expect(created.code).toBe(0);
    const r = await node([path.join(REPO_ROOT, 'bin/ecs-designer.mjs'), 'status', 'web.ecsd.json', '--region', 'eu-west-1', '--endpoint-url', 'ftp://127.0.0.1'], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: endpoint-url: "ftp://127.0.0.1" must be an http:// or https:// URL\n' });
  });

  it('without the bundle, the bin says to run npm run build:cli and exits 2', async () => {
    await mkdir(path.join(dir, 'pkg/bin'), { recursive: true });
    await copyFile(path.join(REPO_ROOT, 'bin/ecs-designer.mjs'), path.join(dir, 'pkg/bin/ecs-designer.mjs'));
    const r = await node([path.join(dir, 'pkg/bin/ecs-designer.mjs'), '--version'], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'ecs-designer: the CLI is not built yet; run "npm run build:cli" first\n' });
  });
});
