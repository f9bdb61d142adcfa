/**
 * Synthesizes generated CDK apps offline with this repository's aws-cdk-lib, then lints the templates with
 * cfn-lint (test helpers). Several apps are checked in one go: one `tsc --noEmit` over all of them (strict, with
 * the generated tsconfig), one tsx process running each `bin/app.ts` with its own `CDK_OUTDIR`, one cfn-lint run.
 * A missing tool is an error naming how to install it, never a skip.
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { GeneratedFile } from '../../shared/iac/ir';
import { REPO_ROOT } from './hcl2json';

const run = promisify(execFile);

export interface CdkApp {
  /** Directory name of the app (letters, digits, hyphens). */
  readonly name: string;
  /** Stack name the app was rendered with (its template is `<stackName>.template.json`). */
  readonly stackName: string;
  readonly files: readonly GeneratedFile[];
}

export interface CfnTemplateJson {
  readonly Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  readonly Parameters?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
}

export interface CfnLintFinding {
  readonly level: string;
  readonly rule: string;
  readonly message: string;
  readonly file: string;
  readonly path: readonly (string | number)[];
}

async function exec(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(cmd, args, { ...opts, maxBuffer: 256 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number | string; message: string };
    if (e.code === 'ENOENT') throw new Error(`${cmd} is not installed (${e.message})`);
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? e.message, code: typeof e.code === 'number' ? e.code : 1 };
  }
}

/**
 * Writes the apps under a temporary root, typechecks them with tsc (strict, the generated tsconfig) and synthesizes
 * each; returns each app's CloudFormation template by app name. Throws with tsc's / the app's output on failure.
 */
export async function synthCdkApps(apps: readonly CdkApp[]): Promise<{ root: string; templates: Map<string, CfnTemplateJson>; templatePaths: Map<string, string>; cleanup: () => Promise<void> }> {
  const tsc = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  for (const tool of [tsc, tsx]) if (!existsSync(tool)) throw new Error(`${tool} is missing; run npm ci`);
  if (!existsSync(path.join(REPO_ROOT, 'node_modules', 'aws-cdk-lib'))) throw new Error('aws-cdk-lib is not installed; run npm ci');

  const root = await mkdtemp(path.join(os.tmpdir(), 'ecsd-cdk-'));
  const cleanup = (): Promise<void> => rm(root, { recursive: true, force: true });
  try {
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    for (const app of apps) {
      if (!/^[A-Za-z0-9-]+$/.test(app.name)) throw new Error(`CDK app name "${app.name}" must be letters, digits and hyphens`);
      for (const f of app.files) {
        const file = path.join(root, app.name, f.path);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, f.contents);
      }
    }
    const first = apps[0];
    if (first === undefined) throw new Error('no CDK apps to synthesize');
    // One strict typecheck over every app, with the compiler options the generated tsconfig.json sets.
    await writeFile(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({ extends: `./${first.name}/tsconfig.json`, include: apps.flatMap((a) => [`${a.name}/bin/**/*.ts`, `${a.name}/lib/**/*.ts`]) }),
    );
    const typecheck = await exec(tsc, ['-p', root, '--noEmit'], { cwd: root });
    if (typecheck.code !== 0) throw new Error(`tsc rejected the generated CDK app(s):\n${typecheck.stdout}${typecheck.stderr}`);

    const driver = apps
      .map(
        (a) =>
          `process.env.CDK_OUTDIR = ${JSON.stringify(path.join(root, a.name, 'cdk.out'))};\nawait import(${JSON.stringify(`./${a.name}/bin/app.ts`)});`,
      )
      .join('\n');
    await writeFile(path.join(root, 'synth.mts'), `${driver}\n`);
    const synth = await exec(tsx, [path.join(root, 'synth.mts')], { cwd: root, env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } });
    if (synth.code !== 0) throw new Error(`synthesizing the CDK app(s) failed:\n${synth.stdout}${synth.stderr}`);

    const templates = new Map<string, CfnTemplateJson>();
    const templatePaths = new Map<string, string>();
    for (const a of apps) {
      const file = path.join(root, a.name, 'cdk.out', `${a.stackName}.template.json`);
      templatePaths.set(a.name, file);
      templates.set(a.name, JSON.parse(await readFile(file, 'utf8')) as CfnTemplateJson);
    }
    return { root, templates, templatePaths, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Runs cfn-lint (pinned in .ci/run) on the templates; returns every finding. */
export async function cfnLint(templatePaths: readonly string[]): Promise<CfnLintFinding[]> {
  if (templatePaths.length === 0) return [];
  const res = await exec('cfn-lint', ['--format', 'json', '--', ...templatePaths], { cwd: REPO_ROOT }).catch((err: unknown) => {
    throw new Error(`cfn-lint is not available (pip install cfn-lint==1.51.0): ${String(err)}`);
  });
  // cfn-lint exits 0 (clean), 2 (errors), 4 (warnings), 8 (informational) or a sum of those; anything else is a failure.
  if (res.code > 14 || res.code === 1) throw new Error(`cfn-lint failed (exit ${res.code}):\n${res.stderr}`);
  const raw = JSON.parse(res.stdout === '' ? '[]' : res.stdout) as {
    Level: string;
    Message: string;
    Filename: string;
    Rule: { Id: string };
    Location: { Path: (string | number)[] };
  }[];
  return raw.map((f) => ({ level: f.Level, rule: f.Rule.Id, message: f.Message, file: f.Filename, path: f.Location.Path }));
}
