import { useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useLayoutEffect, useRef, type CSSProperties, type ReactNode } from 'react';

/**
 * The canvas's dot grid, one dot per grid point of the flow (where snap to grid puts cards), scaled with the zoom.
 *
 * React Flow's own <Background> is an SVG pattern whose offset follows the viewport: every pan frame repaints and
 * re-rasterizes the whole pane behind the cards. On the 1,000-node bench design that was about two thirds of the
 * raster threads' work and a quarter of the main thread's while panning. Here the dots are one CSS background on a
 * layer a grid step larger than the pane on each side; a pan only moves that layer by the viewport's offset modulo one
 * grid step (a transform, set outside React), and the dots are painted again only when the zoom changes.
 *
 * The layer is composited only while the pane is panned: permanently promoted (as the viewport is, canvas.css), it
 * made every frame of a card drag re-layerize everything drawn above it (10 ms a frame at 5,000 nodes).
 */
export function DotGrid({ gap, size }: { readonly gap: number; readonly size: number }): ReactNode {
  const zoom = useStore(zoomOf);
  const panning = useStore(panningOf);
  const store = useStoreApi();
  const layer = useRef<HTMLDivElement>(null);
  const step = gap * zoom;

  useLayoutEffect(() => {
    const el = layer.current;
    if (el === null) return undefined;
    let last = '';
    const place = (s: ReactFlowState): void => {
      const [x, y, z] = s.transform;
      const g = gap * z;
      const transform = `translate(${offset(x, g)}px, ${offset(y, g)}px)`;
      if (transform === last) return;
      last = transform;
      el.style.transform = transform;
    };
    place(store.getState());
    return store.subscribe(place);
  }, [store, gap]);

  const radius = (size * zoom) / 2;
  const style: CSSProperties = {
    inset: `${-step}px`,
    backgroundSize: `${step}px ${step}px`,
    // The tile's centre is its dot; the layer starts half a step early so that the dots fall on the grid points.
    backgroundPosition: `${-step / 2}px ${-step / 2}px`,
    // Dots closer than MIN_STEP on screen would grey the whole pane (a gradient tile is drawn at least a pixel
    // large): zoomed that far out there are none, as React Flow's sub-pixel circles all but vanish.
    backgroundImage: step < MIN_STEP ? 'none' : `radial-gradient(circle at center, var(--canvas-dots) ${radius}px, transparent ${radius + 0.6}px)`,
  };
  return (
    <div className="canvas-dot-grid" aria-hidden="true">
      <div ref={layer} className={panning ? 'canvas-dot-grid-layer panning' : 'canvas-dot-grid-layer'} style={style} />
    </div>
  );
}

const MIN_STEP = 6;

const zoomOf = (s: ReactFlowState): number => s.transform[2];
const panningOf = (s: ReactFlowState): boolean => s.paneDragging;

/** Where the layer goes so that one of its dots sits on the flow's origin: the viewport offset modulo one step (0 ≤ r < step). */
export function offset(translate: number, step: number): number {
  if (!(step > 0)) return 0;
  const r = translate % step;
  return Math.round((r < 0 ? r + step : r) * 100) / 100;
}
