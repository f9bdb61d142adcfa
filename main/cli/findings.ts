import type { Finding, Severity } from '../../shared/findings';
import { isPlainObject, parseJson } from '../../shared/json';
import { parseDesignValue } from '../../shared/model/document';
import { validateDesign, validateTaskDefinitionFile } from '../../shared/rules/index';

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

/** Options of collectFindings: rule ids or `area/*` patterns to suppress (`validate --ignore`). */
export type CollectOptions = { ignore?: readonly string[] };

/**
 * All findings for the text of one input file. THE plug-in point of the rule engine: `validate` calls only
 * this.
 * - design files: the load errors of parseDesignValue (rule `design/invalid-file`), or, when the file loads,
 *   validateDesign (every task-definition and cross-resource rule, node ignore lists honoured);
 * - task-definition files: validateTaskDefinitionFile (schema findings; when schema-valid, the task-definition
 *   rules), paths into the file;
 * - anything else: `input/invalid-json` or `input/unknown-format`.
 * `opts.ignore` suppresses rules and schema checks; a file that cannot be read as a design or JSON at all
 * (`input/*`, `design/invalid-file`) is always reported — nothing was validated.
 */
export function collectFindings(text: string, opts: CollectOptions = {}): Finding[] {
  const parsed = parseInputText(text);
  if (!parsed.ok) return [parsed.finding];
  const value = parsed.value;
  const validateOpts = opts.ignore === undefined ? {} : { ignore: opts.ignore };
  switch (detectInputKind(value)) {
    case 'design': {
      const loaded = parseDesignValue(value);
      if (!loaded.ok) return loaded.errors.map((e) => ({ rule: 'design/invalid-file', severity: 'error', message: e.message, path: e.path }));
      return validateDesign(loaded.design, validateOpts);
    }
    case 'taskDefinition':
      return validateTaskDefinitionFile(value, validateOpts);
    case 'unknown':
      return [unknownFormatFinding(value)];
  }
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

/** The findings the CLI itself reports (the file could not be read as JSON / as a design), for SARIF rule metadata. */
export const INPUT_RULES: readonly { id: string; severity: Severity; title: string; description: string; docUrl?: string }[] = [
  { id: 'input/invalid-json', severity: 'error', title: 'The file is valid JSON', description: 'The file must parse as JSON; the message gives the line and column of the first syntax error.' },
  {
    id: 'input/unknown-format',
    severity: 'error',
    title: 'The file is a design or a task definition',
    description: 'A design file (with "schemaVersion" and "nodes"), RegisterTaskDefinition input (with "containerDefinitions"), or describe-task-definition output (with "taskDefinition").',
    docUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
  },
  { id: 'design/invalid-file', severity: 'error', title: 'The design file loads', description: 'The design file matches the design schema of its schemaVersion and its edges join existing nodes; nothing else is checked until it loads.' },
];
