import type { RegisterTaskDefinitionRequest } from '../../aws/ecsModel.generated';
import type { DesignSettings } from '../../model/document';
import type { EdgeKind, EdgeOf } from '../../model/edges';
import type { DesignNode, NodeKind, NodeOf } from '../../model/nodes';
import type { TaskDefFacts } from '../taskdef/facts';
import type { Graph } from './graph';

/** The resolved task definition of a task-definition node, as the design rules see it. */
export type ResolvedTaskDef = { json: RegisterTaskDefinitionRequest; facts: TaskDefFacts; deps: readonly string[] };

/**
 * Read access to a design for design rules. Every node read (and every node whose edges are listed) is recorded
 * as a dependency of the rule run, so the incremental validator knows when to run it again.
 */
export class DesignReader {
  constructor(
    private readonly graph: Graph,
    readonly deps: Set<string>,
    private readonly resolveTaskDef: (id: string) => ResolvedTaskDef | undefined,
    /** Record dependencies (an IncrementalValidator needs them; a one-off validation does not). */
    private readonly track = true,
  ) {}

  private memoFns: ((...args: never[]) => unknown)[] = [];
  private memoArgs: unknown[] = [];
  private memoValues: unknown[] = [];

  /** Starts a new rule run: no dependencies recorded, no memoized values. */
  reset(): void {
    this.deps.clear();
    if (this.memoFns.length > 0) {
      this.memoFns = [];
      this.memoArgs = [];
      this.memoValues = [];
    }
  }

  /** `fn(arg, this)`, computed once per run of an anchor's rules (so the rules of one node share it). */
  memo<A, T>(fn: (arg: A, r: DesignReader) => T, arg: A): T {
    for (let i = 0; i < this.memoFns.length; i++) {
      if (this.memoFns[i] === fn && this.memoArgs[i] === arg) return this.memoValues[i] as T;
    }
    const v = fn(arg, this);
    this.memoFns.push(fn as (...args: never[]) => unknown);
    this.memoArgs.push(arg);
    this.memoValues.push(v);
    return v;
  }

  get settings(): DesignSettings {
    return this.graph.settings;
  }

  node(id: string): DesignNode | undefined {
    if (this.track) this.deps.add(id);
    return this.graph.node(id);
  }

  nodeOf<K extends NodeKind>(id: string, kind: K): NodeOf<K> | undefined {
    const n = this.node(id);
    return n?.kind === kind ? (n as NodeOf<K>) : undefined;
  }

  /** Edges of `kind` leaving `id`, in document order. */
  out<K extends EdgeKind>(id: string, kind: K): EdgeOf<K>[] {
    if (this.track) this.deps.add(id);
    const res: EdgeOf<K>[] = [];
    const g = this.graph;
    const from = g.outFrom(id);
    const to = g.outTo(id);
    if (to - from > 16) {
      for (const j of g.edgesOfKind(id, kind, 'out')) res.push(g.edges[j] as EdgeOf<K>);
    } else {
      for (let k = from; k < to; k++) {
        const e = g.edges[g.outList[k]!]!;
        if (e.kind === kind) res.push(e as EdgeOf<K>);
      }
    }
    return res;
  }

  /** Edges of `kind` arriving at `id`, in document order. */
  in<K extends EdgeKind>(id: string, kind: K): EdgeOf<K>[] {
    if (this.track) this.deps.add(id);
    const res: EdgeOf<K>[] = [];
    const g = this.graph;
    const from = g.inFrom(id);
    const to = g.inTo(id);
    if (to - from > 16) {
      for (const j of g.edgesOfKind(id, kind, 'in')) res.push(g.edges[j] as EdgeOf<K>);
    } else {
      for (let k = from; k < to; k++) {
        const e = g.edges[g.inList[k]!]!;
        if (e.kind === kind) res.push(e as EdgeOf<K>);
      }
    }
    return res;
  }

  /** Nodes reached from `id` over edges of `kind`. */
  targets<K extends EdgeKind>(id: string, kind: K): DesignNode[] {
    const res: DesignNode[] = [];
    for (const { node } of this.linked(id, kind)) res.push(node);
    return res;
  }

  /** The edges of `kind` leaving `id` with the nodes they lead to (edges to missing nodes are left out). */
  linked<K extends EdgeKind>(id: string, kind: K): { edge: EdgeOf<K>; node: DesignNode }[] {
    if (this.track) this.deps.add(id);
    const g = this.graph;
    const res: { edge: EdgeOf<K>; node: DesignNode }[] = [];
    for (let k = g.outFrom(id), end = g.outTo(id); k < end; k++) {
      const j = g.outList[k]!;
      const edge = g.edges[j]!;
      if (edge.kind !== kind) continue;
      const node = g.targetAt(j);
      if (!node) continue;
      if (this.track) this.deps.add(node.id);
      res.push({ edge: edge as EdgeOf<K>, node });
    }
    return res;
  }

  target<K extends EdgeKind>(id: string, kind: K): DesignNode | undefined {
    if (this.track) this.deps.add(id);
    const g = this.graph;
    for (let k = g.outFrom(id), end = g.outTo(id); k < end; k++) {
      const j = g.outList[k]!;
      if (g.edges[j]!.kind !== kind) continue;
      const n = g.targetAt(j);
      if (n && this.track) this.deps.add(n.id);
      return n;
    }
    return undefined;
  }

  /** Nodes with an edge of `kind` to `id`. */
  sources<K extends EdgeKind>(id: string, kind: K): DesignNode[] {
    const res: DesignNode[] = [];
    for (const e of this.in(id, kind)) {
      const n = this.node(e.source);
      if (n) res.push(n);
    }
    return res;
  }

  /** Containers of a task definition in containerDefinitions order. */
  containers(taskDefinitionId: string): NodeOf<'container'>[] {
    if (this.track) this.deps.add(taskDefinitionId);
    const res: NodeOf<'container'>[] = [];
    for (const i of this.graph.childIndices(taskDefinitionId)) {
      const n = this.graph.nodes[i]!;
      if (this.track) this.deps.add(n.id);
      if (n.kind === 'container') res.push(n);
    }
    return res;
  }

  /** The resolved RegisterTaskDefinition JSON of a task-definition node (roles, images, secrets, logs resolved). */
  taskDef(taskDefinitionId: string): ResolvedTaskDef | undefined {
    const r = this.resolveTaskDef(taskDefinitionId);
    if (this.track) this.deps.add(taskDefinitionId);
    if (r && this.track) for (const d of r.deps) this.deps.add(d);
    return r;
  }

  /** Every node of a kind (a dependency on all of them: use sparingly). */
  ofKind<K extends NodeKind>(kind: K): NodeOf<K>[] {
    const res: NodeOf<K>[] = [];
    for (const id of this.graph.idsOfKind(kind)) {
      const n = this.node(id);
      if (n?.kind === kind) res.push(n as NodeOf<K>);
    }
    return res;
  }
}
