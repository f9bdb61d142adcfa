import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * The viewport (everything React Flow draws: cards, connections) stays on a compositor layer of its own
 * (canvas.css), so that a pan only moves rasterized tiles. Promoted only while panning, as before, the first frame of
 * every pan rasterized the whole layer: 150–180 ms at 5,000 nodes in the canvas bench, two thirds of the frames over
 * one refresh in a pan gesture.
 *
 * While the zoom changes, the layer is given up (class `zooming` on React Flow's root): a layer that keeps
 * `will-change: transform` may keep the raster scale it had when promoted (Chromium does so to animate it cheaply),
 * and cards would stay blurred or pixelated after zooming. Once the zoom has not changed for SETTLE_MS, the layer is
 * made again at the new scale.
 */
export const SETTLE_MS = 200;

/** When `zooming` starts and ends for a sequence of zoom levels: from the first change until none for `settleMs`. */
export class ZoomSettle {
  private zoom: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly onZooming: (zooming: boolean) => void,
    private readonly settleMs = SETTLE_MS,
  ) {}

  /** The current zoom level (called on every viewport change; a pan keeps the zoom and changes nothing here). */
  update(zoom: number): void {
    if (this.zoom === undefined) {
      this.zoom = zoom;
      return;
    }
    if (zoom === this.zoom) return;
    this.zoom = zoom;
    if (this.timer === undefined) this.onZooming(true);
    else clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onZooming(false);
    }, this.settleMs);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

const zoomOf = (s: ReactFlowState): number => s.transform[2];

/** Puts the class `zooming` on React Flow's root while the zoom changes (see above); renders nothing. */
export function ViewportLayer(): null {
  const store = useStoreApi();
  useEffect(() => {
    let root: HTMLElement | null = null;
    const settle = new ZoomSettle((zooming) => {
      root ??= store.getState().domNode;
      root?.classList.toggle('zooming', zooming);
    });
    settle.update(zoomOf(store.getState()));
    const stop = store.subscribe((s) => settle.update(zoomOf(s)));
    return () => {
      stop();
      settle.dispose();
      root?.classList.remove('zooming');
    };
  }, [store]);
  return null;
}
