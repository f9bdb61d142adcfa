import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ZoomSettle } from './viewportLayer';

describe('ZoomSettle (the viewport layer is given up while the zoom changes)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says zooming at the first change of zoom, and not zooming once the zoom has stayed the same for the settle time', () => {
    const calls: boolean[] = [];
    const settle = new ZoomSettle((z) => calls.push(z), 200);
    settle.update(1);
    // Panning: the same zoom at every frame changes nothing.
    for (let i = 0; i < 10; i++) settle.update(1);
    expect(calls).toEqual([]);

    settle.update(1.1);
    expect(calls).toEqual([true]);
    // Further steps of the same gesture, each before the settle time is over.
    vi.advanceTimersByTime(150);
    settle.update(1.2);
    vi.advanceTimersByTime(150);
    settle.update(1.3);
    expect(calls).toEqual([true]);
    vi.advanceTimersByTime(199);
    expect(calls).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([true, false]);

    // A pan at the new zoom, then another zoom.
    settle.update(1.3);
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual([true, false]);
    settle.update(0.5);
    vi.advanceTimersByTime(200);
    expect(calls).toEqual([true, false, true, false]);
  });

  it('calls nothing after dispose', () => {
    const calls: boolean[] = [];
    const settle = new ZoomSettle((z) => calls.push(z), 200);
    settle.update(1);
    settle.update(2);
    settle.dispose();
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual([true]);
  });
});
