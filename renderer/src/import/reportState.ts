import { useSyncExternalStore } from 'react';
import type { ImportFormat, ImportReportEntry } from '../../../shared/import/report';

/** The import report on screen (null: closed): a tiny external store, so the import flow can open the dialog the App mounts once. */
export type ShownReport = {
  readonly fileName: string;
  readonly format: ImportFormat;
  readonly entries: readonly ImportReportEntry[];
  readonly summary: string;
  /** Imports the same file again another way (compose: one task definition per service ⇄ one for all). */
  readonly alternative?: { readonly label: string; readonly run: () => void };
};

let shown: ShownReport | null = null;
const listeners = new Set<() => void>();

function set(value: ShownReport | null): void {
  shown = value;
  for (const l of listeners) l();
}

export const showImportReport = (report: ShownReport): void => set(report);
export const closeImportReport = (): void => set(null);

export function useImportReport(): ShownReport | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => shown,
  );
}
