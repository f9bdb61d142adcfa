import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Backup } from '../../../../shared/ipc/contract';
import { parseDesignText } from '../../../../shared/model/document';
import { call } from '../../ipc/client';
import { designStore } from '../../store/designStore';
import { fileName } from '../documentState';
import { ChoiceDialog } from '../unsaved/ChoiceDialog';
import { BackupWriter } from './backupWriter';
import './recovery.css';

/** "14:02" today, "3 Mar 14:02" on another day (the user's locale and time zone). */
export function backupTime(savedAt: string, now: Date = new Date()): string {
  const date = new Date(savedAt);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === now.toDateString()) return time;
  return `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

export function backupTitle(backup: Backup): string {
  return backup.path === undefined ? 'an untitled design' : fileName(backup.path);
}

const CHOICES = [
  { value: 'later', label: 'Not Now' },
  { value: 'discard', label: 'Discard', tone: 'danger' },
  { value: 'restore', label: 'Restore', tone: 'primary' },
] as const;

export interface Recovery {
  /** True once the start-up offers are answered (or there were none): other start-up work may proceed. */
  readonly settled: boolean;
  readonly writer: BackupWriter | null;
  readonly dialog: ReactNode;
}

/**
 * Hot exit / crash recovery, renderer side. Starts the BackupWriter (unsaved changes → `backup:write`, debounced)
 * and, at start-up, lists the backups a previous session left behind and offers them one by one, newest first:
 * "Restore unsaved changes to checkout.ecsd.json from 14:02?" Restore opens the design marked unsaved; Discard
 * removes the backup; Not Now (or Escape) keeps it for the next start. After a restore the remaining backups stay on disk and are offered at the next start.
 * Unreadable backups are reported and left on disk.
 */
export function useRecovery({
  enabled,
  say,
}: {
  readonly enabled: boolean;
  readonly say: (text: string, tone?: 'info' | 'error') => void;
}): Recovery {
  const [offers, setOffers] = useState<readonly Backup[] | null>(enabled ? null : []);
  const [writer, setWriter] = useState<BackupWriter | null>(null);
  const sayRef = useRef(say);
  sayRef.current = say;

  useEffect(() => {
    if (!enabled) return;
    const instance = new BackupWriter(
      designStore,
      { write: (request) => call('backup:write', request), discard: (request) => call('backup:discard', request) },
      (message) => sayRef.current(message, 'error'),
    );
    setWriter(instance);
    const stop = instance.start();
    return () => {
      stop();
      setWriter(null);
    };
  }, [enabled]);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void (async () => {
      const result = await call('backup:list', {});
      if (cancelled) return;
      if (!result.ok) {
        sayRef.current(`Unsaved changes from the last session could not be listed: ${result.error.message}`, 'error');
        setOffers([]);
        return;
      }
      const { backups, problems } = result.value;
      if (problems.length > 0) {
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
        sayRef.current(`${problems[0]!.message}${more}`, 'error');
      }
      setOffers(backups);
    })();
    return () => {
      cancelled = true;
    };
  }, [enabled]);

  const current = offers?.[0];

  const answer = useCallback(
    async (choice: 'restore' | 'discard' | 'later') => {
      if (!current) return;
      if (choice === 'later') {
        // Kept on disk, offered again at the next start.
        setOffers((list) => (list ? list.slice(1) : list));
        return;
      }
      if (choice === 'discard') {
        const result = await call('backup:discard', { key: current.key });
        if (!result.ok) sayRef.current(result.error.message, 'error');
        setOffers((list) => (list ? list.slice(1) : list));
        return;
      }
      const parsed = parseDesignText(current.text);
      if (!parsed.ok) {
        const first = parsed.errors[0];
        sayRef.current(
          `The unsaved changes to ${backupTitle(current)} cannot be restored: ${first?.path || '/'}: ${first?.message ?? 'invalid design'}. The backup was left on disk.`,
          'error',
        );
        setOffers((list) => (list ? list.slice(1) : list));
        return;
      }
      designStore.open(parsed.design, current.path, { saved: false });
      writer?.adopt(current.key, current.path);
      sayRef.current(`Restored unsaved changes to ${backupTitle(current)}`);
      setOffers([]);
    },
    [current, writer],
  );

  const dialog = (
    <ChoiceDialog
      open={current !== undefined}
      title="Restore unsaved changes?"
      choices={CHOICES}
      defaultValue="restore"
      cancelValue="later"
      onChoose={(choice) => void answer(choice)}
      testId="recovery-dialog"
    >
      {current && (
        <p>
          Restore unsaved changes to <strong>{backupTitle(current)}</strong> from {backupTime(current.savedAt)}?
          {current.path !== undefined && <span className="modal-detail">{current.path}</span>}
        </p>
      )}
    </ChoiceDialog>
  );

  return { settled: offers !== null && offers.length === 0, writer, dialog };
}
