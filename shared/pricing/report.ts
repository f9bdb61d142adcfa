import { formatUsd, type CostEstimate, type Money } from './estimate';

/** "$60.81" or "$60.81 (auto scaling $60.81–$207.66)" when the range differs from the figure. */
export function formatMoneyRange(m: Money): string {
  if (Math.abs(m.max - m.monthly) < 0.005 && Math.abs(m.min - m.monthly) < 0.005) return formatUsd(m.monthly);
  return `${formatUsd(m.monthly)} (auto scaling ${formatUsd(m.min)}–${formatUsd(m.max)})`;
}

/** The assumptions as one line of text. */
export function describeAssumptions(e: CostEstimate): string {
  const a = e.assumptions;
  return [
    `${a.hoursPerMonth} h/month`,
    `Fargate Spot ${Math.round(a.spotDiscount * 100)}% off on-demand`,
    `${a.logGbPerServiceMonth} GB logs/month per service`,
    `${a.lcuPerLoadBalancer} LCU per load balancer`,
    `${a.efsStorageGb} GB per EFS file system`,
  ].join(', ');
}

/** A plain-text report: every line item with its formula, what was not priced and why, notes, what-ifs, total. */
export function costReportText(designName: string, e: CostEstimate): string[] {
  const out: string[] = [];
  out.push(`Cost estimate of "${designName}" in ${e.region} (USD per month, on-demand list prices as of ${e.priceTable.asOf})`);
  if (e.regionNote !== undefined) out.push(`note: ${e.regionNote}`);
  out.push(`Assumptions: ${describeAssumptions(e)}`);
  out.push('');
  if (e.lines.length === 0) out.push('No priced resources.');
  const width = Math.max(0, ...e.lines.map((l) => formatUsd(l.monthly).length));
  for (const l of e.lines) {
    const range = l.range && (Math.abs(l.range.min - l.monthly) >= 0.005 || Math.abs(l.range.max - l.monthly) >= 0.005) ? `  [auto scaling ${formatUsd(l.range.min)}–${formatUsd(l.range.max)}]` : '';
    out.push(`${formatUsd(l.monthly).padStart(width)}  ${l.label}: ${l.formula}${range}`);
  }
  if (e.unpriced.length > 0) {
    out.push('');
    out.push('Not priced:');
    for (const u of e.unpriced) out.push(`  ${u.label}: ${u.reason}`);
  }
  if (e.notes.length > 0) {
    out.push('');
    out.push('Notes:');
    for (const n of e.notes) out.push(`  ${n.text}`);
  }
  if (e.whatIfs.length > 0) {
    out.push('');
    out.push('What if:');
    for (const w of e.whatIfs) out.push(`  ${w.label}: saves ${formatUsd(w.saving)}/month (${formatUsd(w.monthlyNow)} → ${formatUsd(w.monthlyAfter)}). ${w.caveat}`);
  }
  out.push('');
  out.push(`Total: ${formatMoneyRange(e.total)} per month`);
  out.push(`Prices: ${e.priceTable.source}`);
  return out;
}
