import type { Finding } from '../../../shared/findings';
import { exportGraph, renderIac, stackNameOf, type IacFormat } from '../../../shared/iac/index';
import type { CfnFormat } from '../../../shared/iac/cloudformation';
import type { GeneratedFile, IrTemplate } from '../../../shared/iac/ir';
import type { Design } from '../../../shared/model/document';
import { exportTaskDefinitions } from '../../../shared/taskdef/export';
import { taskDefinitionFileNames } from '../../../shared/taskdef/fileNames';

/** The formats the Export dialog offers, in its order. */
export const EXPORT_FORMATS = [
  { id: 'cloudformation-yaml', label: 'CloudFormation (YAML)' },
  { id: 'cloudformation-json', label: 'CloudFormation (JSON)' },
  { id: 'terraform', label: 'Terraform' },
  { id: 'cdk', label: 'AWS CDK (TypeScript)' },
  { id: 'taskdefs', label: 'Task definitions' },
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number]['id'];

/** Task definitions as `<family>.json` RegisterTaskDefinition inputs (what File › Export Task Definitions… writes). */
function taskDefinitionFiles(design: Design): GeneratedFile[] {
  const results = exportTaskDefinitions(design);
  if (results.length === 0) throw new Error('this design has no task definition');
  const names = taskDefinitionFileNames(results.map((r) => r.family));
  return results.map((r, i) => {
    if (!r.ok) throw new Error(`task definition "${r.family}": ${r.errors[0]?.message ?? 'unresolved values'}`);
    return { path: names[i] ?? `${r.family}.json`, contents: `${JSON.stringify(r.input, null, 2)}\n` };
  });
}

/**
 * The resource graph of the last design asked for (with the same force and findings), so that switching formats in
 * the Export dialog renders the graph again rather than validating and building it again (a 1,000-service design
 * takes a few hundred milliseconds for both). The dialog's worker keeps one per opening (exportJob.ts). A refusal
 * is remembered too and thrown again.
 */
export class ExportGraphCache {
  private last:
    | { readonly design: Design; readonly force: boolean; readonly findings: readonly Finding[] | undefined; readonly result: { ok: true; graph: IrTemplate } | { ok: false; error: unknown } }
    | undefined;

  /** Forgets the graph (the dialog closed). */
  clear(): void {
    this.last = undefined;
  }

  graph(design: Design, force: boolean, findings: readonly Finding[] | undefined): IrTemplate {
    const last = this.last;
    let result = last !== undefined && last.design === design && last.force === force && last.findings === findings ? last.result : undefined;
    if (result === undefined) {
      try {
        result = { ok: true, graph: exportGraph(design, { force, ...(findings !== undefined ? { findings } : {}) }) };
      } catch (error) {
        result = { ok: false, error };
      }
      this.last = { design, force, findings, result };
    }
    if (!result.ok) throw result.error;
    return result.graph;
  }
}

export interface GenerateExportOptions {
  /** Generate even when the validator reports errors (the result may not deploy). */
  readonly force?: boolean;
  /** The validator's findings of this very design, when the page has them (else it is validated here). */
  readonly findings?: readonly Finding[];
  /** Keeps the resource graph between calls for the same design (the Export dialog's formats). */
  readonly graphs?: ExportGraphCache;
}

/**
 * The files of one export format, as the Export dialog generates them in its worker (shared code: the same the CLI
 * writes). Throws with the reason when the design cannot be exported (validation errors unless `force`, unresolved
 * values).
 */
export function generateExport(design: Design, format: ExportFormat, opts: GenerateExportOptions = {}): GeneratedFile[] {
  if (format === 'taskdefs') return taskDefinitionFiles(design);
  const force = opts.force === true;
  const graph = (opts.graphs ?? new ExportGraphCache()).graph(design, force, opts.findings);
  const { iac, cfnFormat } = IAC_FORMAT_OF[format];
  return renderIac(graph, iac, { ...(cfnFormat !== undefined ? { cfnFormat } : {}), stackName: stackNameOf(design) });
}

/** The renderer (and CloudFormation text format) of each infrastructure-as-code format of the dialog. */
const IAC_FORMAT_OF: Readonly<Record<Exclude<ExportFormat, 'taskdefs'>, { iac: IacFormat; cfnFormat?: CfnFormat }>> = {
  'cloudformation-yaml': { iac: 'cloudformation', cfnFormat: 'yaml' },
  'cloudformation-json': { iac: 'cloudformation', cfnFormat: 'json' },
  terraform: { iac: 'terraform' },
  cdk: { iac: 'cdk' },
};
