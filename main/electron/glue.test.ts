import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The thin Electron glue, tested against a fake `electron` module: the window's webPreferences, the permission,
 * navigation and window-open handlers, the IPC sender check, and what the preload exposes. (Electron itself cannot
 * run on these machines; the real-Electron smoke test covers the wiring where a binary exists.)
 */

const fake = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const invoked: [string, unknown][] = [];
  const windows: { options: Record<string, unknown> }[] = [];
  class FakeBrowserWindow {
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    maximize() {}
    once() {}
    on() {}
  }
  return {
    exposed,
    listeners,
    invoked,
    windows,
    pathForFile: (file: unknown) => (file as { path?: string }).path ?? '',
    module: {
      BrowserWindow: FakeBrowserWindow,
      nativeTheme: { shouldUseDarkColors: false },
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
      ipcMain: { handle: () => undefined },
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => void (exposed[name] = api) },
      ipcRenderer: {
        invoke: async (channel: string, payload: unknown) => {
          invoked.push([channel, payload]);
          return { ok: true, value: null };
        },
        on: (channel: string, listener: (...args: unknown[]) => void) => {
          const set = listeners.get(channel) ?? new Set();
          listeners.set(channel, set);
          set.add(listener);
        },
        removeListener: (channel: string, listener: (...args: unknown[]) => void) => void listeners.get(channel)?.delete(listener),
      },
      webUtils: { getPathForFile: (file: unknown) => fake.pathForFile(file) },
    },
  };
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

import os from 'node:os';
import path from 'node:path';
import { API_KEYS, type EcsDesignerApi } from '../../shared/ipc/api';
import { API_GLOBAL_NAME, PAGE_INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { createJsonFileStore } from '../settings/appStore';
import { isTrustedSender } from './ipc';
import { denyAllPermissions, lockDownWebContents } from './security';
import { createMainWindow } from './window';

describe('main window', () => {
  it('spells out the secure webPreferences; devtools only when not packaged', async () => {
    const store = createJsonFileStore(path.join(os.tmpdir(), `ecsd-glue-${process.pid}-never-written`));
    createMainWindow({ store, preloadPath: '/app/out/preload/index.cjs', isPackaged: true });
    createMainWindow({ store, preloadPath: '/app/out/preload/index.cjs', isPackaged: false });
    const [packaged, dev] = fake.windows.map((w) => w.options['webPreferences'] as Record<string, unknown>);
    expect(packaged).toEqual({
      preload: '/app/out/preload/index.cjs',
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
      devTools: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(packaged).not.toHaveProperty('enableBlinkFeatures');
    expect(dev?.['devTools']).toBe(true);
  });
});

describe('permissions', () => {
  it('denies every permission request, check and device permission', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: never[]) => unknown) => void (handlers['request'] = h),
      setPermissionCheckHandler: (h: (...args: never[]) => unknown) => void (handlers['check'] = h),
      setDevicePermissionHandler: (h: (...args: never[]) => unknown) => void (handlers['device'] = h),
    };
    denyAllPermissions(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      const callback = vi.fn();
      (handlers['request'] as (c: unknown, p: string, cb: (granted: boolean) => void) => void)({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect((handlers['check'] as (c: unknown, p: string) => boolean)({}, permission)).toBe(false);
    }
    expect((handlers['device'] as () => boolean)()).toBe(false);
  });
});

describe('navigation and new windows', () => {
  function fakeContents() {
    const events = new Map<string, (event: unknown) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    return {
      contents: {
        setWindowOpenHandler: (h: typeof openHandler) => void (openHandler = h),
        on: (name: string, listener: (event: unknown) => void) => void events.set(name, listener),
      },
      open: (url: string) => openHandler!({ url }),
      emit(name: string, url: string) {
        const event = { url, preventDefault: vi.fn() };
        events.get(name)!(event);
        return event;
      },
    };
  }

  it('denies every window.open; an allowed AWS docs link goes to the browser instead', () => {
    const opened: string[] = [];
    const c = fakeContents();
    lockDownWebContents(c.contents as never, (url) => void opened.push(url));
    expect(c.open('https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html')).toEqual({ action: 'deny' });
    expect(c.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(c.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html']);
  });

  it('prevents every navigation, redirect and <webview> attachment', () => {
    const opened: string[] = [];
    const c = fakeContents();
    lockDownWebContents(c.contents as never, (url) => void opened.push(url));
    for (const url of ['https://evil.example/', 'app://app/other.html', 'file:///tmp/x.html', 'https://docs.aws.amazon.com/ecs/']) {
      expect(c.emit('will-navigate', url).preventDefault).toHaveBeenCalled();
      expect(c.emit('will-redirect', url).preventDefault).toHaveBeenCalled();
      expect(c.emit('will-attach-webview', url).preventDefault).toHaveBeenCalled();
    }
    expect(opened).toEqual(['https://docs.aws.amazon.com/ecs/']);
  });
});

describe('IPC sender check', () => {
  const window = { isDestroyed: () => false, webContents: { id: 7 } };
  const event = (over: { senderId?: number; parent?: unknown; url?: string; frame?: null }) => ({
    sender: { id: over.senderId ?? 7 },
    senderFrame: over.frame === null ? null : { parent: over.parent ?? null, url: over.url ?? 'app://app/index.html' },
  });

  it('trusts only the main frame of our window on the app origin', () => {
    expect(isTrustedSender(event({}) as never, window as never, undefined)).toBe(true);
    expect(isTrustedSender(event({ senderId: 8 }) as never, window as never, undefined)).toBe(false);
    expect(isTrustedSender(event({ parent: {} }) as never, window as never, undefined)).toBe(false);
    expect(isTrustedSender(event({ url: 'https://evil.example/' }) as never, window as never, undefined)).toBe(false);
    expect(isTrustedSender(event({ frame: null }) as never, window as never, undefined)).toBe(false);
    expect(isTrustedSender(event({}) as never, null, undefined)).toBe(false);
    expect(isTrustedSender(event({}) as never, { ...window, isDestroyed: () => true } as never, undefined)).toBe(false);
    expect(isTrustedSender(event({ url: 'http://localhost:5173/' }) as never, window as never, undefined)).toBe(false);
    expect(isTrustedSender(event({ url: 'http://localhost:5173/' }) as never, window as never, 'http://localhost:5173')).toBe(true);
  });
});

describe('preload', () => {
  let api: EcsDesignerApi;
  beforeEach(async () => {
    await import('../preload/index');
    api = fake.exposed[API_GLOBAL_NAME] as EcsDesignerApi;
    fake.invoked.length = 0;
  });

  it('exposes exactly the API: the page channels, the subscriptions and readDroppedFile; frozen', () => {
    expect(Object.keys(api).sort()).toEqual([...API_KEYS].sort());
    expect(Object.keys(api.invoke).sort()).toEqual([...PAGE_INVOKE_CHANNELS].sort());
    expect(Object.keys(api.invoke)).not.toContain('design:read-dropped');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.invoke)).toBe(true);
  });

  it('event listeners get only valid payloads, never the IPC event', () => {
    const got: unknown[][] = [];
    const off = api.onOpenFile((...args: unknown[]) => void got.push(args));
    const emit = (payload: unknown) => {
      for (const l of fake.listeners.get('app:open-file') ?? []) l({ sender: 'ipc-event' }, payload);
    };
    emit({ path: '/d/a.ecsd.json' });
    emit({ path: 'relative.json' });
    emit('nonsense');
    off();
    emit({ path: '/d/b.ecsd.json' });
    expect(got).toEqual([[{ path: '/d/a.ecsd.json' }]]);
    expect(() => api.onRequestClose('not a function' as never)).toThrow(TypeError);
  });

  it('readDroppedFile takes the path from the File, and refuses a File without one', async () => {
    await api.readDroppedFile({ name: 'a.ecsd.json', size: 1, path: '/d/a.ecsd.json' } as never);
    expect(fake.invoked).toEqual([['design:read-dropped', { path: '/d/a.ecsd.json' }]]);
    const refused = await api.readDroppedFile({ name: 'made-up.json', size: 1 });
    expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Only files dropped from the file system can be opened.' } });
    expect(fake.invoked).toHaveLength(1);
  });
});
