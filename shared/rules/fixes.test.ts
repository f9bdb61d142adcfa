import { describe, expect, it } from 'vitest';
import type { Design } from '../model/document';
import { checkIntegrity, DesignDocumentSchema } from '../model/document';
import { sequentialIds } from '../model/ids';
import { importTaskDefinition } from '../taskdef/import';
import type { Finding } from '../findings';
import { applyAllFixes, applyQuickFix, QUICK_FIXES, RULES, snapFargateSize, validateDesign } from './index';
import { DESIGN_CASES } from './testing/designCases';
import { serviceDesign, setProps } from './testing/designs';
import { TASKDEF_CASES } from './testing/taskdefCases';

/** A design in which the rule fires: its design case, or its task-definition case imported as a design. */
function triggerDesign(ruleId: string): Design {
  const d = DESIGN_CASES[ruleId];
  if (d) return d.trigger();
  const t = TASKDEF_CASES[ruleId];
  if (!t) throw new Error(`no case for ${ruleId}`);
  const imported = importTaskDefinition(t.trigger, { ids: sequentialIds() });
  if (!imported.ok) throw new Error(`${ruleId}: fixture does not import: ${JSON.stringify(imported.findings)}`);
  return imported.design;
}

const errorKeys = (findings: Finding[]) => new Set(findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} @${f.nodeId ?? ''}`));

describe('quick fixes', () => {
  const fixable = RULES.filter((r) => (r.fixes ?? []).length > 0);

  it('every quick fix resolves at least one rule with a test case', () => {
    for (const fix of QUICK_FIXES) expect(fix.ruleIds.some((id) => fixable.some((r) => r.id === id)), fix.id).toBe(true);
  });

  for (const rule of fixable) {
    for (const fixId of rule.fixes ?? []) {
      it(`${fixId} resolves ${rule.id} and introduces no new error`, () => {
        const design = triggerDesign(rule.id);
        const before = validateDesign(design);
        const targets = before.filter((f) => f.rule === rule.id && (f.fixes ?? []).includes(fixId));
        expect(targets.length, `${rule.id} offers ${fixId}`).toBeGreaterThan(0);
        let fixed = design;
        for (const f of targets) fixed = applyQuickFix(fixed, fixId, f);
        expect(fixed).not.toBe(design);
        expect(checkIntegrity(fixed)).toEqual([]);
        expect(DesignDocumentSchema.safeParse(fixed).success).toBe(true);
        const after = validateDesign(fixed);
        for (const f of targets) expect(after.filter((a) => a.rule === rule.id && a.nodeId === f.nodeId && a.path === f.path)).toEqual([]);
        const old = errorKeys(before);
        for (const key of errorKeys(after)) expect(old, `new error ${key}`).toContain(key);
        // A fix applied twice changes nothing more.
        for (const f of targets) expect(applyQuickFix(fixed, fixId, f)).toBe(fixed);
      });
    }
  }

  it('snaps Fargate sizes to the nearest valid pair, cpu up first, then memory up', () => {
    expect(snapFargateSize(256, 4096)).toEqual({ cpu: 512, memory: 4096 });
    expect(snapFargateSize(300, 512)).toEqual({ cpu: 512, memory: 1024 });
    expect(snapFargateSize(1024, 1000)).toEqual({ cpu: 1024, memory: 2048 });
    expect(snapFargateSize(2048, 5000)).toEqual({ cpu: 2048, memory: 5120 });
    expect(snapFargateSize(undefined, undefined)).toEqual({ cpu: 256, memory: 512 });
    expect(snapFargateSize(256, 512, true)).toEqual({ cpu: 1024, memory: 2048 });
    expect(snapFargateSize(20000, 200000)).toEqual({ cpu: 16384, memory: 122880 });
  });

  it('adding a missing execution role also grants what the task reads (secrets)', () => {
    const design = DESIGN_CASES['role/execution-role-permissions']!.trigger();
    const withoutRole = { ...design, nodes: design.nodes.filter((n) => n.id !== 's0-exec-role'), edges: design.edges.filter((e) => e.target !== 's0-exec-role') };
    const finding = validateDesign(withoutRole).find((f) => f.rule === 'role/execution-role-missing');
    expect(finding).toBeDefined();
    const fixed = applyQuickFix(withoutRole, 'role/add-execution-role', finding!);
    const role = fixed.nodes.find((n) => n.kind === 'executionRole');
    expect(role?.properties).toMatchObject({
      roleName: 'svc-0-execution-role',
      managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
      inlinePolicies: [{ policyName: 'task-startup', statements: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:aws:secretsmanager:eu-central-1:123456789012:secret:svc-0/db-password-*'] }] }],
    });
    expect(validateDesign(fixed).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('applyAllFixes fixes everything fixable, bounded, and reports what it applied', () => {
    let design = serviceDesign(2);
    design = setProps(design, 's0-td', { cpu: '300', memory: '700' });
    design = setProps(design, 's0-service', { deploymentConfiguration: undefined, platformVersion: '1.3.0' });
    design = setProps(design, 's1-tg', { targetType: 'instance' });
    design = setProps(design, 'cluster', { containerInsights: 'disabled' });
    design = setProps(design, 's1-app', { healthCheck: { command: ['curl -f http://localhost:8080/health'] } });
    const { design: fixed, applied } = applyAllFixes(design);
    expect(applied.sort()).toEqual(
      ['cluster/enable-container-insights', 'fargate/snap-task-size', 'healthcheck/add-cmd-prefix', 'loadbalancer/set-target-type', 'service/enable-circuit-breaker', 'service/platform-latest'].sort(),
    );
    expect(validateDesign(fixed)).toEqual([]);
    expect(applyAllFixes(fixed)).toEqual({ design: fixed, applied: [] });
    expect(applyAllFixes(design, { maxSteps: 2 }).applied).toHaveLength(2);
  });
});
