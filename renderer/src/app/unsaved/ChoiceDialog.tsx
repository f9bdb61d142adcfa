import { useEffect, useId, useRef, type ReactNode } from 'react';
import '../dialogs.css';

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly tone?: 'primary' | 'danger' | 'default';
}

/**
 * A modal question with several answers, on the native <dialog> element (focus trap, Escape, backdrop, and the
 * `dialog` role with its accessible name from the title). Escape answers `cancelValue`.
 */
export function ChoiceDialog<T extends string>({
  open,
  title,
  children,
  choices,
  defaultValue,
  cancelValue,
  onChoose,
  testId,
}: {
  readonly open: boolean;
  readonly title: string;
  readonly children: ReactNode;
  readonly choices: readonly Choice<T>[];
  /** The answer that has focus when the dialog opens (Enter chooses it). */
  readonly defaultValue: T;
  readonly cancelValue: T;
  readonly onChoose: (value: T) => void;
  readonly testId?: string;
}): ReactNode {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first button; the safe default answer is the one that should have focus.
      dialog.querySelector<HTMLButtonElement>('button[data-default]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onChoose(cancelValue);
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="modal-title">
            {title}
          </h2>
          <div id={bodyId} className="modal-body">
            {children}
          </div>
          <div className="modal-actions">
            {choices.map((choice) => (
              <button
                key={choice.value}
                type="button"
                className={`button${choice.tone && choice.tone !== 'default' ? ` ${choice.tone}` : ''}`}
                data-default={choice.value === defaultValue ? '' : undefined}
                onClick={() => onChoose(choice.value)}
              >
                {choice.label}
              </button>
            ))}
          </div>
        </>
      )}
    </dialog>
  );
}
