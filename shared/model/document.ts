import { z } from 'zod';
import { jsonPointer } from '../jsonPointer';
import { isPlainObject, parseJson } from '../json';
import { DesignEdgeSchema, EDGE_KINDS, type DesignEdge, type EdgeKind, type EdgeOf } from './edges';
import { DesignNodeSchema, type DesignNode, type NodeKind, type NodeOf } from './nodes';
import { CURRENT_SCHEMA_VERSION, migrateDocument } from './migrations';

/** The file extension of design files. */
export const DESIGN_FILE_EXTENSION = '.ecsd.json';

export const DesignSettingsSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-central-1').optional().describe('Default AWS region of the design.'),
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id').optional().describe('AWS account id, used to build ARNs of resources the design creates.'),
  partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']).optional(),
  cost: z
    .strictObject({
      hoursPerMonth: z.number().min(0).max(744).optional().describe('Hours each resource runs per month (default 730).'),
      spotDiscount: z.number().min(0).max(0.95).optional().describe('Average Fargate Spot discount off the on-demand price, 0–0.95 (default: the price table\'s).'),
      logGbPerServiceMonth: z.number().min(0).max(1_000_000).optional().describe('CloudWatch Logs ingestion per service, GB per month.'),
      lcuPerLoadBalancer: z.number().min(0).max(100_000).optional().describe('Average capacity units (LCU/NLCU) each load balancer uses per hour.'),
      efsStorageGb: z.number().min(0).max(10_000_000).optional().describe('Data stored on each EFS file system, GB.'),
    })
    .optional()
    .describe('Assumptions of the cost estimate (shared/pricing); each one left out takes its default.'),
});

export const DesignDocumentSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: z.string().min(1).max(128),
  name: z.string().max(256),
  description: z.string().optional(),
  settings: DesignSettingsSchema.default({}),
  nodes: z.array(DesignNodeSchema),
  edges: z.array(DesignEdgeSchema),
});

export type DesignSettings = z.output<typeof DesignSettingsSchema>;
export type Design = Omit<z.output<typeof DesignDocumentSchema>, 'nodes' | 'edges'> & {
  nodes: DesignNode[];
  edges: DesignEdge[];
};

/** A problem with a design file itself (it cannot be loaded): where, and what. */
export type DesignFileError = { path: string; message: string };

export type DesignParseResult =
  | { ok: true; design: Design; migratedFrom?: number }
  | { ok: false; errors: DesignFileError[] };

/** Reads design-file text: JSON → migrations → schema → referential integrity. Never returns a partial design as fine. */
export function parseDesignText(text: string): DesignParseResult {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, errors: [{ path: '', message: `not valid JSON: ${json.message}` }] };
  return parseDesignValue(json.value);
}

export function parseDesignValue(value: unknown): DesignParseResult {
  if (!isPlainObject(value)) return { ok: false, errors: [{ path: '', message: 'a design file must contain a JSON object' }] };
  const migrated = migrateDocument(value);
  if (!migrated.ok) return { ok: false, errors: [{ path: '/schemaVersion', message: migrated.message }] };
  const parsed = DesignDocumentSchema.safeParse(migrated.doc);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: jsonPointer(i.path as (string | number)[]), message: describeIssue(i) })) };
  }
  const design = parsed.data as unknown as Design;
  const integrity = checkIntegrity(design);
  if (integrity.length > 0) return { ok: false, errors: integrity };
  return migrated.migratedFrom === undefined ? { ok: true, design } : { ok: true, design, migratedFrom: migrated.migratedFrom };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown propert${issue.keys.length > 1 ? 'ies' : 'y'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

/** Structural rules a schema cannot express: unique ids, edges between existing nodes of the kinds the edge table allows. */
export function checkIntegrity(design: Design): DesignFileError[] {
  const errors: DesignFileError[] = [];
  const byId = new Map<string, { node: DesignNode; index: number }>();
  design.nodes.forEach((node, index) => {
    if (byId.has(node.id)) errors.push({ path: `/nodes/${index}/id`, message: `duplicate node id "${node.id}"` });
    else byId.set(node.id, { node, index });
  });
  design.nodes.forEach((node, index) => {
    if (node.kind === 'container') {
      const parent = node.parentId === undefined ? undefined : byId.get(node.parentId);
      if (!parent) errors.push({ path: `/nodes/${index}/parentId`, message: `container "${node.id}" must belong to a task definition (parentId)` });
      else if (parent.node.kind !== 'taskDefinition')
        errors.push({ path: `/nodes/${index}/parentId`, message: `parent of container "${node.id}" is a ${parent.node.kind}, not a task definition` });
    } else if (node.parentId !== undefined) {
      errors.push({ path: `/nodes/${index}/parentId`, message: `only containers have a parent (their task definition); "${node.id}" is a ${node.kind}` });
    }
  });
  const edgeIds = new Set<string>();
  const perSource = new Map<string, number>();
  design.edges.forEach((edge, index) => {
    const at = `/edges/${index}`;
    if (edgeIds.has(edge.id)) errors.push({ path: `${at}/id`, message: `duplicate edge id "${edge.id}"` });
    edgeIds.add(edge.id);
    const source = byId.get(edge.source)?.node;
    const target = byId.get(edge.target)?.node;
    if (!source) errors.push({ path: `${at}/source`, message: `edge "${edge.id}" starts at a node that does not exist ("${edge.source}")` });
    if (!target) errors.push({ path: `${at}/target`, message: `edge "${edge.id}" ends at a node that does not exist ("${edge.target}")` });
    if (!source || !target) return;
    const spec = EDGE_KINDS[edge.kind];
    if (!(spec.from as readonly NodeKind[]).includes(source.kind) || !(spec.to as readonly NodeKind[]).includes(target.kind)) {
      errors.push({ path: `${at}/kind`, message: `a "${edge.kind}" edge joins ${spec.from.join('/')} to ${spec.to.join('/')}, not ${source.kind} to ${target.kind}` });
      return;
    }
    if ('maxPerSource' in spec) {
      const key = `${edge.kind}\u0000${edge.source}`;
      const n = (perSource.get(key) ?? 0) + 1;
      perSource.set(key, n);
      if (n > spec.maxPerSource) errors.push({ path: at, message: `${source.kind} "${source.id}" may have only ${spec.maxPerSource} "${edge.kind}" connection` });
    }
  });
  return errors;
}

/** Canonical text of a design file: stable key order as built, two-space indent, trailing newline. */
export function serializeDesign(design: Design): string {
  return `${JSON.stringify(design, null, 2)}\n`;
}

export function emptyDesign(id: string, name = 'Untitled design'): Design {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, id, name, settings: {}, nodes: [], edges: [] };
}

// ── Queries over a design ────────────────────────────────────────────────────────────────────────────────

/**
 * What the index knows of one node id: the node, its child nodes, and where its edges are in the index's flat
 * edge lists (`[outAt, outEnd)` of the outgoing lists, `[inAt, inEnd)` of the incoming ones).
 */
type IndexEntry = { node: DesignNode | undefined; children: DesignNode[] | undefined; outAt: number; outEnd: number; inAt: number; inEnd: number };

/**
 * An index of a design for fast lookups; build once per design version.
 *
 * One map entry per node id. The edges are kept in two flat lists, grouped by source node (outgoing) and by
 * target node (incoming), each edge next to the node at its other end: following an edge takes no second lookup,
 * and building the index allocates a few lists rather than several small ones per node (exports of large designs
 * build an index each time).
 */
export class DesignIndex {
  private readonly entries = new Map<string, IndexEntry>();
  /** Edges grouped by source node, in design order within a node; `outNodes[i]` is the target of `outEdges[i]`. */
  private readonly outEdges: DesignEdge[];
  private readonly outNodes: (DesignNode | undefined)[];
  /** `outKinds[i]` is the kind of `outEdges[i]`: looking for an edge of a kind reads this list, not each edge. */
  private readonly outKinds: EdgeKind[];
  /** Edges grouped by target node, in design order within a node; `inNodes[i]` is the source of `inEdges[i]`. */
  private readonly inEdges: DesignEdge[];
  private readonly inNodes: (DesignNode | undefined)[];
  private positions: Map<string, number> | undefined;
  /** Whether two nodes of the design have the same id (a design file with them does not load). */
  readonly repeatedNodeIds: boolean = false;

  constructor(readonly design: Design) {
    // One insert per node (no lookup first): a repeated id replaces the entry, so the last node of an id wins.
    for (const n of design.nodes) {
      const size = this.entries.size;
      this.entries.set(n.id, { node: n, children: undefined, outAt: 0, outEnd: 0, inAt: 0, inEnd: 0 });
      if (this.entries.size === size) this.repeatedNodeIds = true;
    }
    for (const n of design.nodes) if (n.parentId !== undefined) (this.entry(n.parentId).children ??= []).push(n);
    // Count the edges at each node, give each node its ranges, then place the edges (in design order).
    const edges = design.edges;
    const sources = new Array<IndexEntry>(edges.length);
    const targets = new Array<IndexEntry>(edges.length);
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i]!;
      const source = (sources[i] = this.entry(e.source));
      const target = (targets[i] = this.entry(e.target));
      source.outEnd++;
      target.inEnd++;
    }
    let outAt = 0;
    let inAt = 0;
    for (const entry of this.entries.values()) {
      entry.outAt = outAt;
      outAt += entry.outEnd;
      entry.outEnd = entry.outAt; // from here on the next free place of the range, its end once all are placed
      entry.inAt = inAt;
      inAt += entry.inEnd;
      entry.inEnd = entry.inAt;
    }
    this.outEdges = new Array<DesignEdge>(edges.length);
    this.outNodes = new Array<DesignNode | undefined>(edges.length);
    this.outKinds = new Array<EdgeKind>(edges.length);
    this.inEdges = new Array<DesignEdge>(edges.length);
    this.inNodes = new Array<DesignNode | undefined>(edges.length);
    // After the nodes: an edge's ends are final (a repeated id's last node).
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i]!;
      const source = sources[i]!;
      const target = targets[i]!;
      this.outEdges[source.outEnd] = e;
      this.outKinds[source.outEnd] = e.kind;
      this.outNodes[source.outEnd++] = target.node;
      this.inEdges[target.inEnd] = e;
      this.inNodes[target.inEnd++] = source.node;
    }
  }

  private entry(id: string): IndexEntry {
    let entry = this.entries.get(id);
    if (entry === undefined) {
      entry = { node: undefined, children: undefined, outAt: 0, outEnd: 0, inAt: 0, inEnd: 0 };
      this.entries.set(id, entry);
    }
    return entry;
  }

  /** Position of each node in `design.nodes` (built on first use: exports and most checks never need it). */
  get nodeIndex(): ReadonlyMap<string, number> {
    if (this.positions === undefined) {
      this.positions = new Map();
      this.design.nodes.forEach((n, i) => this.positions!.set(n.id, i));
    }
    return this.positions;
  }

  node(id: string): DesignNode | undefined {
    return this.entries.get(id)?.node;
  }

  ofKind<K extends NodeKind>(kind: K): NodeOf<K>[] {
    return this.design.nodes.filter((n): n is NodeOf<K> => n.kind === kind);
  }

  /** Containers of a task definition, in document order (which is containerDefinitions order). */
  containersOf(taskDefinitionId: string): NodeOf<'container'>[] {
    const children = this.entries.get(taskDefinitionId)?.children;
    return children === undefined ? [] : children.filter((n): n is NodeOf<'container'> => n.kind === 'container');
  }

  outgoing<K extends EdgeKind>(nodeId: string, kind: K): EdgeOf<K>[] {
    const result: EdgeOf<K>[] = [];
    const entry = this.entries.get(nodeId);
    if (entry === undefined) return result;
    for (let i = entry.outAt; i < entry.outEnd; i++) if (this.outKinds[i] === kind) result.push(this.outEdges[i] as EdgeOf<K>);
    return result;
  }

  incoming<K extends EdgeKind>(nodeId: string, kind: K): EdgeOf<K>[] {
    const result: EdgeOf<K>[] = [];
    const entry = this.entries.get(nodeId);
    if (entry === undefined) return result;
    for (let i = entry.inAt; i < entry.inEnd; i++) {
      const e = this.inEdges[i]!;
      if (e.kind === kind) result.push(e as EdgeOf<K>);
    }
    return result;
  }

  /** The single node an edge of `kind` leads to from `nodeId`, if any. */
  targetOf<K extends EdgeKind>(nodeId: string, kind: K): DesignNode | undefined {
    // A loop, not outgoing(…)[0]: called for most nodes while exporting, it need not build a filtered list.
    const entry = this.entries.get(nodeId);
    if (entry === undefined) return undefined;
    for (let i = entry.outAt; i < entry.outEnd; i++) if (this.outKinds[i] === kind) return this.outNodes[i];
    return undefined;
  }

  /** The nodes the edges of `kind` from `nodeId` lead to, in edge order (edges to a missing node left out). */
  targetsOf<K extends EdgeKind>(nodeId: string, kind: K): DesignNode[] {
    const result: DesignNode[] = [];
    const entry = this.entries.get(nodeId);
    if (entry === undefined) return result;
    for (let i = entry.outAt; i < entry.outEnd; i++) {
      const n = this.outNodes[i];
      if (n !== undefined && this.outKinds[i] === kind) result.push(n);
    }
    return result;
  }

  /** The nodes the edges of `kind` into `nodeId` come from, in edge order (edges from a missing node left out). */
  sourcesOf<K extends EdgeKind>(nodeId: string, kind: K): DesignNode[] {
    const result: DesignNode[] = [];
    const entry = this.entries.get(nodeId);
    if (entry === undefined) return result;
    for (let i = entry.inAt; i < entry.inEnd; i++) {
      const n = this.inNodes[i];
      if (n !== undefined && this.inEdges[i]!.kind === kind) result.push(n);
    }
    return result;
  }

  /** JSON Pointer of a node in the design file. */
  pointer(nodeId: string, ...rest: (string | number)[]): string {
    const i = this.nodeIndex.get(nodeId);
    return jsonPointer(i === undefined ? rest : ['nodes', i, ...rest]);
  }
}
