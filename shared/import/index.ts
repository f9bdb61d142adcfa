import { parseJsonLocated } from './jsonText';
import type { Design } from '../model/document';
import type { IdGenerator } from '../model/ids';
import { importTaskDefinition } from '../taskdef/import';
import { importCloudFormation, importCloudFormationValue } from './cloudformation';
import { importCompose } from './compose';
import { detectFormat } from './detect';
import type { ImportFailure, ImportFormat, ImportReportEntry } from './report';

export { formatReportEntry, type ImportFailure, type ImportFormat, type ImportReportEntry } from './report';
export { detectFormat } from './detect';

export type ImportFileOptions = {
  /** `auto` (default) detects the format from the content. */
  format?: ImportFormat | 'auto';
  /** Name of the file (for the design name and the compose project / stack name). */
  fileName?: string;
  designName?: string;
  ids?: IdGenerator;
  /** compose: one task definition with every container. */
  composeSingleTask?: boolean;
  /** compose: variables for `${VAR}` interpolation (none: defaults are used and unset variables reported). */
  env?: Readonly<Record<string, string>>;
  /** compose: env_file contents by the path written in the compose file. */
  envFiles?: Readonly<Record<string, string>>;
};

export type ImportFileResult = { ok: true; format: ImportFormat; design: Design; report: ImportReportEntry[]; focusNodeIds: string[] } | ImportFailure;

/** "docker-compose.prod.yml" → "docker-compose.prod"; "stack.template.json" → "stack.template". */
export function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.(ya?ml|json)$/i, '');
}

/**
 * The compose project name `docker compose` would use: the folder of a file named (docker-)compose[.x].y(a)ml,
 * otherwise the file's own base name.
 */
export function composeProjectName(fileName: string): string {
  const parts = fileName.split(/[\\/]/).filter((p) => p !== '');
  const base = baseName(fileName);
  if (/^(docker-)?compose(\..+)?$/i.test(base)) return parts.length >= 2 ? parts[parts.length - 2]! : base;
  return base;
}

/**
 * Any supported file → a new design and its import report: a task definition JSON, a docker-compose file or a
 * CloudFormation template. The CLI and the app (File › Import…, drop on the window) both go through here.
 */
export function importFile(text: string, opts: ImportFileOptions = {}): ImportFileResult {
  let format = opts.format ?? 'auto';
  let parsedTemplate: { value: unknown } | undefined;
  if (format === 'auto') {
    const d = detectFormat(text);
    if (!d.ok) return d;
    format = d.format;
    // Detection read YAML with the intrinsic tags: exactly what the template importer needs (compose re-reads
    // with merge keys; a task definition is JSON).
    if (format === 'cloudformation') parsedTemplate = { value: d.value };
  }
  const name = opts.fileName === undefined ? undefined : baseName(opts.fileName);
  const common = { ...(opts.ids ? { ids: opts.ids } : {}), ...(opts.designName !== undefined ? { designName: opts.designName } : {}) };
  if (format === 'compose') {
    const project = opts.fileName === undefined ? undefined : composeProjectName(opts.fileName);
    const r = importCompose(text, { ...common, ...(project ? { projectName: project } : {}), singleTask: opts.composeSingleTask === true, ...(opts.envFiles ? { envFiles: opts.envFiles } : {}), ...(opts.env ? { env: opts.env } : {}) });
    return r.ok ? { ok: true, format, design: r.design, report: r.report, focusNodeIds: [] } : r;
  }
  if (format === 'cloudformation') {
    const cfnOpts = { ...common, ...(name ? { stackName: name } : {}) };
    const r = parsedTemplate ? importCloudFormationValue(parsedTemplate.value, cfnOpts) : importCloudFormation(text, cfnOpts);
    return r.ok ? { ok: true, format, design: r.design, report: r.report, focusNodeIds: [] } : r;
  }
  const json = parseJsonLocated(text);
  if (!json.ok) return { ok: false, format, message: `not valid JSON: ${json.message}`, ...(json.line === undefined ? {} : { line: json.line, column: json.column ?? 1 }) };
  const r = importTaskDefinition(json.value, common);
  if (!r.ok) {
    const f = r.findings[0];
    const more = r.findings.length > 1 ? ` (and ${r.findings.length - 1} more)` : '';
    return { ok: false, format, message: `${f?.path || '/'}: ${f?.message ?? r.message ?? 'not a task definition'}${more}`, ...(f?.path ? { path: f.path } : {}) };
  }
  const report: ImportReportEntry[] = r.report.droppedReadOnly.map((k) => ({ severity: 'info' as const, path: k, message: 'read-only field of describe-task-definition output; dropped' }));
  return { ok: true, format, design: r.design, report, focusNodeIds: [r.taskDefinitionId] };
}
