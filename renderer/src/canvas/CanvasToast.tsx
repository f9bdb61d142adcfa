import { useEffect, useSyncExternalStore, type ReactNode } from 'react';

type Toast = { readonly id: number; readonly text: string };

let current: Toast | null = null;
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

/** Shows why something on the canvas was refused (a connection, a drop, a rename), over the canvas, in full. */
export function showCanvasError(text: string): void {
  current = { id: nextId++, text };
  emit();
}

export function dismissCanvasError(): void {
  if (current === null) return;
  current = null;
  emit();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The canvas error toast: announced as an alert, dismissed by its button, by the next canvas action, or after 10 seconds. */
export function CanvasToast(): ReactNode {
  const toast = useSyncExternalStore(subscribe, () => current);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(dismissCanvasError, 10_000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast) return null;
  return (
    <div className="canvas-toast" role="alert" key={toast.id}>
      <svg className="canvas-toast-icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="9" />
        <path d="M12 7.5v5.5M12 16.5h.01" />
      </svg>
      <span className="canvas-toast-text">{toast.text}</span>
      <button type="button" className="canvas-toast-close" aria-label="Dismiss" onClick={dismissCanvasError}>
        ×
      </button>
    </div>
  );
}
