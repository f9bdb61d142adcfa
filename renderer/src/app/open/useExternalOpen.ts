import { useEffect, useRef } from 'react';
import type { DesignFile } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { call, onOpenFile, readDroppedFile } from '../../ipc/client';

/** Whether a drag carries files from the file system (not a palette item, not text). */
export function dragHasFiles(dataTransfer: DataTransfer | null): boolean {
  return dataTransfer !== null && Array.from(dataTransfer.types).includes('Files');
}

/**
 * Files opened from outside the menus, handled exactly like File › Open: the command line, a second instance and
 * the OS file association (main grants the path and sends `app:open-file`; we read it with `design:read`), and
 * files dropped on the window (the preload reads them with the path of the dropped File). Unsaved changes are
 * asked about first. `app:ready` tells main to send the requests it queued, once `ready` (start-up recovery
 * answered).
 */
export function useExternalOpen({
  enabled,
  ready,
  confirmDiscard,
  opened,
  fail,
}: {
  readonly enabled: boolean;
  readonly ready: boolean;
  readonly confirmDiscard: () => Promise<boolean>;
  readonly opened: (file: DesignFile) => void;
  readonly fail: (error: IpcError) => void;
}): void {
  const handlers = useRef({ confirmDiscard, opened, fail });
  handlers.current = { confirmDiscard, opened, fail };

  useEffect(() => {
    if (!enabled || !ready) return;
    const unsubscribe = onOpenFile((event) => {
      void (async () => {
        if (!(await handlers.current.confirmDiscard())) return;
        const result = await call('design:read', { path: event.path });
        if (result.ok) handlers.current.opened(result.value);
        else handlers.current.fail(result.error);
      })();
    });
    void call('app:ready', {});
    return unsubscribe;
  }, [enabled, ready]);

  useEffect(() => {
    if (!enabled) return;
    const onDragOver = (event: DragEvent) => {
      if (!dragHasFiles(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!dragHasFiles(event.dataTransfer)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      void (async () => {
        if (!(await handlers.current.confirmDiscard())) return;
        const result = await readDroppedFile(file);
        if (result.ok) handlers.current.opened(result.value);
        else handlers.current.fail(result.error);
      })();
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [enabled]);
}
