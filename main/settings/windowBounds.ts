import type { WindowState } from './appStore';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

/** How much of the window (its top strip, where the title bar is) must be on a screen to reuse the position. */
const MIN_VISIBLE = 64;

function visibleArea(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * The bounds to open the window with, from the saved state and today's displays (work areas).
 * A saved position is reused only if the window's title bar would be visible on some display (monitors get
 * unplugged); otherwise the window is centred. The size is clamped to fit the chosen display.
 */
export function restoreWindowState(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  const base = saved ?? { ...DEFAULT_WINDOW_SIZE, maximized: false };
  let width = Math.max(MIN_WINDOW_SIZE.width, base.width);
  let height = Math.max(MIN_WINDOW_SIZE.height, base.height);

  let display: Rect | undefined;
  if (base.x !== undefined && base.y !== undefined) {
    const titleBar: Rect = { x: base.x, y: base.y, width, height: Math.min(height, MIN_VISIBLE) };
    display = workAreas.find((area) => {
      const v = visibleArea(titleBar, area);
      return v.width >= MIN_VISIBLE && v.height >= Math.min(MIN_VISIBLE, titleBar.height) / 2;
    });
  }
  const target = display ?? primary;
  if (target) {
    width = Math.min(width, target.width);
    height = Math.min(height, target.height);
  }
  if (display && base.x !== undefined && base.y !== undefined) {
    return { x: base.x, y: base.y, width, height, maximized: base.maximized };
  }
  return { width, height, maximized: base.maximized };
}
