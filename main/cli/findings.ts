import { unwrapTaskDefinitionJson, validateRegisterTaskDefinition } from '../../shared/aws/taskDefinition';
import type { Finding, Severity } from '../../shared/findings';
import { isPlainObject, parseJson } from '../../shared/json';
import { parseDesignValue } from '../../shared/model/document';

/** What a file given to the CLI contains. */
export type InputKind = 'design' | 'taskDefinition' | 'unknown';

/** A finding of one input file, `file` as given on the command line. */
export type FileFinding = Finding & { file: string };

/** Design files have `schemaVersion`/`nodes`; task definitions `containerDefinitions` or a describe-output `taskDefinition`. */
export function detectInputKind(value: unknown): InputKind {
  if (!isPlainObject(value)) return 'unknown';
  if (Object.hasOwn(value, 'schemaVersion') || Object.hasOwn(value, 'nodes')) return 'design';
  if (Object.hasOwn(value, 'containerDefinitions') || Object.hasOwn(value, 'taskDefinition')) return 'taskDefinition';
  return 'unknown';
}

export type ParsedInput = { ok: true; value: unknown } | { ok: false; finding: Finding };

/** JSON text of an input file (a leading byte-order mark is ignored) → value, or an `input/invalid-json` finding with line and column. */
export function parseInputText(text: string): ParsedInput {
  const parsed = parseJson(text.startsWith('\uFEFF') ? text.slice(1) : text);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return { ok: false, finding: { rule: 'input/invalid-json', severity: 'error', message: `not valid JSON: ${parsed.message}`, path: '' } };
}

/**
 * All findings for the text of one input file. THE plug-in point of the rule engine: `validate` calls only
 * this. It currently does schema-level checks:
 * - design files: the load errors of parseDesignValue (rule `design/invalid-file`);
 * - task-definition files: unwrap + validateRegisterTaskDefinition (`schema/*` rules).
 * With the full rule catalog, the two marked branches become `validateDesign(design)` and
 * `validateTaskDefinitionFile(value)` (shared/rules).
 */
export function collectFindings(text: string): Finding[] {
  const parsed = parseInputText(text);
  if (!parsed.ok) return [parsed.finding];
  const value = parsed.value;
  switch (detectInputKind(value)) {
    case 'design': {
      const loaded = parseDesignValue(value);
      if (!loaded.ok) return loaded.errors.map((e) => ({ rule: 'design/invalid-file', severity: 'error', message: e.message, path: e.path }));
      return []; // rule engine: validateDesign(loaded.design)
    }
    case 'taskDefinition':
      return taskDefinitionSchemaFindings(value); // rule engine: validateTaskDefinitionFile(value)
    case 'unknown':
      return [unknownFormatFinding(value)];
  }
}

/** Schema findings of a task-definition file (RegisterTaskDefinition input or describe-task-definition output). */
export function taskDefinitionSchemaFindings(value: unknown): Finding[] {
  const unwrapped = unwrapTaskDefinitionJson(value);
  if (!unwrapped.ok) return [{ rule: 'schema/not-a-task-definition', severity: 'error', message: unwrapped.message, path: '' }];
  const validated = validateRegisterTaskDefinition(unwrapped.input, unwrapped.basePointer);
  if (validated.ok) return [];
  // describe-task-definition output keeps the tags beside `taskDefinition`; unwrap copies them inside when the
  // task definition has none, so their findings must point at the top-level `/tags` the file really has.
  const tagsFromTop = unwrapped.topLevelTags !== undefined && unwrapped.input['tags'] === unwrapped.topLevelTags;
  const movedTags = `${unwrapped.basePointer}/tags`;
  return validated.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    path: tagsFromTop && (f.path === movedTags || f.path.startsWith(`${movedTags}/`)) ? `/tags${f.path.slice(movedTags.length)}` : f.path,
  }));
}

function unknownFormatFinding(value: unknown): Finding {
  const got = Array.isArray(value) ? 'a JSON array' : isPlainObject(value) ? 'a JSON object' : `a JSON ${value === null ? 'null' : typeof value}`;
  return {
    rule: 'input/unknown-format',
    severity: 'error',
    message: `${got} that is neither a design file (with "schemaVersion" and "nodes") nor a task definition (with "containerDefinitions", or describe-task-definition output with "taskDefinition")`,
    path: '',
  };
}

/** `file:path: severity rule: message` (the `path:` part is left out for the whole document, pointer ""). */
export function formatFindingLine(f: FileFinding): string {
  return `${f.file}${f.path === '' ? '' : `:${f.path}`}: ${f.severity} ${f.rule}: ${oneLine(f.message)}`;
}

/** `N errors, N warnings, N info in M files`. */
export function summaryLine(findings: readonly Finding[], fileCount: number): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info in ${plural(fileCount, 'file')}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
