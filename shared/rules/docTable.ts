import { DESIGN_RULES, SCHEMA_RULES, TASKDEF_RULES } from './catalog';
import { DEPLOY_RULES } from './deployRules';
import { QUICK_FIXES } from './fixes';
import type { RuleInfo } from './types';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function fixLabels(rule: RuleInfo): string {
  const labels = (rule.fixes ?? []).map((id) => {
    const fix = QUICK_FIXES.find((f) => f.id === id);
    return fix ? `${fix.label} (\`${fix.id}\`)` : `\`${id}\``;
  });
  return labels.length > 0 ? labels.join('; ') : '—';
}

function docLink(url: string): string {
  const page = url.replace(/^https:\/\/docs\.aws\.amazon\.com\//, '').replace(/\.html(#.*)?$/, '$1');
  return `[${page.slice(page.lastIndexOf('/') + 1)}](${url})`;
}

function count(rules: readonly RuleInfo[], severity: string): number {
  return rules.filter((r) => r.severity === severity).length;
}

/** docs/rules.md, generated from the rule catalog (scripts/gen-rules-doc.ts writes it; a test compares). */
export function rulesMarkdown(): string {
  const all = [...TASKDEF_RULES, ...DESIGN_RULES];
  const lines: string[] = [
    '# Validation rules',
    '',
    '<!-- Generated from the rule catalog in shared/rules by `npx tsx scripts/gen-rules-doc.ts`. Do not edit by hand: a test fails when this file is out of date. -->',
    '',
    `${all.length} rules: ${count(all, 'error')} errors, ${count(all, 'warning')} warnings, ${count(all, 'info')} info — plus the schema checks of task-definition files.`,
    '',
    '- **Severity**: **error** = AWS rejects it, or the task cannot start or be reached; **warning** = it works but is risky or wasteful; **info** = advice.',
    '- **Task-definition rules** check the resolved RegisterTaskDefinition JSON: on raw task-definition files (RegisterTaskDefinition input or describe-task-definition output) with paths into the file, and on every task-definition node of a design, where the path points at the node the value comes from (container, role, secret, log group, EFS file system…).',
    '- **Design rules** need the whole design (services, clusters, capacity, load balancing, scaling, roles and their permissions).',
    '- **Suppressing**: add the rule id to a node\'s `ignore` list (a task definition\'s list also covers its containers), or pass `--ignore RULE` to `ecs-designer validate`; `area/*` suppresses a whole area.',
    '- **Quick fixes** are unambiguous design → design commands, offered in the problems panel and applied by `ecs-designer validate --fix`.',
    '',
    '## Task-definition rules',
    '',
    '| Rule | Severity | What it checks | Quick fix | AWS documentation |',
    '|---|---|---|---|---|',
    ...TASKDEF_RULES.map((r) => `| \`${r.id}\` | ${r.severity} | **${cell(r.title)}.** ${cell(r.description)} | ${cell(fixLabels(r))} | ${docLink(r.docUrl)} |`),
    '',
    '## Design rules',
    '',
    '| Rule | Severity | Runs on | What it checks | Quick fix | AWS documentation |',
    '|---|---|---|---|---|---|',
    ...DESIGN_RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.anchor.join(', ')} | **${cell(r.title)}.** ${cell(r.description)} | ${cell(fixLabels(r))} | ${docLink(r.docUrl)} |`),
    '',
    '## Schema checks of task-definition files, and the safety net',
    '',
    'The schema checks run first on raw task-definition files, against the AWS API model (shared/aws); when a file has schema findings, the rules above do not run on it. (Design files are checked against the design schema when they are loaded.) `internal/rule-error` reports a rule that could not run on some input instead of failing the whole validation.',
    '',
    '| Rule | Severity | What it checks | AWS documentation |',
    '|---|---|---|---|',
    ...SCHEMA_RULES.map((r) => `| \`${r.id}\` | ${r.severity} | **${cell(r.title)}.** ${cell(r.description)} | ${docLink(r.docUrl)} |`),
    '',
    '## Deploy findings',
    '',
    'Reported against the live account by Deploy (the app) and `ecs-designer deploy` before anything changes (verify: read-only calls), and when an apply fails; they show on the nodes like the rules above. Errors block the apply.',
    '',
    '| Rule | Severity | What it checks |',
    '|---|---|---|',
    ...DEPLOY_RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${cell(r.title)}. |`),
    '',
    '## Quick fixes',
    '',
    '| Fix | What it does | Resolves |',
    '|---|---|---|',
    ...QUICK_FIXES.map((f) => `| \`${f.id}\` | ${cell(f.label)} | ${f.ruleIds.map((id) => `\`${id}\``).join(', ')} |`),
    '',
  ];
  return lines.join('\n');
}
