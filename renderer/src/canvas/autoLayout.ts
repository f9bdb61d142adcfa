import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import type { Design } from '../../../shared/model/document';
import { CLUSTER_GAP, CLUSTER_HEADER, CLUSTER_MIN, CLUSTER_PADDING, clusterMembership } from './clusters';
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
  // Edges from the services inside a cluster to the rest of the design are laid out with the whole graph.
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
};

/** Inside a cluster: its services in a column, below the cluster's own card (the frame's header). */
const CLUSTER_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.spacing.nodeNode': String(CLUSTER_GAP),
  'elk.padding': `[top=${CLUSTER_HEADER},left=${CLUSTER_PADDING},bottom=${CLUSTER_PADDING},right=${CLUSTER_PADDING}]`,
  'elk.nodeSize.constraints': 'MINIMUM_SIZE',
  'elk.nodeSize.minimum': `(${CLUSTER_MIN.width},${CLUSTER_MIN.height})`,
};

let elk: ELK | undefined;

/**
 * Layered layout of the whole design with elkjs (left to right, following the edges). Containers stay inside
 * their task definition, stacked in order; an edge to a container counts as an edge to its task definition.
 * A cluster is a compound node with the services that run in it inside; their other edges cross its border.
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

  // Clusters with services are compound nodes: their services are laid out inside them, below the cluster's card.
  const { members, clusterOf } = clusterMembership(design);
  const top = design.nodes.filter((n) => n.parentId === undefined && !clusterOf.has(n.id));
  const sizeOf = (id: string): Size => sizes.get(id) ?? DEFAULT_SIZE;
  const elkNodes: ElkNode[] = top.map((n) => {
    const services = members.get(n.id);
    if (services)
      return {
        id: n.id,
        layoutOptions: CLUSTER_OPTIONS,
        children: services.map((s) => ({ id: s.id, ...sizeOf(s.id) })),
      };
    const kids = children.get(n.id);
    const size = kids ? frameSize(kids.map((id) => ({ ...design.nodes.find((c) => c.id === id)!, position: restacked.get(id)! }))) : sizeOf(n.id);
    return { id: n.id, width: size.width, height: size.height };
  });
  const seen = new Set<string>();
  const elkEdges = design.edges.flatMap((e) => {
    const s = parentOf.get(e.source) ?? e.source;
    const t = parentOf.get(e.target) ?? e.target;
    const key = `${s}>${t}`;
    // A service's own cluster is drawn around it: no edge for that.
    if (s === t || seen.has(key) || clusterOf.get(s)?.id === t || clusterOf.get(t)?.id === s) return [];
    seen.add(key);
    return [{ id: e.id, sources: [s], targets: [t] }];
  });
  const graph = await elk.layout({ id: 'root', layoutOptions: LAYOUT_OPTIONS, children: elkNodes, edges: elkEdges });
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const snap = (v: number) => Math.round(v / 10) * 10;
  const place = (id: string, position: { x: number; y: number }) => {
    const n = byId.get(id);
    if (n && (position.x !== n.position.x || position.y !== n.position.y)) moves.push({ id, position });
  };
  for (const c of graph.children ?? []) {
    if (c.x === undefined || c.y === undefined) continue;
    const at = { x: snap(c.x), y: snap(c.y) };
    place(c.id, at);
    // Services: ELK gives their place inside the cluster; the design keeps absolute positions.
    for (const s of c.children ?? []) if (s.x !== undefined && s.y !== undefined) place(s.id, { x: at.x + Math.round(s.x), y: at.y + Math.round(s.y) });
  }
  return moves;
}
