import { describe, expect, it } from 'vitest';
import { connect } from '../commands/edit';
import { makeNode } from '../model/catalog';
import { DesignIndex, emptyDesign, type Design } from '../model/document';
import { sequentialIds } from '../model/ids';
import { exportTaskDefinition } from './export';
import { replaceTaskDefinition } from './replace';

function sample(): Design {
  let d = emptyDesign('d', 'Sample');
  d.nodes.push(makeNode('service', 'svc', { serviceName: 'web' }, { position: { x: 0, y: 400 } }));
  d.nodes.push(makeNode('taskDefinition', 'td', { family: 'web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' }, { position: { x: 100, y: 80 } }));
  d.nodes.push(makeNode('container', 'c-app', { name: 'app', imageTag: '1.2', essential: true, portMappings: [{ containerPort: 80, protocol: 'tcp' }] }, { parentId: 'td', position: { x: 20, y: 60 } }));
  d.nodes.push(makeNode('container', 'c-side', { name: 'sidecar', image: 'busybox:1', essential: false }, { parentId: 'td', position: { x: 20, y: 150 } }));
  d.nodes.push(makeNode('ecrRepository', 'repo', { repositoryName: 'web' }, { position: { x: 600, y: 0 } }));
  d.nodes.push(makeNode('executionRole', 'exec', { roleName: 'web-exec' }, { position: { x: 600, y: 100 } }));
  d.nodes.push(makeNode('logGroup', 'lg', { logGroupName: '/ecs/web' }, { position: { x: 600, y: 200 } }));
  d.nodes.push(makeNode('secret', 'sec', { store: 'secretsmanager', name: 'db' }, { position: { x: 600, y: 300 } }));
  d.edges.push({ id: 'e-svc', kind: 'service-task-definition', source: 'svc', target: 'td' });
  for (const [a, b] of [
    ['c-app', 'repo'],
    ['td', 'exec'],
    ['c-app', 'lg'],
    ['c-app', 'sec'],
  ] as const) {
    const r = connect(d, a, b, { ids: sequentialIds() });
    if (!r.ok) throw new Error(r.reason);
    d = r.design;
  }
  return d;
}

function exported(d: Design, id = 'td'): Record<string, unknown> {
  const out = exportTaskDefinition(d, id, new DesignIndex(d), { lenient: true });
  if (!out.ok) throw new Error('export failed');
  return out.input as unknown as Record<string, unknown>;
}

describe('replaceTaskDefinition', () => {
  it('pasting back what export wrote changes nothing that matters: same nodes, edges and JSON', () => {
    const d = sample();
    const json = exported(d);
    const r = replaceTaskDefinition(d, 'td', JSON.parse(JSON.stringify(json)), { ids: sequentialIds() });
    if (!r.ok) throw new Error(r.message);
    expect(r.design.nodes.map((n) => n.id)).toEqual(d.nodes.map((n) => n.id));
    expect(r.design.nodes.map((n) => n.position)).toEqual(d.nodes.map((n) => n.position));
    expect(new Set(r.design.edges.map((e) => `${e.kind} ${e.source} ${e.target}`))).toEqual(new Set(d.edges.map((e) => `${e.kind} ${e.source} ${e.target}`)));
    expect(new Set(r.design.edges.map((e) => e.id))).toEqual(new Set(d.edges.map((e) => e.id)));
    expect(exported(r.design)).toEqual(json);
  });

  it('applies edited sizes, keeps container ids by name (a renamed one by position), adds new ones in JSON order', () => {
    const d = sample();
    const json = exported(d) as { cpu: string; memory: string; containerDefinitions: Record<string, unknown>[] };
    const [app] = json.containerDefinitions;
    const edited = {
      ...json,
      cpu: '512',
      memory: '1024',
      containerDefinitions: [{ name: 'worker', image: 'busybox:2', essential: false }, { ...app, cpu: 128 }, { name: 'extra', image: 'busybox:3', essential: false }],
    };
    const r = replaceTaskDefinition(d, 'td', edited, { ids: sequentialIds() });
    if (!r.ok) throw new Error(r.message);
    const index = new DesignIndex(r.design);
    const td = index.node('td');
    expect(td?.kind === 'taskDefinition' && [td.properties.cpu, td.properties.memory]).toEqual(['512', '1024']);
    expect(td?.position).toEqual({ x: 100, y: 80 });
    const containers = index.containersOf('td');
    expect(containers.map((c) => c.properties.name)).toEqual(['worker', 'app', 'extra']);
    expect(containers[1]?.id).toBe('c-app');
    expect(containers[1]?.properties.cpu).toBe(128);
    // The sidecar became the worker (renamed in place: same node, same position); "extra" is a new node.
    expect(containers[0]?.id).toBe('c-side');
    expect(containers[0]?.position).toEqual({ x: 20, y: 150 });
    expect(d.nodes.some((n) => n.id === containers[2]?.id)).toBe(false);
    // The service still runs the task definition; the app container keeps its repository, log group and secret.
    expect(r.design.edges.some((e) => e.id === 'e-svc' && e.target === 'td')).toBe(true);
    expect(index.targetOf('c-app', 'container-image')?.id).toBe('repo');
    expect(index.targetOf('c-app', 'container-log-group')?.id).toBe('lg');
    expect(index.targetOf('c-app', 'container-secret')?.id).toBe('sec');
    expect(index.targetOf('td', 'execution-role')?.id).toBe('exec');
    // The new container's image became a new node.
    expect(index.targetOf(containers[2]!.id, 'container-image')?.kind).toBe('externalImage');
    expect(exported(r.design)).toMatchObject({ cpu: '512', memory: '1024' });
  });

  it('removes containers no longer in the JSON, with their edges', () => {
    const d = sample();
    const json = exported(d) as { containerDefinitions: Record<string, unknown>[] };
    const r = replaceTaskDefinition(d, 'td', { ...json, containerDefinitions: json.containerDefinitions.filter((c) => c['name'] === 'app') });
    if (!r.ok) throw new Error(r.message);
    expect(r.design.nodes.some((n) => n.id === 'c-side')).toBe(false);
    expect(r.design.edges.some((e) => e.source === 'c-side' || e.target === 'c-side')).toBe(false);
    expect(new DesignIndex(r.design).containersOf('td').map((c) => c.id)).toEqual(['c-app']);
  });

  it('a console paste (describe-task-definition output) with another role creates the role node and keeps the old one', () => {
    const d = sample();
    const json = exported(d);
    const pasted = { taskDefinition: { ...json, executionRoleArn: 'arn:aws:iam::123456789012:role/other', revision: 7, status: 'ACTIVE' } };
    const r = replaceTaskDefinition(d, 'td', pasted, { ids: sequentialIds() });
    if (!r.ok) throw new Error(r.message);
    const index = new DesignIndex(r.design);
    const role = index.targetOf('td', 'execution-role');
    expect(role?.kind === 'executionRole' && role.properties.arn).toBe('arn:aws:iam::123456789012:role/other');
    expect(index.node('exec')).toBeDefined();
    expect(r.design.edges.filter((e) => e.source === 'td' && e.kind === 'execution-role')).toHaveLength(1);
  });

  it('refuses JSON that is not a task definition, and an unknown node, without changing anything', () => {
    const d = sample();
    const bad = replaceTaskDefinition(d, 'td', { family: 'x', containerDefinitions: 'nope' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.findings.length).toBeGreaterThan(0);
    expect(replaceTaskDefinition(d, 'nope', exported(d)).ok).toBe(false);
    expect(replaceTaskDefinition(d, 'td', [1, 2]).ok).toBe(false);
  });
});
