import { useSyncExternalStore } from 'react';
import type { Severity } from '../../../shared/findings';
import type { Segment } from '../../../shared/inspector/formSchema';

/**
 * What the side panels show (not part of the design, not undoable): whether the inspector and the Problems panel
 * are open, the inspector tab, the Problems filters, and the last "go to this finding" request, which the
 * inspector answers by focusing the form field (or revealing the marker in the JSON tab).
 */
export type InspectorTab = 'form' | 'json';

export type FocusRequest = { readonly nodeId: string; readonly path: readonly Segment[]; readonly seq: number };

export type PanelState = {
  readonly inspectorOpen: boolean;
  /** Inspector width in CSS pixels (dragged by its left edge). */
  readonly inspectorWidth: number;
  readonly tab: InspectorTab;
  readonly problemsOpen: boolean;
  readonly severities: Readonly<Record<Severity, boolean>>;
  readonly text: string;
  readonly focus: FocusRequest | null;
};

const ALL: Record<Severity, boolean> = { error: true, warning: true, info: true };

class PanelStore {
  private state: PanelState = { inspectorOpen: true, inspectorWidth: 360, tab: 'form', problemsOpen: false, severities: ALL, text: '', focus: null };
  private readonly listeners = new Set<() => void>();
  private seq = 0;

  getState = (): PanelState => this.state;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  update(patch: Partial<PanelState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Opens the Problems panel; with a severity, shows only that severity. */
  openProblems(only?: Severity): void {
    this.update({ problemsOpen: true, ...(only ? { severities: { error: only === 'error', warning: only === 'warning', info: only === 'info' } } : {}) });
  }

  /** Asks the inspector to show a node's property (the field in the form, or the marker in the JSON tab). */
  focusProperty(nodeId: string, path: readonly Segment[]): void {
    this.update({ inspectorOpen: true, focus: { nodeId, path, seq: ++this.seq } });
  }
}

export const panelStore = new PanelStore();

let claimedFocus = 0;

/** True the first time a focus request is seen: a request moves the focus once, not on every later remount. */
export function claimFocus(request: FocusRequest): boolean {
  if (request.seq <= claimedFocus) return false;
  claimedFocus = request.seq;
  return true;
}

export function usePanelState<T>(select: (s: PanelState) => T): T {
  return useSyncExternalStore(panelStore.subscribe, () => select(panelStore.getState()));
}
