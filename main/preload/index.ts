/**
 * Sandboxed preload (bundled to a single CommonJS file, out/preload/index.cjs). It exposes exactly the IPC
 * contract as `window.ecsDesigner`: one function per channel, generated from the channel list, plus `onCommand`.
 * The page never sees `ipcRenderer` or an IPC event object.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EcsDesignerApi, InvokeApi } from '../../shared/ipc/api';
import {
  API_GLOBAL_NAME,
  INVOKE_CHANNELS,
  isMenuCommand,
  MENU_COMMAND_CHANNEL,
  type MenuCommand,
} from '../../shared/ipc/channels';

const invoke = Object.freeze(
  Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]),
  ),
) as InvokeApi;

const api: EcsDesignerApi = Object.freeze({
  invoke,
  onCommand(listener: (command: MenuCommand) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onCommand expects a function');
    const handler = (_event: IpcRendererEvent, payload: unknown) => {
      if (isMenuCommand(payload)) listener(payload);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, handler);
    };
  },
});

contextBridge.exposeInMainWorld(API_GLOBAL_NAME, api);
