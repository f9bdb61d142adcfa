import { Position, type InternalNode } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { EdgeShapeCache, type CanvasEdge } from './edgeGeometry';
import { layoutEdges, type EdgeLayout } from './edgeLayout';

/** An internal node as React Flow keeps it (a new object whenever the node changes). */
function node(id: string, x: number, y: number): InternalNode {
  const width = 232;
  const height = 73;
  return {
    id,
    position: { x, y },
    data: {},
    measured: { width, height },
    handles: [
      { id: null, type: 'target', position: Position.Left, x: -1.5, y: 32, width: 9, height: 9 },
      { id: null, type: 'source', position: Position.Right, x: width - 5.5, y: 32, width: 9, height: 9 },
    ],
    internals: { positionAbsolute: { x, y }, z: 0, userNode: { id, position: { x, y }, data: {} } },
  } as InternalNode;
}

const edge = (id: string, source: string, target: string): CanvasEdge => ({ id, source, target, kind: 'k', label: id, selected: false, ariaLabel: id });
const region = { key: 'r', box: { x: -1000, y: -1000, x2: 3000, y2: 3000 } };

/** A grid of 6 × 6 nodes, each connected to its right and lower neighbours. */
function grid(): { lookup: Map<string, InternalNode>; edges: CanvasEdge[] } {
  const lookup = new Map<string, InternalNode>();
  const edges: CanvasEdge[] = [];
  for (let i = 0; i < 6; i++)
    for (let j = 0; j < 6; j++) {
      lookup.set(`n${i}-${j}`, node(`n${i}-${j}`, i * 400, j * 200));
      if (i > 0) edges.push(edge(`h${i}-${j}`, `n${i - 1}-${j}`, `n${i}-${j}`));
      if (j > 0) edges.push(edge(`v${i}-${j}`, `n${i}-${j - 1}`, `n${i}-${j}`));
    }
  return { lookup, edges };
}

const shapesOf = (l: EdgeLayout) => l.drawn.map((d) => [d.edge.id, d.shape.path]);

describe('edge layout', () => {
  it('after a node moves, looks again only at its connections and gives what a full layout gives', () => {
    const { lookup, edges } = grid();
    const shapes = new EdgeShapeCache();
    const first = layoutEdges(undefined, edges, lookup, region, shapes);
    expect(first.drawn).toHaveLength(edges.length);
    expect(layoutEdges(first, edges, lookup, region, shapes)).toBe(first);

    lookup.set('n2-2', node('n2-2', 2 * 400 + 37, 2 * 200 + 11));
    const next = layoutEdges(first, edges, lookup, region, shapes);
    const full = layoutEdges(undefined, edges, lookup, region, new EdgeShapeCache());
    expect(shapesOf(next)).toEqual(shapesOf(full));
    const touching = edges.filter((e) => e.source === 'n2-2' || e.target === 'n2-2').map((e) => e.id);
    expect(next.drawn.filter((l, i) => l !== first.drawn[i]).map((l) => l.edge.id).sort()).toEqual([...touching].sort());
    expect([...next.moved].sort()).toEqual([...touching].sort());
    expect(next.ends.get('n2-2')).toBe(lookup.get('n2-2'));
  });

  it('lays out everything again when a connection leaves the region or the connections change', () => {
    const { lookup, edges } = grid();
    const shapes = new EdgeShapeCache();
    const first = layoutEdges(undefined, edges, lookup, region, shapes);
    // n5-5 and its neighbours n4-5 and n5-4 all far away: their connections leave the region.
    for (const id of ['n5-5', 'n4-5', 'n5-4']) lookup.set(id, node(id, 9000, 9000));
    const next = layoutEdges(first, edges, lookup, region, shapes);
    expect(shapesOf(next)).toEqual(shapesOf(layoutEdges(undefined, edges, lookup, region, new EdgeShapeCache())));
    expect(next.drawn.some((l) => l.edge.id === 'h5-5')).toBe(false);

    const fewer = edges.slice(1);
    const after = layoutEdges(next, fewer, lookup, region, shapes);
    expect(after.drawn.some((l) => l.edge.id === edges[0]!.id)).toBe(false);
    expect(shapesOf(after)).toEqual(shapesOf(layoutEdges(undefined, fewer, lookup, region, new EdgeShapeCache())));
  });

  it('draws connections that were waiting for a node, or for its handles, once they come', () => {
    const { lookup, edges } = grid();
    const shapes = new EdgeShapeCache();
    const missing = lookup.get('n1-1')!;
    lookup.delete('n1-1');
    const bare = { ...lookup.get('n3-3')!, handles: undefined } as InternalNode;
    const withHandles = lookup.get('n3-3')!;
    lookup.set('n3-3', bare);
    const first = layoutEdges(undefined, edges, lookup, region, shapes);
    expect(first.drawn.some((l) => l.edge.target === 'n1-1' || l.edge.target === 'n3-3')).toBe(false);
    lookup.set('n3-3', withHandles);
    const second = layoutEdges(first, edges, lookup, region, shapes);
    expect(second.drawn.some((l) => l.edge.target === 'n3-3')).toBe(true);
    lookup.set('n1-1', missing);
    const third = layoutEdges(second, edges, lookup, region, shapes);
    expect(shapesOf(third)).toEqual(shapesOf(layoutEdges(undefined, edges, lookup, region, new EdgeShapeCache())));
  });

  it('draws the connections of a node from outside the region that moves into it', () => {
    const { lookup, edges } = grid();
    const far = { ...edges[0]!, id: 'far', source: 'far-a', target: 'far-b' };
    const all = [...edges, far];
    lookup.set('far-a', node('far-a', 9000, 9000));
    lookup.set('far-b', node('far-b', 9400, 9000));
    const shapes = new EdgeShapeCache();
    const first = layoutEdges(undefined, all, lookup, region, shapes);
    expect(first.drawn.some((l) => l.edge.id === 'far')).toBe(false);
    lookup.set('far-a', node('far-a', 100, 100));
    const next = layoutEdges(first, all, lookup, region, shapes);
    expect(next.drawn.some((l) => l.edge.id === 'far')).toBe(true);
    expect(shapesOf(next)).toEqual(shapesOf(layoutEdges(undefined, all, lookup, region, new EdgeShapeCache())));
  });
});
