import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { call, onRequestClose } from '../../ipc/client';
import { designStore, isDirty, useDesignStore } from '../../store/designStore';
import { documentName, documentStateOf } from '../documentState';
import { ChoiceDialog } from './ChoiceDialog';
import { registerConfirmDiscard } from './confirmDiscard';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

const CHOICES = [
  { value: 'save', label: 'Save', tone: 'primary' },
  { value: 'discard', label: 'Don’t Save', tone: 'danger' },
  { value: 'cancel', label: 'Cancel' },
] as const;

export interface UnsavedChanges {
  /**
   * Before replacing or closing the document: resolves true when it may go (it was clean, the user saved it, or
   * chose Don't Save), false when the user cancelled or saving did not happen.
   */
  confirmDiscard(): Promise<boolean>;
  readonly dialog: ReactNode;
}

/**
 * "Save changes to checkout.ecsd.json?" — Save / Don't Save / Cancel, before File › New / Open / Open Recent /
 * Close, before opening a dropped or command-line file, and when main says the window is closing (app:request-close).
 * Reports the dirty state to main (window:set-dirty) so main never closes a window with unsaved changes unasked.
 *
 * `save` runs File › Save (which may show Save As…); `beforeClose` runs after Don't Save, before the window goes
 * (it discards the hot-exit backup).
 */
export function useUnsavedChanges({
  save,
  beforeClose,
}: {
  readonly save: () => Promise<void>;
  readonly beforeClose: () => Promise<void>;
}): UnsavedChanges {
  const dirty = useDesignStore(isDirty);
  const [question, setQuestion] = useState<{ name: string; answer: (choice: UnsavedChoice) => void } | null>(null);
  const pending = useRef<Promise<boolean> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const beforeCloseRef = useRef(beforeClose);
  beforeCloseRef.current = beforeClose;

  useEffect(() => {
    void call('window:set-dirty', { dirty });
  }, [dirty]);

  const ask = useCallback(async (): Promise<UnsavedChoice> => {
    const state = designStore.getState();
    if (!isDirty(state)) return 'discard';
    const name = documentName(documentStateOf(state)) ?? 'Untitled';
    const choice = await new Promise<UnsavedChoice>((resolve) => setQuestion({ name, answer: resolve }));
    setQuestion(null);
    return choice;
  }, []);

  const confirmDiscard = useCallback((): Promise<boolean> => {
    // One question at a time: a second request (the close button while File › New asks) shares the answer.
    if (pending.current) return pending.current;
    const run = (async () => {
      const choice = await ask();
      if (choice === 'cancel') return false;
      if (choice === 'discard') return true;
      await saveRef.current();
      return !isDirty(designStore.getState());
    })();
    pending.current = run;
    void run.finally(() => {
      if (pending.current === run) pending.current = null;
    });
    return run;
  }, [ask]);

  useEffect(() => registerConfirmDiscard(confirmDiscard), [confirmDiscard]);

  useEffect(
    () =>
      onRequestClose(() => {
        void (async () => {
          const close = await confirmDiscard();
          if (close) await beforeCloseRef.current();
          await call('window:confirm-close', { close });
        })();
      }),
    [confirmDiscard],
  );

  const dialog = (
    <ChoiceDialog
      open={question !== null}
      title={`Save changes to ${question?.name ?? 'this design'}?`}
      choices={CHOICES}
      defaultValue="save"
      cancelValue="cancel"
      onChoose={(choice) => question?.answer(choice)}
      testId="unsaved-changes-dialog"
    >
      <p>Your changes will be lost if you don’t save them.</p>
    </ChoiceDialog>
  );

  return { confirmDiscard, dialog };
}
