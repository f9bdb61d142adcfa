import { applyEdgeChanges, applyNodeChanges, Background, BackgroundVariant, Controls, MiniMap, ReactFlow, ReactFlowProvider, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { benchDesign } from './benchDesign';
import { reportFirstRender } from './report';

/**
 * The reference: bare React Flow 12 with the same number of plain nodes and edges, same positions, and the same
 * chrome the app's canvas shows (dotted background, zoom controls, minimap) and zoom range, so the comparison is of the cards,
 * edges and state handling, not of which React Flow components are on the page.
 */
const n = Number(new URLSearchParams(location.search).get('n') ?? '100');
const design = benchDesign(n);
const initialNodes: Node[] = design.nodes.map((x) => ({
  id: x.id,
  position: x.position,
  data: { label: x.id },
  ...(x.parentId === undefined ? {} : { parentId: x.parentId, extent: 'parent' as const }),
  ...(x.kind === 'taskDefinition' ? { style: { width: 272, height: 360 } } : {}),
}));
const sorted = [...initialNodes.filter((x) => !x.parentId), ...initialNodes.filter((x) => x.parentId)];
const initialEdges: Edge[] = design.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, label: e.kind }));

function Bare(): ReactNode {
  const [nodes, setNodes] = useState(sorted);
  const [edges, setEdges] = useState(initialEdges);
  useEffect(() => reportFirstRender(), []);
  return (
    <div style={{ position: 'fixed', inset: 0 }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={(c) => setNodes((ns) => applyNodeChanges(c, ns))}
        onEdgesChange={(c) => setEdges((es) => applyEdgeChanges(c, es))}
        onlyRenderVisibleElements
        minZoom={0.1}
        maxZoom={4}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.4} />
        <Controls position="bottom-left" showInteractive={false} />
        <MiniMap position="bottom-right" pannable zoomable />
      </ReactFlow>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <ReactFlowProvider>
    <Bare />
  </ReactFlowProvider>,
);
