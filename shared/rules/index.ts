import { unwrapTaskDefinitionJson, validateRegisterTaskDefinition } from '../aws/taskDefinition';
import type { Finding } from '../findings';
import { jsonPointer } from '../jsonPointer';
import type { Design } from '../model/document';
import { RULE_BY_ID, SCHEMA_RULES, TASKDEF_RULES } from './catalog';
import { IncrementalValidator, ignoreMatcher } from './engine';
import { QUICK_FIX_BY_ID } from './fixes';
import { trimPath } from './pathMap';
import { taskDefFacts } from './taskdef/facts';
import type { Segment, ValidateOptions } from './types';

export { DESIGN_RULES, RULES, RULE_BY_ID, SCHEMA_RULES, TASKDEF_RULES } from './catalog';
export { IncrementalValidator, ignoreMatcher } from './engine';
export { applyQuickFix, QUICK_FIXES, QUICK_FIX_BY_ID } from './fixes';
export { FARGATE_SIZES, snapFargateSize } from './taskdef/facts';
export type { DesignRule, QuickFix, Rule, RuleInfo, TaskDefRule, ValidateOptions } from './types';

/**
 * Every finding of a design: the task-definition rules on each task-definition node (on its resolved JSON, paths
 * mapped back to the nodes the values came from) and the cross-resource design rules. Node `ignore` lists
 * suppress rules on that node (a task definition's list also covers its containers); `opts.ignore` everywhere.
 * For validation on every edit keep an IncrementalValidator instead.
 */
export function validateDesign(design: Design, opts: ValidateOptions = {}): Finding[] {
  return new IncrementalValidator({ ...opts, track: false }).validate(design);
}

const SCHEMA_DOC = new Map(SCHEMA_RULES.map((r) => [r.id, r.docUrl]));

/**
 * Findings of a raw task-definition file (RegisterTaskDefinition input or describe-task-definition output):
 * schema findings first; when the file is schema-valid, the task-definition rules. Paths point into the file
 * (under `/taskDefinition` for describe output).
 */
export function validateTaskDefinitionFile(raw: unknown, opts: ValidateOptions = {}): Finding[] {
  const ignored = ignoreMatcher(opts.ignore);
  const unwrapped = unwrapTaskDefinitionJson(raw);
  if (!unwrapped.ok) {
    return ignored('schema/not-a-task-definition') ? [] : [{ rule: 'schema/not-a-task-definition', severity: 'error', message: unwrapped.message, path: '', docUrl: SCHEMA_DOC.get('schema/not-a-task-definition') ?? '' }];
  }
  const validated = validateRegisterTaskDefinition(unwrapped.input, unwrapped.basePointer);
  if (!validated.ok) {
    // describe output keeps the tags beside `taskDefinition`; unwrap copies them inside, so point at /tags.
    const tagsFromTop = unwrapped.topLevelTags !== undefined && unwrapped.input['tags'] === unwrapped.topLevelTags;
    const movedTags = `${unwrapped.basePointer}/tags`;
    return validated.findings
      .filter((f) => !ignored(f.rule))
      .map((f) => {
        const path = tagsFromTop && (f.path === movedTags || f.path.startsWith(`${movedTags}/`)) ? `/tags${f.path.slice(movedTags.length)}` : f.path;
        const out: Finding = { rule: f.rule, severity: f.severity, message: f.message, path };
        const doc = SCHEMA_DOC.get(f.rule);
        if (doc !== undefined) out.docUrl = doc;
        return out;
      });
  }
  const base: Segment[] = unwrapped.basePointer === '' ? [] : ['taskDefinition'];
  const facts = taskDefFacts(validated.value, 'file');
  const findings: Finding[] = [];
  for (const rule of TASKDEF_RULES) {
    if (ignored(rule.id)) continue;
    try {
      rule.check(facts, (path, message) => {
        findings.push({ rule: rule.id, severity: rule.severity, message, path: jsonPointer(trimPath(raw, [...base, ...path])), docUrl: rule.docUrl });
      });
    } catch (e) {
      findings.push({ rule: 'internal/rule-error', severity: 'error', message: `rule ${rule.id} failed on this input (${e instanceof Error ? e.message : String(e)}); the other rules still ran. This is a validator bug.`, path: unwrapped.basePointer, docUrl: rule.docUrl });
    }
  }
  return findings;
}

export type FixAllResult = { design: Design; applied: string[] };

/**
 * Applies quick fixes until no fixable finding remains (for `validate --fix`): each round validates, applies the
 * first fix of the first fixable finding, and starts over. Bounded; a fix that changes nothing is not retried.
 */
export function applyAllFixes(design: Design, opts: ValidateOptions & { maxSteps?: number } = {}): FixAllResult {
  const validator = new IncrementalValidator(opts);
  const applied: string[] = [];
  const tried = new Set<string>();
  const max = opts.maxSteps ?? 200;
  let current = design;
  for (let step = 0; step < max; step++) {
    let next: Design | undefined;
    for (const f of validator.validate(current)) {
      for (const fixId of f.fixes ?? []) {
        const key = `${fixId}|${f.rule}|${f.nodeId ?? ''}|${f.path}`;
        if (tried.has(key)) continue;
        tried.add(key);
        const fix = QUICK_FIX_BY_ID.get(fixId);
        const result = fix ? fix.apply(current, f) : current;
        if (result !== current) {
          next = result;
          applied.push(fixId);
          break;
        }
      }
      if (next) break;
    }
    if (!next) break;
    current = next;
  }
  return { design: current, applied };
}

/** The rule (or schema check) behind a finding, for its title and documentation. */
export function ruleInfo(id: string) {
  return RULE_BY_ID.get(id) ?? SCHEMA_RULES.find((r) => r.id === id);
}
