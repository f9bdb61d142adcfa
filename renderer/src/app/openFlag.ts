import { useSyncExternalStore } from 'react';

/**
 * Whether one app-wide dialog is open: a tiny external store, so a command in the registry can open a dialog
 * that the App mounts once.
 */
export interface OpenFlag {
  readonly open: () => void;
  readonly close: () => void;
  readonly useIsOpen: () => boolean;
}

export function createOpenFlag(): OpenFlag {
  let isOpen = false;
  const listeners = new Set<() => void>();
  const set = (value: boolean): void => {
    if (isOpen === value) return;
    isOpen = value;
    for (const listener of listeners) listener();
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return {
    open: () => set(true),
    close: () => set(false),
    useIsOpen: () => useSyncExternalStore(subscribe, () => isOpen),
  };
}
