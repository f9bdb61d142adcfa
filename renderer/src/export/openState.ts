import { useSyncExternalStore } from 'react';

/**
 * Whether the "Export Infrastructure as Code…" dialog is open: a tiny external store, so the command registry can
 * open the dialog the App mounts once.
 */
let open = false;
const listeners = new Set<() => void>();

function set(value: boolean): void {
  if (open === value) return;
  open = value;
  for (const l of listeners) l();
}

export const openExportIacDialog = (): void => set(true);
export const closeExportIacDialog = (): void => set(false);

export function useExportIacDialogOpen(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
}
