import type { DeployPlan, DeployReport, PlanStep, ProgressEvent } from './engine';

/** One progress line for stderr: "[create] Svc0Service (node svc0): succeeded — arn:…". */
export function progressLine(e: ProgressEvent): string {
  const node = e.nodeId ? ` (node ${e.nodeId})` : '';
  return `[${e.step}] ${e.resource}${node}: ${e.status}${e.message ? ` — ${e.message}` : ''}`;
}

const SYMBOL: Record<PlanStep['action'], string> = {
  create: '+',
  update: '~',
  replace: '±',
  delete: '-',
  'no-change': '=',
  conflict: '!',
  unsupported: '?',
};

function show(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

/** The plan as text: one line per resource, its property changes as "path: before → after" below it. */
export function planText(plan: DeployPlan): string[] {
  const lines: string[] = [];
  for (const s of plan.steps) {
    if (s.action === 'no-change') continue;
    lines.push(`${SYMBOL[s.action]} ${s.action.padEnd(11)} ${s.type} ${s.logicalId} (${s.name})${s.nodeId ? ` node ${s.nodeId}` : ''}${s.reason ? ` — ${s.reason}` : ''}`);
    for (const c of s.changes) lines.push(`      ${c.path}: ${show(c.before)} → ${show(c.after)}`);
  }
  const unchanged = plan.steps.filter((s) => s.action === 'no-change').length;
  if (plan.nothingToDo) lines.push(`nothing to do: ${unchanged} resource(s) match the design`);
  else {
    const count = (a: PlanStep['action']) => plan.steps.filter((s) => s.action === a).length;
    lines.push(`plan: ${count('create')} to create, ${count('update')} to update, ${count('replace')} to replace, ${count('delete')} to delete, ${unchanged} unchanged${count('conflict') ? `, ${count('conflict')} conflict(s)` : ''}${count('unsupported') ? `, ${count('unsupported')} unsupported` : ''}`);
  }
  return lines;
}

/** The report as text lines (CLI summary). */
export function reportText(report: DeployReport): string[] {
  const lines = [`${report.kind} ${report.status}: ${report.message}`];
  if (report.failure) for (const d of report.failure.details) lines.push(`  ${d}`);
  for (const r of report.rollbacks) lines.push(`rollback ${r.service} → ${r.taskDefinition}: ${r.status}${r.error ? ` (${r.error})` : ''}`);
  lines.push(`API calls: ${report.apiCalls.total} (${report.apiCalls.mutating} changing)`);
  return lines;
}

/** File name of the deploy report for a design file name ("shop.ecsd.json" → "shop.deploy-report.json"). */
export function reportFileName(designFile: string, kind: DeployReport['kind']): string {
  const base = designFile.replace(/\\/g, '/').split('/').pop() ?? 'design';
  return `${base.replace(/\.ecsd\.json$|\.json$/i, '')}.${kind}-report.json`;
}
