import type { RegisterTaskDefinitionRequest } from '../aws/ecsModel.generated';
import type { Finding } from '../findings';
import { jsonPointer } from '../jsonPointer';
import type { Design } from '../model/document';
import type { DesignEdge } from '../model/edges';
import type { DesignNode, NodeOf } from '../model/nodes';
import { DESIGN_RULES_BY_KIND, TASKDEF_RULES } from './catalog';
import { Graph } from './design/graph';
import { DesignReader, type ResolvedTaskDef } from './design/reader';
import { resolveTaskDefinition } from './design/resolve';
import { mapTaskDefPath, trimPath, type DesignLocation } from './pathMap';
import { taskDefFacts } from './taskdef/facts';
import type { DesignReport, DesignTarget, RuleInfo, TaskDefReport, ValidateOptions } from './types';

/** Matches a rule id against ignore patterns: exact ids, `area/*`, or `*`. */
export function ignoreMatcher(patterns: readonly string[] | undefined): (ruleId: string) => boolean {
  if (!patterns || patterns.length === 0) return () => false;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const p of patterns) {
    if (p === '*') return () => true;
    if (p.endsWith('/*')) prefixes.push(p.slice(0, -1));
    else exact.add(p);
  }
  return (id) => exact.has(id) || prefixes.some((p) => id.startsWith(p));
}

function nodeIgnores(node: DesignNode | undefined, ruleId: string): boolean {
  const list = node?.ignore;
  if (!list || list.length === 0) return false;
  return ignoreMatcher(list)(ruleId);
}

type Anchor = {
  nodeId: string;
  type: 'td' | 'design';
  deps: string[];
  findings: Finding[];
  resolved?: ResolvedTaskDef;
};

const NO_FINDINGS: Finding[] = [];
const NO_DEPS: string[] = [];

/**
 * Validates designs and re-validates them cheaply after edits. The design model is immutable: an edit replaces the
 * changed node/edge objects and the nodes/edges arrays. Each task definition's findings (and each node's design-rule
 * findings) are cached with the ids of the nodes they were computed from; a property edit re-runs only the cached
 * results that depend on the edited node. Adding, removing or reordering nodes or edges revalidates everything.
 */
export class IncrementalValidator {
  private graph: Graph | undefined;
  private nodesRef: readonly DesignNode[] | undefined;
  private edgesRef: readonly DesignEdge[] | undefined;
  private anchors: Anchor[] = [];
  /** Task-definition anchors by node position. */
  private tdAnchors: (Anchor | undefined)[] = [];
  private reader: DesignReader | undefined;
  private dependents: Map<string, Anchor[]> | undefined;
  private output: Finding[] = [];
  private readonly globalIgnore: (ruleId: string) => boolean;
  private readonly track: boolean;

  /** `opts.track: false` skips recording dependencies: for a one-off validation (validateDesign). */
  constructor(opts: ValidateOptions & { track?: boolean } = {}) {
    this.globalIgnore = ignoreMatcher(opts.ignore);
    this.track = opts.track !== false;
  }

  /** All findings of the design. Returns the previous array (same identity) when nothing changed: treat it as read-only. */
  validate(design: Design): Finding[] {
    const g = this.graph;
    if (!g || !sameSettings(g.header.settings, design.settings)) return this.full(design);
    const changed = this.diff(design);
    if (changed === 'structural' || !this.track) return this.full(design);
    g.update(design);
    if (changed.size === 0) return this.output;

    const dependents = this.dependentsMap();
    const dirty = new Set<Anchor>();
    for (const id of changed) for (const a of dependents.get(id) ?? []) dirty.add(a);
    let outputChanged = false;
    // Task definitions first: design rules read their resolved JSON.
    for (const pass of ['td', 'design'] as const) {
      for (const a of dirty) {
        if (a.type !== pass) continue;
        const before = a.findings;
        const oldDeps = new Set(a.deps);
        if (!this.recompute(a)) {
          outputChanged = true;
          continue;
        }
        for (const d of a.deps) if (!oldDeps.has(d)) push(dependents, d, a);
        if (!sameFindings(before, a.findings)) outputChanged = true;
      }
    }
    if (outputChanged) this.output = this.assemble();
    return this.output;
  }

  private full(design: Design): Finding[] {
    const g = new Graph(design);
    this.graph = g;
    this.nodesRef = design.nodes;
    this.edgesRef = design.edges;
    this.reader = new DesignReader(g, new Set(), this.resolveTaskDef, this.track);
    this.dependents = undefined;
    this.anchors = [];
    const nodes = design.nodes;
    this.tdAnchors = new Array<Anchor | undefined>(nodes.length);
    const designAnchors = new Array<Anchor | undefined>(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (n.kind === 'taskDefinition') {
        const a: Anchor = { nodeId: n.id, type: 'td', deps: NO_DEPS, findings: NO_FINDINGS };
        this.tdAnchors[i] = a;
        this.anchors.push(a);
      }
      if (DESIGN_RULES_BY_KIND.has(n.kind)) {
        const a: Anchor = { nodeId: n.id, type: 'design', deps: NO_DEPS, findings: NO_FINDINGS };
        designAnchors[i] = a;
        this.anchors.push(a);
      }
    }
    // Each task definition, then at once the design rules that read its resolved JSON (its own and its services'),
    // so that a one-off validation can drop the JSON right away instead of keeping a thousand of them alive.
    const done = new Uint8Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const td = this.tdAnchors[i];
      if (!td) continue;
      this.computeTaskDef(td);
      const own = designAnchors[i];
      if (own) {
        this.computeDesign(own);
        done[i] = 1;
      }
      for (let k = g.inFrom(td.nodeId), end = g.inTo(td.nodeId); k < end; k++) {
        const e = g.edges[g.inList[k]!]!;
        if (e.kind !== 'service-task-definition') continue;
        const si = g.indexOf(e.source);
        const sa = si === undefined ? undefined : designAnchors[si];
        if (sa && si !== undefined && done[si] === 0) {
          this.computeDesign(sa);
          done[si] = 1;
        }
      }
      if (!this.track) td.resolved = undefined;
    }
    for (let i = 0; i < nodes.length; i++) {
      const a = designAnchors[i];
      if (a && done[i] === 0) this.computeDesign(a);
    }
    this.output = this.assemble();
    return this.output;
  }

  /** Ids of nodes whose object (or whose edges) changed, or 'structural' when nodes/edges were added, removed or rewired. */
  private diff(design: Design): Set<string> | 'structural' {
    const changed = new Set<string>();
    if (design.nodes !== this.nodesRef) {
      const prev = this.nodesRef ?? [];
      if (prev.length !== design.nodes.length) return 'structural';
      for (let i = 0; i < prev.length; i++) {
        const a = prev[i]!;
        const b = design.nodes[i]!;
        if (a === b) continue;
        if (a.id !== b.id || a.kind !== b.kind || a.parentId !== b.parentId) return 'structural';
        changed.add(b.id);
      }
    }
    if (design.edges !== this.edgesRef) {
      const prev = this.edgesRef ?? [];
      if (prev.length !== design.edges.length) return 'structural';
      for (let i = 0; i < prev.length; i++) {
        const a = prev[i]!;
        const b = design.edges[i]!;
        if (a === b) continue;
        if (a.id !== b.id || a.kind !== b.kind || a.source !== b.source || a.target !== b.target) return 'structural';
        changed.add(b.source);
        changed.add(b.target);
      }
    }
    this.nodesRef = design.nodes;
    this.edgesRef = design.edges;
    return changed;
  }

  private dependentsMap(): Map<string, Anchor[]> {
    if (this.dependents) return this.dependents;
    const m = new Map<string, Anchor[]>();
    for (const a of this.anchors) for (const d of a.deps) push(m, d, a);
    this.dependents = m;
    return m;
  }

  /** Re-runs an anchor; false when its node is gone or changed kind (then the output must be rebuilt). */
  private recompute(a: Anchor): boolean {
    const node = this.graph?.node(a.nodeId);
    if (!node) return false;
    if (a.type === 'td') this.computeTaskDef(a);
    else this.computeDesign(a);
    return true;
  }

  private assemble(): Finding[] {
    const out: Finding[] = [];
    for (const a of this.anchors) for (const f of a.findings) out.push(f);
    return out;
  }

  private resolveTaskDef = (id: string): ResolvedTaskDef | undefined => {
    const i = this.graph?.indexOf(id);
    const a = i === undefined ? undefined : this.tdAnchors[i];
    if (!a) return undefined;
    if (!a.resolved) this.computeTaskDef(a);
    return a.resolved;
  };

  // The rule being run and where its findings go. Reports go through two callbacks created once per validator
  // (not one closure per rule run: a full validation runs hundreds of thousands of rule checks).
  private curRule: RuleInfo | undefined;
  private curAnchor: DesignNode | undefined;
  private curFindings: Finding[] = NO_FINDINGS;

  private push(f: Finding): void {
    if (this.curFindings === NO_FINDINGS) this.curFindings = [f];
    else this.curFindings.push(f);
  }

  private readonly reportTaskDef: TaskDefReport = (path, message, extra) => {
    const td = this.curAnchor!;
    const f = this.finding(this.curRule!, mapTaskDefPath(this.graph!, td.id, path), message, extra?.fixes, td);
    if (f) this.push(f);
  };

  private readonly reportDesign: DesignReport = (at, message, extra) => {
    if (this.track) this.reader!.deps.add(at.nodeId);
    const loc: DesignLocation = 'edgeId' in at ? { nodeId: at.nodeId, edgeId: at.edgeId, path: [...(at.path ?? [])] } : { nodeId: at.nodeId, path: [...(at.path ?? [])] };
    const f = this.finding(this.curRule!, loc, message, extra?.fixes, this.curAnchor!);
    if (f) this.push(f);
  };

  private computeTaskDef(a: Anchor): void {
    const g = this.graph!;
    const td = g.node(a.nodeId) as NodeOf<'taskDefinition'>;
    let json: RegisterTaskDefinitionRequest;
    let deps: string[];
    try {
      ({ json, deps } = resolveTaskDefinition(g, td));
    } catch (e) {
      // Only a design that does not satisfy the model schema gets here; report it instead of failing.
      json = { family: String((td.properties as { family?: unknown }).family ?? ''), containerDefinitions: [] };
      deps = [td.id];
      a.deps = deps;
      a.resolved = { json, facts: taskDefFacts(json, 'design'), deps };
      a.findings = [ruleError({ id: 'internal/rule-error', severity: 'error', title: '', description: '', docUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definitions.html' }, e, g.pointer(td.id), td.id)];
      return;
    }
    a.deps = deps;
    const facts = taskDefFacts(json, 'design', { regionFromDeployment: g.settings.region === undefined });
    a.resolved = { json, facts, deps };
    const saved = [this.curAnchor, this.curRule, this.curFindings] as const;
    this.curAnchor = td;
    this.curFindings = NO_FINDINGS;
    for (const rule of TASKDEF_RULES) {
      if (this.globalIgnore(rule.id)) continue;
      this.curRule = rule;
      try {
        rule.check(facts, this.reportTaskDef);
      } catch (e) {
        this.push(ruleError(rule, e, g.pointer(td.id), td.id));
      }
    }
    a.findings = this.curFindings;
    [this.curAnchor, this.curRule, this.curFindings] = saved;
  }

  private computeDesign(a: Anchor): void {
    const g = this.graph!;
    const node = g.node(a.nodeId)!;
    const reader = this.reader!;
    reader.reset();
    if (this.track) reader.deps.add(a.nodeId);
    this.curAnchor = node;
    this.curFindings = NO_FINDINGS;
    for (const rule of DESIGN_RULES_BY_KIND.get(node.kind) ?? []) {
      if (this.globalIgnore(rule.id)) continue;
      this.curRule = rule;
      try {
        rule.check(node, reader, this.reportDesign);
      } catch (e) {
        this.push(ruleError(rule, e, g.pointer(node.id), node.id));
      }
    }
    a.deps = this.track ? Array.from(reader.deps) : NO_DEPS;
    a.findings = this.curFindings;
  }

  /** A design finding, or undefined when an ignore list of the anchor, the target node or its parent suppresses it. */
  private finding(rule: RuleInfo, loc: DesignLocation, message: string, fixes: readonly string[] | undefined, anchor: DesignNode): Finding | undefined {
    const g = this.graph!;
    const node = g.node(loc.nodeId);
    if (nodeIgnores(anchor, rule.id) || nodeIgnores(node, rule.id)) return undefined;
    if (node?.parentId !== undefined && nodeIgnores(g.node(node.parentId), rule.id)) return undefined;
    let path: string;
    if (loc.edgeId !== undefined) {
      const i = g.edgeIndexOf(loc.edgeId);
      path = i === undefined ? '' : jsonPointer(['edges', i, ...trimPath(g.edges[i], loc.path)]);
    } else {
      path = g.pointer(loc.nodeId, trimPath(node, loc.path));
    }
    const f: Finding = { rule: rule.id, severity: rule.severity, message, path, nodeId: loc.nodeId, docUrl: rule.docUrl };
    const fx = fixes ?? rule.fixes;
    if (fx && fx.length > 0) f.fixes = [...fx];
    return f;
  }
}

function ruleError(rule: RuleInfo, e: unknown, path: string, nodeId?: string): Finding {
  const f: Finding = {
    rule: 'internal/rule-error',
    severity: 'error',
    message: `${rule.id === 'internal/rule-error' ? 'resolving the task definition' : `rule ${rule.id}`} failed on this input (${e instanceof Error ? e.message : String(e)}); the other rules still ran. This is a validator bug.`,
    path,
    docUrl: rule.docUrl,
  };
  if (nodeId !== undefined) f.nodeId = nodeId;
  return f;
}

function sameSettings(a: Design['settings'], b: Design['settings']): boolean {
  return a === b || (a.region === b.region && a.accountId === b.accountId && a.partition === b.partition);
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.rule !== y.rule || x.path !== y.path || x.message !== y.message || x.nodeId !== y.nodeId || x.severity !== y.severity) return false;
    if ((x.fixes ?? []).join() !== (y.fixes ?? []).join()) return false;
  }
  return true;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export type { DesignTarget };
