import { jsonPointer } from '../../jsonPointer';
import type { Design, DesignSettings } from '../../model/document';
import type { DesignEdge } from '../../model/edges';
import type { DesignNode, NodeKind } from '../../model/nodes';

const NONE: readonly number[] = [];

/**
 * An index of a design built for speed and for property edits: adjacency is kept as positions in the nodes and
 * edges arrays, so after an edit that only replaces node or edge objects (same ids, same order, same endpoints)
 * the index stays valid and only the arrays are swapped (`update`). Structural changes need a new Graph.
 */
export class Graph {
  nodes: readonly DesignNode[];
  edges: readonly DesignEdge[];
  header: Omit<Design, 'nodes' | 'edges'>;
  private readonly index = new Map<string, number>();
  // Adjacency in compressed rows: the out-edges of node i are outList[outStart[i] .. outStart[i + 1]).
  /** Node position of each edge's source / target (-1 when the node does not exist). */
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  readonly outStart: Int32Array;
  readonly outList: Int32Array;
  readonly inStart: Int32Array;
  readonly inList: Int32Array;
  private readonly kids: (number[] | undefined)[];
  private edgeIndexMap: Map<string, number> | undefined;
  private kinds: Map<NodeKind, number[]> | undefined;

  constructor(design: Design) {
    const { nodes, edges, ...header } = design;
    this.nodes = nodes;
    this.edges = edges;
    this.header = header;
    const n = nodes.length;
    this.kids = new Array<number[] | undefined>(n);
    for (let i = 0; i < n; i++) this.index.set(nodes[i]!.id, i);
    for (let i = 0; i < n; i++) {
      const p = nodes[i]!.parentId;
      if (p === undefined) continue;
      const pi = this.index.get(p);
      if (pi !== undefined) (this.kids[pi] ??= []).push(i);
    }
    const m = edges.length;
    const src = new Int32Array(m);
    const dst = new Int32Array(m);
    this.edgeSource = src;
    this.edgeTarget = dst;
    this.outStart = new Int32Array(n + 1);
    this.inStart = new Int32Array(n + 1);
    for (let j = 0; j < m; j++) {
      const e = edges[j]!;
      const s = this.index.get(e.source) ?? -1;
      const t = this.index.get(e.target) ?? -1;
      src[j] = s;
      dst[j] = t;
      if (s >= 0) this.outStart[s + 1]!++;
      if (t >= 0) this.inStart[t + 1]!++;
    }
    for (let i = 0; i < n; i++) {
      this.outStart[i + 1]! += this.outStart[i]!;
      this.inStart[i + 1]! += this.inStart[i]!;
    }
    this.outList = new Int32Array(this.outStart[n]!);
    this.inList = new Int32Array(this.inStart[n]!);
    const outFill = this.outStart.slice(0, n);
    const inFill = this.inStart.slice(0, n);
    for (let j = 0; j < m; j++) {
      const s = src[j]!;
      const t = dst[j]!;
      if (s >= 0) this.outList[outFill[s]!++] = j;
      if (t >= 0) this.inList[inFill[t]!++] = j;
    }
  }

  /** Swaps in the arrays of an edited design with the same structure (checked by the caller). */
  update(design: Design): void {
    const { nodes, edges, ...header } = design;
    this.nodes = nodes;
    this.edges = edges;
    this.header = header;
  }

  get settings(): DesignSettings {
    return this.header.settings;
  }

  // Lookups come in runs for the same id (outFrom then outTo…): remember the last one.
  private lastId: string | undefined;
  private lastIndex: number | undefined;

  indexOf(id: string): number | undefined {
    if (id === this.lastId) return this.lastIndex;
    const i = this.index.get(id);
    this.lastId = id;
    this.lastIndex = i;
    return i;
  }

  node(id: string): DesignNode | undefined {
    const i = this.indexOf(id);
    return i === undefined ? undefined : this.nodes[i];
  }

  /** The node an edge (by position) leads to. */
  targetAt(edge: number): DesignNode | undefined {
    const t = this.edgeTarget[edge]!;
    return t < 0 ? undefined : this.nodes[t];
  }

  sourceAt(edge: number): DesignNode | undefined {
    const t = this.edgeSource[edge]!;
    return t < 0 ? undefined : this.nodes[t];
  }

  /**
   * Edges leaving a node, in document order, without allocating: `outList[k]` for `k` from `outFrom(id)` below
   * `outTo(id)` are positions in `edges`.
   */
  outFrom(id: string): number {
    const i = this.indexOf(id);
    return i === undefined ? 0 : this.outStart[i]!;
  }

  outTo(id: string): number {
    const i = this.indexOf(id);
    return i === undefined ? 0 : this.outStart[i + 1]!;
  }

  inFrom(id: string): number {
    const i = this.indexOf(id);
    return i === undefined ? 0 : this.inStart[i]!;
  }

  inTo(id: string): number {
    const i = this.indexOf(id);
    return i === undefined ? 0 : this.inStart[i + 1]!;
  }

  private byKindCache: Map<string, number[]> | undefined;

  /**
   * Positions of the edges of one kind into (`dir` 'in') or out of a node. For nodes with many edges (a cluster with
   * a thousand services) the list is computed once and cached, so per-service rules do not rescan it.
   */
  edgesOfKind(id: string, kind: string, dir: 'in' | 'out'): readonly number[] {
    const i = this.indexOf(id);
    if (i === undefined) return NONE;
    const start = dir === 'in' ? this.inStart : this.outStart;
    const list = dir === 'in' ? this.inList : this.outList;
    const from = start[i]!;
    const to = start[i + 1]!;
    const key = to - from > 16 ? `${dir}\u0000${kind}\u0000${id}` : undefined;
    if (key !== undefined) {
      const cached = this.byKindCache?.get(key);
      if (cached) return cached;
    }
    const res: number[] = [];
    for (let k = from; k < to; k++) if (this.edges[list[k]!]!.kind === kind) res.push(list[k]!);
    if (key !== undefined) (this.byKindCache ??= new Map()).set(key, res);
    return res;
  }

  /** The edges leaving a node, in document order (allocates; for cold paths). */
  outEdges(id: string): DesignEdge[] {
    const res: DesignEdge[] = [];
    for (let k = this.outFrom(id), end = this.outTo(id); k < end; k++) res.push(this.edges[this.outList[k]!]!);
    return res;
  }

  /** Positions (in `nodes`) of a node's children (a task definition's containers), in document order. */
  childIndices(id: string): readonly number[] {
    const i = this.index.get(id);
    return i === undefined ? NONE : (this.kids[i] ?? NONE);
  }

  childIds(id: string): string[] {
    return this.childIndices(id).map((i) => this.nodes[i]!.id);
  }

  /** The first node reached from `id` over an edge of `kind` (optionally: whose properties pass `filter`). */
  targetOf(id: string, kind: string, filter?: (props: unknown) => boolean): DesignNode | undefined {
    for (let k = this.outFrom(id), end = this.outTo(id); k < end; k++) {
      const j = this.outList[k]!;
      const e = this.edges[j]!;
      if (e.kind === kind && (filter === undefined || filter(e.properties))) return this.targetAt(j);
    }
    return undefined;
  }

  edgeIndexOf(edgeId: string): number | undefined {
    if (!this.edgeIndexMap) {
      this.edgeIndexMap = new Map();
      this.edges.forEach((e, j) => this.edgeIndexMap!.set(e.id, j));
    }
    return this.edgeIndexMap.get(edgeId);
  }

  idsOfKind(kind: NodeKind): string[] {
    if (!this.kinds) {
      this.kinds = new Map();
      this.nodes.forEach((n, i) => {
        const list = this.kinds!.get(n.kind);
        if (list) list.push(i);
        else this.kinds!.set(n.kind, [i]);
      });
    }
    return (this.kinds.get(kind) ?? []).map((i) => this.nodes[i]!.id);
  }

  /** JSON Pointer of a node (and a path under it) in the design file. */
  pointer(nodeId: string, path: readonly (string | number)[] = []): string {
    const i = this.index.get(nodeId);
    return i === undefined ? '' : jsonPointer(['nodes', i, ...path]);
  }
}
