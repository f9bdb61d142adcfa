/**
 * Sandboxed preload (bundled to a single CommonJS file, out/preload/index.cjs). It exposes exactly the IPC
 * contract as `window.ecsDesigner`: one function per page channel, generated from the channel list, the event
 * subscriptions and `readDroppedFile`. The page never sees `ipcRenderer` or an IPC event object.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { DroppedFile, EcsDesignerApi, InvokeApi } from '../../shared/ipc/api';
import {
  API_GLOBAL_NAME,
  isMenuCommand,
  isOpenFileEvent,
  isRequestCloseEvent,
  MENU_COMMAND_CHANNEL,
  OPEN_FILE_CHANNEL,
  PAGE_INVOKE_CHANNELS,
  REQUEST_CLOSE_CHANNEL,
} from '../../shared/ipc/channels';
import { DEPLOY_EVENT_CHANNEL, isDeployEvent } from '../../shared/ipc/deployEvents';

const invoke = Object.freeze(
  Object.fromEntries(
    PAGE_INVOKE_CHANNELS.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]),
  ),
) as InvokeApi;

/** Subscribes to a main → renderer event; only payloads that pass `check` reach the listener, without the event. */
function subscribe<T>(channel: string, check: (value: unknown) => value is T) {
  return (listener: (payload: T) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('expected a listener function');
    const handler = (_event: IpcRendererEvent, payload: unknown) => {
      if (check(payload)) listener(payload);
    };
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  };
}

type WebUtilsFile = Parameters<typeof webUtils.getPathForFile>[0];

const api: EcsDesignerApi = Object.freeze({
  invoke,
  onCommand: subscribe(MENU_COMMAND_CHANNEL, isMenuCommand),
  onOpenFile: subscribe(OPEN_FILE_CHANNEL, isOpenFileEvent),
  onRequestClose: subscribe(REQUEST_CLOSE_CHANNEL, isRequestCloseEvent),
  onDeployEvent: subscribe(DEPLOY_EVENT_CHANNEL, isDeployEvent),
  async readDroppedFile(file: DroppedFile) {
    let filePath = '';
    try {
      // Throws for anything that is not a File; returns '' for a File built by script (it has no path).
      filePath = webUtils.getPathForFile(file as unknown as WebUtilsFile);
    } catch {
      filePath = '';
    }
    if (!filePath) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Only files dropped from the file system can be opened.' } } as const;
    }
    return ipcRenderer.invoke('design:read-dropped', { path: filePath });
  },
});

contextBridge.exposeInMainWorld(API_GLOBAL_NAME, api);
