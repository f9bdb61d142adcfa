import type { CloseReason } from '../../shared/ipc/channels';

/**
 * Whether the window may close: the decision logic behind "closing or quitting with unsaved changes asks", as
 * plain data so it is tested without Electron. The Electron glue (main/electron/index.ts) only forwards events:
 *
 *   window 'close'          → onWindowClose(): prevent? and ask the renderer (app:request-close)?
 *   app 'before-quit'       → beforeQuit()
 *   window:set-dirty        → setDirty()
 *   window:confirm-close    → answer(): close the window / quit / nothing
 *   renderer gone, reloaded → rendererReset(): its unsaved state is gone (its hot-exit backup is on disk)
 */
export type CloseDecision =
  | { readonly prevent: false }
  | { readonly prevent: true; readonly ask: CloseReason | null };

export type CloseAction = 'close-window' | 'quit' | null;

export interface CloseGuard {
  setDirty(dirty: boolean): void;
  isDirty(): boolean;
  beforeQuit(): void;
  onWindowClose(): CloseDecision;
  /** The renderer's answer: `close` true after Save / Don't Save, false after Cancel. */
  answer(close: boolean): CloseAction;
  rendererReset(): void;
}

export function createCloseGuard(): CloseGuard {
  let dirty = false;
  let quitting = false;
  /** Set once the user answered Save / Don't Save: the next 'close' goes through. */
  let confirmed = false;
  /** The question the renderer is showing, if any. */
  let asking: CloseReason | null = null;

  return {
    setDirty(value) {
      dirty = value;
    },
    isDirty: () => dirty,
    beforeQuit() {
      quitting = true;
    },
    onWindowClose() {
      if (!dirty || confirmed) return { prevent: false };
      if (asking !== null) {
        // Already asking (a second click on the close button, or Quit while the close question is open):
        // upgrade a close to a quit, but never show two questions.
        if (quitting) asking = 'quit';
        return { prevent: true, ask: null };
      }
      asking = quitting ? 'quit' : 'close';
      return { prevent: true, ask: asking };
    },
    answer(close) {
      const reason = asking;
      asking = null;
      if (!close) {
        quitting = false;
        return null;
      }
      if (reason === null) return null;
      confirmed = true;
      return reason === 'quit' ? 'quit' : 'close-window';
    },
    rendererReset() {
      dirty = false;
      asking = null;
    },
  };
}
