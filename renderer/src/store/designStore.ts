import { useRef, useSyncExternalStore } from 'react';
import { commit, createHistory, redo, redoLabel, seal, undo, undoLabel, type Capture, type HistoryState } from '../../../shared/commands/history';
import { emptyDesign, type Design } from '../../../shared/model/document';
import { randomId } from '../../../shared/model/ids';

/**
 * The renderer's single source of truth: the open design, its undo history, the selection and where it is saved.
 * React Flow, the inspector and the problems panel are views of this store; every edit goes through `edit()`
 * with a pure model → model function from shared/commands, and the history records the diff.
 */
export type OpenDocument = {
  readonly history: HistoryState;
  /** The file the design was read from or last saved to; undefined for a new design. */
  readonly path: string | undefined;
  /** The design as last saved or opened — dirty means `history.design !== savedDesign`. */
  readonly savedDesign: Design | undefined;
};

export type Selection = { readonly nodeIds: readonly string[]; readonly edgeIds: readonly string[] };

export type StoreState = {
  readonly doc: OpenDocument | null;
  readonly selection: Selection;
};

const EMPTY_SELECTION: Selection = { nodeIds: [], edgeIds: [] };

type Listener = () => void;

export class DesignStore {
  private state: StoreState = { doc: null, selection: EMPTY_SELECTION };
  private readonly listeners = new Set<Listener>();

  getState = (): StoreState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: StoreState): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  }

  /** Loads a design (from a file, an import, a recovery backup). Not undoable. */
  open(design: Design, path: string | undefined, opts: { saved?: boolean } = {}): void {
    this.set({ doc: { history: createHistory(design), path, savedDesign: opts.saved === false ? undefined : design }, selection: EMPTY_SELECTION });
  }

  newDesign(name = 'Untitled design'): void {
    const design = emptyDesign(randomId('design'), name);
    this.set({ doc: { history: createHistory(design), path: undefined, savedDesign: design }, selection: EMPTY_SELECTION });
  }

  close(): void {
    this.set({ doc: null, selection: EMPTY_SELECTION });
  }

  /** Applies an edit. Returns false (and changes nothing) when no design is open or the edit changed nothing. */
  edit(capture: Capture, fn: (design: Design) => Design): boolean {
    const doc = this.state.doc;
    if (!doc) return false;
    const next = fn(doc.history.design);
    if (next === doc.history.design) return false;
    const history = commit(doc.history, next, capture);
    this.set({ ...this.state, doc: { ...doc, history }, selection: pruneSelection(this.state.selection, next) });
    return true;
  }

  /** Ends a merged edit (a drag): the next merge starts a new undo step. */
  seal(): void {
    const doc = this.state.doc;
    if (!doc) return;
    const history = seal(doc.history);
    if (history !== doc.history) this.set({ ...this.state, doc: { ...doc, history } });
  }

  undo(): void {
    this.moveHistory(undo);
  }

  redo(): void {
    this.moveHistory(redo);
  }

  private moveHistory(step: (h: HistoryState) => HistoryState): void {
    const doc = this.state.doc;
    if (!doc) return;
    const history = step(seal(doc.history));
    if (history === doc.history) return;
    this.set({ ...this.state, doc: { ...doc, history }, selection: pruneSelection(this.state.selection, history.design) });
  }

  select(selection: Selection): void {
    const cur = this.state.selection;
    if (sameIds(cur.nodeIds, selection.nodeIds) && sameIds(cur.edgeIds, selection.edgeIds)) return;
    this.set({ ...this.state, selection });
  }

  /** Records that the current design was written to `path`. */
  markSaved(path: string, design: Design): void {
    const doc = this.state.doc;
    if (!doc) return;
    this.set({ ...this.state, doc: { ...doc, path, savedDesign: design } });
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function pruneSelection(selection: Selection, design: Design): Selection {
  if (selection.nodeIds.length === 0 && selection.edgeIds.length === 0) return selection;
  const nodes = new Set(design.nodes.map((n) => n.id));
  const edges = new Set(design.edges.map((e) => e.id));
  const nodeIds = selection.nodeIds.filter((id) => nodes.has(id));
  const edgeIds = selection.edgeIds.filter((id) => edges.has(id));
  return nodeIds.length === selection.nodeIds.length && edgeIds.length === selection.edgeIds.length ? selection : { nodeIds, edgeIds };
}

// ── Derived values ───────────────────────────────────────────────────────────────────────────────────────

export function currentDesign(state: StoreState): Design | undefined {
  return state.doc?.history.design;
}

export function isDirty(state: StoreState): boolean {
  const doc = state.doc;
  return doc !== null && doc.history.design !== doc.savedDesign;
}

export function undoRedoLabels(state: StoreState): { undo: string | undefined; redo: string | undefined } {
  const h = state.doc?.history;
  return { undo: h ? undoLabel(h) : undefined, redo: h ? redoLabel(h) : undefined };
}

/** The app's one store. */
export const designStore = new DesignStore();

/**
 * Subscribes a component to a slice of the store. It re-renders only when the selected value changes: by identity,
 * or for plain objects by shallow equality (so selectors may build small objects). Selectors must be pure
 * functions of the state.
 */
export function useDesignStore<T>(selector: (state: StoreState) => T, store: DesignStore = designStore): T {
  const last = useRef<{ state: StoreState; value: T } | null>(null);
  const getSnapshot = (): T => {
    const state = store.getState();
    const prev = last.current;
    if (prev && prev.state === state) return prev.value;
    const value = selector(state);
    if (prev && shallowEqual(prev.value, value)) {
      last.current = { state, value: prev.value };
      return prev.value;
    }
    last.current = { state, value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, getSnapshot);
}

function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
