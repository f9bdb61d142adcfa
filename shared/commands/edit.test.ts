import { describe, expect, it } from 'vitest';
import { exportTaskDefinition } from '../taskdef/export';
import { DesignIndex, emptyDesign, type Design } from '../model/document';
import { sequentialIds } from '../model/ids';
import { addNode, connect, duplicateNodes, moveNodes, removeNodes, setNodeProperties } from './edit';

function fargateTask(): { design: Design; td: string; app: string } {
  const ids = sequentialIds();
  let d: Design = { ...emptyDesign('d'), settings: { region: 'eu-central-1', accountId: '123456789012' } };
  const td = addNode(d, 'taskDefinition', { ids });
  d = td.design;
  const app = addNode(d, 'container', { ids, parentId: td.node.id, props: { name: 'web', image: 'nginx:1.27', portMappings: [{ containerPort: 80 }] } });
  return { design: app.design, td: td.node.id, app: app.node.id };
}

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

describe('connecting nodes', () => {
  it('adds a secret to the container secrets with an env var name', () => {
    const { design, app, td } = fargateTask();
    const s = addNode(design, 'secret', { id: 'sec', props: { store: 'ssm', name: '/shop/db-password' } });
    const r = ok(connect(s.design, 'sec', app));
    expect(r.edge).toMatchObject({ kind: 'container-secret', source: app, target: 'sec', properties: { name: 'DB_PASSWORD' } });
    const out = ok(exportTaskDefinition(r.design, td));
    expect(out.input.containerDefinitions[0]?.secrets).toEqual([{ name: 'DB_PASSWORD', valueFrom: '/shop/db-password' }]);
  });

  it('configures awslogs when a log group is connected', () => {
    const { design, app, td } = fargateTask();
    const lg = addNode(design, 'logGroup', { id: 'lg', props: { logGroupName: '/ecs/web' } });
    const r = ok(connect(lg.design, app, 'lg'));
    const out = ok(exportTaskDefinition(r.design, td));
    expect(out.input.containerDefinitions[0]?.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: { 'awslogs-region': 'eu-central-1', 'awslogs-stream-prefix': 'web', 'awslogs-group': '/ecs/web' },
    });
  });

  it('sets the image URI from a connected ECR repository', () => {
    const { design, app, td } = fargateTask();
    const repo = addNode(design, 'ecrRepository', { id: 'repo', props: { repositoryName: 'shop/web' } });
    const r = ok(connect(repo.design, app, 'repo'));
    const out = ok(exportTaskDefinition(r.design, td));
    expect(out.input.containerDefinitions[0]?.image).toBe('123456789012.dkr.ecr.eu-central-1.amazonaws.com/shop/web:latest');
  });

  it('adds an EFS volume with transit encryption to the task definition', () => {
    const { design, td } = fargateTask();
    const fs = addNode(design, 'efsFileSystem', { id: 'fs', props: { fileSystemId: 'fs-0abc', name: 'uploads' } });
    const r = ok(connect(fs.design, 'fs', td));
    expect(r.edge).toMatchObject({ kind: 'volume-efs', source: td, target: 'fs', properties: { volume: 'uploads' } });
    const out = ok(exportTaskDefinition(r.design, td));
    expect(out.input.volumes).toEqual([{ name: 'uploads', efsVolumeConfiguration: { fileSystemId: 'fs-0abc', transitEncryption: 'ENABLED' } }]);
  });

  it('refuses S3 as a volume with the reason, and changes nothing', () => {
    const { design, td } = fargateTask();
    const b = addNode(design, 's3Bucket', { id: 'b', props: { bucketName: 'shop-assets' } });
    const r = connect(b.design, 'b', td);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/cannot mount S3/) });
  });

  it('replaces a one-per-source connection (a service runs in one cluster)', () => {
    let d = emptyDesign('d');
    d = addNode(d, 'service', { id: 'svc' }).design;
    d = addNode(d, 'cluster', { id: 'c1' }).design;
    d = addNode(d, 'cluster', { id: 'c2', props: { clusterName: 'other' } }).design;
    d = ok(connect(d, 'svc', 'c1')).design;
    const r = ok(connect(d, 'c2', 'svc'));
    expect(r.replaced.map((e) => e.target)).toEqual(['c1']);
    expect(new DesignIndex(r.design).outgoing('svc', 'service-cluster').map((e) => e.target)).toEqual(['c2']);
  });
});

describe('editing nodes', () => {
  it('rejects properties that do not fit the kind schema, naming the path', () => {
    const { design, td } = fargateTask();
    expect(setNodeProperties(design, td, { family: 'web', networkMode: 'nat' })).toEqual({ ok: false, reason: expect.stringMatching(/^\/networkMode: /) });
    expect(ok(setNodeProperties(design, td, { family: 'api' })).design.nodes[0]?.properties).toEqual({ family: 'api' });
  });

  it('removes a task definition with its containers and their edges', () => {
    const { design, td, app } = fargateTask();
    const lg = addNode(design, 'logGroup', { id: 'lg' });
    const d = ok(connect(lg.design, app, 'lg')).design;
    const after = removeNodes(d, [td]);
    expect(after.nodes.map((n) => n.id)).toEqual(['lg']);
    expect(after.edges).toEqual([]);
  });

  it('duplicates a task definition with its containers and inner edges, with new ids', () => {
    const { design, td, app } = fargateTask();
    const lg = addNode(design, 'logGroup', { id: 'lg' });
    const d = ok(connect(lg.design, app, 'lg')).design;
    const r = duplicateNodes(d, [td, 'lg'], { ids: sequentialIds() });
    expect(r.created).toHaveLength(3);
    const index = new DesignIndex(r.design);
    const copy = index.node(r.created[0]!)!;
    expect(index.containersOf(copy.id)).toHaveLength(1);
    expect(index.outgoing(index.containersOf(copy.id)[0]!.id, 'container-log-group').map((e) => e.target)).toEqual([r.created[2]]);
    expect(copy.position).toEqual({ x: 40, y: 40 });
  });

  it('moves nodes without touching unmoved ones', () => {
    const { design, td, app } = fargateTask();
    const moved = moveNodes(design, [{ id: td, position: { x: 5, y: 6 } }]);
    expect(moved.nodes[0]?.position).toEqual({ x: 5, y: 6 });
    expect(moved.nodes[1]).toBe(design.nodes.find((n) => n.id === app));
    expect(moveNodes(design, [{ id: td, position: { x: 0, y: 0 } }])).toBe(design);
  });
});
