import { getSmoothStepPath, Position, type InternalNode } from '@xyflow/react';

/** What the edge layer draws for one connection of the design (see toCanvasEdges). */
export interface CanvasEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: string;
  readonly label: string;
  readonly selected: boolean;
  /** "Service web → Subnet private-a: in subnet": what a screen reader says for the connection. */
  readonly ariaLabel: string;
}

/** A rectangle in flow coordinates. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly x2: number;
  readonly y2: number;
}

/** Where a connection is drawn: its path, and the middle of the path, where its label sits. */
export interface EdgeShape {
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}

type Handle = { readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly position: Position };
type Point = { readonly x: number; readonly y: number; readonly position: Position };

/** Whether the box around two nodes (where a connection between them is drawn) overlaps `box`. */
export function spanOverlaps(a: InternalNode, b: InternalNode, box: Box): boolean {
  const pa = a.internals.positionAbsolute;
  const pb = b.internals.positionAbsolute;
  const x = Math.min(pa.x, pb.x);
  const y = Math.min(pa.y, pb.y);
  const x2 = Math.max(pa.x + (a.measured.width ?? a.width ?? a.initialWidth ?? 0), pb.x + (b.measured.width ?? b.width ?? b.initialWidth ?? 0));
  const y2 = Math.max(pa.y + (a.measured.height ?? a.height ?? a.initialHeight ?? 0), pb.y + (b.measured.height ?? b.height ?? b.initialHeight ?? 0));
  return x < box.x2 && box.x < x2 && y < box.y2 && box.y < y2;
}

/**
 * Where a connection ends on a node, as React Flow places it (getEdgePosition in loose connection mode, edges
 * without handle ids): the source end on the node's first source handle; the target end on its first target
 * handle, or its first source handle when it has none. The handles are the measured ones (internals.handleBounds)
 * or, before the card was measured, the ones the canvas told React Flow (node.handles, see flowModel.ts); to the
 * half pixel. Undefined while a node has neither, as React Flow draws no edge then.
 */
export function endPoint(node: InternalNode, end: 'source' | 'target'): Point | undefined {
  const bounds = node.internals.handleBounds;
  let handle: Handle | undefined;
  if (bounds) handle = end === 'source' ? bounds.source?.[0] : (bounds.target?.[0] ?? bounds.source?.[0]);
  else if (node.handles) {
    const of = (type: 'source' | 'target') => node.handles?.find((h) => h.type === type);
    const h = end === 'source' ? of('source') : (of('target') ?? of('source'));
    if (h) handle = { x: h.x, y: h.y, width: h.width ?? 1, height: h.height ?? 1, position: h.position };
  }
  if (!handle) return undefined;
  const x = handle.x + node.internals.positionAbsolute.x;
  const y = handle.y + node.internals.positionAbsolute.y;
  const position = handle.position;
  switch (position) {
    case Position.Top:
      return { x: half(x + handle.width / 2), y: half(y), position };
    case Position.Right:
      return { x: half(x + handle.width), y: half(y + handle.height / 2), position };
    case Position.Bottom:
      return { x: half(x + handle.width / 2), y: half(y + handle.height), position };
    case Position.Left:
      return { x: half(x), y: half(y + handle.height / 2), position };
  }
}

/**
 * To the half pixel: a card measured in the DOM comes out a fraction of a pixel off its estimate (1056.484375 for
 * 1056.5), which would redraw its connections for no visible change.
 */
function half(v: number): number {
  return Math.round(v * 2) / 2;
}

type Cached = { source: InternalNode; target: InternalNode; key: string; shape: EdgeShape | undefined; moved: boolean };

/**
 * The shapes of the connections, computed only for the connections being drawn and kept while their two ends
 * stay where they are (dragging one card recomputes the paths of its own connections only).
 */
export class EdgeShapeCache {
  private cache = new Map<string, Cached>();

  /** The shape of `edge` between these two nodes, or undefined when either end has no handle yet. */
  shape(edge: CanvasEdge, source: InternalNode, target: InternalNode): EdgeShape | undefined {
    const known = this.cache.get(edge.id);
    // React Flow keeps a node's internal object while the node is unchanged.
    if (known && known.source === source && known.target === target) {
      known.moved = false;
      return known.shape;
    }
    const s = endPoint(source, 'source');
    const t = endPoint(target, 'target');
    const key = s && t ? `${s.x},${s.y},${s.position},${t.x},${t.y},${t.position}` : '';
    let shape: EdgeShape | undefined;
    if (known?.key === key) shape = known.shape;
    else if (s && t) {
      const [path, labelX, labelY] = getSmoothStepPath({ sourceX: s.x, sourceY: s.y, sourcePosition: s.position, targetX: t.x, targetY: t.y, targetPosition: t.position });
      shape = { path, labelX, labelY };
    }
    this.cache.set(edge.id, { source, target, key, shape, moved: known !== undefined && shape !== known.shape });
    return shape;
  }

  /** Whether the last `shape` call for this connection gave it a new shape (it had one before). */
  moved(id: string): boolean {
    return this.cache.get(id)?.moved ?? false;
  }

  /** Forgets the connections that are no longer in the design. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.cache.keys()) if (!ids.has(id)) this.cache.delete(id);
  }
}

/** A part of the flow the edge layer draws (drawRegion): its box, and a key naming it. */
export interface Region {
  readonly key: string;
  readonly box: Box;
}

/**
 * The part of the flow the edge layer draws for a view: the view grown by a margin of half its larger side on
 * every side, snapped to a grid of that size, so small pans and zooms leave it (and so the drawn connections)
 * as it is. The key says which region it is; the same key, the same region. Given the region drawn before, it is
 * kept while it still holds the view with a quarter of a grid cell to spare on every side, so a pan back and forth
 * over a grid line does not redraw at each crossing.
 */
export function drawRegion(transform: readonly [number, number, number], width: number, height: number, previous?: Region): Region {
  const [tx, ty, zoom] = transform;
  const w = width / zoom;
  const h = height / zoom;
  const x = -tx / zoom;
  const y = -ty / zoom;
  // Tile size: a power of two near half the view, so zooming in or out a little keeps the same grid.
  const tile = 2 ** Math.ceil(Math.log2(Math.max(w, h, 1) / 2));
  if (previous !== undefined && previous.key.startsWith(`${tile}:`)) {
    const spare = tile / 4;
    const b = previous.box;
    if (x - spare >= b.x && y - spare >= b.y && x + w + spare <= b.x2 && y + h + spare <= b.y2) return previous;
  }
  const x0 = Math.floor(x / tile) - 1;
  const y0 = Math.floor(y / tile) - 1;
  const x1 = Math.floor((x + w) / tile) + 2;
  const y1 = Math.floor((y + h) / tile) + 2;
  return { key: `${tile}:${x0}:${y0}:${x1}:${y1}`, box: { x: x0 * tile, y: y0 * tile, x2: x1 * tile, y2: y1 * tile } };
}

/**
 * A path cut into its commands, each a path of its own from where the previous one ended ("M0 0L 145,0Q 150,0
 * 150,5" gives "M0 0L 145,0" and "M145 0Q 150,0 150,5"). A straight piece of a step path has a thin box; the
 * whole path's box can span the view.
 */
export function pathPieces(path: string): string[] {
  const commands = path.split(/(?=[LQ])/);
  const pieces: string[] = [];
  let at = commands[0]?.replace(/^M\s*/, '') ?? '';
  for (const c of commands.slice(1)) {
    pieces.push(`M${at}${c}`);
    const numbers = c.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g) ?? [];
    at = `${numbers[numbers.length - 2] ?? 0} ${numbers[numbers.length - 1] ?? 0}`;
  }
  return pieces;
}

/** The corner points of a smooth-step path (its bends' control points stand for the rounded corners). */
export function pathPoints(path: string): { x: number; y: number }[] {
  const numbers = path.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g) ?? [];
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push({ x: Number(numbers[i]), y: Number(numbers[i + 1]) });
  return points;
}

function segmentDistance(px: number, py: number, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / len));
  return Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
}

type Drawn = { readonly edge: CanvasEdge; readonly shape: EdgeShape };

/**
 * The connections the edge layer drew, for pointing at them: the layer draws no hit paths (thousands of them made
 * every pointer move hit-test thousands of elements), so a click or hover on the empty canvas asks this index which
 * connection, if any, is under the pointer. The layer hands over what it drew on every redraw (every drag frame);
 * the index works out the corner points of a path only when asked.
 */
export class DrawnEdges {
  private lines: readonly Drawn[] = [];
  private labelOf: (line: Drawn) => Box | undefined = () => undefined;
  private readonly points = new Map<string, { path: string; points: { x: number; y: number }[] }>();

  /** Records what was drawn, and where the drawn labels are. The last drawn is on top. */
  set(lines: readonly Drawn[], labelOf: (line: Drawn) => Box | undefined): void {
    this.lines = lines;
    this.labelOf = labelOf;
  }

  /** The path of a drawn connection. */
  pathOf(id: string): string | undefined {
    return this.lines.find((l) => l.edge.id === id)?.shape.path;
  }

  private pointsOf({ edge, shape }: Drawn): { x: number; y: number }[] {
    const known = this.points.get(edge.id);
    if (known?.path === shape.path) return known.points;
    const points = pathPoints(shape.path);
    this.points.set(edge.id, { path: shape.path, points });
    return points;
  }

  /**
   * The connection at a point of the flow: the one whose label contains it, else the one whose path passes
   * nearest, within `tolerance` (flow units). Later (upper) connections win ties.
   */
  at(x: number, y: number, tolerance: number): string | undefined {
    const lines = this.lines;
    for (let i = lines.length - 1; i >= 0; i--) {
      const l = this.labelOf(lines[i]!);
      if (l && x >= l.x && x <= l.x2 && y >= l.y && y <= l.y2) return lines[i]!.edge.id;
    }
    if (this.points.size > 4 * lines.length + 1000) this.points.clear();
    let best: string | undefined;
    let bestDistance = tolerance;
    for (let i = lines.length - 1; i >= 0; i--) {
      const points = this.pointsOf(lines[i]!);
      for (let k = 0; k + 1 < points.length; k++) {
        const a = points[k]!;
        const b = points[k + 1]!;
        // Cheap rejection: the point is farther than the best distance from the segment's box.
        if (x < Math.min(a.x, b.x) - bestDistance || x > Math.max(a.x, b.x) + bestDistance || y < Math.min(a.y, b.y) - bestDistance || y > Math.max(a.y, b.y) + bestDistance) continue;
        const d = segmentDistance(x, y, a, b);
        if (d < bestDistance) {
          bestDistance = d;
          best = lines[i]!.edge.id;
        }
      }
    }
    return best;
  }
}
