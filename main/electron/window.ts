import { BrowserWindow, nativeTheme, screen } from 'electron';
import type { AppStore } from '../settings/appStore';
import { MIN_WINDOW_SIZE, restoreWindowState } from '../settings/windowBounds';

export interface MainWindowOptions {
  readonly store: AppStore;
  readonly preloadPath: string;
  readonly isPackaged: boolean;
}

/** The one application window, with Electron's security settings spelled out and its bounds remembered. */
export function createMainWindow({ store, preloadPath, isPackaged }: MainWindowOptions): BrowserWindow {
  const state = restoreWindowState(
    store.get('window'),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'ECS Designer',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#f5f6f8',
    // The page has its own menubar with the same commands; on Windows/Linux the native one stays reachable with
    // Alt and its accelerators keep working, without showing two menubars.
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
      devTools: !isPackaged,
      spellcheck: false,
      safeDialogs: true,
      // No `auxclick` events: a middle-click on a link can never ask for a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let saveTimer: NodeJS.Timeout | undefined;
  const saveState = () => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const bounds = win.getNormalBounds();
    store.set('window', {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.round(bounds.width),
      height: Math.round(bounds.height),
      maximized: win.isMaximized(),
    });
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveState, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', () => {
    clearTimeout(saveTimer);
    saveState();
  });
  return win;
}
