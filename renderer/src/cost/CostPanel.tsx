import { useReactFlow } from '@xyflow/react';
import { useEffect, useState, type ReactNode } from 'react';
import type { AwsProfile } from '../../../shared/ipc/contract';
import { applyWhatIf, setCostAssumption, whatIfApplicability, type CostSettingKey } from '../../../shared/pricing/edits';
import { DEFAULT_COST_ASSUMPTIONS, formatUsd, type CostEstimate, type WhatIf } from '../../../shared/pricing/estimate';
import { PriceTableSchema } from '../../../shared/pricing/priceTable';
import { formatMoneyRange } from '../../../shared/pricing/report';
import { call, hasBridge } from '../ipc/client';
import { currentDesign, designStore, useDesignStore } from '../store/designStore';
import { costViewStore, useCostEstimate, useCostView } from './costState';
import './cost.css';

type Field = { key: CostSettingKey; label: string; unit: string; step: number; toDesign: (shown: number) => number; fromDesign: (stored: number) => number };

const FIELDS: readonly Field[] = [
  { key: 'hoursPerMonth', label: 'Hours per month', unit: 'h', step: 1, toDesign: (v) => v, fromDesign: (v) => v },
  { key: 'spotDiscount', label: 'Fargate Spot discount', unit: '%', step: 1, toDesign: (v) => v / 100, fromDesign: (v) => Math.round(v * 10000) / 100 },
  { key: 'logGbPerServiceMonth', label: 'Logs per service', unit: 'GB/month', step: 1, toDesign: (v) => v, fromDesign: (v) => v },
  { key: 'lcuPerLoadBalancer', label: 'Capacity units per load balancer', unit: 'LCU', step: 0.5, toDesign: (v) => v, fromDesign: (v) => v },
  { key: 'efsStorageGb', label: 'EFS data per file system', unit: 'GB', step: 1, toDesign: (v) => v, fromDesign: (v) => v },
];

/** One assumption: typed value commits on Enter or blur as an undoable edit of the design settings. */
function AssumptionInput({ field, estimate, stored }: { readonly field: Field; readonly estimate: CostEstimate; readonly stored: number | undefined }): ReactNode {
  const effective = field.fromDesign(estimate.assumptions[field.key]);
  const [text, setText] = useState(String(effective));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => setText(String(effective)), [effective]);
  const commit = () => {
    const trimmed = text.trim();
    const value = trimmed === '' ? undefined : Number(trimmed);
    if (value !== undefined && !Number.isFinite(value)) {
      setProblem('not a number');
      return;
    }
    const d = currentDesign(designStore.getState());
    if (!d) return;
    const r = setCostAssumption(d, field.key, value === undefined ? undefined : field.toDesign(value));
    if (!r.ok) {
      setProblem(r.reason);
      return;
    }
    setProblem(undefined);
    designStore.edit({ kind: 'record', label: `Change cost assumption: ${field.label.toLowerCase()}` }, () => r.design);
  };
  const id = `cost-assumption-${field.key}`;
  return (
    <label className="cost-assumption" htmlFor={id} title={stored === undefined ? 'Default value (not stored in the design); empty the field to go back to the default' : 'Stored in the design settings; empty the field to use the default'}>
      <span className="cost-assumption-label">{field.label}</span>
      <span className="cost-assumption-field">
        <input
          id={id}
          className={`nodrag nokey${stored === undefined ? ' is-default' : ''}`}
          type="number"
          step={field.step}
          min={0}
          value={text}
          aria-invalid={problem !== undefined}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(undefined);
          }}
          onBlur={commit}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter') commit();
          }}
        />
        <span className="cost-unit">{field.unit}</span>
      </span>
      {problem !== undefined && (
        <span className="cost-problem" role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}

function WhatIfRow({ w }: { readonly w: WhatIf }): ReactNode {
  const design = useDesignStore(currentDesign, designStore);
  const can = design ? whatIfApplicability(design, w) : { ok: false as const, reason: 'no design' };
  const [problem, setProblem] = useState<string | undefined>(undefined);
  return (
    <div className="cost-whatif" role="listitem">
      <span className="cost-whatif-label">{w.label}</span>
      <span className="cost-whatif-saving">
        saves <strong>{formatUsd(w.saving)}</strong>/month ({formatUsd(w.monthlyNow)} → {formatUsd(w.monthlyAfter)})
      </span>
      <span className="cost-whatif-caveat">
        {w.caveat}
        {!can.ok && ` Apply: ${can.reason}.`}
      </span>
      <button
        type="button"
        className="cost-button"
        disabled={!can.ok}
        title={can.ok ? 'Apply the change (undoable)' : can.reason}
        onClick={() => {
          const d = currentDesign(designStore.getState());
          if (!d) return;
          const r = applyWhatIf(d, w);
          if (!r.ok) setProblem(r.reason);
          else designStore.edit({ kind: 'record', label: w.kind === 'arm64' ? 'Switch to ARM64' : 'Switch to Fargate Spot' }, () => r.design);
        }}
      >
        Apply
      </button>
      {problem !== undefined && (
        <span className="cost-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** Asks main to read fresh prices from the AWS Price List API with a chosen profile; only on the user's request. */
function RefreshPrices(): ReactNode {
  const [profiles, setProfiles] = useState<readonly AwsProfile[] | null>(null);
  const [profile, setProfile] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  if (!hasBridge()) return null;
  if (profiles === null) {
    return (
      <button
        type="button"
        className="cost-button"
        onClick={() =>
          void call('aws:list-profiles', {}).then((r) => {
            if (!r.ok) setMessage({ tone: 'error', text: r.error.message });
            else {
              setProfiles(r.value.profiles);
              setProfile(r.value.profiles[0]?.name ?? '');
              if (r.value.profiles.length === 0) setMessage({ tone: 'error', text: `No AWS profiles in ${r.value.configFile} or ${r.value.credentialsFile}.` });
            }
          })
        }
      >
        Refresh prices…
      </button>
    );
  }
  return (
    <span className="cost-refresh">
      <select aria-label="AWS profile for the Price List API" value={profile} onChange={(e) => setProfile(e.target.value)} disabled={busy || profiles.length === 0}>
        {profiles.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="cost-button"
        disabled={busy || profile === ''}
        onClick={() => {
          setBusy(true);
          setMessage(null);
          void call('pricing:refresh', { profile }).then((r) => {
            setBusy(false);
            if (!r.ok) {
              setMessage({ tone: 'error', text: r.error.message });
              return;
            }
            costViewStore.update({ table: r.value.table, tableOrigin: 'refreshed' });
            const kept = r.value.kept.length;
            setMessage({ tone: 'info', text: `Prices refreshed (${r.value.table.asOf})${kept > 0 ? `; ${kept} figure(s) not in the answer kept from the shipped table` : ''}.` });
          });
        }}
      >
        {busy ? 'Refreshing…' : 'Refresh from AWS'}
      </button>
      {message && (
        <span className={message.tone === 'error' ? 'cost-problem' : 'cost-info'} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </span>
      )}
    </span>
  );
}

/** Loads the price table refreshed earlier (user data dir), if any: reading a local file, never the network. */
function useStoredPriceTable(): void {
  useEffect(() => {
    if (!hasBridge()) return;
    void call('pricing:stored-table', {}).then((r) => {
      if (r.ok && r.value) {
        const parsed = PriceTableSchema.safeParse(r.value);
        if (parsed.success) costViewStore.update({ table: parsed.data, tableOrigin: 'refreshed' });
      }
    });
  }, []);
}

/** The bottom Cost panel: every line item with its formula, what could not be priced, what-ifs, the assumptions. */
export function CostPanel(): ReactNode {
  useStoredPriceTable();
  const open = useCostView((s) => s.panelOpen);
  const origin = useCostView((s) => s.tableOrigin);
  const estimate = useCostEstimate();
  const design = useDesignStore(currentDesign, designStore);
  const flow = useReactFlow();
  if (!open) return null;
  const go = (nodeId: string) => {
    designStore.select({ nodeIds: [nodeId], edgeIds: [] });
    void flow.fitView({ nodes: [{ id: nodeId }], duration: 250, maxZoom: 1.2, padding: 0.6 });
  };
  return (
    <section className="cost-panel" aria-label="Cost">
      <div className="problems-bar cost-bar">
        <span className="problems-title">Cost</span>
        {estimate && (
          <span className="cost-total" data-testid="cost-total">
            {formatMoneyRange(estimate.total)} / month
          </span>
        )}
        {estimate && (
          <span className="cost-source" title={estimate.priceTable.source}>
            {estimate.region} · {origin === 'refreshed' ? 'refreshed' : 'shipped'} prices of {estimate.priceTable.asOf} · USD on-demand
          </span>
        )}
        <span className="problems-spacer" />
        <RefreshPrices />
        <button type="button" className="panel-toggle" aria-label="Close cost panel" title="Close" onClick={() => costViewStore.update({ panelOpen: false })}>
          ×
        </button>
      </div>
      {!estimate || !design ? (
        <div className="problems-empty">No design open.</div>
      ) : (
        <div className="cost-body">
          <div className="cost-items">
            {estimate.regionNote !== undefined && <div className="cost-note">{estimate.regionNote}</div>}
            <table className="cost-table" aria-label="Cost line items">
              <thead>
                <tr>
                  <th scope="col">Per month</th>
                  <th scope="col">Item</th>
                  <th scope="col">Formula</th>
                  <th scope="col">Auto scaling</th>
                </tr>
              </thead>
              <tbody>
                {estimate.lines.length === 0 && (
                  <tr>
                    <td colSpan={4} className="problems-empty">
                      Nothing priced yet: add services, Auto Scaling groups, load balancers or EFS file systems.
                    </td>
                  </tr>
                )}
                {estimate.lines.map((l) => (
                  <tr key={l.id} onClick={() => go(l.nodeId)} className="cost-row">
                    <td className="cost-money">{formatUsd(l.monthly)}</td>
                    <td>{l.label}</td>
                    <td className="cost-formula">{l.formula}</td>
                    <td className="cost-range">{l.range ? `${formatUsd(l.range.min)}–${formatUsd(l.range.max)}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {estimate.unpriced.length > 0 && (
              <div className="cost-section" role="list" aria-label="Not priced">
                <div className="cost-section-title">Not priced</div>
                {estimate.unpriced.map((u, i) => (
                  <div key={`${u.nodeId}-${i}`} className="cost-unpriced" role="listitem">
                    <button type="button" className="cost-link" onClick={() => go(u.nodeId)}>
                      {u.label}
                    </button>
                    : {u.reason}
                  </div>
                ))}
              </div>
            )}
            {estimate.notes.length > 0 && (
              <div className="cost-section" aria-label="Notes">
                <div className="cost-section-title">Notes</div>
                {estimate.notes.map((n, i) => (
                  <div key={`${n.nodeId}-${i}`} className="cost-note">
                    {n.text}
                  </div>
                ))}
              </div>
            )}
          </div>
          <div className="cost-side">
            {estimate.whatIfs.length > 0 && (
              <>
                <div className="cost-section-title">What if</div>
                <div role="list" aria-label="What if">
                  {estimate.whatIfs.map((w) => (
                    <WhatIfRow key={`${w.serviceId}-${w.kind}`} w={w} />
                  ))}
                </div>
              </>
            )}
            <div className="cost-section-title">Assumptions (saved in the design)</div>
            {FIELDS.map((f) => (
              <AssumptionInput key={f.key} field={f} estimate={estimate} stored={design.settings.cost?.[f.key]} />
            ))}
            <div className="cost-hint">
              Defaults: {DEFAULT_COST_ASSUMPTIONS.hoursPerMonth} h, Spot from the price table, {DEFAULT_COST_ASSUMPTIONS.logGbPerServiceMonth} GB logs,{' '}
              {DEFAULT_COST_ASSUMPTIONS.lcuPerLoadBalancer} LCU, {DEFAULT_COST_ASSUMPTIONS.efsStorageGb} GB EFS.
            </div>
            <div className="cost-hint">Not included: data transfer, NAT gateways, public IPv4 addresses, EBS volumes, taxes, savings plans.</div>
          </div>
        </div>
      )}
    </section>
  );
}
