import { describe, expect, it } from 'vitest';
import type { Design } from '../model/document';
import { checkIntegrity } from '../model/document';
import { DESIGN_RULES, validateDesign } from './index';
import { DESIGN_CASES, withEfs } from './testing/designCases';
import { ec2ServiceDesign, props, removeEdges, serviceDesign, setProps, updateNode } from './testing/designs';

const fg = () => serviceDesign(1);
const ec2 = ec2ServiceDesign;



describe('design rules', () => {
  it('the clean sample designs load and have no findings', () => {
    for (const d of [fg(), ec2(), serviceDesign(3)]) {
      expect(checkIntegrity(d)).toEqual([]);
      expect(validateDesign(d)).toEqual([]);
    }
  });

  it('every design rule has a triggering and a clean case', () => {
    expect(Object.keys(DESIGN_CASES).sort()).toEqual(DESIGN_RULES.map((r) => r.id).sort());
  });

  for (const rule of DESIGN_RULES) {
    const c = DESIGN_CASES[rule.id];
    if (!c) continue;
    describe(rule.id, () => {
      it('triggers', () => {
        const findings = validateDesign(c.trigger());
        const hits = findings.filter((f) => f.rule === rule.id);
        expect(hits.length, JSON.stringify(findings, null, 1)).toBeGreaterThan(0);
        for (const f of hits) {
          expect(f.severity).toBe(rule.severity);
          expect(f.docUrl).toBe(rule.docUrl);
          expect(f.nodeId).toBeDefined();
          expect(f.path).toMatch(/^\/(nodes|edges)\/\d+/);
        }
        if (c.nodeId !== undefined) expect(hits.map((f) => f.nodeId)).toContain(c.nodeId);
      });
      it('does not trigger on the near miss', () => {
        const findings = validateDesign((c.clean ?? (rule.id.startsWith('ec2/') || rule.id.startsWith('capacity/asg') ? ec2 : fg))());
        expect(findings.filter((f) => f.rule === rule.id)).toEqual([]);
      });
    });
  }

  it('suppression: a node ignore list, a task definition covering its containers, and global ignores', () => {
    const design = setProps(fg(), 's0-app', { readonlyRootFilesystem: false, imageTag: 'latest' });
    const rules = (d: Design, ignore?: string[]) => validateDesign(d, ignore ? { ignore } : {}).map((f) => f.rule);
    expect(rules(design)).toEqual(['container/image-tag', 'security/readonly-root-filesystem']);
    const onContainer = updateNode(design, 's0-app', (n) => ({ ...n, ignore: ['security/readonly-root-filesystem'] }));
    expect(rules(onContainer)).toEqual(['container/image-tag']);
    const onTaskDef = updateNode(design, 's0-td', (n) => ({ ...n, ignore: ['container/*'] }));
    expect(rules(onTaskDef)).toEqual(['security/readonly-root-filesystem']);
    expect(rules(design, ['security/readonly-root-filesystem', 'container/image-tag'])).toEqual([]);
  });

  it('task-definition findings point at the design nodes the values came from', () => {
    let d = setProps(fg(), 's0-app', { portMappings: [{ containerPort: 8080, hostPort: 80 }] });
    d = removeEdges(d, (e) => e.kind === 'execution-role');
    d = setProps(d, 's0-secret', { arn: 'arn:aws:s3:::not-a-secret', name: undefined });
    const byRule = new Map(validateDesign(d).map((f) => [f.rule, f]));
    const index = (id: string) => d.nodes.findIndex((n) => n.id === id);
    expect(byRule.get('network/awsvpc-host-port')).toMatchObject({ nodeId: 's0-app', path: `/nodes/${index('s0-app')}/properties/portMappings/0/hostPort` });
    expect(byRule.get('role/execution-role-missing')).toMatchObject({ nodeId: 's0-td', path: `/nodes/${index('s0-td')}`, fixes: ['role/add-execution-role'] });
    expect(byRule.get('secrets/value-from')).toMatchObject({ nodeId: 's0-secret', path: `/nodes/${index('s0-secret')}/properties/arn` });
    // The load balancer listener port is a property of the connection (edge).
    const lb = validateDesign(DESIGN_CASES['service/load-balancer-container']!.trigger()).find((f) => f.rule === 'service/load-balancer-container');
    expect(lb?.path).toMatch(/^\/edges\/\d+\/properties\/containerPort$/);
    expect(props(d, 's0-app')['portMappings']).toEqual([{ containerPort: 8080, hostPort: 80 }]);
  });

  it('in a design without a region, awslogs-region is left to the deployment', () => {
    const d = { ...fg(), settings: { accountId: '123456789012' } };
    expect(validateDesign(d).filter((f) => f.rule === 'logs/awslogs-group-region')).toEqual([]);
  });

  it('placeholders of values known only after deployment are not findings', () => {
    const d = { ...withEfs(), settings: {} };
    expect(validateDesign(d).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
