import { READ_ONLY_TASK_DEFINITION_FIELDS, unwrapTaskDefinitionJson } from '../../shared/aws/taskDefinition';
import { isPlainObject } from '../../shared/json';
import { parseDesignValue, serializeDesign, type Design } from '../../shared/model/document';
import { sequentialIds } from '../../shared/model/ids';
import { applyAllFixes, QUICK_FIX_BY_ID, validateDesign } from '../../shared/rules/index';
import { exportTaskDefinition } from '../../shared/taskdef/export';
import { importTaskDefinition } from '../../shared/taskdef/import';
import { detectInputKind, parseInputText, type CollectOptions } from './findings';

/** A quick fix that was applied: its id and what it did. */
export type AppliedFix = { id: string; label: string };

/**
 * What `validate --fix` does with the text of one file:
 * - `fixed`: `text` is the new content to write; `notes` name fixes that were found but could not be written;
 * - `unchanged`: nothing to fix (the file is left alone);
 * - `refused`: the file is not touched, `reason` says why (it does not parse or load, or its form cannot be kept).
 */
export type FixOutcome =
  | { kind: 'fixed'; text: string; applied: AppliedFix[]; notes: string[] }
  | { kind: 'unchanged'; notes: string[] }
  | { kind: 'refused'; reason: string };

/**
 * The quick fixes of every fixable finding of a file's text, applied until none is left (shared/rules
 * applyAllFixes), as the new text of the file. Pure: the command writes the file.
 * - Design files are rewritten in the canonical design format (serializeDesign).
 * - Task-definition files (RegisterTaskDefinition input, or describe-task-definition output with its wrapper and
 *   read-only fields) are imported, fixed and exported back in the same form, key order and indentation; only
 *   when export(import(file)) reproduces the file, so nothing but the fixes changes. Fixes that cannot be expressed
 *   in the file (e.g. a new execution role, which needs an ARN) are skipped and named in `notes`.
 * A file that is not valid JSON, not a design or task definition, or does not load is refused, never written.
 */
export function fixText(text: string, opts: CollectOptions = {}): FixOutcome {
  const parsed = parseInputText(text);
  if (!parsed.ok) return { kind: 'refused', reason: 'it is not valid JSON' };
  const value = parsed.value;
  const ignore = opts.ignore === undefined ? {} : { ignore: opts.ignore };
  switch (detectInputKind(value)) {
    case 'design': {
      const loaded = parseDesignValue(value);
      if (!loaded.ok) return { kind: 'refused', reason: 'the design file does not load (see its design/invalid-file findings)' };
      const { design, applied } = applyAllFixes(loaded.design, ignore);
      if (applied.length === 0) return { kind: 'unchanged', notes: [] };
      const notes = loaded.migratedFrom === undefined ? [] : [`the file is written in the current design format (it had schemaVersion ${loaded.migratedFrom})`];
      return { kind: 'fixed', text: serializeDesign(design), applied: applied.map(describeFix), notes };
    }
    case 'taskDefinition':
      return fixTaskDefinition(text, value, ignore);
    case 'unknown':
      return { kind: 'refused', reason: 'it is neither a design file nor a task definition' };
  }
}

function fixTaskDefinition(text: string, value: unknown, opts: CollectOptions): FixOutcome {
  const unwrapped = unwrapTaskDefinitionJson(structuredClone(value));
  const imported = importTaskDefinition(structuredClone(value), { ids: sequentialIds() });
  if (!imported.ok || !unwrapped.ok) return { kind: 'refused', reason: 'it does not pass the task-definition schema checks (see its schema findings); fix those by hand first' };
  const tdId = imported.taskDefinitionId;
  const exportOf = (design: Design): unknown => {
    const e = exportTaskDefinition(design, tdId);
    return e.ok ? e.input : undefined;
  };
  const original = exportOf(imported.design);

  // applyAllFixes, but each fix must change the exported task definition and keep it exportable: a fix that only
  // touches design nodes (a role's permissions) or adds what a file cannot hold (a role without an ARN) is skipped.
  let design = imported.design;
  let current = canonical(original);
  const applied: AppliedFix[] = [];
  const skipped = new Map<string, string>();
  const tried = new Set<string>();
  for (let step = 0; step < 200 && original !== undefined; step++) {
    let next: { design: Design; exported: string; fixId: string } | undefined;
    for (const f of validateDesign(design, opts)) {
      for (const fixId of f.fixes ?? []) {
        const key = `${fixId}|${f.rule}|${f.nodeId ?? ''}|${f.path}`;
        if (tried.has(key)) continue;
        tried.add(key);
        const fix = QUICK_FIX_BY_ID.get(fixId);
        const result = fix ? fix.apply(design, f) : design;
        if (result === design) continue;
        const exported = exportOf(result);
        if (exported === undefined || canonical(exported) === current) {
          skipped.set(fixId, exported === undefined ? 'what it adds cannot be written into a task-definition file' : 'it changes nothing a task-definition file holds');
          continue;
        }
        next = { design: result, exported: canonical(exported), fixId };
        break;
      }
      if (next) break;
    }
    if (!next) break;
    design = next.design;
    current = next.exported;
    applied.push(describeFix(next.fixId));
    skipped.delete(next.fixId);
  }
  const notes = [...skipped].map(([id, why]) => `not applied: ${describeFix(id).label} (${id}): ${why}; fix it in a design or by hand`);
  if (applied.length === 0) return { kind: 'unchanged', notes };
  // Only a file that export(import(file)) reproduces (nulls and read-only fields aside, which are put back) is
  // rewritten, so that nothing but the fixes changes.
  if (original === undefined || canonical(original) !== canonical(unwrapped.input)) {
    return { kind: 'refused', reason: 'the file cannot be rewritten without changing more than the fixes (a task definition written back would not keep all of its content)' };
  }
  const exported = exportOf(design) as Record<string, unknown>;
  if (unwrapped.basePointer === '') return { kind: 'fixed', text: formatLike(mergeLike(exported, value, true), text), applied, notes };
  // describe-task-definition output: the fixed task definition goes back inside its wrapper, read-only fields
  // kept; tags that import took from beside the wrapper stay there.
  const wrapper = value as Record<string, unknown>;
  const inner = wrapper['taskDefinition'];
  if (unwrapped.topLevelTags !== undefined && !(isPlainObject(inner) && inner['tags'] !== undefined && inner['tags'] !== null)) delete exported['tags'];
  return { kind: 'fixed', text: formatLike({ ...wrapper, taskDefinition: mergeLike(exported, inner, true) }, text), applied, notes };
}

function describeFix(id: string): AppliedFix {
  return { id, label: QUICK_FIX_BY_ID.get(id)?.label ?? id };
}

/** JSON text with object keys sorted: equal for deep-equal JSON values. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_key, val: unknown) => (isPlainObject(val) ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, val[k]])) : val));
}

/**
 * `value` (the fixed task definition) laid out like `like` (the file as it was): each object's keys in the order
 * the file has them (new keys after), and what import/export leaves out put back — members that were null, and
 * the read-only fields of the top level.
 */
export function mergeLike(value: unknown, like: unknown, top = false): unknown {
  if (Array.isArray(value)) return value.map((v, i) => mergeLike(v, Array.isArray(like) ? like[i] : undefined));
  if (!isPlainObject(value)) return value;
  const old = isPlainObject(like) ? like : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(old)) {
    if (Object.hasOwn(value, k)) out[k] = mergeLike(value[k], v);
    else if (v === null || (top && (READ_ONLY_TASK_DEFINITION_FIELDS as readonly string[]).includes(k))) out[k] = v;
  }
  for (const [k, v] of Object.entries(value)) if (!Object.hasOwn(out, k)) out[k] = v;
  return out;
}

/** JSON text of `value` formatted like `original`: its indentation (or none), byte-order mark and final newline. */
export function formatLike(value: unknown, original: string): string {
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const indent = /\n([ \t]+)\S/.exec(original)?.[1] ?? '';
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  let out = JSON.stringify(value, null, indent);
  if (eol !== '\n') out = out.replace(/\n/g, eol);
  return `${bom}${out}${/\r?\n\s*$/.test(original) ? eol : ''}`;
}
