import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/ipc/channels';
import { MenuCommandSchema, type AppInfo } from '../../shared/ipc/contract';
import { createHandlers } from '../ipc/handlers';
import { createPathGrants } from '../ipc/pathGrants';
import { APP_ENTRY_URL } from '../security/appProtocol';
import { isAllowedExternalUrl } from '../security/externalUrl';
import { createElectronDialogs } from './dialogs';
import { isTrustedSender, registerIpcHandlers } from './ipc';
import { installApplicationMenu } from './menu';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { denyAllPermissions, lockDownWebContents } from './security';
import { createElectronAppStore } from './store';
import { createMainWindow } from './window';

/**
 * Electron main process: thin glue. Everything with logic (handlers, files, settings, URL and sender policies,
 * menu template) is plain Node under main/ and tested without Electron.
 */

const rendererRoot = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
/** electron-vite dev sets this; a packaged app never loads from a dev server. */
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

app.enableSandbox();
registerAppScheme();

let mainWindow: BrowserWindow | null = null;

function openExternal(url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) return Promise.reject(new Error(`Refusing to open ${url}`));
  return shell.openExternal(url);
}

function sendCommand(command: MenuCommand): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  mainWindow.webContents.send(MENU_COMMAND_CHANNEL, MenuCommandSchema.parse(command));
}

function appInfo(): AppInfo {
  return {
    name: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    versions: {
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    },
  };
}

async function start(): Promise<void> {
  const store = createElectronAppStore();
  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => {
    lockDownWebContents(contents, (url) => void openExternal(url).catch(() => undefined));
  });
  handleAppProtocol(rendererRoot);

  const handlers = createHandlers({
    appInfo,
    store,
    dialogs: createElectronDialogs(() => mainWindow),
    openExternal,
    grants: createPathGrants(),
  });
  registerIpcHandlers(handlers, (event) => isTrustedSender(event, mainWindow, devServerUrl));

  const refreshMenu = () =>
    installApplicationMenu({
      platform: process.platform,
      isPackaged: app.isPackaged,
      appName: app.getName(),
      recentFiles: store.get('recentFiles'),
      settings: store.get('settings'),
      send: sendCommand,
      openExternal: (url) => void openExternal(url).catch(() => undefined),
      clearRecentFiles: () => store.set('recentFiles', []),
    });
  refreshMenu();
  store.onChange((key) => {
    if (key === 'recentFiles' || key === 'settings') refreshMenu();
  });

  const createWindow = () => {
    mainWindow = createMainWindow({ store, preloadPath, isPackaged: app.isPackaged });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    void mainWindow.loadURL(devServerUrl ?? APP_ENTRY_URL);
  };
  createWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('ECS Designer could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
