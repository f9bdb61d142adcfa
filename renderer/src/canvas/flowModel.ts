import { Position, type CoordinateExtent } from '@xyflow/react';
import { KIND_INFO, nodeTitle } from '../../../shared/model/catalog';
import type { Design } from '../../../shared/model/document';
import { EDGE_KINDS, type EdgeKind } from '../../../shared/model/edges';
import type { DesignNode } from '../../../shared/model/nodes';
import type { Selection } from '../store/designStore';
import { CLUSTER_HEADER, CLUSTER_PADDING, clusterFrameSize, clusterMembership, memberOffset } from './clusters';
import type { CanvasEdge } from './edgeGeometry';
import { nodeTypeOf, type DesignFlowNode } from './nodes/cards';

/** Geometry of the sub-flow: containers sit in rows inside their task definition. */
export const CONTAINER_SIZE = { width: 240, height: 74 };
export const FRAME_HEADER = 84;
export const FRAME_PADDING = 16;
export const FRAME_MIN = { width: 272, height: 112 };

/** Frames one level under the cards (see toFlowNode; the edge layer sits between the two, see canvas.css). */
const FRAME_Z = -1;

/** What a card is called (its accessible name, and how connections and notices name it): "Service web". */
export function cardName(n: DesignNode): string {
  return `${KIND_INFO[n.kind].label} ${nodeTitle(n)}`;
}

/** Where the n-th container of a task definition goes (relative to the task definition). */
export function containerSlot(index: number): { x: number; y: number } {
  return { x: FRAME_PADDING, y: FRAME_HEADER + index * (CONTAINER_SIZE.height + 12) };
}

/** Size of a task definition frame: around its containers. */
export function frameSize(children: readonly DesignNode[]): { width: number; height: number } {
  let width = FRAME_MIN.width;
  let height = FRAME_MIN.height;
  for (const c of children) {
    width = Math.max(width, c.position.x + CONTAINER_SIZE.width + FRAME_PADDING);
    height = Math.max(height, c.position.y + CONTAINER_SIZE.height + FRAME_PADDING);
  }
  return { width, height };
}

type Size = { width: number; height: number };
type XY = { x: number; y: number };
type Cached = {
  src: DesignNode;
  selected: boolean;
  width: number;
  height: number;
  measured: Size | undefined;
  /** A service drawn in a cluster: the cluster and the offset it is drawn at. */
  parent: string | undefined;
  offset: XY | undefined;
  flow: DesignFlowNode;
};

/**
 * Turns the design into React Flow nodes, reusing the previous node object when nothing it shows changed, so
 * React Flow re-renders only the cards whose node changed (editing one node never re-renders the others).
 * Containers are children of their task definition (design parentId); services that run in a cluster are drawn as
 * children of the cluster's frame (see clusters.ts).
 */
export class FlowNodeCache {
  private cache = new Map<string, Cached>();
  /** Sizes React Flow measured (controlled mode: they live here, not in the design). */
  private readonly measured = new Map<string, Size>();

  /** The last nodes derived, and from what: a change of selection alone only re-derives the nodes it (de)selects. */
  private last: { design: Design; sizes: number; nodes: DesignFlowNode[] } | undefined;
  /** Bumped by every new measured size. */
  private sizes = 0;

  /** Records a measured size; true when it changed. */
  measure(id: string, size: Size): boolean {
    const m = this.measured.get(id);
    if (m && m.width === size.width && m.height === size.height) return false;
    this.measured.set(id, size);
    this.sizes++;
    return true;
  }

  nodes(design: Design, selection: Selection): DesignFlowNode[] {
    const selected = new Set(selection.nodeIds);
    const last = this.last;
    if (last && last.design === design && last.sizes === this.sizes) {
      // Same design, same sizes: only the selection changed (a click, or the start of a drag at 5,000 nodes: rebuilding
      // every node was a quarter of that frame).
      const nodes = last.nodes.map((flow) => {
        const e = this.cache.get(flow.id)!;
        const isSelected = selected.has(flow.id);
        if (e.selected === isSelected) return flow;
        const cluster = e.parent !== undefined && e.offset ? { id: e.parent, offset: e.offset } : undefined;
        const entry: Cached = { ...e, selected: isSelected, flow: toFlowNode(e.src, isSelected, { width: e.width, height: e.height }, e.measured, cluster) };
        this.cache.set(flow.id, entry);
        return entry.flow;
      });
      this.last = { design, sizes: this.sizes, nodes };
      return nodes;
    }
    const children = new Map<string, DesignNode[]>();
    for (const n of design.nodes) {
      if (n.parentId === undefined) continue;
      const list = children.get(n.parentId);
      if (list) list.push(n);
      else children.set(n.parentId, [n]);
    }
    const { members, clusterOf } = clusterMembership(design);
    const next = new Map<string, Cached>();
    const parents: DesignFlowNode[] = [];
    const kids: DesignFlowNode[] = [];
    for (const n of design.nodes) {
      const isSelected = selected.has(n.id);
      const cluster = clusterOf.get(n.id);
      const offset = cluster ? memberOffset(n, cluster) : undefined;
      let size = { width: 0, height: 0 };
      if (n.kind === 'taskDefinition') size = frameSize(children.get(n.id) ?? []);
      else if (members.has(n.id)) size = clusterFrameSize(members.get(n.id)!.map((s) => ({ offset: memberOffset(s, n), size: this.measured.get(s.id) ?? cardEstimate(s) })));
      const prev = this.cache.get(n.id);
      let entry: Cached;
      const measured = this.measured.get(n.id);
      if (
        prev &&
        prev.src === n &&
        prev.selected === isSelected &&
        prev.width === size.width &&
        prev.height === size.height &&
        prev.measured === measured &&
        prev.parent === cluster?.id &&
        prev.offset?.x === offset?.x &&
        prev.offset?.y === offset?.y
      )
        entry = prev;
      else entry = { src: n, selected: isSelected, ...size, measured, parent: cluster?.id, offset, flow: toFlowNode(n, isSelected, size, measured, cluster && offset ? { id: cluster.id, offset } : undefined) };
      next.set(n.id, entry);
      (n.parentId === undefined && cluster === undefined ? parents : kids).push(entry.flow);
    }
    this.cache = next;
    for (const id of this.measured.keys()) if (!next.has(id)) this.measured.delete(id);
    // React Flow needs a parent before its children.
    const nodes = kids.length === 0 ? parents : [...parents, ...kids];
    this.last = { design, sizes: this.sizes, nodes };
    return nodes;
  }
}

/** A service in a cluster stays in the cluster's content area: below the header, right of the padding. */
const MEMBER_EXTENT: CoordinateExtent = [
  [CLUSTER_PADDING, CLUSTER_HEADER],
  [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
];

/**
 * A card's size before React Flow measured it (see unmeasured below), as the stylesheet draws it: a card with a
 * cost line (the kinds the cost estimate prices) is taller; a container card is a little wider and lower.
 */
const CARD_ESTIMATE: Size = { width: 232, height: 73 };
const PRICED_CARD_ESTIMATE: Size = { width: 232, height: 94 };
const CONTAINER_ESTIMATE: Size = { width: 240, height: 69 };
const PRICED_KINDS: ReadonlySet<string> = new Set(['service', 'asgCapacityProvider', 'loadBalancer', 'efsFileSystem']);
const HANDLE = 9;

/** The size a card (not a frame) is drawn at, before React Flow measured it. */
export function cardEstimate(n: DesignNode): Size {
  return n.kind === 'container' ? CONTAINER_ESTIMATE : PRICED_KINDS.has(n.kind) ? PRICED_CARD_ESTIMATE : CARD_ESTIMATE;
}

/**
 * What React Flow needs to know of a card it has not measured yet: its size (to tell whether it is in view, and
 * to fit the view around it) and where its two handles are (where connections to it end: the middle of its left
 * and right borders, as the stylesheet draws them). Without them React Flow renders every node once to measure it,
 * also the ones out of view, and unmounts them again right after: at 5,000 nodes that was most of the time to
 * first render. A card that comes into view is measured then; when its size differs, React Flow's measurement
 * (size and handles) replaces these (see FlowNodeCache.measure).
 */
function unmeasured(n: DesignNode, size: Size): Pick<DesignFlowNode, 'measured' | 'handles'> {
  const { width, height } = size.width > 0 ? size : cardEstimate(n);
  // The handles sit on the card's borders (3px left in the kind's colour, 1px right), centred on them.
  const y = height / 2 - HANDLE / 2;
  return {
    measured: { width, height },
    handles: [
      { id: null, type: 'target', position: Position.Left, x: 3 - HANDLE / 2, y, width: HANDLE, height: HANDLE },
      { id: null, type: 'source', position: Position.Right, x: width - 1 - HANDLE / 2, y, width: HANDLE, height: HANDLE },
    ],
  };
}

function toFlowNode(n: DesignNode, selected: boolean, size: Size, measured: Size | undefined, cluster: { id: string; offset: XY } | undefined): DesignFlowNode {
  const framed = size.width > 0;
  const node: DesignFlowNode = {
    id: n.id,
    type: n.kind === 'cluster' && framed ? 'cluster' : nodeTypeOf(n),
    position: cluster ? cluster.offset : n.position,
    data: { node: n },
    selected,
    className: `design-node kind-${n.kind}`,
    ariaLabel: cardName(n),
  };
  if (measured) node.measured = measured;
  else Object.assign(node, unmeasured(n, size));
  if (framed) {
    node.width = size.width;
    node.height = size.height;
    node.style = { width: size.width, height: size.height };
    // Frames lie under the cards: a cluster whose services sit far apart must not hide the cards around it.
    node.zIndex = FRAME_Z;
  }
  if (n.parentId !== undefined) {
    node.parentId = n.parentId;
    node.extent = 'parent';
  } else if (cluster) {
    node.parentId = cluster.id;
    node.extent = MEMBER_EXTENT;
  }
  return node;
}

/** Connections the canvas draws: a service's cluster is shown by drawing the service inside it, not by a line. */
export function isDrawnEdge(kind: EdgeKind): boolean {
  return kind !== 'service-cluster';
}

/**
 * The connections the edge layer draws (see EdgeLayer.tsx), reusing the previous object of a connection whose
 * ends, selection and titles are unchanged, so the layer re-renders the connections that changed only.
 */
/**
 * The same connections with another selection (the design unchanged): only the connections whose selected state
 * changes are new objects, and the same array when there are none. Cheaper than toCanvasEdges, which names every
 * connection again.
 */
export function reselectCanvasEdges(previous: readonly CanvasEdge[], selection: Selection): readonly CanvasEdge[] {
  const selected = new Set(selection.edgeIds);
  let changed = false;
  const next = previous.map((e) => {
    if (selected.has(e.id) === e.selected) return e;
    changed = true;
    return { ...e, selected: !e.selected };
  });
  // No connection (de)selected (a card was): the same array, so that nothing drawn from it is laid out again.
  return changed ? next : previous;
}

/**
 * The design's drawn connections, named for screen readers. A connection that did not change keeps its object,
 * and when none changed (a card moved, a property edited) the previous array itself is returned: nothing drawn
 * from it is laid out again.
 */
export function toCanvasEdges(design: Design, selection: Selection, previous: readonly CanvasEdge[] = []): readonly CanvasEdge[] {
  const selected = new Set(selection.edgeIds);
  const prev = new Map(previous.map((e) => [e.id, e]));
  const nodes = new Map(design.nodes.map((n) => [n.id, n]));
  const titleOf = (id: string) => {
    const n = nodes.get(id);
    return n ? cardName(n) : id;
  };
  const out: CanvasEdge[] = [];
  for (const e of design.edges) {
    if (!isDrawnEdge(e.kind)) continue;
    const isSelected = selected.has(e.id);
    const spec = EDGE_KINDS[e.kind];
    const ariaLabel = `${titleOf(e.source)} → ${titleOf(e.target)}: ${spec.label}`;
    const old = prev.get(e.id);
    if (old && old.source === e.source && old.target === e.target && old.selected === isSelected && old.kind === e.kind && old.ariaLabel === ariaLabel) out.push(old);
    else out.push({ id: e.id, source: e.source, target: e.target, kind: e.kind, label: spec.label, selected: isSelected, ariaLabel });
  }
  return out.length === previous.length && out.every((e, i) => e === previous[i]) ? previous : out;
}
