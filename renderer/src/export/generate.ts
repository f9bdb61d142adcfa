import { generateIac } from '../../../shared/iac/index';
import type { GeneratedFile } from '../../../shared/iac/ir';
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
 * The files of one export format, generated in the page (shared code: the same the CLI writes). Throws with the
 * reason when the design cannot be exported (validation errors unless `force`, unresolved values).
 */
export function generateExport(design: Design, format: ExportFormat, opts: { readonly force?: boolean } = {}): GeneratedFile[] {
  const force = opts.force === true ? { force: true } : {};
  switch (format) {
    case 'cloudformation-yaml':
      return generateIac(design, 'cloudformation', { cfnFormat: 'yaml', ...force });
    case 'cloudformation-json':
      return generateIac(design, 'cloudformation', { cfnFormat: 'json', ...force });
    case 'terraform':
      return generateIac(design, 'terraform', force);
    case 'cdk':
      return generateIac(design, 'cdk', force);
    case 'taskdefs':
      return taskDefinitionFiles(design);
  }
}
