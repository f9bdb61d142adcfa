/**
 * Validation benchmark (prints figures; nothing asserts them). Run: npx tsx scripts/bench-validate.ts [--quick]
 *
 * Designs of 10 / 100 / 1,000 Fargate services, each with a task definition of 3 containers, task and execution
 * roles, a log group, an ECR repository, a secret, a target group behind a listener and auto scaling
 * (shared/rules/testing/designs.ts). For each size it prints
 *   - full validation (validateDesign, from scratch): the first (cold) run, then min / median / p95 of warm runs;
 *   - re-validation with an IncrementalValidator after a single property edit, over 200 edits of different
 *     kinds (container environment and cpu, task memory, service desired count, target group health check path,
 *     log group retention, node position): median / p95 / max;
 * and checks that the incremental result equals a full validation of the final design.
 */
import { cpus, loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { Design } from '../shared/model/document';
import type { DesignNode } from '../shared/model/nodes';
import { IncrementalValidator, validateDesign } from '../shared/rules/index';
import { serviceDesign } from '../shared/rules/testing/designs';

const quick = process.argv.includes('--quick');
const SIZES = [10, 100, 1000];
const EDITS = 200;

function stats(xs: number[]): { min: number; median: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { min: s[0]!, median: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(1)).padStart(7);

function replaceNode(design: Design, id: string, f: (n: DesignNode) => DesignNode): Design {
  const i = design.nodes.findIndex((n) => n.id === id);
  const nodes = design.nodes.slice();
  nodes[i] = f(design.nodes[i]!);
  return { ...design, nodes };
}

function withProps(n: DesignNode, patch: Record<string, unknown>): DesignNode {
  return { ...n, properties: { ...(n.properties as Record<string, unknown>), ...patch } } as DesignNode;
}

/** The k-th edit: a different kind of single-property edit on service k mod n. */
function edit(design: Design, k: number, n: number): Design {
  const s = `s${k % n}`;
  switch (k % 7) {
    case 0:
      return replaceNode(design, `${s}-app`, (c) => withProps(c, { environment: [{ name: 'PORT', value: '8080' }, { name: 'EDIT', value: String(k) }] }));
    case 1:
      return replaceNode(design, `${s}-sidecar`, (c) => withProps(c, { cpu: 64 + (k % 64) }));
    case 2:
      return replaceNode(design, `${s}-td`, (c) => withProps(c, { memory: k % 2 === 0 ? '2048' : '1024' }));
    case 3:
      return replaceNode(design, `${s}-service`, (c) => withProps(c, { desiredCount: 2 + (k % 8) }));
    case 4:
      return replaceNode(design, `${s}-tg`, (c) => withProps(c, { healthCheck: { path: `/health/${k}` } }));
    case 5:
      return replaceNode(design, `${s}-logs`, (c) => withProps(c, { retentionInDays: k % 2 === 0 ? 14 : 30 }));
    default:
      return replaceNode(design, `${s}-app`, (c) => ({ ...c, position: { x: c.position.x + 1, y: c.position.y } }));
  }
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

console.log(`ECS Designer validation benchmark (node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}${quick ? ', --quick' : ''})`);
console.log('Wall-clock times; "cpu" is the process CPU time of the same runs (less affected by other processes on a busy machine).\n');
console.log('services   nodes  edges | full: cold     min  median     p95  cpu min  cpu med (ms) | edit: median     p95     max (ms) | findings');
for (const n of SIZES) {
  const design = serviceDesign(n);
  const warm = quick ? 3 : n >= 1000 ? 10 : 30;
  const runs = quick ? 5 : n >= 1000 ? 30 : 100;

  let t = performance.now();
  const first = validateDesign(design);
  const cold = performance.now() - t;
  for (let i = 0; i < warm; i++) validateDesign(design);
  const fullTimes: number[] = [];
  const fullCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = cpuMs();
    t = performance.now();
    validateDesign(design);
    fullTimes.push(performance.now() - t);
    fullCpu.push(cpuMs() - c);
  }

  const validator = new IncrementalValidator();
  validator.validate(design);
  let current = design;
  const editTimes: number[] = [];
  for (let k = 0; k < EDITS; k++) {
    current = edit(current, k, n);
    t = performance.now();
    validator.validate(current);
    editTimes.push(performance.now() - t);
  }
  const consistent = isDeepStrictEqual(validator.validate(current), validateDesign(current));

  const f = stats(fullTimes);
  const fc = stats(fullCpu);
  const e = stats(editTimes);
  console.log(
    `${String(n).padStart(8)} ${String(design.nodes.length).padStart(7)} ${String(design.edges.length).padStart(6)} |     ${ms(cold)} ${ms(f.min)} ${ms(f.median)} ${ms(f.p95)}  ${ms(fc.min)}  ${ms(fc.median)}      |       ${ms(e.median)} ${ms(e.p95)} ${ms(e.max)}      | ${first.length}${consistent ? '' : '  INCREMENTAL RESULT DIFFERS FROM FULL VALIDATION'}`,
  );
}
console.log('\nGoals (issue 3): 1,000 services fully validated < 50 ms; re-validation after one edit < 1 ms median.');
