import { lazy, Suspense, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { z } from 'zod';
import { setEdgeProperties, setNodeProperties } from '../../../shared/commands/edit';
import type { Finding } from '../../../shared/findings';
import { fieldAt, fieldsOf, friendlyReason, pathKey, propertyPathOf, setIn, type Segment } from '../../../shared/inspector/formSchema';
import { KIND_INFO, nodeTitle } from '../../../shared/model/catalog';
import type { Design } from '../../../shared/model/document';
import { EDGE_KINDS, type DesignEdge } from '../../../shared/model/edges';
import { nodePropertiesJsonSchema, type JsonSchema } from '../../../shared/model/jsonSchema';
import type { DesignNode } from '../../../shared/model/nodes';
import { KindIcon } from '../canvas/icons';
import { useFindings } from '../canvas/findings';
import { DeploymentStatusSection } from '../deploy/DeploymentStatus';
import { call } from '../ipc/client';
import { currentDesign, designStore, useDesignStore } from '../store/designStore';
import { FormView, type Commit } from './FormView';
import { claimFocus, panelStore, usePanelState, type InspectorTab } from './panelState';
import './inspector.css';

// Monaco is big: its chunk loads the first time the JSON tab opens.
const JsonTab = lazy(() => import('./JsonTab'));

export function openExternal(url: string): void {
  void call('app:open-external', { url });
}

/** The right-hand inspector: the selected node's (or edge's) properties as a form and as JSON. */
export function Inspector(): ReactNode {
  const open = usePanelState((s) => s.inspectorOpen);
  const width = usePanelState((s) => s.inspectorWidth);
  const design = useDesignStore(currentDesign);
  const selection = useDesignStore((s) => s.selection);
  const node = selection.nodeIds.length === 1 && design ? design.nodes.find((n) => n.id === selection.nodeIds[0]) : undefined;
  const edge = !node && selection.nodeIds.length === 0 && selection.edgeIds.length === 1 && design ? design.edges.find((e) => e.id === selection.edgeIds[0]) : undefined;

  if (!open) {
    return (
      <aside className="inspector is-collapsed" aria-label="Inspector">
        <button type="button" className="panel-toggle" aria-label="Show inspector" title="Show inspector" onClick={() => panelStore.update({ inspectorOpen: true })}>
          ‹
        </button>
      </aside>
    );
  }
  const count = selection.nodeIds.length + selection.edgeIds.length;
  return (
    <aside className="inspector" aria-label="Inspector" style={{ width }}>
      <ResizeHandle width={width} />
      <div className="inspector-bar">
        <span className="inspector-bar-title">Inspector</span>
        <button type="button" className="panel-toggle" aria-label="Hide inspector" title="Hide inspector" onClick={() => panelStore.update({ inspectorOpen: false })}>
          ›
        </button>
      </div>
      {design && node ? (
        <NodeInspector key={node.id} design={design} node={node} />
      ) : design && edge ? (
        <EdgeInspector key={edge.id} design={design} edge={edge} />
      ) : (
        <div className="inspector-empty">{count > 1 ? `${count} items selected. Select one resource to edit its properties.` : design ? 'Select a resource on the canvas to see and edit its properties.' : 'No design open.'}</div>
      )}
    </aside>
  );
}

const MIN_WIDTH = 280;
const MAX_WIDTH = 720;

/** The inspector's left edge: drag (or arrow keys) to resize. */
function ResizeHandle({ width }: { width: number }): ReactNode {
  const clamp = (w: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));
  return (
    <div
      className="inspector-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize inspector"
      aria-valuenow={width}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      tabIndex={0}
      onPointerDown={(e) => {
        const startX = e.clientX;
        const target = e.currentTarget;
        target.setPointerCapture(e.pointerId);
        const move = (ev: PointerEvent) => panelStore.update({ inspectorWidth: clamp(width + startX - ev.clientX) });
        const up = () => {
          target.removeEventListener('pointermove', move);
          target.removeEventListener('pointerup', up);
        };
        target.addEventListener('pointermove', move);
        target.addEventListener('pointerup', up);
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') panelStore.update({ inspectorWidth: clamp(width + 20) });
        else if (e.key === 'ArrowRight') panelStore.update({ inspectorWidth: clamp(width - 20) });
      }}
    />
  );
}

function NodeInspector({ design, node }: { design: Design; node: DesignNode }): ReactNode {
  const info = KIND_INFO[node.kind];
  const tab = usePanelState((s) => s.tab);
  const focus = usePanelState((s) => s.focus);
  const fields = useMemo(() => fieldsOf(nodePropertiesJsonSchema(node.kind)), [node.kind]);
  const nodeIndex = design.nodes.indexOf(node);
  const all = useFindings();
  const findings = useMemo(() => all.filter((f) => f.nodeId === node.id || propertyPathOf(f.path, nodeIndex) !== undefined), [all, node.id, nodeIndex]);
  const byPath = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of findings) {
      const p = propertyPathOf(f.path, nodeIndex);
      if (p === undefined || p.length === 0) continue;
      const k = pathKey(p);
      m.set(k, [...(m.get(k) ?? []), f]);
    }
    return m;
  }, [findings, nodeIndex]);
  const general = findings.filter((f) => {
    const p = propertyPathOf(f.path, nodeIndex);
    return p === undefined || p.length === 0 || fieldAt(fields, p) === undefined;
  });

  const commit: Commit = (path, next) => {
    let reason: string | undefined;
    const label = `Edit ${String(path[path.length - 1] ?? 'properties')}`;
    designStore.edit({ kind: 'merge', label, key: `inspector:${node.id}:${pathKey(path)}` }, (d) => {
      const current = d.nodes.find((n) => n.id === node.id);
      if (!current) return d;
      const r = setNodeProperties(d, node.id, setIn(current.properties, path, next));
      if (!r.ok) {
        reason = friendlyReason(r.reason, path);
        return d;
      }
      return r.design;
    });
    return reason;
  };

  // "Go to this finding": focus the field for the path (or its nearest ancestor that has one).
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focus || focus.nodeId !== node.id || tab !== 'form') return;
    const frame = requestAnimationFrame(() => {
      if (claimFocus(focus)) focusField(body.current, focus.path);
    });
    return () => cancelAnimationFrame(frame);
  }, [focus, node.id, tab]);

  const title = nodeTitle(node);
  return (
    <div className="inspector-node">
      <header className={`inspector-header group-${info.group}`}>
        <span className="inspector-kind-icon">
          <KindIcon kind={node.kind} size={20} />
        </span>
        <div className="inspector-heading">
          <div className="inspector-kind">{info.label}</div>
          <h2 className="inspector-title" title={title}>
            {title}
          </h2>
        </div>
        <button type="button" className="inspector-doc" onClick={() => openExternal(info.docUrl)} title={info.docUrl} aria-label={`AWS documentation: ${info.label}`}>
          Docs ↗
        </button>
      </header>
      <p className="inspector-description">{info.description}</p>
      <Tabs tab={tab} kind={node.kind === 'taskDefinition' ? 'Task definition JSON' : 'JSON'} />
      {general.length > 0 && tab === 'form' && (
        <ul className="inspector-findings" aria-label="Findings of this resource">
          {general.map((f, i) => (
            <li key={i} className={`is-${f.severity}`}>
              <span className="sev-dot" aria-hidden="true" />
              {f.message}
            </li>
          ))}
        </ul>
      )}
      {node.kind === 'service' && tab === 'form' && <DeploymentStatusSection designId={design.id} nodeId={node.id} />}
      <div className="inspector-body" ref={body} role="tabpanel" aria-label={tab === 'form' ? 'Form' : 'JSON'}>
        {tab === 'form' ? (
          <FormView idPrefix={`insp-${node.id}`} fields={fields} value={node.properties} commit={commit} findings={byPath} />
        ) : (
          <Suspense fallback={<div className="inspector-loading">Loading editor…</div>}>
            <JsonTab design={design} node={node} focus={focus && focus.nodeId === node.id ? focus : null} />
          </Suspense>
        )}
      </div>
    </div>
  );
}

/** Focuses the control of a form path, or of the closest ancestor path that has one; scrolls it into view. */
function focusField(root: HTMLElement | null, path: readonly Segment[]): void {
  if (!root) return;
  for (let n = path.length; n > 0; n--) {
    const key = pathKey(path.slice(0, n));
    const el = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(key)}"]`);
    if (el) {
      // Scroll the inspector only (scrollIntoView would also scroll the window's fixed layout).
      const box = root.getBoundingClientRect();
      const at = el.getBoundingClientRect();
      root.scrollTop += at.top - box.top - (root.clientHeight - at.height) / 2;
      el.focus({ preventScroll: true });
      return;
    }
  }
}

function Tabs({ tab, kind }: { tab: InspectorTab; kind: string }): ReactNode {
  const tabs: [InspectorTab, string][] = [
    ['form', 'Form'],
    ['json', kind],
  ];
  return (
    <div className="inspector-tabs" role="tablist" aria-label="Inspector view">
      {tabs.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          className={tab === id ? 'is-active' : ''}
          onClick={() => panelStore.update({ tab: id })}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

const edgeSchemaCache = new Map<string, JsonSchema>();

function edgeSchema(kind: DesignEdge['kind']): JsonSchema {
  let s = edgeSchemaCache.get(kind);
  if (!s) {
    s = z.toJSONSchema(EDGE_KINDS[kind].props, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    edgeSchemaCache.set(kind, s);
  }
  return s;
}

function EdgeInspector({ design, edge }: { design: Design; edge: DesignEdge }): ReactNode {
  const spec = EDGE_KINDS[edge.kind];
  const fields = useMemo(() => fieldsOf(edgeSchema(edge.kind)), [edge.kind]);
  const source = design.nodes.find((n) => n.id === edge.source);
  const target = design.nodes.find((n) => n.id === edge.target);
  const commit: Commit = (path, next) => {
    let reason: string | undefined;
    designStore.edit({ kind: 'merge', label: `Edit connection ${String(path[path.length - 1] ?? '')}`, key: `inspector:${edge.id}:${pathKey(path)}` }, (d) => {
      const current = d.edges.find((e) => e.id === edge.id);
      if (!current) return d;
      const r = setEdgeProperties(d, edge.id, setIn(current.properties ?? {}, path, next));
      if (!r.ok) {
        reason = r.reason;
        return d;
      }
      return r.design;
    });
    return reason;
  };
  return (
    <div className="inspector-node">
      <header className="inspector-header">
        <div className="inspector-heading">
          <div className="inspector-kind">Connection · {spec.label}</div>
          <h2 className="inspector-title">
            {source ? nodeTitle(source) : edge.source} → {target ? nodeTitle(target) : edge.target}
          </h2>
        </div>
      </header>
      <p className="inspector-description">{spec.why}</p>
      <div className="inspector-body">
        {fields.length === 0 ? (
          <div className="inspector-empty">This connection has no properties.</div>
        ) : (
          <FormView idPrefix={`insp-${edge.id}`} fields={fields} value={edge.properties ?? {}} commit={commit} />
        )}
      </div>
    </div>
  );
}
