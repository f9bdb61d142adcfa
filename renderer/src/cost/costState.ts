import { useSyncExternalStore } from 'react';
import type { Design } from '../../../shared/model/document';
import { estimateDesign, type CostEstimate } from '../../../shared/pricing/estimate';
import { SHIPPED_PRICE_TABLE, type PriceTable } from '../../../shared/pricing/priceTable';
import { currentDesign, designStore, useDesignStore } from '../store/designStore';

/**
 * What the cost views share (not part of the design): whether the Cost panel is open and which price table is in
 * use — the shipped one, or one the user refreshed from the AWS Price List API (kept by main in the user data dir).
 */
export type CostViewState = {
  readonly panelOpen: boolean;
  readonly table: PriceTable;
  readonly tableOrigin: 'shipped' | 'refreshed';
};

class CostViewStore {
  private state: CostViewState = { panelOpen: false, table: SHIPPED_PRICE_TABLE, tableOrigin: 'shipped' };
  private readonly listeners = new Set<() => void>();

  getState = (): CostViewState => this.state;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  update(patch: Partial<CostViewState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

export const costViewStore = new CostViewStore();

export function useCostView<T>(selector: (s: CostViewState) => T): T {
  return useSyncExternalStore(costViewStore.subscribe, () => selector(costViewStore.getState()));
}

// One estimate per (design version, price table): the status bar, every card and the panel share it.
let cache: { design: Design; table: PriceTable; estimate: CostEstimate } | null = null;

export function estimateFor(design: Design, table: PriceTable): CostEstimate {
  if (cache && cache.table === table && (cache.design === design || sameCostInputs(cache.design, design))) {
    cache = { ...cache, design };
    return cache.estimate;
  }
  const estimate = estimateDesign(design, table);
  cache = { design, table, estimate };
  return estimate;
}

/**
 * True when two designs differ at most in node positions (a drag): the estimate reads properties, edges and
 * settings only, so it is not recomputed on every frame of a drag (edits keep unchanged parts by reference).
 */
export function sameCostInputs(a: Design, b: Design): boolean {
  if (a.edges !== b.edges || a.settings !== b.settings || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]!;
    const y = b.nodes[i]!;
    if (x !== y && (x.id !== y.id || x.kind !== y.kind || x.properties !== y.properties || x.parentId !== y.parentId)) return false;
  }
  return true;
}

/** The estimate of the open design, or undefined when none is open. */
export function useCostEstimate(): CostEstimate | undefined {
  const design = useDesignStore(currentDesign, designStore);
  const table = useCostView((s) => s.table);
  return design ? estimateFor(design, table) : undefined;
}
