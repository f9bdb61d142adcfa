import { useSyncExternalStore } from 'react';

/** Which Deploy dialog is open: Deploy… (engine or CloudFormation stack) or Destroy…; null when closed. */
export type DeployDialogMode = 'deploy' | 'destroy';

let mode: DeployDialogMode | null = null;
const listeners = new Set<() => void>();

function set(next: DeployDialogMode | null): void {
  if (mode === next) return;
  mode = next;
  for (const l of listeners) l();
}

export const openDeployDialog = (): void => set('deploy');
export const openDestroyDialog = (): void => set('destroy');
export const closeDeployDialog = (): void => set(null);

export function useDeployDialogMode(): DeployDialogMode | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => mode,
  );
}
