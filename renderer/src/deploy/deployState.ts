import { useSyncExternalStore } from 'react';
import type { DeployTarget, ServiceStatusIpc } from '../../../shared/ipc/deploy';

/**
 * What the app remembers about deployments in this session: the last target (profile name, region, endpoint —
 * never a credential) and parameter values per design, so "Refresh deployment status" and the next Deploy… reuse
 * them, and the last service status per node for the inspector.
 */
export type ServiceStatusView = ServiceStatusIpc;

export type DeployState = {
  readonly targets: ReadonlyMap<string, { readonly target: DeployTarget; readonly parameters: Readonly<Record<string, string>> }>;
  /** Per design id: when the status was read, and the services by node id. */
  readonly status: ReadonlyMap<string, { readonly at: string; readonly services: readonly ServiceStatusView[]; readonly error?: string }>;
};

let state: DeployState = { targets: new Map(), status: new Map() };
const listeners = new Set<() => void>();

function set(next: DeployState): void {
  state = next;
  for (const l of listeners) l();
}

export const deployState = {
  get: (): DeployState => state,
  rememberTarget(designId: string, target: DeployTarget, parameters: Readonly<Record<string, string>>): void {
    set({ ...state, targets: new Map(state.targets).set(designId, { target, parameters }) });
  },
  setStatus(designId: string, services: readonly ServiceStatusView[], error?: string): void {
    set({ ...state, status: new Map(state.status).set(designId, { at: new Date().toISOString(), services, ...(error !== undefined ? { error } : {}) }) });
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useDeployState<T>(select: (s: DeployState) => T): T {
  return useSyncExternalStore(deployState.subscribe, () => select(state));
}
