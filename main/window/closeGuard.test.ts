import { describe, expect, it } from 'vitest';
import { createCloseGuard } from './closeGuard';

describe('close guard', () => {
  it('lets a clean window close without asking', () => {
    const guard = createCloseGuard();
    expect(guard.onWindowClose()).toEqual({ prevent: false });
    guard.setDirty(true);
    guard.setDirty(false);
    expect(guard.onWindowClose()).toEqual({ prevent: false });
  });

  it('prevents closing a dirty window and asks once; Save / Don\'t Save then closes it', () => {
    const guard = createCloseGuard();
    guard.setDirty(true);
    expect(guard.onWindowClose()).toEqual({ prevent: true, ask: 'close' });
    // A second click while the question is open does not ask twice.
    expect(guard.onWindowClose()).toEqual({ prevent: true, ask: null });
    expect(guard.answer(true)).toBe('close-window');
    expect(guard.onWindowClose()).toEqual({ prevent: false });
  });

  it('Cancel keeps the window, and the next close asks again', () => {
    const guard = createCloseGuard();
    guard.setDirty(true);
    expect(guard.onWindowClose()).toEqual({ prevent: true, ask: 'close' });
    expect(guard.answer(false)).toBeNull();
    expect(guard.onWindowClose()).toEqual({ prevent: true, ask: 'close' });
  });

  it('asks with reason quit while quitting; confirming quits, cancelling aborts the quit', () => {
    const guard = createCloseGuard();
    guard.setDirty(true);
    guard.beforeQuit();
    expect(guard.onWindowClose()).toEqual({ prevent: true, ask: 'quit' });
    expect(guard.answer(false)).toBeNull();
    // After a cancelled quit, closing the window is a plain close again.
    expect(guard.onWindowClose()).toEqual({ prevent: true, ask: 'close' });
    guard.beforeQuit();
    expect(guard.onWindowClose()).toEqual({ prevent: true, ask: null });
    expect(guard.answer(true)).toBe('quit');
    expect(guard.onWindowClose()).toEqual({ prevent: false });
  });

  it('ignores an answer nobody asked for', () => {
    const guard = createCloseGuard();
    guard.setDirty(true);
    expect(guard.answer(true)).toBeNull();
    expect(guard.onWindowClose()).toEqual({ prevent: true, ask: 'close' });
  });

  it('forgets the renderer\'s dirty state when it crashed or reloaded (its backup is on disk)', () => {
    const guard = createCloseGuard();
    guard.setDirty(true);
    expect(guard.onWindowClose()).toEqual({ prevent: true, ask: 'close' });
    guard.rendererReset();
    expect(guard.isDirty()).toBe(false);
    expect(guard.onWindowClose()).toEqual({ prevent: false });
  });
});
