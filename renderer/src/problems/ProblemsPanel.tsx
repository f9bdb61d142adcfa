import { useReactFlow } from '@xyflow/react';
import { useMemo, type ReactNode } from 'react';
import { SEVERITY_ORDER, type Finding, type Severity } from '../../../shared/findings';
import { propertyPathOf } from '../../../shared/inspector/formSchema';
import { nodeTitle } from '../../../shared/model/catalog';
import { DesignIndex } from '../../../shared/model/document';
import { applyQuickFix, QUICK_FIX_BY_ID, ruleInfo } from '../../../shared/rules/index';
import { useFindings } from '../canvas/findings';
import { openExternal } from '../inspector/Inspector';
import { panelStore, usePanelState } from '../inspector/panelState';
import { currentDesign, designStore, useDesignStore } from '../store/designStore';
import './problems.css';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const LABEL: Record<Severity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['info', 'infos'] };

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function SeverityIcon({ severity }: { severity: Severity }): ReactNode {
  return (
    <svg className={`sev-icon is-${severity}`} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      {severity === 'error' ? (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" className="sev-glyph" />
        </>
      ) : severity === 'warning' ? (
        <>
          <path d="M8 1.5l7 13H1z" />
          <path d="M8 6v4M8 12v.5" className="sev-glyph" />
        </>
      ) : (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M8 7v5M8 4.5v.5" className="sev-glyph" />
        </>
      )}
    </svg>
  );
}

/** The bottom panel: every finding of the design, filterable, each one a way to the property it is about. */
export function ProblemsPanel(): ReactNode {
  const open = usePanelState((s) => s.problemsOpen);
  const severities = usePanelState((s) => s.severities);
  const text = usePanelState((s) => s.text);
  const findings = useFindings();
  const design = useDesignStore(currentDesign);
  const flow = useReactFlow();
  const index = useMemo(() => (design ? new DesignIndex(design) : undefined), [design]);
  const counts = useMemo(() => countBySeverity(findings), [findings]);

  const rows = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const titled = findings.map((f) => {
      const node = f.nodeId !== undefined ? index?.node(f.nodeId) : undefined;
      return { f, title: node ? nodeTitle(node) : '' };
    });
    return titled
      .filter(({ f, title }) => severities[f.severity] && (needle === '' || `${f.message} ${f.rule} ${title}`.toLowerCase().includes(needle)))
      .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.title.localeCompare(b.title) || a.f.path.localeCompare(b.f.path));
  }, [findings, index, severities, text]);

  const go = (f: Finding) => {
    if (f.nodeId === undefined || !index) return;
    const node = index.node(f.nodeId);
    if (!node) return;
    designStore.select({ nodeIds: [node.id], edgeIds: [] });
    void flow.fitView({ nodes: [{ id: node.id }], duration: 250, maxZoom: 1.2, padding: 0.6 });
    const i = index.nodeIndex.get(node.id) ?? -1;
    panelStore.focusProperty(node.id, propertyPathOf(f.path, i) ?? []);
  };

  const fix = (f: Finding, fixId: string) => {
    const label = QUICK_FIX_BY_ID.get(fixId)?.label ?? fixId;
    designStore.edit({ kind: 'record', label }, (d) => applyQuickFix(d, fixId, f));
  };

  if (!open) return null;
  const total = findings.length;
  return (
    <section className="problems" aria-label="Problems">
      <div className="problems-bar">
        <span className="problems-title">Problems</span>
        <div className="problems-filters" role="group" aria-label="Show severities">
          {SEVERITIES.map((s) => (
            <button
              key={s}
              type="button"
              className={`problems-filter sev-${s}`}
              aria-pressed={severities[s]}
              onClick={() => panelStore.update({ severities: { ...severities, [s]: !severities[s] } })}
            >
              <SeverityIcon severity={s} />
              {counts[s]} {LABEL[s][counts[s] === 1 ? 0 : 1]}
            </button>
          ))}
        </div>
        <input
          className="problems-search"
          type="search"
          placeholder="Filter problems"
          aria-label="Filter problems"
          value={text}
          onChange={(e) => panelStore.update({ text: e.target.value })}
        />
        <span className="problems-spacer" />
        <button type="button" className="panel-toggle" aria-label="Close problems panel" title="Close" onClick={() => panelStore.update({ problemsOpen: false })}>
          ×
        </button>
      </div>
      <div className="problems-list" role="list" aria-label="Findings">
        {rows.length === 0 && (
          <div className="problems-empty">{total === 0 ? (design ? 'No problems found in this design.' : 'No design open.') : 'No problems match the filter.'}</div>
        )}
        {rows.map(({ f, title }, i) => {
          const rule = ruleInfo(f.rule);
          const docUrl = f.docUrl ?? rule?.docUrl;
          return (
            <div key={`${f.rule}|${f.path}|${i}`} className={`problems-row sev-${f.severity}`} role="listitem">
              <button type="button" className="problems-main" onClick={() => go(f)} title={rule?.title ?? f.rule}>
                <SeverityIcon severity={f.severity} />
                <span className="visually-hidden">{f.severity}: </span>
                <span className="problems-message" title={f.message}>
                  {f.message}
                </span>
                <span className="problems-rule">{f.rule}</span>
                {title && <span className="problems-node">{title}</span>}
              </button>
              {(f.fixes ?? []).map((id) => (
                <button key={id} type="button" className="problems-fix" onClick={() => fix(f, id)} title="Quick fix">
                  {QUICK_FIX_BY_ID.get(id)?.label ?? id}
                </button>
              ))}
              {docUrl && (
                <button type="button" className="problems-doc" onClick={() => openExternal(docUrl)} title={docUrl} aria-label={`Documentation for ${f.rule}`}>
                  Docs ↗
                </button>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** Error / warning counts in the status bar; each opens the Problems panel filtered to that severity. */
export function StatusCounts(): ReactNode {
  const findings = useFindings();
  const counts = useMemo(() => countBySeverity(findings), [findings]);
  return (
    <span className="statusbar-item statusbar-counts">
      {(['error', 'warning'] as const).map((s) => (
        <button
          key={s}
          type="button"
          className={`status-count is-${s}`}
          aria-label={`${counts[s]} ${LABEL[s][counts[s] === 1 ? 0 : 1]} — show in Problems`}
          onClick={() => panelStore.openProblems(s)}
        >
          <SeverityIcon severity={s} />
          {counts[s]}
        </button>
      ))}
    </span>
  );
}
