import { describe, expect, it } from 'vitest';
import { offset } from './DotGrid';

describe('dot grid offset', () => {
  it('places a dot on the flow origin for any viewport offset, positive or negative', () => {
    const step = 20;
    for (const translate of [0, 7, 20, 33.5, -1, -7, -20, -33.5, 1234.25, -98765]) {
      const r = offset(translate, step);
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(step);
      // The layer's dots are at r + k·step on screen; the flow's origin is at `translate`: one of them coincides.
      const k = (translate - r) / step;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    }
  });

  it('follows the scaled step when zoomed', () => {
    expect(offset(45, 20 * 1.5)).toBe(15);
    expect(offset(-45, 20 * 0.5)).toBe(5);
  });

  it('does not divide by a zero step', () => {
    expect(offset(12, 0)).toBe(0);
  });
});
