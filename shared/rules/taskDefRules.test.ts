import { describe, expect, it } from 'vitest';
import { TASKDEF_RULES, validateTaskDefinitionFile } from './index';
import { TASKDEF_CASES } from './testing/taskdefCases';
import { c0, ec2TaskDef, fargateTaskDef, variant } from './testing/taskdefs';

const F = fargateTaskDef;

describe('task-definition rules', () => {
  it('the clean fixtures have no findings at all', () => {
    expect(validateTaskDefinitionFile(fargateTaskDef())).toEqual([]);
    expect(validateTaskDefinitionFile(ec2TaskDef())).toEqual([]);
  });

  it('every task-definition rule has a triggering and a clean case', () => {
    expect(Object.keys(TASKDEF_CASES).sort()).toEqual(TASKDEF_RULES.map((r) => r.id).sort());
  });

  for (const rule of TASKDEF_RULES) {
    const c = TASKDEF_CASES[rule.id];
    if (!c) continue;
    describe(rule.id, () => {
      it('triggers', () => {
        const findings = validateTaskDefinitionFile(c.trigger);
        expect(findings.filter((f) => f.rule.startsWith('schema/'))).toEqual([]);
        const hits = findings.filter((f) => f.rule === rule.id);
        expect(hits.length, JSON.stringify(findings, null, 1)).toBeGreaterThan(0);
        for (const f of hits) {
          expect(f.severity).toBe(rule.severity);
          expect(f.docUrl).toBe(rule.docUrl);
          expect(f.message.length).toBeGreaterThan(30);
        }
        if (c.path !== undefined) expect(hits.map((f) => f.path)).toContain(c.path);
      });
      it('does not trigger on the near miss', () => {
        const findings = validateTaskDefinitionFile(c.clean ?? (JSON.stringify(c.trigger).includes('"EC2"') ? ec2TaskDef() : fargateTaskDef()));
        expect(findings.filter((f) => f.rule.startsWith('schema/'))).toEqual([]);
        expect(findings.filter((f) => f.rule === rule.id)).toEqual([]);
      });
    });
  }

  it('messages name the values: the Fargate size message lists the allowed memory', () => {
    const [f] = validateTaskDefinitionFile(TASKDEF_CASES['fargate/task-size']!.trigger).filter((x) => x.rule === 'fargate/task-size');
    expect(f?.message).toContain('cpu 256 allows memory 512, 1024 or 2048 MiB on Fargate; got 4096');
  });

  it('describe-task-definition output: paths point under /taskDefinition', () => {
    const wrapped = { taskDefinition: { ...variant(F(), (t) => delete t.executionRoleArn), revision: 3, status: 'ACTIVE' }, tags: [] };
    const findings = validateTaskDefinitionFile(wrapped);
    expect(findings.map((f) => [f.rule, f.path])).toContainEqual(['role/execution-role-missing', '/taskDefinition/executionRoleArn']);
  });

  it('schema findings come first and stop the rules; --ignore suppresses rules and areas', () => {
    const bad = variant(F(), (t) => ((c0(t).imagePullPolicy = 'Always'), (t.memory = '4096')));
    const findings = validateTaskDefinitionFile(bad);
    expect(findings.map((f) => f.rule)).toEqual(['schema/unknown-property']);
    expect(findings[0]?.path).toBe('/containerDefinitions/0/imagePullPolicy');
    const sized = variant(F(), (t) => ((t.memory = '4096'), delete c0(t).readonlyRootFilesystem));
    expect(validateTaskDefinitionFile(sized, { ignore: ['fargate/task-size', 'security/*'] })).toEqual([]);
  });

  it('a non-task-definition gives one clear finding', () => {
    expect(validateTaskDefinitionFile([1, 2]).map((f) => f.rule)).toEqual(['schema/not-a-task-definition']);
  });
});
