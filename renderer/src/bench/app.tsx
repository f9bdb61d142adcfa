import { ReactFlowProvider } from '@xyflow/react';
import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Canvas } from '../canvas/Canvas';
import { findingsStore } from '../canvas/findings';
import { useCanvasState } from '../canvas/useCanvasState';
import { designStore } from '../store/designStore';
import '../app/theme.css';
import { benchDesign } from './benchDesign';
import { reportFirstRender } from './report';

declare global {
  interface Window {
    __nodeArrays?: number;
  }
}

/** The real canvas (cards, badges from the live validator, palette) on a generated design. */
function App(): ReactNode {
  const canvas = useCanvasState();
  useEffect(() => findingsStore.start(), []);
  useEffect(() => reportFirstRender(), []);
  // How many node arrays the canvas hands React Flow (each one is a pass over every node, in React Flow too).
  useEffect(() => {
    window.__nodeArrays = (window.__nodeArrays ?? 0) + 1;
  }, [canvas.nodes]);
  return (
    <div style={{ position: 'fixed', inset: 0 }}>
      <Canvas state={canvas} colorMode="light" showMiniMap notify={() => undefined} onOpenDesign={undefined} />
    </div>
  );
}

const n = Number(new URLSearchParams(location.search).get('n') ?? '100');
designStore.open(benchDesign(n), undefined);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReactFlowProvider>
      <App />
    </ReactFlowProvider>
  </StrictMode>,
);
