import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The main-process wiring of main/electron/index.ts, run against a fake `electron` module (Electron cannot run on
 * these machines): a file on the command line, a second instance and macOS 'open-file' become granted
 * `app:open-file` events once the renderer said `app:ready`; closing a window whose renderer reported unsaved
 * changes is prevented and turned into `app:request-close`; the renderer's `window:confirm-close` closes or quits.
 */

const fake = vi.hoisted(() => {
  const paths = { tmp: '' };
  const appEvents = new Map<string, ((...args: unknown[]) => void)[]>();
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const windows: FakeWindowT[] = [];
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  type FakeWindowT = InstanceType<typeof FakeWindow>;
  /** A minimal EventEmitter (node:events cannot be imported inside vi.hoisted). */
  class Emitter {
    private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
    on(name: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: (...args: unknown[]) => void) {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
      return true;
    }
  }
  class FakeWebContents extends Emitter {
    static nextId = 1;
    readonly id = FakeWebContents.nextId++;
    readonly sent: [string, unknown][] = [];
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    setWindowOpenHandler() {}
    getURL() {
      return 'app://app/index.html';
    }
  }
  class FakeWindow extends Emitter {
    static getAllWindows = () => windows.filter((w) => !w.destroyed);
    readonly webContents = new FakeWebContents();
    destroyed = false;
    focused = 0;
    constructor(readonly options: unknown) {
      super();
      windows.push(this);
    }
    loadURL = async () => undefined;
    isDestroyed = () => this.destroyed;
    isMinimized = () => false;
    isMaximized = () => false;
    isFullScreen = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 });
    maximize() {}
    restore() {}
    show() {}
    focus() {
      this.focused++;
    }
    close() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      this.destroyed = true;
      this.emit('closed');
    }
  }
  const app = {
    isPackaged: false,
    quitCalls: 0,
    enableSandbox() {},
    /** Chromium switches appended before the app is ready: switch → value. */
    switches: new Map<string, string | undefined>(),
    commandLine: {
      appendSwitch(name: string, value?: string) {
        app.switches.set(name, value);
      },
    },
    requestSingleInstanceLock: () => true,
    on(name: string, listener: (...args: unknown[]) => void) {
      appEvents.set(name, [...(appEvents.get(name) ?? []), listener]);
      return app;
    },
    whenReady: () => whenReady,
    quit() {
      app.quitCalls++;
      for (const l of appEvents.get('before-quit') ?? []) l({ preventDefault() {} });
    },
    exit() {},
    getName: () => 'ECS Designer',
    getVersion: () => '0.1.0',
    getPath: () => paths.tmp,
  };
  const session = { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {} };
  return {
    paths,
    appEvents,
    handlers,
    windows,
    ready: () => ready(),
    app,
    module: {
      app,
      BrowserWindow: FakeWindow,
      dialog: { showErrorBox: (title: string, message: string) => console.error(title, message), showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
      session: { defaultSession: session },
      shell: { openExternal: async () => undefined },
      ipcMain: { handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => void handlers.set(channel, fn) },
      protocol: { registerSchemesAsPrivileged() {}, handle() {} },
      Menu: { setApplicationMenu() {}, buildFromTemplate: (t: unknown) => t },
      nativeTheme: { shouldUseDarkColors: false },
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    },
  };
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));
// electron-store needs a real Electron; the JSON file store behind the same interface stands in for it.
vi.mock('./store', async () => {
  const { createJsonFileStore } = await import('../settings/appStore');
  return {
    createElectronAppStore: () => {
      const store = createJsonFileStore(fake.paths.tmp);
      return { ...store, onChange: () => () => undefined };
    },
  };
});

fake.paths.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecsd-main-'));
const argvFile = path.join(fake.paths.tmp, 'from-argv.ecsd.json');
const secondFile = path.join(fake.paths.tmp, 'second.ecsd.json');
const macFile = path.join(fake.paths.tmp, 'finder.ecsd.json');
const originalArgv = process.argv;

beforeAll(async () => {
  for (const file of [argvFile, secondFile, macFile]) fs.writeFileSync(file, '{"schemaVersion":1}');
  process.argv = ['/usr/bin/electron', '.', '--some-switch', argvFile];
  await import('./index');
  fake.ready();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});

afterAll(() => {
  process.argv = originalArgv;
  fs.rmSync(fake.paths.tmp, { recursive: true, force: true });
});

function win() {
  return fake.windows.at(-1)!;
}

/** An IPC call as the main frame of our window sends it. */
function invoke(channel: string, payload: unknown) {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender: { id: win().webContents.id }, senderFrame: { parent: null, url: 'app://app/index.html' } }, payload);
}

function emitApp(name: string, ...args: unknown[]) {
  for (const listener of fake.appEvents.get(name) ?? []) listener(...args);
}

const openFileEvents = () => win().webContents.sent.filter(([c]) => c === 'app:open-file').map(([, p]) => p);
const closeRequests = () => win().webContents.sent.filter(([c]) => c === 'app:request-close').map(([, p]) => p);

describe('main process wiring (fake electron)', () => {
  it('gives the renderers the V8 options the CLI runs with, and no other switch', () => {
    expect([...fake.app.switches]).toEqual([['js-flags', '--max-semi-space-size=64']]);
  });

  it('opens the command-line file once the renderer is ready, and lets the renderer read it', async () => {
    expect(openFileEvents()).toEqual([]);
    expect(await invoke('app:ready', {})).toEqual({ ok: true, value: null });
    expect(openFileEvents()).toEqual([{ path: argvFile }]);
    expect(await invoke('design:read', { path: argvFile })).toEqual({ ok: true, value: { path: argvFile, text: '{"schemaVersion":1}' } });
  });

  it('a second instance and macOS open-file go through the same path, focusing the window', async () => {
    const focused = win().focused;
    emitApp('second-instance', {}, ['/usr/bin/electron', '.', path.basename(secondFile)], fake.paths.tmp);
    const openFile = { preventDefault: vi.fn() };
    emitApp('open-file', openFile, macFile);
    expect(openFile.preventDefault).toHaveBeenCalled();
    expect(openFileEvents().slice(1)).toEqual([{ path: secondFile }, { path: macFile }]);
    expect(win().focused).toBeGreaterThan(focused);
    expect((await invoke('design:read', { path: macFile }) as { ok: boolean }).ok).toBe(true);
  });

  it('hot-exit backups go to <userData>/backups', async () => {
    expect(await invoke('backup:write', { key: 'untitled-1', text: '{}' })).toMatchObject({ ok: true });
    expect(fs.readdirSync(path.join(fake.paths.tmp, 'backups'))).toEqual(['untitled-1.json']);
  });

  it('refuses IPC from another frame', async () => {
    const handler = fake.handlers.get('window:set-dirty')!;
    const result = await handler({ sender: { id: win().webContents.id }, senderFrame: { parent: {}, url: 'app://app/index.html' } }, { dirty: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a clean window closes at once; a dirty one asks the renderer, and closes after its answer', async () => {
    await invoke('window:set-dirty', { dirty: true });
    win().close();
    expect(win().isDestroyed()).toBe(false);
    expect(closeRequests()).toEqual([{ reason: 'close' }]);
    win().close();
    expect(closeRequests()).toHaveLength(1);

    await invoke('window:confirm-close', { close: false });
    expect(win().isDestroyed()).toBe(false);

    // Quit: asks with reason quit; confirming quits the app.
    fake.app.quit();
    win().close();
    expect(closeRequests()).toEqual([{ reason: 'close' }, { reason: 'quit' }]);
    const quits = fake.app.quitCalls;
    await invoke('window:confirm-close', { close: true });
    expect(fake.app.quitCalls).toBe(quits + 1);
    win().close();
    expect(win().isDestroyed()).toBe(true);
  });

  it('macOS: open-file with no window opens a new one, which gets the file once ready', async () => {
    emitApp('open-file', { preventDefault() {} }, argvFile);
    expect(fake.windows).toHaveLength(2);
    expect(openFileEvents()).toEqual([]);
    await invoke('app:ready', {});
    expect(openFileEvents()).toEqual([{ path: argvFile }]);
    // A reload resets: unsaved state forgotten (the backup is on disk), opens wait for app:ready again.
    await invoke('window:set-dirty', { dirty: true });
    win().webContents.emit('did-start-loading');
    win().close();
    expect(win().isDestroyed()).toBe(true);
  });

});
