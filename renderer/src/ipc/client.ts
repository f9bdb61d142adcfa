import type { DroppedFile, EcsDesignerApi } from '../../../shared/ipc/api';
import type { MenuCommand, OpenFileEvent, PageInvokeChannel, RequestCloseEvent } from '../../../shared/ipc/channels';
import type { ChannelRequest, ChannelResponse, DesignFile } from '../../../shared/ipc/contract';
import { err, type Result } from '../../../shared/ipc/result';

/**
 * Typed client over `window.ecsDesigner` (the preload's API). Every call resolves to a Result: a transport
 * failure (main process gone, bridge missing) becomes an INTERNAL error result instead of an exception.
 */

function api(): EcsDesignerApi | undefined {
  return window.ecsDesigner;
}

export function hasBridge(): boolean {
  return api() !== undefined;
}

export async function call<C extends PageInvokeChannel>(
  channel: C,
  request: ChannelRequest<C>,
): Promise<Result<ChannelResponse<C>>> {
  const bridge = api();
  if (!bridge) return err('INTERNAL', 'ECS Designer’s desktop bridge is not available in this window.');
  try {
    return await bridge.invoke[channel](request);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return err('INTERNAL', `${channel} failed: ${message}`);
  }
}

/** Subscribes to native-menu commands; a no-op outside the desktop app. Returns the unsubscribe function. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return api()?.onCommand(listener) ?? (() => undefined);
}

/** Subscribes to main's requests to open a file (command line, file association); a no-op outside the app. */
export function onOpenFile(listener: (event: OpenFileEvent) => void): () => void {
  return api()?.onOpenFile(listener) ?? (() => undefined);
}

/** Subscribes to main's "the user is closing the window with unsaved changes"; a no-op outside the app. */
export function onRequestClose(listener: (event: RequestCloseEvent) => void): () => void {
  return api()?.onRequestClose(listener) ?? (() => undefined);
}

/** Reads a design file dropped on the window (the preload takes its path from the File itself). */
export async function readDroppedFile(file: DroppedFile): Promise<Result<DesignFile>> {
  const bridge = api();
  if (!bridge) return err('INTERNAL', 'ECS Designer’s desktop bridge is not available in this window.');
  try {
    return await bridge.readDroppedFile(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return err('INTERNAL', `Reading the dropped file failed: ${message}`);
  }
}
