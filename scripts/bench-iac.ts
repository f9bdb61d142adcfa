/**
 * Infrastructure-as-code benchmark (prints figures; nothing asserts them).
 * Run: npx tsx scripts/bench-iac.ts [--quick] [--one-process]
 *
 * A design of 1,000 Fargate services, each with a task definition of 3 containers, task and execution roles, a
 * log group, an ECR repository, a secret, a target group behind a listener and auto scaling
 * (shared/rules/testing/designs.ts, the validation benchmark's design). It times
 *   - buildResourceGraph alone (design → resource IR);
 *   - each export format end to end from the design (graph + renderer): CloudFormation YAML, CloudFormation JSON,
 *     Terraform, CDK;
 * printing the first (cold) run, then min / median / p95 of warm runs. Goal: under 200 ms per format (median).
 *
 * How it measures:
 *   - The code timed is the code that ships: this file is bundled with esbuild the way the CLI is
 *     (scripts/build-cli.mjs), not run through tsx, whose transform wraps every function made at run time in a
 *     `__name` call that the shipped bundles do not have (about 5–10% of an export).
 *   - Each step runs in a process of its own, as an export from the CLI does: run in one process after another, a
 *     step also paid for the collection of the previous steps' garbage (the formats timed last were 20–25% slower
 *     than alone). `--one-process` runs every step in this process, one after another, to compare.
 *   - Those processes get the V8 options the CLI and the app's renderer run with (main/runtime/v8Flags.ts: a larger
 *     young generation). The same steps are then timed again under V8's defaults and printed below, for
 *     comparison; `--quick` skips that second table.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildResourceGraph } from '../shared/iac/build';
import { renderIac, stackNameOf } from '../shared/iac/index';
import { V8_FLAGS } from '../main/runtime/v8Flags';
import { serviceDesign } from '../shared/rules/testing/designs';

const quick = process.argv.includes('--quick');
const SERVICES = quick ? 100 : 1000;
const RUNS = quick ? 5 : 15;
const GOAL_MS = 200;

const STEP_NAMES = ['resource graph', 'cloudformation (yaml)', 'cloudformation (json)', 'terraform', 'cdk'] as const;
type StepName = (typeof STEP_NAMES)[number];

interface StepResult {
  name: StepName;
  cold: number;
  warm: number[];
  size: number;
}

function stats(xs: number[]): { min: number; median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { min: s[0]!, median: at(0.5), p95: at(0.95) };
}

const ms = (x: number) => x.toFixed(1).padStart(8);

function time<T>(f: () => T): [number, T] {
  const t0 = performance.now();
  const r = f();
  return [performance.now() - t0, r];
}

/** Times one step: a cold run, then RUNS warm runs. */
function runStep(name: StepName): StepResult {
  const design = serviceDesign(SERVICES);
  const stackName = stackNameOf(design);
  const text = (files: { contents: string }[]) => files.reduce((n, f) => n + f.contents.length, 0);
  const steps: Record<StepName, () => number> = {
    'resource graph': () => buildResourceGraph(design).resources.length,
    'cloudformation (yaml)': () => text(renderIac(buildResourceGraph(design), 'cloudformation', { cfnFormat: 'yaml', stackName })),
    'cloudformation (json)': () => text(renderIac(buildResourceGraph(design), 'cloudformation', { cfnFormat: 'json', stackName })),
    terraform: () => text(renderIac(buildResourceGraph(design), 'terraform', { stackName })),
    cdk: () => text(renderIac(buildResourceGraph(design), 'cdk', { stackName })),
  };
  const run = steps[name];
  const [cold, size] = time(run);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(time(run)[0]);
  return { name, cold, warm, size };
}

/** Bundles this file (as scripts/build-cli.mjs bundles the CLI) and runs each step in a node process of its own, once per set of node options. */
async function runStepsApart(flagSets: readonly (readonly string[])[]): Promise<StepResult[][]> {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-iac-'));
  try {
    const bundle = path.join(dir, 'bench-iac.mjs');
    await esbuild.build({
      entryPoints: [fileURLToPath(import.meta.url)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'warning',
      // esbuild (a devDependency) stays outside the bundle: only the parent process loads it.
      external: ['esbuild'],
    });
    return flagSets.map((flags) =>
      STEP_NAMES.map((name) => {
        // NODE_OPTIONS emptied: the options timed are exactly these.
        const child = spawnSync(process.execPath, [...flags, bundle, '--step', name, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
        if (child.status !== 0) throw new Error(`bench-iac: step "${name}" failed (exit ${String(child.status)}):\n${child.stderr}`);
        return JSON.parse(child.stdout) as StepResult;
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printResults(results: StepResult[], heading: string): void {
  console.log(`\n${heading}\n`);
  console.log(`${'step'.padEnd(28)}${'cold'.padStart(8)}${'min'.padStart(8)}${'median'.padStart(8)}${'p95'.padStart(8)}  output`);
  let over = 0;
  for (const r of results) {
    const s = stats(r.warm);
    const isGraph = r.name === 'resource graph';
    const flag = !isGraph && s.median > GOAL_MS ? `  over the ${GOAL_MS} ms goal` : '';
    if (flag) over++;
    console.log(`${r.name.padEnd(28)}${ms(r.cold)}${ms(s.min)}${ms(s.median)}${ms(s.p95)}  ${r.size.toLocaleString('en')} ${isGraph ? 'resources' : 'characters'}${flag}`);
  }
  console.log(`\n(milliseconds; each format timed from the design: graph + renderer)`);
  if (!quick) console.log(over === 0 ? `every format under the ${GOAL_MS} ms goal (median)` : `${over} format(s) over the ${GOAL_MS} ms goal (median)`);
}

const stepArg = process.argv.indexOf('--step');
if (stepArg >= 0) {
  const name = process.argv[stepArg + 1] as StepName;
  if (!STEP_NAMES.includes(name)) throw new Error(`bench-iac: unknown step "${String(name)}" (one of: ${STEP_NAMES.join(', ')})`);
  process.stdout.write(JSON.stringify(runStep(name)));
} else {
  const design = serviceDesign(SERVICES);
  console.log(`IaC export of ${SERVICES.toLocaleString('en')} services (${design.nodes.length.toLocaleString('en')} nodes, ${design.edges.length.toLocaleString('en')} edges)`);
  console.log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS} warm runs each`);
  const graph = buildResourceGraph(design);
  console.log(`resource graph: ${graph.resources.length} resources, ${graph.parameters.length} parameters, ${graph.outputs.length} outputs`);
  if (process.argv.includes('--one-process')) {
    printResults(STEP_NAMES.map(runStep), `every step in this process, one after another (node options: ${process.execArgv.join(' ') || 'none'})`);
  } else {
    const [shipped, defaults] = await runStepsApart(quick ? [V8_FLAGS] : [V8_FLAGS, []]);
    printResults(shipped!, `each step in a node process of its own, code bundled and run as shipped (node ${V8_FLAGS.join(' ')}, as the CLI and the app's renderer run)`);
    if (defaults) printResults(defaults, 'the same under V8\'s default options (for comparison)');
  }
}
