import { Position, type InternalNode } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { drawRegion, DrawnEdges, EdgeShapeCache, endPoint, pathPieces, pathPoints, spanOverlaps, type CanvasEdge, type Region } from './edgeGeometry';

/** An internal node as React Flow keeps it: absolute position, measured size, handle bounds or declared handles. */
function node(id: string, x: number, y: number, opts: { width?: number; height?: number; measuredHandles?: boolean } = {}): InternalNode {
  const width = opts.width ?? 232;
  const height = opts.height ?? 73;
  const handles = [
    { id: null, type: 'target' as const, position: Position.Left, x: -1.5, y: height / 2 - 4.5, width: 9, height: 9 },
    { id: null, type: 'source' as const, position: Position.Right, x: width - 5.5, y: height / 2 - 4.5, width: 9, height: 9 },
  ];
  return {
    id,
    position: { x, y },
    data: {},
    measured: { width, height },
    ...(opts.measuredHandles ? {} : { handles }),
    internals: {
      positionAbsolute: { x, y },
      z: 0,
      userNode: { id, position: { x, y }, data: {} },
      ...(opts.measuredHandles ? { handleBounds: { source: [handles[1]!], target: [handles[0]!] } } : {}),
    },
  } as InternalNode;
}

const edge = (id: string, source: string, target: string): CanvasEdge => ({ id, source, target, kind: 'container-log-group', label: 'logs to', selected: false, ariaLabel: id });

describe('edge geometry', () => {
  it('ends a connection where React Flow does: the right handle of the source, the left handle of the target', () => {
    for (const measuredHandles of [false, true]) {
      const a = node('a', 100, 200, { measuredHandles });
      // Right handle: x + handle.x + handle.width, y + handle.y + handle.height / 2.
      expect(endPoint(a, 'source')).toEqual({ x: 100 + 232 - 5.5 + 9, y: 200 + 36.5, position: Position.Right });
      expect(endPoint(a, 'target')).toEqual({ x: 100 - 1.5, y: 200 + 36.5, position: Position.Left });
    }
    // A node with only source handles is a target on its first source handle (loose connection mode).
    const b = node('b', 0, 0, { measuredHandles: true });
    b.internals.handleBounds = { source: b.internals.handleBounds!.source, target: null };
    expect(endPoint(b, 'target')?.position).toBe(Position.Right);
  });

  it('rounds ends to the half pixel, so a card measured a fraction off its estimate draws the same line', () => {
    const a = node('a', 100.2421875, 200.015625);
    expect(endPoint(a, 'source')).toEqual({ x: 335.5, y: 236.5, position: Position.Right });
  });

  it('keeps a shape while its ends stay, and says when a connection moved', () => {
    const shapes = new EdgeShapeCache();
    const e = edge('e', 'a', 'b');
    const a = node('a', 0, 0);
    const b = node('b', 400, 300);
    const first = shapes.shape(e, a, b)!;
    expect(first.path.startsWith('M235.5 36.5')).toBe(true);
    expect(shapes.moved('e')).toBe(false);
    expect(shapes.shape(e, a, b)).toBe(first);
    // A new internal node at the same place (React Flow re-measured it): the same shape.
    expect(shapes.shape(e, node('a', 0, 0), b)).toBe(first);
    expect(shapes.moved('e')).toBe(false);
    const moved = shapes.shape(e, node('a', 0, 40), b)!;
    expect(moved).not.toBe(first);
    expect(shapes.moved('e')).toBe(true);
    expect(moved.labelY).toBeGreaterThan(first.labelY);
  });

  it('cuts a step path into pieces that draw the same lines', () => {
    const path = 'M0 0L 145,0Q 150,0 150,5L 150,195Q 150,200 155,200L300 200';
    const pieces = pathPieces(path);
    expect(pieces).toEqual(['M0 0L 145,0', 'M145 0Q 150,0 150,5', 'M150 5L 150,195', 'M150 195Q 150,200 155,200', 'M155 200L300 200']);
    // Each piece starts where the previous ended, and together they visit the path's points in order.
    const joined = pieces.flatMap((p, i) => (i === 0 ? pathPoints(p) : pathPoints(p).slice(1)));
    expect(joined).toEqual(pathPoints(path));
  });

  it('finds the connection under a point: its label first, else the nearest line within the tolerance', () => {
    const drawn = new DrawnEdges();
    const line = (id: string, path: string) => ({ edge: edge(id, 'a', 'b'), shape: { path, labelX: 0, labelY: 0 } });
    const h = line('h', 'M0 100L 400,100');
    const v = line('v', 'M200 0L 200,400');
    drawn.set([h, v], (l) => (l === h ? { x: 40, y: 90, x2: 80, y2: 110 } : undefined));
    expect(drawn.at(300, 103, 6)).toBe('h');
    expect(drawn.at(204, 300, 6)).toBe('v');
    expect(drawn.at(300, 120, 6)).toBeUndefined();
    // Nearer to the vertical line than to the horizontal one.
    expect(drawn.at(202, 105, 6)).toBe('v');
    // On the label of h, even where v would be nearer.
    expect(drawn.at(60, 109, 6)).toBe('h');
    expect(drawn.pathOf('v')).toBe('M200 0L 200,400');
    expect(drawn.pathOf('gone')).toBeUndefined();
  });

  it('keeps the drawn region while the view moves inside it, and covers the view with a margin', () => {
    const view = (tx: number, ty: number, zoom: number) => drawRegion([tx, ty, zoom], 1600, 900);
    const a = view(-1000, -1000, 1);
    expect(view(-1010, -1005, 1).key).toBe(a.key);
    for (const [tx, ty, zoom] of [
      [-1000, -1000, 1],
      [-5000, 3000, 0.5],
      [250, -77, 2],
    ] as const) {
      const { box } = view(tx, ty, zoom);
      const x = -tx / zoom;
      const y = -ty / zoom;
      expect(box.x).toBeLessThanOrEqual(x - 1600 / zoom / 4);
      expect(box.y).toBeLessThanOrEqual(y - 900 / zoom / 4);
      expect(box.x2).toBeGreaterThanOrEqual(x + 1600 / zoom + 1600 / zoom / 4);
      expect(box.y2).toBeGreaterThanOrEqual(y + 900 / zoom + 900 / zoom / 4);
    }
    // Far away, another region.
    expect(view(-4000, -1000, 1).key).not.toBe(a.key);
  });

  it('keeps the region drawn before while the view stays well inside it, across grid lines', () => {
    const at = (tx: number, previous?: Region) => drawRegion([tx, 0, 1], 1600, 900, previous);
    // Grid cells of 1024 at this size: a view at x = 1000 and one at x = 1030 are on either side of a grid line.
    const first = at(-1000);
    expect(at(-1030).key).not.toBe(first.key);
    expect(at(-1030, first)).toBe(first);
    // Until less than a quarter cell is left to the region's edge: then a fresh region, with the view well inside.
    const right = first.box.x2 - 1600;
    expect(at(-(right - 300), first)).toBe(first);
    const moved = at(-(right - 100), first);
    expect(moved).not.toBe(first);
    expect(moved.box.x2 - (right - 100 + 1600)).toBeGreaterThanOrEqual(1024);
    // Another zoom band: a fresh region.
    expect(drawRegion([-1000, 0, 0.4], 1600, 900, first).key.startsWith('2048:')).toBe(true);
  });

  it('tells whether the box around two nodes meets a region', () => {
    const a = node('a', 0, 0);
    const b = node('b', 5000, 0);
    expect(spanOverlaps(a, b, { x: 2000, y: -10, x2: 2100, y2: 10 })).toBe(true);
    expect(spanOverlaps(a, b, { x: 2000, y: 100, x2: 2100, y2: 200 })).toBe(false);
  });
});
