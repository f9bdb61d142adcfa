import { describe, expect, it } from 'vitest';
import { DesignIndex, parseDesignText, serializeDesign } from '../model/document';
import { validateDesign } from '../rules/index';
import { exportTaskDefinitions } from '../taskdef/export';
import { ec2Cluster, efsService, findPattern, PATTERNS } from './index';

const SETTINGS = { region: 'eu-central-1', accountId: '123456789012' };

describe('patterns', () => {
  it('have unique, CLI-friendly names', () => {
    const ids = PATTERNS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    expect(findPattern('web-service')?.title).toBe('Load-balanced web service on Fargate');
    expect(findPattern('nope')).toBeUndefined();
  });

  for (const pattern of PATTERNS) {
    describe(pattern.id, () => {
      const design = pattern.build({ settings: SETTINGS });

      it('is a valid design file (parse ∘ serialize is the identity)', () => {
        const parsed = parseDesignText(serializeDesign(design));
        expect(parsed.ok ? [] : parsed.errors).toEqual([]);
        if (parsed.ok) expect(parsed.design).toStrictEqual(design);
      });

      it('validates with zero errors and zero warnings', () => {
        const findings = validateDesign(design).filter((f) => f.severity !== 'info');
        expect(findings.map((f) => `${f.severity} ${f.rule} ${f.nodeId ?? ''}: ${f.message}`)).toEqual([]);
      });

      it('exports its task definitions', () => {
        const exports = exportTaskDefinitions(design);
        expect(exports.length).toBeGreaterThan(0);
        for (const e of exports) {
          // EFS ids of file systems the design creates are known only after deployment (IaC export resolves them).
          const errors = e.ok ? [] : e.errors.filter((x) => !/created by the design/.test(x.message));
          expect(errors).toEqual([]);
        }
        if (pattern.id !== 'efs-service') expect(exports.every((e) => e.ok)).toBe(true);
      });

      it('is deterministic and laid out without overlapping cards', () => {
        expect(serializeDesign(pattern.build({ settings: SETTINGS }))).toBe(serializeDesign(design));
        const top = design.nodes.filter((n) => n.parentId === undefined).map((n) => `${n.position.x},${n.position.y}`);
        expect(new Set(top).size).toBe(top.length);
      });
    });
  }

  it('EC2 cluster: the Auto Scaling group joins the cluster through ecs.config and has an instance role', () => {
    const d = ec2Cluster();
    const index = new DesignIndex(d);
    const asg = index.ofKind('asgCapacityProvider')[0]!;
    const cluster = index.ofKind('cluster')[0]!;
    expect(asg.properties.ecsConfig?.['ECS_CLUSTER']).toBe(cluster.properties.clusterName);
    expect(index.targetOf(asg.id, 'asg-instance-role')?.kind).toBe('instanceRole');
    expect(index.targetOf(asg.id, 'capacity-provider-cluster')?.id).toBe(cluster.id);
  });

  it('EFS service: the container mounts the volume that connecting EFS created', () => {
    const d = efsService();
    const index = new DesignIndex(d);
    const td = index.ofKind('taskDefinition')[0]!;
    const volume = td.properties.volumes?.[0];
    expect(volume?.efsVolumeConfiguration?.transitEncryption).toBe('ENABLED');
    expect(volume?.efsVolumeConfiguration?.authorizationConfig?.iam).toBe('ENABLED');
    expect(index.containersOf(td.id)[0]?.properties.mountPoints?.[0]?.sourceVolume).toBe(volume?.name);
  });

  it('takes the design name and settings', () => {
    const d = PATTERNS[0]!.build({ name: 'Shop', settings: SETTINGS });
    expect(d.name).toBe('Shop');
    expect(d.settings).toEqual(SETTINGS);
  });
});
