import { describe, expect, it } from 'vitest';
import { checkIntegrity, emptyDesign } from '../../../shared/model/document';
import { sequentialIds } from '../../../shared/model/ids';
import { addResource } from './addResource';

describe('addResource (palette drop)', () => {
  it('a task definition comes with one essential container inside it, with the Fargate defaults', () => {
    const r = addResource(emptyDesign('d'), 'taskDefinition', { x: 10.4, y: 20.6 }, { ids: sequentialIds() });
    if (!r.ok) throw new Error(r.reason);
    const [td, c] = r.design.nodes;
    expect(td).toMatchObject({ kind: 'taskDefinition', position: { x: 10, y: 21 }, properties: { networkMode: 'awsvpc', cpu: '256', memory: '512', requiresCompatibilities: ['FARGATE'] } });
    expect(c).toMatchObject({ kind: 'container', parentId: td!.id, properties: { essential: true } });
    expect(r.nodeId).toBe(td!.id);
    expect(checkIntegrity(r.design)).toEqual([]);
  });

  it('names do not clash with nodes of the same kind', () => {
    let d = emptyDesign('d');
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = addResource(d, 'service', { x: 0, y: 0 });
      if (!r.ok) throw new Error(r.reason);
      d = r.design;
      const s = d.nodes.find((n) => n.id === r.nodeId);
      names.push(s?.kind === 'service' ? s.properties.serviceName : '');
    }
    expect(names).toEqual(['web', 'web-2', 'web-3']);
  });

  it('a container needs a task definition: the one it was dropped on, else the only one', () => {
    expect(addResource(emptyDesign('d'), 'container', { x: 0, y: 0 }).ok).toBe(false);
    const withTd = addResource(emptyDesign('d'), 'taskDefinition', { x: 0, y: 0 });
    if (!withTd.ok) throw new Error(withTd.reason);
    const r = addResource(withTd.design, 'container', { x: 500, y: 500 });
    if (!r.ok) throw new Error(r.reason);
    const c = r.design.nodes.find((n) => n.id === r.nodeId)!;
    expect(c.parentId).toBe(withTd.nodeId);
    expect(c.kind === 'container' && c.properties.name).toBe('app-2');
    expect(c.position).toEqual({ x: 16, y: 84 + 86 });
    const two = addResource(withTd.design, 'taskDefinition', { x: 0, y: 0 });
    if (!two.ok) throw new Error(two.reason);
    expect(addResource(two.design, 'container', { x: 0, y: 0 }).ok).toBe(false);
    expect(addResource(two.design, 'container', { x: 0, y: 0 }, { taskDefinitionId: two.nodeId }).ok).toBe(true);
  });
});

describe('freeSpot', () => {
  it('keeps a free position and moves off occupied ones to the nearest free spot', async () => {
    const { freeSpot } = await import('./placement');
    const size = { width: 200, height: 60 };
    expect(freeSpot({ x: 0, y: 0 }, size, [])).toEqual({ x: 0, y: 0 });
    const taken = [{ x: 0, y: 0, width: 200, height: 60 }];
    const spot = freeSpot({ x: 0, y: 0 }, size, taken);
    expect(spot).not.toEqual({ x: 0, y: 0 });
    const clear = spot.y >= 60 + 24 || spot.y + 60 + 24 <= 0 || spot.x >= 200 + 24 || spot.x + 200 + 24 <= 0;
    expect(clear).toBe(true);
  });
});
