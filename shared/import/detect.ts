import { isPlainObject } from '../json';
import { parseJsonLocated } from './jsonText';
import type { ImportFailure, ImportFormat } from './report';
import { parseCloudFormationYaml } from './yamlText';

/** The detected format, and the parsed content (YAML read with CloudFormation's intrinsic tags) for reuse. */
export type Detection = { ok: true; format: ImportFormat; value: unknown } | ImportFailure;

/**
 * Which importer a file is for, from its content (the file name is only a tiebreak for error messages):
 * a CloudFormation template has `Resources` (or `AWSTemplateFormatVersion`); a compose file has a `services`
 * map; a task definition has `containerDefinitions` (also inside describe-task-definition's `taskDefinition`).
 */
export function detectFormat(text: string): Detection {
  const json = text.trimStart().startsWith('{') || text.trimStart().startsWith('[');
  let value: unknown;
  if (json) {
    const j = parseJsonLocated(text);
    if (!j.ok) return { ok: false, message: `not valid JSON: ${j.message}`, ...(j.line === undefined ? {} : { line: j.line, column: j.column ?? 1 }) };
    value = j.value;
  } else {
    const y = parseCloudFormationYaml(text);
    if (!y.ok) return { ok: false, message: `not valid YAML: ${y.message}`, line: y.line, column: y.column };
    value = y.value;
  }
  if (!isPlainObject(value)) return { ok: false, message: `not a task definition, docker-compose file or CloudFormation template: the file holds ${Array.isArray(value) ? 'a list' : 'a single value'}, not a map` };
  if (isPlainObject(value['Resources']) || value['AWSTemplateFormatVersion'] !== undefined) return { ok: true, format: 'cloudformation', value };
  if (isPlainObject(value['services'])) return { ok: true, format: 'compose', value };
  if (Array.isArray(value['containerDefinitions']) || (isPlainObject(value['taskDefinition']) && Array.isArray(value['taskDefinition']['containerDefinitions']))) return { ok: true, format: 'taskdef', value };
  return {
    ok: false,
    message: 'not a task definition (no "containerDefinitions"), docker-compose file (no "services") or CloudFormation template (no "Resources")',
  };
}
