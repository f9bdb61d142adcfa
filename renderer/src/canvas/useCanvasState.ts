import { applyEdgeChanges, applyNodeChanges, type Edge, type EdgeChange, type Node, type NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';

/**
 * Controlled React Flow state. Today it only holds what React Flow reports (selection, removal); when the design
 * model lands, nodes/edges become a view of the design and these changes become domain commands.
 */
export function useCanvasState() {
  const [nodes, setNodes] = useState<Node[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);

  const onNodesChange = useCallback((changes: NodeChange[]) => setNodes((ns) => applyNodeChanges(changes, ns)), []);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => setEdges((es) => applyEdgeChanges(changes, es)), []);

  const selectAll = useCallback(() => {
    setNodes((ns) => ns.map((n) => (n.selected ? n : { ...n, selected: true })));
    setEdges((es) => es.map((e) => (e.selected ? e : { ...e, selected: true })));
  }, []);

  const deleteSelected = useCallback(() => {
    const removed = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
    setNodes((ns) => ns.filter((n) => !n.selected));
    setEdges((es) => es.filter((e) => !e.selected && !removed.has(e.source) && !removed.has(e.target)));
  }, [nodes]);

  const clear = useCallback(() => {
    setNodes([]);
    setEdges([]);
  }, []);

  const hasSelection = useMemo(() => nodes.some((n) => n.selected) || edges.some((e) => e.selected), [nodes, edges]);

  return { nodes, edges, onNodesChange, onEdgesChange, selectAll, deleteSelected, clear, hasSelection };
}

export type CanvasState = ReturnType<typeof useCanvasState>;
