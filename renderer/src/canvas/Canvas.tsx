import {
  ConnectionMode,
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  type ColorMode,
  type FinalConnectionState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useRef, type DragEvent, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import { KIND_INFO } from '../../../shared/model/catalog';
import { NODE_KINDS, type NodeKind } from '../../../shared/model/nodes';
import { addResource } from '../palette/addResource';
import { Palette, PALETTE_MIME } from '../palette/Palette';
import { freeSpot } from '../palette/placement';
import { designStore } from '../store/designStore';
import { CanvasActionsContext, type CanvasActions } from './canvasContext';
import { connect } from '../../../shared/commands/edit';
import { CanvasToast, dismissCanvasError, showCanvasError } from './CanvasToast';
import { DrawnEdges } from './edgeGeometry';
import { EdgeHighlight, EdgeLayer } from './EdgeLayer';
import { DotGrid } from './DotGrid';
import { ViewportLayer } from './viewportLayer';
import { LightMiniMap } from './LightMiniMap';
import { NODE_TYPES, type DesignFlowNode } from './nodes/cards';
import { joinCluster, type CanvasState } from './useCanvasState';
import './canvas.css';

interface CanvasProps {
  readonly state: CanvasState;
  readonly colorMode: ColorMode;
  readonly showMiniMap: boolean;
  readonly snapToGrid?: boolean;
  readonly onOpenDesign: (() => void) | undefined;
  readonly notify: (text: string, tone?: 'info' | 'error') => void;
}

export const GRID = 20;

/** Canvas errors (a refused connection or drop) show over the canvas in full; other notices go to the status bar. */
function canvasNotify(notify: CanvasProps['notify']): CanvasProps['notify'] {
  return (text, tone = 'info') => {
    if (tone === 'error') showCanvasError(text);
    else {
      dismissCanvasError();
      notify(text, tone);
    }
  };
}
const SNAP_GRID: [number, number] = [GRID, GRID];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1 };
/**
 * Below this zoom a card's 11-13px text is 3-4px on screen: the cards are drawn as blocks in their kind's colour
 * (canvas.css, .canvas.far), which spares painting the text, icons and badges of every card in a zoomed-out view
 * of a large design.
 */
const FAR_ZOOM = 0.3;
const isFar = (s: { transform: readonly [number, number, number] }) => s.transform[2] < FAR_ZOOM;

/** How near (screen pixels) the pointer must be to a connection's line to point at it. */
const EDGE_HIT_PX = 6;

/** A kind label inside a sentence: "task definition", but "S3 bucket", "ECR repository", "VPC". */
export function kindNoun(kind: NodeKind): string {
  const label = KIND_INFO[kind].label;
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** The node under a screen point, if any (the innermost card: a container before its task definition). */
function nodeIdAt(x: number, y: number, selector = '.react-flow__node'): string | undefined {
  for (const el of document.elementsFromPoint(x, y)) {
    const node = el.closest<HTMLElement>(selector);
    if (node?.dataset['id']) return node.dataset['id'];
  }
  return undefined;
}

/** A node drawn as a frame around others (a task definition around its containers, a cluster around its services). */
function isFrame(node: DesignFlowNode): boolean {
  return node.type === 'taskDefinition' || node.type === 'cluster';
}

/** The palette and the design canvas: controlled React Flow with dotted background, zoom controls and minimap. */
export function Canvas({ state, colorMode, showMiniMap, snapToGrid = true, onOpenDesign, notify: notifyApp }: CanvasProps): ReactNode {
  const notify = useMemo(() => canvasNotify(notifyApp), [notifyApp]);
  const flow = useReactFlow();
  const section = useRef<HTMLElement>(null);
  const actions = useMemo<CanvasActions>(() => ({ notify }), [notify]);

  const add = useCallback(
    (kind: NodeKind, position: { x: number; y: number }, taskDefinitionId?: string, clusterId?: string) => {
      if (!designStore.getState().doc) designStore.newDesign();
      let result: ReturnType<typeof addResource> | undefined;
      designStore.edit({ kind: 'record', label: `Add ${kindNoun(kind)}` }, (d) => {
        result = addResource(d, kind, position, taskDefinitionId === undefined ? {} : { taskDefinitionId });
        if (!result.ok) return d;
        // A service dropped on a cluster runs in it (one undo step with the add).
        const joined = clusterId === undefined ? undefined : connect(result.design, result.nodeId, clusterId);
        return joined?.ok ? joinCluster(joined.design, joined.edge) : result.design;
      });
      if (!result) return;
      if (!result.ok) {
        notify(result.reason, 'error');
        return;
      }
      designStore.select({ nodeIds: [result.nodeId], edgeIds: [] });
      notify(`Added ${kindNoun(kind)}`);
    },
    [notify],
  );

  /** Enter (or click) on a palette item: add near the middle of the visible canvas, cascading. */
  const addFromPalette = useCallback(
    (kind: NodeKind) => {
      const box = section.current?.getBoundingClientRect();
      const center = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      const selected = designStore.getState().selection.nodeIds;
      const td = designStore.getState().doc?.history.design.nodes.find((n) => n.kind === 'taskDefinition' && selected.includes(n.id));
      // Near the middle of the view, on a free spot (never on top of another resource).
      const taken = flow
        .getNodes()
        .filter((n) => n.parentId === undefined)
        .map((n) => ({ ...n.position, width: n.measured?.width ?? n.width ?? 232, height: n.measured?.height ?? n.height ?? 72 }));
      const size = kind === 'taskDefinition' ? { width: 272, height: 190 } : { width: 232, height: 72 };
      const spot = freeSpot({ x: Math.round((center.x - size.width / 2) / GRID) * GRID, y: Math.round((center.y - size.height / 2) / GRID) * GRID }, size, taken);
      add(kind, spot, kind === 'container' ? td?.id : undefined);
    },
    [add, flow],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      if (!NODE_KINDS.includes(kind)) return;
      e.preventDefault();
      const position = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const td = kind === 'container' ? nodeIdAt(e.clientX, e.clientY, '.react-flow__node-taskDefinition') : undefined;
      const cluster = kind === 'service' ? nodeIdAt(e.clientX, e.clientY, '.react-flow__node.kind-cluster') : undefined;
      add(kind, position, td, cluster);
    },
    [add, flow],
  );

  // Pointing at connections: the edge layer draws no hit paths; a click or hover on the empty canvas asks what it
  // drew which connection is under the pointer.
  const drawnEdges = useRef<DrawnEdges>(null);
  drawnEdges.current ??= new DrawnEdges();
  const highlight = useRef<EdgeHighlight>(null);
  highlight.current ??= new EdgeHighlight();
  const hovered = useRef<string | undefined>(undefined);
  const edgeAt = useCallback(
    (event: ReactMouseEvent) => {
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }, { snapToGrid: false });
      return drawnEdges.current!.at(p.x, p.y, EDGE_HIT_PX / flow.getZoom());
    },
    [flow],
  );
  const hover = useCallback((id: string | undefined) => {
    if (id === hovered.current) return;
    hovered.current = id;
    highlight.current!.set(id);
    section.current?.classList.toggle('over-edge', id !== undefined);
  }, []);
  const { selectEdge, clearSelection } = state;
  const onPaneClick = useCallback(
    (event: ReactMouseEvent) => {
      const id = edgeAt(event);
      if (id === undefined) clearSelection();
      else selectEdge(id, event.shiftKey || event.ctrlKey || event.metaKey);
    },
    [edgeAt, selectEdge, clearSelection],
  );
  const onPaneMouseMove = useCallback(
    (event: ReactMouseEvent) => {
      // Not while panning or dragging; and a card over a connection hides it.
      const onPane = event.buttons === 0 && event.target instanceof Element && event.target.classList.contains('react-flow__pane');
      hover(onPane ? edgeAt(event) : undefined);
    },
    [edgeAt, hover],
  );
  const onPaneMouseLeave = useCallback(() => hover(undefined), [hover]);
  // Connections are drawn over frames (task definitions, clusters), so they are pointed at there too: a click on
  // a line crossing a frame selects the connection, not the frame.
  const onNodeMouseMove = useCallback(
    (event: ReactMouseEvent, node: DesignFlowNode) => hover(event.buttons === 0 && isFrame(node) ? edgeAt(event) : undefined),
    [edgeAt, hover],
  );
  const onNodeClick = useCallback(
    (event: ReactMouseEvent, node: DesignFlowNode) => {
      const id = isFrame(node) ? edgeAt(event) : undefined;
      if (id !== undefined) selectEdge(id, event.shiftKey || event.ctrlKey || event.metaKey);
    },
    [edgeAt, selectEdge],
  );

  const far = useStore(isFar);

  const { onConnect, onConnectEnd } = state;
  /** Dropping a connection on a card (not exactly on its handle) connects too, or says why it cannot. */
  const connectEnd = useCallback(
    (event: MouseEvent | TouchEvent, connection: FinalConnectionState) => {
      if (connection.toNode || !connection.fromNode) {
        onConnectEnd(event, connection);
        return;
      }
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const target = nodeIdAt(point.clientX, point.clientY);
      if (target === undefined || target === connection.fromNode.id) return;
      onConnect({ source: connection.fromNode.id, target, sourceHandle: null, targetHandle: null });
    },
    [onConnect, onConnectEnd],
  );

  return (
    <div className="designer">
      <Palette onAdd={addFromPalette} />
      <section ref={section} className={far ? 'canvas far' : 'canvas'} aria-label="Design canvas" onDragOver={onDragOver} onDrop={onDrop}>
        <CanvasActionsContext.Provider value={actions}>
          <ReactFlow
            nodes={state.nodes}
            nodeTypes={NODE_TYPES}
            onNodesChange={state.onNodesChange}
            onPaneClick={onPaneClick}
            onPaneMouseMove={onPaneMouseMove}
            onPaneMouseLeave={onPaneMouseLeave}
            onNodeMouseMove={onNodeMouseMove}
            onNodeClick={onNodeClick}
            onConnect={onConnect}
            onConnectEnd={connectEnd}
            isValidConnection={state.isValidConnection}
            connectionMode={ConnectionMode.Loose}
            colorMode={colorMode}
            minZoom={0.1}
            maxZoom={4}
            snapToGrid={snapToGrid}
            snapGrid={SNAP_GRID}
            fitViewOptions={FIT_VIEW_OPTIONS}
            deleteKeyCode={null}
            multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
            zoomOnDoubleClick={false}
            onlyRenderVisibleElements
          >
            <EdgeLayer edges={state.edges} drawnEdges={drawnEdges.current} highlight={highlight.current} dragging={state.dragging} onSelect={selectEdge} />
            <DotGrid gap={GRID} size={1.4} />
            <ViewportLayer />
            <Controls position="bottom-left" showInteractive={false} aria-label="Zoom controls" />
            {showMiniMap && <LightMiniMap nodes={state.baseNodes} />}
          </ReactFlow>
        </CanvasActionsContext.Provider>
        <CanvasToast />
        {state.nodes.length === 0 && (
          <div className="canvas-empty">
            <div className="canvas-empty-card">
              <svg className="canvas-empty-icon" viewBox="0 0 48 48" aria-hidden="true">
                <rect x="5" y="7" width="16" height="12" rx="3" />
                <rect x="27" y="29" width="16" height="12" rx="3" />
                <rect x="27" y="7" width="16" height="12" rx="3" />
                <path d="M21 13h6M35 19v10" />
              </svg>
              <p className="canvas-empty-text">Drag a resource from the palette or open a design</p>
              {onOpenDesign && (
                <button type="button" className="button primary" onClick={onOpenDesign}>
                  Open Design…
                </button>
              )}
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
