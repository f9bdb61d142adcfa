/**
 * For code outside App that replaces the document (e.g. "New from Pattern"): asks Save / Don't Save / Cancel when
 * there are unsaved changes, and resolves true when the document may be replaced. The App's useUnsavedChanges
 * registers the real question here; with no App mounted there is nothing to protect (true).
 */
let active: (() => Promise<boolean>) | null = null;

export function confirmDiscardChanges(): Promise<boolean> {
  return active ? active() : Promise.resolve(true);
}

/** Registers the question (useUnsavedChanges); returns the function that unregisters it. */
export function registerConfirmDiscard(confirm: () => Promise<boolean>): () => void {
  active = confirm;
  return () => {
    if (active === confirm) active = null;
  };
}
