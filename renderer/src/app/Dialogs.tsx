import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import './dialogs.css';

interface ModalProps {
  readonly open: boolean;
  readonly title: ReactNode;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly actions: ReactNode;
  /** Extra class of the <dialog> (its size and layout), besides "modal". */
  readonly className?: string;
  /** Extra class of the body, besides "modal-body". */
  readonly bodyClassName?: string;
  readonly testId?: string;
  readonly bodyTestId?: string;
}

/**
 * The app's one modal, on the native <dialog> element: focus trapping, Escape to close and the backdrop come for
 * free. Every dialog of the app (About, Export, Import report, Import from AWS…) is built on it.
 */
export function Modal({ open, title, onClose, children, actions, className, bodyClassName, testId, bodyTestId }: ModalProps): ReactNode {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={className ? `modal ${className}` : 'modal'}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="modal-title">
            {title}
          </h2>
          <div className={bodyClassName ? `modal-body ${bodyClassName}` : 'modal-body'} data-testid={bodyTestId}>
            {children}
          </div>
          <div className="modal-actions">{actions}</div>
        </>
      )}
    </dialog>
  );
}

export function AboutDialog({
  open,
  info,
  onClose,
}: {
  readonly open: boolean;
  readonly info: AppInfo | null;
  readonly onClose: () => void;
}): ReactNode {
  return (
    <Modal
      open={open}
      title={`About ${info?.name ?? 'ECS Designer'}`}
      onClose={onClose}
      actions={
        <button type="button" className="button primary" onClick={onClose} autoFocus>
          Close
        </button>
      }
    >
      <p className="modal-lead">Design Amazon ECS and AWS Fargate architectures on a canvas.</p>
      {info ? (
        <dl className="about-versions">
          <dt>Version</dt>
          <dd data-testid="about-version">{info.version}</dd>
          {info.versions.electron && (
            <>
              <dt>Electron</dt>
              <dd>{info.versions.electron}</dd>
            </>
          )}
          {info.versions.chrome && (
            <>
              <dt>Chromium</dt>
              <dd>{info.versions.chrome}</dd>
            </>
          )}
          <dt>Node.js</dt>
          <dd>{info.versions.node}</dd>
          <dt>Platform</dt>
          <dd>{info.platform}</dd>
        </dl>
      ) : (
        <p>Version information is not available.</p>
      )}
    </Modal>
  );
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  readonly open: boolean;
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}): ReactNode {
  return (
    <Modal
      open={open}
      title={title}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{message}</p>
    </Modal>
  );
}
