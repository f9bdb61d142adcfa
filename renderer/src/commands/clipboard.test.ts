import { describe, expect, it } from 'vitest';
import { makeNode } from '../../../shared/model/catalog';
import { checkIntegrity, emptyDesign, type Design } from '../../../shared/model/document';
import { sequentialIds } from '../../../shared/model/ids';
import { copyNodes, pasteClip } from './clipboard';

function design(): Design {
  const d = emptyDesign('d', 'test');
  d.nodes.push(makeNode('taskDefinition', 'td', { family: 'web', cpu: '256', memory: '512' }, { position: { x: 100, y: 100 } }));
  d.nodes.push(makeNode('container', 'c1', { name: 'app' }, { parentId: 'td', position: { x: 16, y: 84 } }));
  d.nodes.push(makeNode('logGroup', 'lg', { logGroupName: '/ecs/web' }, { position: { x: 500, y: 100 } }));
  d.nodes.push(makeNode('cluster', 'cl', { clusterName: 'c' }, { position: { x: 500, y: 400 } }));
  d.edges.push({ id: 'e1', kind: 'container-log-group', source: 'c1', target: 'lg' });
  return d;
}

describe('copy / paste', () => {
  it('copies a task definition with its containers and the edges inside the selection', () => {
    const clip = copyNodes(design(), ['td', 'lg'])!;
    expect(clip.nodes.map((n) => n.id)).toEqual(['td', 'c1', 'lg']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e1']);
    expect(copyNodes(design(), ['td'])!.edges).toEqual([]);
    expect(copyNodes(design(), [])).toBeUndefined();
  });

  it('pastes with new ids, offset top-level nodes, containers kept in the pasted task definition', () => {
    const d = design();
    const r = pasteClip(d, copyNodes(d, ['td', 'lg'])!, { ids: sequentialIds(), offset: { x: 40, y: 40 } });
    expect(r.created).toHaveLength(3);
    expect(checkIntegrity(r.design)).toEqual([]);
    const [td, c, lg] = r.created.map((id) => r.design.nodes.find((n) => n.id === id)!);
    expect(td!.position).toEqual({ x: 140, y: 140 });
    expect(c!.parentId).toBe(td!.id);
    expect(c!.position).toEqual({ x: 16, y: 84 });
    expect(lg!.position).toEqual({ x: 540, y: 140 });
    const edge = r.design.edges.find((e) => e.source === c!.id);
    expect(edge).toMatchObject({ kind: 'container-log-group', target: lg!.id });
    expect(r.design.edges).toHaveLength(2);
  });

  it('a container alone goes back into its task definition, or is left out when that is gone', () => {
    const d = design();
    const clip = copyNodes(d, ['c1'])!;
    const r = pasteClip(d, clip, { ids: sequentialIds() });
    expect(r.design.nodes.find((n) => n.id === r.created[0])?.parentId).toBe('td');
    const without = { ...d, nodes: d.nodes.filter((n) => n.id !== 'td' && n.id !== 'c1'), edges: [] };
    expect(pasteClip(without, clip).created).toEqual([]);
  });
});
