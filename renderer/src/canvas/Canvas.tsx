import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type ColorMode,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ReactNode } from 'react';
import './canvas.css';

interface CanvasProps {
  readonly nodes: Node[];
  readonly edges: Edge[];
  readonly onNodesChange: (changes: NodeChange[]) => void;
  readonly onEdgesChange: (changes: EdgeChange[]) => void;
  readonly colorMode: ColorMode;
  readonly showMiniMap: boolean;
  readonly onOpenDesign: (() => void) | undefined;
}

/** The design canvas: controlled React Flow with dotted background, zoom controls and minimap. */
export function Canvas({
  nodes,
  edges,
  onNodesChange,
  onEdgesChange,
  colorMode,
  showMiniMap,
  onOpenDesign,
}: CanvasProps): ReactNode {
  return (
    <section className="canvas" aria-label="Design canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        colorMode={colorMode}
        minZoom={0.1}
        maxZoom={4}
        deleteKeyCode={['Delete', 'Backspace']}
        onlyRenderVisibleElements
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.4} />
        <Controls position="bottom-left" showInteractive={false} aria-label="Zoom controls" />
        {showMiniMap && <MiniMap position="bottom-right" pannable zoomable ariaLabel="Minimap" />}
      </ReactFlow>
      {nodes.length === 0 && (
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
  );
}
