/**
 * Infrastructure-as-code benchmark (prints figures; nothing asserts them). Run: npx tsx scripts/bench-iac.ts [--quick]
 *
 * A design of 1,000 Fargate services, each with a task definition of 3 containers, task and execution roles, a
 * log group, an ECR repository, a secret, a target group behind a listener and auto scaling
 * (shared/rules/testing/designs.ts, the validation benchmark's design). It times
 *   - buildResourceGraph alone (design → resource IR);
 *   - each export format end to end from the design (graph + renderer): CloudFormation YAML, CloudFormation JSON,
 *     Terraform, CDK;
 * printing the first (cold) run, then min / median / p95 of warm runs. Goal: under 200 ms per format (median).
 */
import { cpus, loadavg } from 'node:os';
import { buildResourceGraph } from '../shared/iac/build';
import { renderIac, stackNameOf } from '../shared/iac/index';
import type { IrTemplate } from '../shared/iac/ir';
import { serviceDesign } from '../shared/rules/testing/designs';

const quick = process.argv.includes('--quick');
const SERVICES = quick ? 100 : 1000;
const RUNS = quick ? 5 : 15;
const GOAL_MS = 200;

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

const design = serviceDesign(SERVICES);
const stackName = stackNameOf(design);
console.log(`IaC export of ${SERVICES.toLocaleString('en')} services (${design.nodes.length.toLocaleString('en')} nodes, ${design.edges.length.toLocaleString('en')} edges)`);
console.log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS} warm runs each`);

const [, graph] = time(() => buildResourceGraph(design));
const summary = (t: IrTemplate) => `${t.resources.length} resources, ${t.parameters.length} parameters, ${t.outputs.length} outputs`;
console.log(`resource graph: ${summary(graph)}\n`);
console.log(`${'step'.padEnd(28)}${'cold'.padStart(8)}${'min'.padStart(8)}${'median'.padStart(8)}${'p95'.padStart(8)}  output`);

type Step = { name: string; run: () => number };
const text = (files: { contents: string }[]) => files.reduce((n, f) => n + f.contents.length, 0);
const steps: Step[] = [
  { name: 'resource graph', run: () => buildResourceGraph(design).resources.length },
  { name: 'cloudformation (yaml)', run: () => text(renderIac(buildResourceGraph(design), 'cloudformation', { cfnFormat: 'yaml', stackName })) },
  { name: 'cloudformation (json)', run: () => text(renderIac(buildResourceGraph(design), 'cloudformation', { cfnFormat: 'json', stackName })) },
  { name: 'terraform', run: () => text(renderIac(buildResourceGraph(design), 'terraform', { stackName })) },
  { name: 'cdk', run: () => text(renderIac(buildResourceGraph(design), 'cdk', { stackName })) },
];

let over = 0;
for (const step of steps) {
  const [cold, size] = time(step.run);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(time(step.run)[0]);
  const s = stats(warm);
  const unit = step.name === 'resource graph' ? 'resources' : 'characters';
  const flag = step.name !== 'resource graph' && s.median > GOAL_MS ? `  over the ${GOAL_MS} ms goal` : '';
  if (flag) over++;
  console.log(`${step.name.padEnd(28)}${ms(cold)}${ms(s.min)}${ms(s.median)}${ms(s.p95)}  ${size.toLocaleString('en')} ${unit}${flag}`);
}
console.log(`\n(milliseconds; each format timed from the design: graph + renderer)`);
if (!quick) console.log(over === 0 ? `every format under the ${GOAL_MS} ms goal (median)` : `${over} format(s) over the ${GOAL_MS} ms goal (median)`);
