import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import {
  MENU_COMMAND_CHANNEL,
  OPEN_FILE_CHANNEL,
  REQUEST_CLOSE_CHANNEL,
  type CloseReason,
  type MenuCommand,
  type OpenFileEvent,
} from '../../shared/ipc/channels';
import { MenuCommandSchema, OpenFileEventSchema, RequestCloseEventSchema, type AppInfo } from '../../shared/ipc/contract';
import { DeployEventSchema, type DeployEvent } from '../../shared/ipc/deploy';
import { DEPLOY_EVENT_CHANNEL } from '../../shared/ipc/deployEvents';
import { backupsDirFor, createBackupService } from '../backups/backupService';
import { createOpenRequests, designPathsFromArgv } from '../documents/openRequests';
import { createPricingService } from '../aws/pricingRefresh';
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
import { createCloseGuard } from '../window/closeGuard';
import { createMainWindow } from './window';
import { V8_FLAGS } from '../runtime/v8Flags';

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
// The renderer's V8 (where the Export dialog renders) gets the CLI's young-generation size: see v8Flags.ts.
app.commandLine.appendSwitch('js-flags', V8_FLAGS.join(' '));

let mainWindow: BrowserWindow | null = null;
/** One per window: whether it may close (unsaved changes ask first). */
let closeGuard = createCloseGuard();
const grants = createPathGrants();
/** Set once the app is ready: opens the window again (macOS keeps running without one). */
let ensureWindow: () => void = () => undefined;

function sendOpenFile(event: OpenFileEvent): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  mainWindow.webContents.send(OPEN_FILE_CHANNEL, OpenFileEventSchema.parse(event));
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Command line, second instance and OS file association all open files through this queue. */
const openRequests = createOpenRequests({ grants, send: sendOpenFile });

function sendRequestClose(reason: CloseReason): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  mainWindow.webContents.send(REQUEST_CLOSE_CHANNEL, RequestCloseEventSchema.parse({ reason }));
}

function sendDeployEvent(event: DeployEvent): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  mainWindow.webContents.send(DEPLOY_EVENT_CHANNEL, DeployEventSchema.parse(event));
}

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
    grants,
    backups: createBackupService({ dir: backupsDirFor(app.getPath('userData')) }),
    pricing: createPricingService({ userDataDir: app.getPath('userData') }),
    deploy: { send: sendDeployEvent },
    window: {
      setDirty: (dirty) => closeGuard.setDirty(dirty),
      rendererReady: () => openRequests.rendererReady(),
      confirmClose: (close) => {
        const action = closeGuard.answer(close);
        if (action === 'quit') app.quit();
        else if (action === 'close-window') mainWindow?.close();
      },
    },
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
    const win = createMainWindow({ store, preloadPath, isPackaged: app.isPackaged });
    mainWindow = win;
    closeGuard = createCloseGuard();
    const guard = closeGuard;
    win.on('close', (event) => {
      const decision = guard.onWindowClose();
      if (!decision.prevent) return;
      event.preventDefault();
      if (decision.ask) sendRequestClose(decision.ask);
    });
    // A reloaded or crashed renderer lost its unsaved state (its hot-exit backup is on disk) and must say
    // app:ready again before it gets open-file events.
    win.webContents.on('did-start-loading', () => {
      guard.rendererReset();
      openRequests.rendererReset();
    });
    win.webContents.on('render-process-gone', () => {
      guard.rendererReset();
      openRequests.rendererReset();
    });
    // A hung renderer cannot answer "save changes?": let the next close go through (the backup is on disk).
    win.on('unresponsive', () => guard.rendererReset());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
      openRequests.rendererReset();
    });
    void mainWindow.loadURL(devServerUrl ?? APP_ENTRY_URL);
  };
  createWindow();
  ensureWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) createWindow();
  };
  for (const file of designPathsFromArgv(process.argv, process.cwd(), { isPackaged: app.isPackaged })) openRequests.open(file);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const file of designPathsFromArgv(argv, workingDirectory, { isPackaged: app.isPackaged })) openRequests.open(file);
    ensureWindow();
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // macOS: double-click in Finder, drop on the Dock icon. May fire before 'ready' (the queue waits for the renderer).
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openRequests.open(filePath);
    ensureWindow();
  });
  app.on('before-quit', () => closeGuard.beforeQuit());
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
