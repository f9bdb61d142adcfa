import type { ELK } from 'elkjs/lib/elk-api';
import type { Design } from '../../../shared/model/document';
import { containerSlot, frameSize } from './flowModel';

export type Size = { width: number; height: number };
export type Move = { id: string; position: { x: number; y: number } };

const DEFAULT_SIZE: Size = { width: 232, height: 72 };

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '100',
  'elk.spacing.componentComponent': '80',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

let elk: ELK | undefined;

/**
 * Layered layout of the whole design with elkjs (left to right, following the edges). Containers stay inside
 * their task definition, stacked in order; an edge to a container counts as an edge to its task definition.
 * Returns the new positions (rounded to the grid) of every node that moves.
 */
export async function autoLayout(design: Design, sizes: ReadonlyMap<string, Size>): Promise<Move[]> {
  // elkjs is large: loaded on first use, in its own chunk.
  elk ??= new (await import('elkjs/lib/elk.bundled.js')).default();
  const parentOf = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const n of design.nodes) {
    if (n.parentId === undefined) continue;
    parentOf.set(n.id, n.parentId);
    children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  }
  const moves: Move[] = [];
  // Containers first: their slots decide the size of their frame.
  const restacked = new Map<string, { x: number; y: number }>();
  for (const [, ids] of children) ids.forEach((id, i) => restacked.set(id, containerSlot(i)));
  for (const n of design.nodes) {
    const p = restacked.get(n.id);
    if (p && (p.x !== n.position.x || p.y !== n.position.y)) moves.push({ id: n.id, position: p });
  }

  const top = design.nodes.filter((n) => n.parentId === undefined);
  const elkNodes = top.map((n) => {
    const kids = children.get(n.id);
    const size = kids ? frameSize(kids.map((id) => ({ ...design.nodes.find((c) => c.id === id)!, position: restacked.get(id)! }))) : (sizes.get(n.id) ?? DEFAULT_SIZE);
    return { id: n.id, width: size.width, height: size.height };
  });
  const seen = new Set<string>();
  const elkEdges = design.edges.flatMap((e) => {
    const s = parentOf.get(e.source) ?? e.source;
    const t = parentOf.get(e.target) ?? e.target;
    const key = `${s}>${t}`;
    if (s === t || seen.has(key)) return [];
    seen.add(key);
    return [{ id: e.id, sources: [s], targets: [t] }];
  });
  const graph = await elk.layout({ id: 'root', layoutOptions: LAYOUT_OPTIONS, children: elkNodes, edges: elkEdges });
  for (const c of graph.children ?? []) {
    const n = top.find((t) => t.id === c.id);
    if (!n || c.x === undefined || c.y === undefined) continue;
    const position = { x: Math.round(c.x / 10) * 10, y: Math.round(c.y / 10) * 10 };
    if (position.x !== n.position.x || position.y !== n.position.y) moves.push({ id: n.id, position });
  }
  return moves;
}
