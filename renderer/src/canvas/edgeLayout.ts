import type { InternalNode } from '@xyflow/react';
import { spanOverlaps, type Box, type CanvasEdge, type EdgeShape, type EdgeShapeCache, type Region } from './edgeGeometry';

/** A drawn connection and its shape: one object per connection while its shape stands, so that groups compare by identity. */
export type Line = { readonly edge: CanvasEdge; readonly shape: EdgeShape };

/** Which connections the edge layer draws in a region, and where. */
export interface EdgeLayout {
  /** The design's connections it was laid out from, and the region (drawRegion's key and box). */
  readonly edges: readonly CanvasEdge[];
  readonly region: string;
  /** The drawn connections, in the design's order. */
  readonly drawn: readonly Line[];
  /** Where each drawn connection is in `drawn`. */
  readonly at: ReadonlyMap<string, number>;
  /** The nodes the drawn connections end on, as React Flow had them then (a node changed since: a new object). */
  readonly ends: ReadonlyMap<string, InternalNode>;
  /** The nodes of every connection, drawn or not, as React Flow had them then. */
  readonly seen: ReadonlyMap<string, InternalNode>;
  /** Connections that had a shape before and got a new one in this layout (they moved). */
  readonly moved: readonly string[];
  /**
   * Whether every connection was settled: drawn, or both its nodes known and their span outside the region. A
   * connection waiting for a node React Flow has not adopted yet, or for handles it has not measured, is looked at
   * again by the next layout, whatever changed.
   */
  readonly complete: boolean;
  /** How many nodes React Flow had: one more or fewer, and everything is laid out again. */
  readonly nodeCount: number;
}

/**
 * Past this many changed nodes, laying out everything again is as quick as finding the connections of each.
 * A drag moves one card or a selection of a few; a card coming into view is measured alone.
 */
const FEW_NODES = 64;

/**
 * The connections to draw for `region`: those whose two ends are in the flow, not hidden, and whose span meets the
 * region. From the previous layout of the same connections, region and node count (every connection settled),
 * only the connections of nodes that changed since (React Flow gives a changed node a new internal object) are
 * looked at again: while a card is dragged, its own connections, instead of all 6,000 on every frame at 5,000 nodes.
 */
export function layoutEdges(
  prev: EdgeLayout | undefined,
  edges: readonly CanvasEdge[],
  lookup: ReadonlyMap<string, InternalNode>,
  region: Region,
  shapes: EdgeShapeCache,
): EdgeLayout {
  if (!prev || !prev.complete || prev.edges !== edges || prev.region !== region.key || prev.nodeCount !== lookup.size) return layoutAll(prev, edges, lookup, region, shapes);
  const changed: string[] = [];
  for (const [id, node] of prev.seen) if (lookup.get(id) !== node) changed.push(id);
  if (changed.length === 0) return prev.moved.length === 0 ? prev : { ...prev, moved: [] };
  if (changed.length > FEW_NODES) return layoutAll(prev, edges, lookup, region, shapes);

  const byNode = edgesByNode(edges);
  const touched = new Set<CanvasEdge>();
  for (const id of changed) for (const e of byNode.get(id) ?? []) touched.add(e);
  const replaced = new Map<string, Line>();
  const moved: string[] = [];
  for (const edge of touched) {
    const k = prev.at.get(edge.id);
    const next = lineOf(edge, lookup, region.box, shapes, k === undefined ? undefined : prev.drawn[k]);
    if (next === 'outside' && k === undefined) continue;
    // A connection coming into the region or leaving it changes the drawn list itself: lay out everything.
    if (typeof next !== 'object' || k === undefined) return layoutAll(prev, edges, lookup, region, shapes);
    if (next[0] !== prev.drawn[k]) replaced.set(edge.id, next[0]);
    if (shapes.moved(edge.id)) moved.push(edge.id);
  }
  const ends = new Map(prev.ends);
  const seen = new Map(prev.seen);
  for (const id of changed) {
    const node = lookup.get(id)!;
    seen.set(id, node);
    if (ends.has(id)) ends.set(id, node);
  }
  const drawn = replaced.size === 0 ? prev.drawn : prev.drawn.map((l) => replaced.get(l.edge.id) ?? l);
  return { edges, region: region.key, drawn, at: prev.at, ends, seen, moved, complete: true, nodeCount: lookup.size };
}

function layoutAll(
  prev: EdgeLayout | undefined,
  edges: readonly CanvasEdge[],
  lookup: ReadonlyMap<string, InternalNode>,
  region: Region,
  shapes: EdgeShapeCache,
): EdgeLayout {
  const drawn: Line[] = [];
  const at = new Map<string, number>();
  const ends = new Map<string, InternalNode>();
  const seen = new Map<string, InternalNode>();
  const moved: string[] = [];
  let complete = true;
  for (const edge of edges) {
    const k = prev?.at.get(edge.id);
    const next = lineOf(edge, lookup, region.box, shapes, k === undefined ? undefined : prev!.drawn[k]);
    if (next === 'pending') complete = false;
    else {
      seen.set(edge.source, lookup.get(edge.source)!);
      seen.set(edge.target, lookup.get(edge.target)!);
    }
    if (typeof next !== 'object') continue;
    const [line, a, b] = next;
    at.set(edge.id, drawn.length);
    drawn.push(line);
    ends.set(a.id, a);
    ends.set(b.id, b);
    if (shapes.moved(edge.id)) moved.push(edge.id);
  }
  return { edges, region: region.key, drawn, at, ends, seen, moved, complete, nodeCount: lookup.size };
}

/**
 * The line of a connection if it is drawn in `box` (the previous one while its shape stands), with its two ends;
 * else 'outside' (its span is outside the box) or 'pending' (a node not in the flow yet, hidden, or without handles).
 */
function lineOf(
  edge: CanvasEdge,
  lookup: ReadonlyMap<string, InternalNode>,
  box: Box,
  shapes: EdgeShapeCache,
  known: Line | undefined,
): [Line, InternalNode, InternalNode] | 'outside' | 'pending' {
  const a = lookup.get(edge.source);
  const b = lookup.get(edge.target);
  if (!a || !b || a.hidden || b.hidden) return 'pending';
  if (!spanOverlaps(a, b, box)) return 'outside';
  const shape = shapes.shape(edge, a, b);
  if (!shape) return 'pending';
  return [known && known.edge === edge && known.shape === shape ? known : { edge, shape }, a, b];
}

/** The connections of each node, per array of connections (a new array when the design's connections change). */
const byNodeOf = new WeakMap<readonly CanvasEdge[], ReadonlyMap<string, readonly CanvasEdge[]>>();
function edgesByNode(edges: readonly CanvasEdge[]): ReadonlyMap<string, readonly CanvasEdge[]> {
  let index = byNodeOf.get(edges);
  if (!index) {
    const m = new Map<string, CanvasEdge[]>();
    for (const e of edges)
      for (const id of e.source === e.target ? [e.source] : [e.source, e.target]) {
        const list = m.get(id);
        if (list) list.push(e);
        else m.set(id, [e]);
      }
    index = m;
    byNodeOf.set(edges, index);
  }
  return index;
}
