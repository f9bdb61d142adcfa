/**
 * CLI benchmark (prints figures; nothing asserts them). Run: npx tsx scripts/bench-cli.ts [--runs N]
 *
 * Times the `ecs-designer` command as a user runs it, from process start to exit (node start, loading the bundle,
 * reading the design, the command, writing files), median and min of N runs (default 7) each:
 *   - `--help` (start-up alone);
 *   - `validate` and `export --format terraform` of a pattern design (web-service, 21 resources);
 *   - `validate` and `export --format terraform` of the 1,000-service design of the IaC benchmark.
 * The CLI is built first (scripts/build-cli.mjs), as `npm install` builds it. Start-up is what most commands of a CI
 * pipeline pay: the AWS SDK is loaded only by the commands that call AWS (main/deploy/engineApi.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeDesign } from '../shared/model/document';
import { serviceDesign } from '../shared/rules/testing/designs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/ecs-designer.mjs');
const arg = process.argv.indexOf('--runs');
const runs = arg > 0 ? Number(process.argv[arg + 1]) : 7;
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${process.argv[arg + 1]}: expected a whole number of runs`);

/** Runs a program to its end; throws with its stderr when it fails. */
function exec(file: string, args: string[], cwd: string): void {
  // NODE_OPTIONS emptied: the options timed are the bin's own. This node first on PATH: the shebang's `env node`.
  const env = { ...process.env, NODE_OPTIONS: '', PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}` };
  const r = spawnSync(file, args, { cwd, encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`bench-cli: ${file} ${args.join(' ')} failed (exit ${String(r.status)}):\n${r.stderr}`);
}
const node = (args: string[], cwd: string) => exec(process.execPath, args, cwd);

node([path.join(root, 'scripts/build-cli.mjs')], root);
const dir = mkdtempSync(path.join(tmpdir(), 'bench-cli-'));
try {
  node([bin, 'new', '-p', 'web-service', '-o', 'web.ecsd.json'], dir);
  writeFileSync(path.join(dir, 'large.ecsd.json'), serializeDesign(serviceDesign(1000)));
  const steps: [string, string[]][] = [
    ['--help', ['--help']],
    ['validate (pattern)', ['validate', 'web.ecsd.json']],
    ['export terraform (pattern)', ['export', 'web.ecsd.json', '--format', 'terraform', '-o', 'out-web']],
    ['validate (1,000 services)', ['validate', 'large.ecsd.json']],
    ['export terraform (1,000 services)', ['export', 'large.ecsd.json', '--format', 'terraform', '-o', 'out-large']],
  ];
  console.log(`ecs-designer, process start to exit; node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${runs} runs each\n`);
  console.log(`${'command'.padEnd(36)}${'min'.padStart(8)}${'median'.padStart(8)}`);
  for (const [label, args] of steps) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      // The bin itself, as a shell runs it: its shebang starts node with the V8 flags the CLI runs with.
      exec(bin, args, dir);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${label.padEnd(36)}${times[0]!.toFixed(0).padStart(8)}${times[Math.floor(times.length / 2)]!.toFixed(0).padStart(8)}`);
  }
  console.log('\n(milliseconds)');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
