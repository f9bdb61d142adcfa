import { addNode, connect, setEdgeProperties, setNodeProperties } from '../commands/edit';
import { emptyDesign, type Design, type DesignSettings } from '../model/document';
import type { EdgeKind, EdgeProps } from '../model/edges';
import { sequentialIds, type IdGenerator } from '../model/ids';
import type { NodeKind, NodePropsInput } from '../model/nodes';

/** Column of each kind in the pattern layout: left to right follows the edges (who uses whom). */
const COLUMN: Record<NodeKind, number> = {
  scalableTarget: 0,
  targetTrackingPolicy: 0,
  stepScalingPolicy: 0,
  scheduledAction: 0,
  service: 1,
  listener: 1,
  loadBalancer: 1,
  taskDefinition: 2,
  cluster: 2,
  fargateCapacityProvider: 2,
  asgCapacityProvider: 2,
  targetGroup: 2,
  ecrRepository: 3,
  externalImage: 3,
  logGroup: 3,
  taskRole: 3,
  executionRole: 3,
  secret: 3,
  efsAccessPoint: 3,
  efsFileSystem: 3,
  securityGroup: 4,
  instanceRole: 4,
  s3Bucket: 4,
  subnet: 5,
  vpc: 5,
  container: 2,
};

const COLUMN_WIDTH = 310;
const CARD_HEIGHT = 76;
const GAP = 36;

/** Height of a task definition frame with `n` containers (matches the canvas frame layout). */
function frameHeight(n: number): number {
  return Math.max(112, 84 + n * 86 + 16);
}

/** Geometry of a cluster frame on the canvas (renderer/src/canvas/clusters.ts): services in rows below its card. */
const CLUSTER_HEADER = 84;
const CLUSTER_PADDING = 16;
const CLUSTER_ROW = 72 + 12;

/**
 * Lays the top-level nodes out in kind columns, stacked in the order they were added (containers stay in their
 * frame). A service that runs in a cluster is placed inside the cluster's frame, where the canvas draws it.
 */
export function arrange(design: Design): Design {
  const children = new Map<string, number>();
  for (const n of design.nodes) if (n.parentId !== undefined) children.set(n.parentId, (children.get(n.parentId) ?? 0) + 1);
  const clusterOf = new Map<string, string>();
  for (const e of design.edges) if (e.kind === 'service-cluster' && !clusterOf.has(e.source)) clusterOf.set(e.source, e.target);
  const members = new Map<string, string[]>();
  for (const n of design.nodes) {
    const c = clusterOf.get(n.id);
    if (c !== undefined) members.set(c, [...(members.get(c) ?? []), n.id]);
  }
  const nextY = new Map<number, number>();
  // Within a column, kinds keep the order of the COLUMN table (the service before the listener, the task definition first…).
  const rank = new Map(Object.keys(COLUMN).map((k, i) => [k, i]));
  const order = design.nodes.filter((n) => n.parentId === undefined && !clusterOf.has(n.id)).sort((a, b) => rank.get(a.kind)! - rank.get(b.kind)!);
  const placed = new Map<string, { x: number; y: number }>();
  for (const n of order) {
    const col = COLUMN[n.kind];
    const y = nextY.get(col) ?? 0;
    const inside = members.get(n.id)?.length ?? 0;
    const height = n.kind === 'taskDefinition' ? frameHeight(children.get(n.id) ?? 0) : inside > 0 ? CLUSTER_HEADER + inside * CLUSTER_ROW - 12 + CLUSTER_PADDING : CARD_HEIGHT;
    nextY.set(col, y + height + GAP);
    placed.set(n.id, { x: col * COLUMN_WIDTH, y });
    members.get(n.id)?.forEach((id, i) => placed.set(id, { x: col * COLUMN_WIDTH + CLUSTER_PADDING, y: y + CLUSTER_HEADER + i * CLUSTER_ROW }));
  }
  const nodes = design.nodes.map((n) => {
    const position = placed.get(n.id);
    return position ? { ...n, position } : n;
  });
  return { ...design, nodes };
}

/**
 * Builds a pattern through the same edit commands the canvas uses (addNode, connect), so a connection means the
 * same here as when drawn: connecting a log group configures awslogs, an ECR repository sets the image, and so on.
 * Ids are sequential, so a pattern is the same design every time.
 */
export class PatternBuilder {
  design: Design;
  private readonly ids: IdGenerator = sequentialIds();

  constructor(id: string, name: string, description: string, settings: DesignSettings = {}) {
    this.design = { ...emptyDesign(id, name), description, settings };
  }

  /** Adds a node (placed by `build`), or a container at a position inside its task definition. */
  node<K extends NodeKind>(kind: K, props: NodePropsInput<K>, inside?: { x: number; y: number; parentId: string }): string {
    const position = inside ? { x: inside.x, y: inside.y } : { x: 0, y: 0 };
    const r = addNode(this.design, kind, { ids: this.ids, props, position, ...(inside ? { parentId: inside.parentId } : {}) });
    this.design = r.design;
    return r.node.id;
  }

  /** Connects two nodes (either direction, as on the canvas); optional edge properties replace the derived ones. */
  connect<K extends EdgeKind>(a: string, b: string, props?: EdgeProps<K>): string {
    const r = connect(this.design, a, b, { ids: this.ids });
    if (!r.ok) throw new Error(`pattern: cannot connect ${a} → ${b}: ${r.reason}`);
    this.design = r.design;
    if (props !== undefined) {
      const p = setEdgeProperties(this.design, r.edge.id, props);
      if (!p.ok) throw new Error(`pattern: edge ${r.edge.kind}: ${p.reason}`);
      this.design = p.design;
    }
    return r.edge.id;
  }

  /** Replaces a node's properties (checked against its schema). */
  setProps(id: string, fn: (props: Record<string, unknown>) => Record<string, unknown>): void {
    const node = this.design.nodes.find((n) => n.id === id);
    if (!node) throw new Error(`pattern: no node ${id}`);
    const r = setNodeProperties(this.design, id, fn(node.properties as Record<string, unknown>));
    if (!r.ok) throw new Error(`pattern: ${node.kind} ${id}: ${r.reason}`);
    this.design = r.design;
  }

  /** The design, laid out in columns. */
  build(): Design {
    return arrange(this.design);
  }
}

/** Where the n-th container of a task definition sits (matches the canvas frame layout). */
export function containerAt(parentId: string, index = 0): { x: number; y: number; parentId: string } {
  return { x: 16, y: 84 + index * 86, parentId };
}
