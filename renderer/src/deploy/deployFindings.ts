import type { Finding } from '../../../shared/findings';
import type { Design } from '../../../shared/model/document';
import { FindingsStore, type NodeFindingCounts } from '../canvas/findings';
import { currentDesign, designStore, type DesignStore } from '../store/designStore';

/**
 * The validator's findings plus the findings of the last deploy verification and apply failure, as ONE findings
 * store: it is what FindingsContext provides (App.tsx), so canvas badges, the Problems panel, the inspector and the
 * status bar show deploy problems exactly like validation findings.
 *
 * A deploy finding is dropped when the node it is about changes (its properties or its removal) or when the design
 * is replaced; the whole set is replaced on re-verify (`setDeployFindings`) and cleared by `clearDeployFindings`.
 */
type Held = { readonly finding: Finding; readonly properties: unknown };

const NONE: NodeFindingCounts = { errors: 0, warnings: 0 };

export class DeployAwareFindingsStore extends FindingsStore {
  private held: readonly Held[] = [];
  private designId: string | undefined;
  private lastDesign: Design | undefined;
  private readonly ownListeners = new Set<() => void>();
  private merged: { base: readonly Finding[]; held: readonly Held[]; all: readonly Finding[] } | undefined;
  private countCache = new Map<string, { base: NodeFindingCounts; held: readonly Held[]; counts: NodeFindingCounts }>();
  private stopFollowing: (() => void) | undefined;

  constructor(private readonly designs: DesignStore = designStore) {
    super(designs);
    // The base store's members are arrow-function fields: keep them, and put the merging versions in their place.
    const base = { subscribe: this.subscribe, findings: this.findings, countsOf: this.countsOf, start: this.start };
    this.start = () => {
      const stopBase = base.start();
      this.stopFollowing ??= this.designs.subscribe(this.prune);
      return () => {
        stopBase();
        this.stopFollowing?.();
        this.stopFollowing = undefined;
      };
    };
    this.subscribe = (listener) => {
      const off = base.subscribe(listener);
      this.ownListeners.add(listener);
      return () => {
        off();
        this.ownListeners.delete(listener);
      };
    };
    this.findings = () => {
      const all = base.findings();
      if (this.held.length === 0) return all;
      if (this.merged && this.merged.base === all && this.merged.held === this.held) return this.merged.all;
      const merged = [...all, ...this.held.map((h) => h.finding)];
      this.merged = { base: all, held: this.held, all: merged };
      return merged;
    };
    this.countsOf = (nodeId) => {
      const counted = base.countsOf(nodeId);
      if (this.held.length === 0) return counted;
      const cached = this.countCache.get(nodeId);
      if (cached && cached.base === counted && cached.held === this.held) return cached.counts;
      let { errors, warnings } = counted;
      for (const h of this.held) {
        if (h.finding.nodeId !== nodeId) continue;
        if (h.finding.severity === 'error') errors++;
        else if (h.finding.severity === 'warning') warnings++;
      }
      const counts = errors === counted.errors && warnings === counted.warnings ? counted : errors === 0 && warnings === 0 ? NONE : { errors, warnings };
      this.countCache.set(nodeId, { base: counted, held: this.held, counts });
      return counts;
    };
  }

  /** Deploy findings only (the dialog lists them). */
  deployFindings = (): readonly Finding[] => this.held.map((h) => h.finding);

  /** Replaces the deploy findings of a given `kind` prefix (`deploy/` rule ids of verify, or the apply failure). */
  setDeployFindings(findings: readonly Finding[], opts: { replaceRules?: (rule: string) => boolean } = {}): void {
    const design = currentDesign(this.designs.getState());
    const keep = opts.replaceRules ? this.held.filter((h) => !opts.replaceRules!(h.finding.rule)) : [];
    const added = findings.map((finding) => ({ finding, properties: design?.nodes.find((n) => n.id === finding.nodeId)?.properties }));
    this.designId = design?.id;
    this.lastDesign = design;
    this.replace([...keep, ...added]);
  }

  clearDeployFindings(): void {
    this.replace([]);
  }

  private replace(next: readonly Held[]): void {
    if (next.length === 0 && this.held.length === 0) return;
    this.held = next;
    this.countCache = new Map();
    for (const l of this.ownListeners) l();
  }

  /** Drops the findings of nodes that changed or went away, and everything when another design is open. */
  private prune = (): void => {
    const design = currentDesign(this.designs.getState());
    if (design === this.lastDesign || this.held.length === 0) {
      this.lastDesign = design;
      return;
    }
    this.lastDesign = design;
    if (!design || design.id !== this.designId) return this.replace([]);
    const byId = new Map(design.nodes.map((n) => [n.id, n]));
    const next = this.held.filter((h) => h.finding.nodeId === undefined || byId.get(h.finding.nodeId)?.properties === h.properties);
    if (next.length !== this.held.length) this.replace(next);
  };
}

/** The app's findings store (FindingsContext value in App.tsx). */
export const appFindingsStore = new DeployAwareFindingsStore();
