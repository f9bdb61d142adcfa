import { memo, type ReactNode } from 'react';
import { formatUsd } from '../../../shared/pricing/estimate';
import { currentDesign, designStore, useDesignStore } from '../store/designStore';
import { costViewStore, estimateFor, useCostView } from './costState';
import './cost.css';

/** Whole dollars for the small figures on cards and in the status bar ($1,234), cents under $100. */
export function shortUsd(n: number): string {
  return n >= 100 ? `$${Math.round(n).toLocaleString('en-US')}` : formatUsd(n);
}

/** The monthly cost of one node on its card (services, Auto Scaling groups, load balancers, file systems). */
export const NodeCostLine = memo(function NodeCostLine({ nodeId }: { readonly nodeId: string }): ReactNode {
  const table = useCostView((s) => s.table);
  const money = useDesignStore((s) => {
    const d = currentDesign(s);
    const m = d ? estimateFor(d, table).byNode[nodeId] : undefined;
    return m ? { monthly: m.monthly, min: m.min, max: m.max } : undefined;
  }, designStore);
  if (!money) return null;
  const ranged = Math.abs(money.max - money.min) >= 0.005;
  const title = ranged
    ? `Estimated ${formatUsd(money.monthly)} per month; auto scaling ${formatUsd(money.min)}–${formatUsd(money.max)}`
    : `Estimated ${formatUsd(money.monthly)} per month`;
  return (
    <div className="node-cost" title={title} data-testid="node-cost">
      ≈ {shortUsd(money.monthly)}/mo{ranged ? ` (≤ ${shortUsd(money.max)})` : ''}
    </div>
  );
});

/** The design total in the status bar; opens the Cost panel. */
export function CostStatus(): ReactNode {
  const table = useCostView((s) => s.table);
  const total = useDesignStore((s) => {
    const d = currentDesign(s);
    if (!d) return undefined;
    const e = estimateFor(d, table);
    return { monthly: e.total.monthly, unpriced: e.unpriced.length };
  }, designStore);
  if (!total) return null;
  return (
    <span className="statusbar-item statusbar-cost">
      <button
        type="button"
        className="status-cost"
        data-testid="status-cost"
        aria-label={`Estimated cost ${formatUsd(total.monthly)} per month — show Cost panel`}
        title={total.unpriced > 0 ? `${total.unpriced} item(s) could not be priced — see the Cost panel` : 'Estimated monthly cost — show the Cost panel'}
        onClick={() => costViewStore.update({ panelOpen: !costViewStore.getState().panelOpen })}
      >
        {shortUsd(total.monthly)}/mo{total.unpriced > 0 ? ' *' : ''}
      </button>
    </span>
  );
}
