import type { Design } from '../../../shared/model/document';
import type { DesignNode } from '../../../shared/model/nodes';

/*
 * Services drawn inside their cluster. The design keeps what it means (a `service-cluster` edge) and where things
 * are (every service keeps its own absolute position); the canvas draws a service that runs in a cluster as a child
 * of the cluster's frame, at its offset from the cluster, and the frame grows around its services. Moving a cluster
 * moves its services with it (one edit), and a service is kept inside its cluster's content area.
 */

type XY = { x: number; y: number };
type Size = { width: number; height: number };

/** Geometry of a cluster frame: the cluster's own card on top, its services below, in rows. */
export const CLUSTER_HEADER = 84;
export const CLUSTER_PADDING = 16;
export const CLUSTER_GAP = 12;
export const CLUSTER_MIN: Size = { width: 272, height: 112 };
export const SERVICE_SIZE: Size = { width: 232, height: 72 };

/** The services drawn in each cluster (cluster id → its services, in document order), and each service's cluster. */
export type ClusterMembership = {
  readonly members: ReadonlyMap<string, readonly DesignNode[]>;
  readonly clusterOf: ReadonlyMap<string, DesignNode>;
};

export function clusterMembership(design: Design): ClusterMembership {
  const byId = new Map<string, DesignNode>();
  for (const n of design.nodes) byId.set(n.id, n);
  const clusterOf = new Map<string, DesignNode>();
  for (const e of design.edges) {
    if (e.kind !== 'service-cluster' || clusterOf.has(e.source)) continue;
    const service = byId.get(e.source);
    const cluster = byId.get(e.target);
    if (service?.kind === 'service' && service.parentId === undefined && cluster?.kind === 'cluster' && cluster.parentId === undefined) clusterOf.set(service.id, cluster);
  }
  const members = new Map<string, DesignNode[]>();
  for (const n of design.nodes) {
    const c = clusterOf.get(n.id);
    if (!c) continue;
    const list = members.get(c.id);
    if (list) list.push(n);
    else members.set(c.id, [n]);
  }
  return { members, clusterOf };
}

/** Where a service is drawn relative to its cluster: its offset, kept inside the content area (below the header). */
export function memberOffset(service: DesignNode, cluster: DesignNode): XY {
  return {
    x: Math.max(CLUSTER_PADDING, service.position.x - cluster.position.x),
    y: Math.max(CLUSTER_HEADER, service.position.y - cluster.position.y),
  };
}

/** The size of a cluster frame around its services (drawn at `offsets`, sized `sizes` or the default card size). */
export function clusterFrameSize(members: readonly { offset: XY; size?: Size | undefined }[]): Size {
  let width = CLUSTER_MIN.width;
  let height = CLUSTER_MIN.height;
  for (const m of members) {
    const size = m.size ?? SERVICE_SIZE;
    width = Math.max(width, m.offset.x + size.width + CLUSTER_PADDING);
    height = Math.max(height, m.offset.y + size.height + CLUSTER_PADDING);
  }
  return { width, height };
}

/** The n-th row of a cluster's content area (relative to the cluster). */
export function clusterSlot(index: number): XY {
  return { x: CLUSTER_PADDING, y: CLUSTER_HEADER + index * (SERVICE_SIZE.height + CLUSTER_GAP) };
}

/**
 * The absolute position for `serviceId` joining `clusterId`: the first row below the other services drawn there.
 */
export function placeInCluster(design: Design, serviceId: string, clusterId: string): XY | undefined {
  const { members } = clusterMembership(design);
  const cluster = design.nodes.find((n) => n.id === clusterId);
  if (!cluster) return undefined;
  const others = (members.get(clusterId) ?? []).filter((s) => s.id !== serviceId);
  let y = CLUSTER_HEADER;
  for (const s of others) y = Math.max(y, memberOffset(s, cluster).y + SERVICE_SIZE.height + CLUSTER_GAP);
  return { x: cluster.position.x + CLUSTER_PADDING, y: cluster.position.y + y };
}

/**
 * Turns positions React Flow reports into design positions: a service drawn in a cluster reports its offset from
 * the cluster (made absolute here), and a cluster that moves takes along the services drawn in it.
 */
export function toDesignMoves(design: Design, moves: readonly { id: string; position: XY }[]): { id: string; position: XY }[] {
  const { members, clusterOf } = clusterMembership(design);
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const moved = new Map(moves.map((m) => [m.id, m.position]));
  const out = new Map<string, XY>();
  for (const m of moves) {
    const cluster = clusterOf.get(m.id);
    if (!cluster) {
      out.set(m.id, m.position);
      continue;
    }
    const base = moved.get(cluster.id) ?? cluster.position;
    out.set(m.id, { x: base.x + m.position.x, y: base.y + m.position.y });
  }
  for (const m of moves) {
    const node = byId.get(m.id);
    if (node?.kind !== 'cluster') continue;
    const dx = m.position.x - node.position.x;
    const dy = m.position.y - node.position.y;
    if (dx === 0 && dy === 0) continue;
    for (const s of members.get(node.id) ?? []) if (!moved.has(s.id)) out.set(s.id, { x: s.position.x + dx, y: s.position.y + dy });
  }
  return [...out].map(([id, position]) => ({ id, position }));
}
