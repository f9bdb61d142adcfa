import { describe, expect, it } from 'vitest';
import { moveNodes, setNodeProperties } from '../../../shared/commands/edit';
import { loadBalancedWebService } from '../../../shared/patterns/patterns';
import { SHIPPED_PRICE_TABLE } from '../../../shared/pricing/priceTable';
import { estimateFor, sameCostInputs } from './costState';

describe('estimateFor', () => {
  it('reuses the estimate across a drag (positions only) and recomputes after a property edit', () => {
    const design = loadBalancedWebService({ settings: { region: 'us-east-1' } });
    const first = estimateFor(design, SHIPPED_PRICE_TABLE);
    const service = design.nodes.find((n) => n.kind === 'service')!;
    const moved = moveNodes(design, [{ id: service.id, position: { x: 999, y: 999 } }]);
    expect(moved).not.toBe(design);
    expect(sameCostInputs(design, moved)).toBe(true);
    expect(estimateFor(moved, SHIPPED_PRICE_TABLE)).toBe(first);

    const edited = setNodeProperties(moved, service.id, { ...service.properties, desiredCount: 4 });
    if (!edited.ok) throw new Error(edited.reason);
    expect(sameCostInputs(moved, edited.design)).toBe(false);
    const second = estimateFor(edited.design, SHIPPED_PRICE_TABLE);
    expect(second).not.toBe(first);
    // 2 → 4 tasks of 0.5 vCPU / 1 GB: the compute doubles, (0.5 × 0.04048 + 1 × 0.004445) × 730 × 2 more.
    expect(second.total.monthly - first.total.monthly).toBeCloseTo((0.5 * 0.04048 + 0.004445) * 730 * 2, 8);
    expect(sameCostInputs(design, { ...design, settings: { ...design.settings, cost: { hoursPerMonth: 10 } } })).toBe(false);
  });
});
