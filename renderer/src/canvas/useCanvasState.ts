import type { Edge, EdgeChange, Node, NodeChange } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import { moveNodes, removeEdges, removeNodes } from '../../../shared/commands/edit';
import { nodeTitle, KIND_INFO } from '../../../shared/model/catalog';
import { EDGE_KINDS } from '../../../shared/model/edges';
import type { Design } from '../../../shared/model/document';
import { currentDesign, designStore, useDesignStore, type Selection } from '../store/designStore';

export type DesignNodeData = { label: string; title: string; kindLabel: string };

/**
 * React Flow in controlled mode as a view of the design store: nodes and edges are derived from the model,
 * and React Flow's changes become domain edits (a drag is one undo step; removal removes edges and containers).
 */
export function useCanvasState() {
  const design = useDesignStore(currentDesign);
  const selection = useDesignStore((s) => s.selection);

  const nodes = useMemo(() => (design ? toFlowNodes(design, selection) : []), [design, selection]);
  const edges = useMemo(() => (design ? toFlowEdges(design, selection) : []), [design, selection]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const moves: { id: string; position: { x: number; y: number } }[] = [];
    let dragEnded = false;
    const removed: string[] = [];
    let selected: Set<string> | undefined;
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        moves.push({ id: c.id, position: c.position });
        if (c.dragging === false) dragEnded = true;
      } else if (c.type === 'remove') removed.push(c.id);
      else if (c.type === 'select') {
        selected ??= new Set(designStore.getState().selection.nodeIds);
        if (c.selected) selected.add(c.id);
        else selected.delete(c.id);
      }
    }
    if (moves.length > 0) {
      const key = `move:${moves.map((m) => m.id).sort().join(',')}`;
      designStore.edit({ kind: 'merge', label: moves.length === 1 ? 'Move node' : `Move ${moves.length} nodes`, key }, (d) => moveNodes(d, moves));
    }
    if (dragEnded) designStore.seal();
    if (removed.length > 0) designStore.edit({ kind: 'record', label: removed.length === 1 ? 'Delete node' : `Delete ${removed.length} nodes` }, (d) => removeNodes(d, removed));
    if (selected) designStore.select({ nodeIds: [...selected], edgeIds: designStore.getState().selection.edgeIds });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const removed: string[] = [];
    let selected: Set<string> | undefined;
    for (const c of changes) {
      if (c.type === 'remove') removed.push(c.id);
      else if (c.type === 'select') {
        selected ??= new Set(designStore.getState().selection.edgeIds);
        if (c.selected) selected.add(c.id);
        else selected.delete(c.id);
      }
    }
    if (removed.length > 0) designStore.edit({ kind: 'record', label: removed.length === 1 ? 'Delete connection' : `Delete ${removed.length} connections` }, (d) => removeEdges(d, removed));
    if (selected) designStore.select({ nodeIds: designStore.getState().selection.nodeIds, edgeIds: [...selected] });
  }, []);

  const selectAll = useCallback(() => {
    const d = currentDesign(designStore.getState());
    if (d) designStore.select({ nodeIds: d.nodes.map((n) => n.id), edgeIds: d.edges.map((e) => e.id) });
  }, []);

  const deleteSelected = useCallback(() => {
    const { nodeIds, edgeIds } = designStore.getState().selection;
    if (nodeIds.length + edgeIds.length === 0) return;
    designStore.edit({ kind: 'record', label: 'Delete selection' }, (d) => removeEdges(removeNodes(d, nodeIds), edgeIds));
  }, []);

  const hasSelection = selection.nodeIds.length > 0 || selection.edgeIds.length > 0;

  return { nodes, edges, onNodesChange, onEdgesChange, selectAll, deleteSelected, hasSelection };
}

export type CanvasState = ReturnType<typeof useCanvasState>;

const CONTAINER_ROW = 90;

function toFlowNodes(design: Design, selection: Selection): Node<DesignNodeData>[] {
  const selected = new Set(selection.nodeIds);
  const childCount = new Map<string, number>();
  for (const n of design.nodes) if (n.parentId !== undefined) childCount.set(n.parentId, (childCount.get(n.parentId) ?? 0) + 1);
  const flow = design.nodes.map((n): Node<DesignNodeData> => {
    const node: Node<DesignNodeData> = {
      id: n.id,
      position: n.position,
      data: { label: `${nodeTitle(n)} · ${KIND_INFO[n.kind].label}`, title: nodeTitle(n), kindLabel: KIND_INFO[n.kind].label },
      type: 'default',
      selected: selected.has(n.id),
      className: `design-node kind-${n.kind}`,
      ariaLabel: `${KIND_INFO[n.kind].label} ${nodeTitle(n)}`,
    };
    const children = childCount.get(n.id);
    if (children !== undefined) node.style = { width: 280, height: 70 + children * CONTAINER_ROW };
    if (n.parentId !== undefined) {
      node.parentId = n.parentId;
      node.extent = 'parent';
    }
    return node;
  });
  // React Flow needs a parent before its children.
  return [...flow.filter((n) => n.parentId === undefined), ...flow.filter((n) => n.parentId !== undefined)];
}

function toFlowEdges(design: Design, selection: Selection): Edge[] {
  const selected = new Set(selection.edgeIds);
  return design.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: EDGE_KINDS[e.kind].label,
    selected: selected.has(e.id),
    ariaLabel: `${EDGE_KINDS[e.kind].label} connection`,
  }));
}
