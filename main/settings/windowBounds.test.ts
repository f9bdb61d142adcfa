import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, restoreWindowState } from './windowBounds';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const external = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('restoreWindowState', () => {
  it('uses the default size, centred, when nothing was saved', () => {
    expect(restoreWindowState(null, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('reuses a saved position that is still on a display', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: true };
    expect(restoreWindowState(saved, [laptop, external])).toEqual(saved);
  });

  it('drops a position on a display that is gone and fits the size to the primary display', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual({ width: 1440, height: 870, maximized: false });
  });

  it('never opens smaller than the minimum size', () => {
    const restored = restoreWindowState({ width: 200, height: 150, maximized: false }, [laptop]);
    expect(restored.width).toBe(MIN_WINDOW_SIZE.width);
    expect(restored.height).toBe(MIN_WINDOW_SIZE.height);
  });
});
