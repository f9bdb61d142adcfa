import { useStoreApi, type Connection, type FinalConnectionState, type IsValidConnection, type NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { connect, moveNodes } from '../../../shared/commands/edit';
import { KIND_INFO } from '../../../shared/model/catalog';
import type { Design } from '../../../shared/model/document';
import { checkConnection, EDGE_KINDS, type DesignEdge } from '../../../shared/model/edges';
import { currentDesign, designStore, useDesignStore } from '../store/designStore';
import { dismissCanvasError, showCanvasError } from './CanvasToast';
import { placeInCluster, toDesignMoves } from './clusters';
import type { CanvasEdge } from './edgeGeometry';
import { cardName, FlowNodeCache, reselectCanvasEdges, toCanvasEdges } from './flowModel';

export type { DesignNodeData } from './nodes/cards';

type XY = { x: number; y: number };

/**
 * React Flow in controlled mode as a view of the design store: nodes are derived from the model, and React Flow's
 * changes become domain edits (a drag is one undo step; a connection goes through `connect`, which applies what it
 * means on the nodes). Connections are drawn by the canvas's edge layer (EdgeLayer.tsx), not by React Flow: their
 * selection is the store's, and Delete is the command registry's (it deletes selected nodes and connections alike).
 */
export function useCanvasState(notify: (text: string, tone?: 'info' | 'error') => void = () => undefined) {
  const design = useDesignStore(currentDesign);
  const selection = useDesignStore((s) => s.selection);
  const flowStore = useStoreApi();
  const cache = useRef<FlowNodeCache>(null);
  cache.current ??= new FlowNodeCache();
  const lastEdges = useRef<readonly CanvasEdge[]>([]);
  const [measures, setMeasures] = useState(0);
  // Positions of the nodes being dragged: shown live, written to the design once, when the drag ends (one undo
  // step, and no store update, validation or history diff per frame).
  const [dragging, setDragging] = useState<ReadonlyMap<string, XY> | null>(null);
  const dragRef = useRef<Map<string, XY> | null>(null);

  // `measures` re-derives the nodes when React Flow measured new sizes.
  const base = useMemo(() => (design ? cache.current!.nodes(design, selection) : []), [design, selection, measures]);
  const nodes = useMemo(() => (dragging ? base.map((n) => (dragging.has(n.id) ? { ...n, position: dragging.get(n.id)! } : n)) : base), [base, dragging]);
  const edgesOf = useRef<Design | undefined>(undefined);
  const edges = useMemo(() => {
    const next = !design ? [] : edgesOf.current === design ? reselectCanvasEdges(lastEdges.current, selection) : toCanvasEdges(design, selection, lastEdges.current);
    lastEdges.current = next;
    edgesOf.current = design;
    return next;
  }, [design, selection]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const moves: { id: string; position: XY }[] = [];
    const live = new Map<string, XY>();
    let dragEnded = false;
    let selected: Set<string> | undefined;
    let picked = false;
    let measured = false;
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) {
        if (cache.current!.measure(c.id, c.dimensions)) measured = true;
      } else if (c.type === 'position' && c.position) {
        const position = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
        if (c.dragging === true) live.set(c.id, position);
        else {
          moves.push({ id: c.id, position });
          if (c.dragging === false) dragEnded = true;
        }
      } else if (c.type === 'select') {
        selected ??= new Set(designStore.getState().selection.nodeIds);
        if (c.selected) {
          selected.add(c.id);
          picked = true;
        } else selected.delete(c.id);
      }
    }
    if (measured) setMeasures((v) => v + 1);
    if (live.size > 0) {
      dragRef.current = new Map([...(dragRef.current ?? []), ...live]);
      setDragging(dragRef.current);
    }
    if (dragEnded) {
      const all = new Map(dragRef.current ?? []);
      for (const m of moves) all.set(m.id, m.position);
      dragRef.current = null;
      setDragging(null);
      const final = [...all].map(([id, position]) => ({ id, position }));
      designStore.edit({ kind: 'record', label: final.length === 1 ? 'Move node' : `Move ${final.length} nodes` }, (d) => moveNodes(d, toDesignMoves(d, final)));
    } else if (moves.length > 0) {
      // Moves without a drag (arrow keys): one undo step per selection until something else happens.
      const key = `move:${moves.map((m) => m.id).sort().join(',')}`;
      designStore.edit({ kind: 'merge', label: moves.length === 1 ? 'Move node' : `Move ${moves.length} nodes`, key }, (d) => moveNodes(d, toDesignMoves(d, moves)));
    }
    // A node picked without the multi-selection key replaces the selection, connections included (as React Flow
    // does for its own edges).
    const keepEdges = !picked || flowStore.getState().multiSelectionActive;
    if (selected) designStore.select({ nodeIds: [...selected], edgeIds: keepEdges ? designStore.getState().selection.edgeIds : [] });
  }, [flowStore]);

  /** A click on a connection selects it; with Shift, Ctrl or Cmd it is added to (or taken out of) the selection. */
  const selectEdge = useCallback((id: string, additive: boolean) => {
    const { nodeIds, edgeIds } = designStore.getState().selection;
    if (!additive) designStore.select({ nodeIds: [], edgeIds: [id] });
    else designStore.select({ nodeIds, edgeIds: edgeIds.includes(id) ? edgeIds.filter((e) => e !== id) : [...edgeIds, id] });
  }, []);

  /** A click on the empty canvas clears the selection. */
  const clearSelection = useCallback(() => designStore.select({ nodeIds: [], edgeIds: [] }), []);

  /** Only the connections the shared table allows can be drawn (either direction). */
  const isValidConnection = useCallback<IsValidConnection>((c) => {
    const d = currentDesign(designStore.getState());
    const a = d?.nodes.find((n) => n.id === c.source);
    const b = d?.nodes.find((n) => n.id === c.target);
    return a !== undefined && b !== undefined && a.id !== b.id && checkConnection(a.kind, b.kind).ok;
  }, []);

  const onConnect = useCallback(
    (c: Connection) => {
      let result: ReturnType<typeof connect> | undefined;
      designStore.edit({ kind: 'record', label: 'Connect' }, (d) => {
        result = connect(d, c.source, c.target);
        return result.ok ? joinCluster(result.design, result.edge) : d;
      });
      if (result && !result.ok) showCanvasError(result.reason);
      else if (result?.ok) {
        const r = result;
        const replaced = r.replaced.length > 0 ? ' (replaces the previous one)' : '';
        dismissCanvasError();
        const d = r.design;
        const from = d.nodes.find((n) => n.id === r.edge.source);
        const to = d.nodes.find((n) => n.id === r.edge.target);
        const what = from && to ? `${cardName(from)} ${EDGE_KINDS[r.edge.kind].label} ${cardName(to)}` : EDGE_KINDS[r.edge.kind].label;
        notify(`Connected: ${what}${replaced}`);
      }
    },
    [notify],
  );

  /** A refused drag says why (the pair of kinds the user tried) and creates nothing. */
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromNode || !state.toNode) return;
      const d = currentDesign(designStore.getState());
      const a = d?.nodes.find((n) => n.id === state.fromNode?.id);
      const b = d?.nodes.find((n) => n.id === state.toNode?.id);
      if (!a || !b) return;
      if (a.id === b.id) return;
      const check = checkConnection(a.kind, b.kind);
      if (!check.ok) showCanvasError(`${KIND_INFO[a.kind].label} → ${KIND_INFO[b.kind].label}: ${check.reason}`);
    },
    [notify],
  );

  const hasSelection = selection.nodeIds.length > 0 || selection.edgeIds.length > 0;

  return { nodes, baseNodes: base, edges, dragging: dragging !== null, onNodesChange, selectEdge, clearSelection, isValidConnection, onConnect, onConnectEnd, hasSelection };
}

export type CanvasState = ReturnType<typeof useCanvasState>;

/** A service newly connected to a cluster is drawn inside it: it moves to the next free row of the cluster. */
export function joinCluster(design: Design, edge: DesignEdge): Design {
  if (edge.kind !== 'service-cluster') return design;
  const position = placeInCluster(design, edge.source, edge.target);
  return position ? moveNodes(design, [{ id: edge.source, position }]) : design;
}
