import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { err } from '../../shared/ipc/result';
import type { HandlerTable } from '../ipc/handlers';
import { isTrustedSenderUrl } from '../security/senderPolicy';

/**
 * Only the main frame of our own window, showing our own origin, may call IPC (not an iframe, not another
 * window, not a page the window was somehow navigated to).
 */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  mainWindow: BrowserWindow | null,
  devServerUrl: string | undefined,
): boolean {
  const frame = event.senderFrame;
  if (!frame || !mainWindow || mainWindow.isDestroyed()) return false;
  if (event.sender.id !== mainWindow.webContents.id || frame.parent !== null) return false;
  return isTrustedSenderUrl(frame.url, { devServerUrl });
}

/** Registers the handler table (the same one vitest and the e2e bridge use) with `ipcMain.handle`. */
export function registerIpcHandlers(table: HandlerTable, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrusted(event)) {
        return err('FORBIDDEN', `IPC ${channel} refused: the sender is not the app's main frame`);
      }
      return table[channel](payload);
    });
  }
}
