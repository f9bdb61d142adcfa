import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Finding } from '../../../shared/findings';
import type { Design } from '../../../shared/model/document';
import { IncrementalValidator } from '../../../shared/rules/index';
import { currentDesign, designStore, type DesignStore } from '../store/designStore';

export type NodeFindingCounts = { readonly errors: number; readonly warnings: number };

const NONE: NodeFindingCounts = { errors: 0, warnings: 0 };

/**
 * The validator's findings of the open design, kept up to date on every edit (incrementally), with the counts per
 * node the canvas cards show. Cards subscribe to their own node's counts, so a finding that changes on one node
 * re-renders that card only. The Problems panel and the status bar can read `findings` from the same store.
 */
export class FindingsStore {
  private validator = new IncrementalValidator();
  private design: Design | undefined;
  private all: readonly Finding[] = [];
  /** Whether validating `design` failed (its findings are then unknown, not none). */
  private failed = false;
  private byNode = new Map<string, NodeFindingCounts>();
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly source: DesignStore) {}

  /** Starts following the design store (idempotent); returns a stop function. */
  start = (): (() => void) => {
    this.unsubscribe ??= this.source.subscribe(this.refresh);
    this.refresh();
    return () => {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    };
  };

  private refresh = (): void => {
    const design = currentDesign(this.source.getState());
    if (design === this.design) return;
    if (design && this.design && design.id !== this.design.id) this.validator = new IncrementalValidator();
    const previous = this.design;
    this.design = design;
    // Moving nodes changes no finding: skip validation when only positions changed.
    if (design && previous && onlyPositionsChanged(previous, design)) return;
    let findings: readonly Finding[] = [];
    this.failed = false;
    if (design) {
      try {
        findings = this.validator.validate(design);
      } catch (e) {
        this.failed = true;
        // A validator bug must not take the canvas down; the cards then show no badges.
        console.warn('validation failed', e);
        this.validator = new IncrementalValidator();
      }
    }
    if (findings === this.all) return;
    this.all = findings;
    const next = new Map<string, NodeFindingCounts>();
    for (const f of findings) {
      if (f.nodeId === undefined || (f.severity !== 'error' && f.severity !== 'warning')) continue;
      const c = next.get(f.nodeId) ?? NONE;
      next.set(f.nodeId, f.severity === 'error' ? { ...c, errors: c.errors + 1 } : { ...c, warnings: c.warnings + 1 });
    }
    // Keep the identity of unchanged counts so cards compare by reference.
    for (const [id, c] of next) {
      const prev = this.byNode.get(id);
      if (prev && prev.errors === c.errors && prev.warnings === c.warnings) next.set(id, prev);
    }
    this.byNode = next;
    for (const l of this.listeners) l();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  findings = (): readonly Finding[] => this.all;

  /**
   * The validator's findings of `design` when they are this store's, worked out for that very design object (the
   * open design); undefined for any other design, or when validating it failed: the caller then validates it itself.
   */
  findingsFor = (design: Design): readonly Finding[] | undefined => (design === this.design && !this.failed ? this.all : undefined);

  countsOf = (nodeId: string): NodeFindingCounts => this.byNode.get(nodeId) ?? NONE;
}

function onlyPositionsChanged(a: Design, b: Design): boolean {
  if (a.edges !== b.edges || a.settings !== b.settings || a.nodes.length !== b.nodes.length || a.id !== b.id) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]!;
    const y = b.nodes[i]!;
    if (x !== y && (x.id !== y.id || x.kind !== y.kind || x.properties !== y.properties || x.parentId !== y.parentId || x.ignore !== y.ignore)) return false;
  }
  return true;
}

export const findingsStore = new FindingsStore(designStore);

/** The findings store of the canvas (a context so tests and benches can swap it). */
export const FindingsContext = createContext<FindingsStore>(findingsStore);

/** Error and warning counts of one node; re-renders only when they change. */
export function useNodeFindings(nodeId: string): NodeFindingCounts {
  const store = useContext(FindingsContext);
  return useSyncExternalStore(store.subscribe, () => store.countsOf(nodeId));
}

/** All findings of the open design. */
export function useFindings(): readonly Finding[] {
  const store = useContext(FindingsContext);
  return useSyncExternalStore(store.subscribe, store.findings);
}
