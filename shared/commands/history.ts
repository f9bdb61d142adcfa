import type { Design } from '../model/document';
import { applyDiff, diffDesigns, invertDiff, isEmptyDiff, type DesignDiff } from './diff';

/**
 * How an edit enters the undo history (after excalidraw's captureUpdate and tldraw's history marks):
 * - `record`: one undo step;
 * - `merge`: folded into the previous step when that step has the same merge key (a drag, typing in one field);
 * - `skip`: not undoable (loading a file, refreshing live AWS state) — the history is cleared, since older
 *   diffs no longer apply to what the user sees.
 */
export type Capture = { kind: 'record'; label: string } | { kind: 'merge'; label: string; key: string } | { kind: 'skip' };

type Step = { label: string; diff: DesignDiff; mergeKey?: string };

export type HistoryState = {
  readonly design: Design;
  readonly undoStack: readonly Step[];
  readonly redoStack: readonly Step[];
};

export const MAX_UNDO_STEPS = 500;

export function createHistory(design: Design): HistoryState {
  return { design, undoStack: [], redoStack: [] };
}

/** Moves the history to `next`, recording the change as the capture policy says. */
export function commit(state: HistoryState, next: Design, capture: Capture): HistoryState {
  if (next === state.design) return state;
  if (capture.kind === 'skip') return { design: next, undoStack: [], redoStack: [] };
  const diff = diffDesigns(state.design, next);
  if (isEmptyDiff(diff)) return { ...state, design: next };
  const last = state.undoStack[state.undoStack.length - 1];
  if (capture.kind === 'merge' && last?.mergeKey === capture.key) {
    // Merge: the combined step goes from the state before `last` straight to `next`.
    const before = applyDiff(state.design, invertDiff(last.diff));
    const merged: Step = { label: capture.label, diff: diffDesigns(before, next), mergeKey: capture.key };
    return { design: next, undoStack: [...state.undoStack.slice(0, -1), merged], redoStack: [] };
  }
  const step: Step = { label: capture.label, diff, ...(capture.kind === 'merge' ? { mergeKey: capture.key } : {}) };
  const undoStack = [...state.undoStack, step];
  return { design: next, undoStack: undoStack.length > MAX_UNDO_STEPS ? undoStack.slice(-MAX_UNDO_STEPS) : undoStack, redoStack: [] };
}

/** Ends merging: the next `merge` edit starts a new step even with the same key (e.g. on pointer up). */
export function seal(state: HistoryState): HistoryState {
  const last = state.undoStack[state.undoStack.length - 1];
  if (last?.mergeKey === undefined) return state;
  const { mergeKey: _k, ...sealed } = last;
  return { ...state, undoStack: [...state.undoStack.slice(0, -1), sealed] };
}

export function undo(state: HistoryState): HistoryState {
  const last = state.undoStack[state.undoStack.length - 1];
  if (!last) return state;
  const { mergeKey: _k, ...step } = last;
  return {
    design: applyDiff(state.design, invertDiff(last.diff)),
    undoStack: state.undoStack.slice(0, -1),
    redoStack: [...state.redoStack, step],
  };
}

export function redo(state: HistoryState): HistoryState {
  const next = state.redoStack[state.redoStack.length - 1];
  if (!next) return state;
  return { design: applyDiff(state.design, next.diff), undoStack: [...state.undoStack, next], redoStack: state.redoStack.slice(0, -1) };
}

export function undoLabel(state: HistoryState): string | undefined {
  return state.undoStack[state.undoStack.length - 1]?.label;
}

export function redoLabel(state: HistoryState): string | undefined {
  return state.redoStack[state.redoStack.length - 1]?.label;
}
