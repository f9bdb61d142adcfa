import { test as base, expect, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EcsDesignerApi } from '../../shared/ipc/api';
import {
  API_GLOBAL_NAME,
  PAGE_INVOKE_CHANNELS,
  type CloseReason,
  type MenuCommand,
  type OpenFileEvent,
} from '../../shared/ipc/channels';
import { MenuCommandSchema, OpenFileEventSchema, RequestCloseEventSchema, type AppInfo } from '../../shared/ipc/contract';
import { err } from '../../shared/ipc/result';
import { listAwsProfiles } from '../../main/aws/profiles';
import { backupsDirFor, createBackupService } from '../../main/backups/backupService';
import { createOpenRequests } from '../../main/documents/openRequests';
import { createHandlers, invokeHandler, type HandlerTable } from '../../main/ipc/handlers';
import { createPathGrants } from '../../main/ipc/pathGrants';
import { createJsonFileStore, type AppStore } from '../../main/settings/appStore';
import { startStaticServer } from './server';

/**
 * The e2e harness: the built renderer runs in Debian Chromium; `window.ecsDesigner` is installed in the page with
 * `page.exposeFunction` + an init script and routed to the very same handler table that main registers with
 * `ipcMain.handle` (createHandlers). Everything but Electron's transport is real: validation, file I/O, settings.
 */

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_ROOT = path.join(REPO_ROOT, 'out', 'renderer');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'e2e', 'screenshots');

/** Test-controlled stand-ins for the native Open/Save dialogs. */
export interface DialogStubs {
  /** What the next Open dialog returns (null = the user cancels). */
  nextOpenPath: string | null;
  /** What the next Save dialog returns (null = the user cancels). */
  nextSavePath: string | null;
  readonly saveSuggestions: string[];
}

/** What the renderer told "main" about its window (window:set-dirty, window:confirm-close, app:ready). */
export interface WindowRecord {
  dirty: boolean;
  readonly closeAnswers: boolean[];
  readyCount: number;
}

export interface Bridge {
  /** Fresh per test, kept across page reloads: the user-data folder (settings, recent files, backups). */
  readonly userDataDir: string;
  /** `<userDataDir>/backups`. */
  readonly backupsDir: string;
  /** Where AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE point for this test (files absent unless a test writes them). */
  readonly awsFiles: { readonly config: string; readonly credentials: string };
  readonly window: WindowRecord;
  /**
   * The e2e stand-in for `webUtils.getPathForFile`: Chromium does not reveal a dropped file's path, so a test
   * registers the path of each file name it drops. Unregistered names get FORBIDDEN, as a File without a path does.
   */
  readonly dropPaths: Map<string, string>;
  /** Fresh per test: a folder for design files the test creates. */
  readonly workDir: string;
  readonly dialogs: DialogStubs;
  readonly table: HandlerTable;
  readonly store: AppStore;
  readonly openedUrls: readonly string[];
  /** Sends a native-menu command, as main does (validated against the contract first). */
  sendCommand(command: MenuCommand): Promise<void>;
  /** What main does for a command-line / second-instance / file-association path: grant it, send app:open-file. */
  openFromOs(filePath: string): Promise<void>;
  /** What main does when the user closes a dirty window: sends app:request-close. */
  requestClose(reason: CloseReason): Promise<void>;
}

interface InstallOptions {
  readonly globalName: string;
  readonly channels: readonly string[];
}

declare global {
  interface Window {
    readonly ecsDesigner?: EcsDesignerApi;
    __ecsDesignerInvoke?: (channel: string, payload: unknown) => Promise<unknown>;
    __ecsDesignerEmitCommand?: (command: unknown) => void;
    __ecsDesignerEmit?: (channel: string, payload: unknown) => void;
    __ecsDesignerReadDropped?: (name: string) => Promise<unknown>;
  }
}

/** Runs in the page before its scripts: the e2e counterpart of main/preload/index.ts. */
function installBridge({ globalName, channels }: InstallOptions): void {
  const listeners = new Set<(command: unknown) => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const subscribe = (channel: string) => (listener: (payload: unknown) => void) => {
    const set = eventListeners.get(channel) ?? new Set();
    eventListeners.set(channel, set);
    set.add(listener);
    return () => void set.delete(listener);
  };
  const invoke = Object.freeze(
    Object.fromEntries(
      channels.map((channel) => [
        channel,
        (request: unknown) => {
          const binding = window.__ecsDesignerInvoke;
          if (!binding) return Promise.reject(new Error('e2e bridge binding missing'));
          return binding(channel, request);
        },
      ]),
    ),
  );
  const api = Object.freeze({
    invoke,
    onCommand(listener: (command: unknown) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onOpenFile: subscribe('app:open-file'),
    onRequestClose: subscribe('app:request-close'),
    onDeployEvent: subscribe('deploy:event'),
    readDroppedFile(file: unknown) {
      const binding = window.__ecsDesignerReadDropped;
      if (!binding) return Promise.reject(new Error('e2e bridge binding missing'));
      if (!(file instanceof File)) return Promise.reject(new TypeError('readDroppedFile expects a File'));
      return binding(file.name);
    },
  });
  Object.defineProperty(window, globalName, { value: api, enumerable: false, configurable: false, writable: false });
  Object.defineProperty(window, '__ecsDesignerEmitCommand', {
    value: (command: unknown) => {
      for (const listener of listeners) listener(command);
    },
    enumerable: false,
  });
  Object.defineProperty(window, '__ecsDesignerEmit', {
    value: (channel: string, payload: unknown) => {
      for (const listener of eventListeners.get(channel) ?? []) listener(payload);
    },
    enumerable: false,
  });
}

function readPackage(): { productName?: string; name: string; version: string } {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    productName?: string;
    name: string;
    version: string;
  };
}

export const test = base.extend<{ bridge: Bridge; app: Page; pageErrors: string[] }, { rendererUrl: string }>({
  rendererUrl: [
    // Playwright reads fixture dependencies from the destructuring pattern, so an empty one is required here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (!fs.existsSync(path.join(RENDERER_ROOT, 'index.html'))) {
        throw new Error(`No built renderer in ${RENDERER_ROOT}: run \`npx electron-vite build\` first.`);
      }
      const server = await startStaticServer(RENDERER_ROOT);
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],

  /** Console errors, uncaught exceptions and CSP violations; every test fails if any occurred. */
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
      });
      await use(errors);
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],

  bridge: async ({ page, browser }, use) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ecsd-e2e-'));
    const userDataDir = path.join(root, 'user-data');
    const workDir = path.join(root, 'designs');
    fs.mkdirSync(userDataDir);
    fs.mkdirSync(workDir);

    const pkg = readPackage();
    const appInfo: AppInfo = {
      name: pkg.productName ?? pkg.name,
      version: pkg.version,
      platform: process.platform,
      versions: { electron: null, chrome: browser.version(), node: process.versions.node },
    };
    const dialogs: DialogStubs = { nextOpenPath: null, nextSavePath: null, saveSuggestions: [] };
    const openedUrls: string[] = [];
    const store = createJsonFileStore(userDataDir);
    const backupsDir = backupsDirFor(userDataDir);
    const awsFiles = { config: path.join(root, 'aws', 'config'), credentials: path.join(root, 'aws', 'credentials') };
    const windowRecord: WindowRecord = { dirty: false, closeAnswers: [], readyCount: 0 };
    const dropPaths = new Map<string, string>();
    const emit = (channel: string, payload: unknown) =>
      page.evaluate(([c, p]) => window.__ecsDesignerEmit?.(c, p), [channel, payload] as const);
    const grants = createPathGrants();
    const pendingEmits: Promise<unknown>[] = [];
    const openRequests = createOpenRequests({
      grants,
      send: (event: OpenFileEvent) => void pendingEmits.push(emit('app:open-file', OpenFileEventSchema.parse(event))),
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) openRequests.rendererReset();
    });
    const table = createHandlers({
      grants,
      backups: createBackupService({ dir: backupsDir }),
      listAwsProfiles: () =>
        listAwsProfiles({ env: { AWS_CONFIG_FILE: awsFiles.config, AWS_SHARED_CREDENTIALS_FILE: awsFiles.credentials }, homedir: root }),
      window: {
        setDirty: (dirty) => void (windowRecord.dirty = dirty),
        confirmClose: (close) => void windowRecord.closeAnswers.push(close),
        rendererReady: () => {
          windowRecord.readyCount += 1;
          openRequests.rendererReady();
        },
      },
      appInfo,
      store,
      dialogs: {
        showOpenDesign: async () => {
          const chosen = dialogs.nextOpenPath;
          dialogs.nextOpenPath = null;
          return chosen;
        },
        showSaveDesign: async ({ suggestedName }) => {
          dialogs.saveSuggestions.push(suggestedName);
          const chosen = dialogs.nextSavePath;
          dialogs.nextSavePath = null;
          return chosen;
        },
        showOpenImport: async () => {
          const chosen = dialogs.nextOpenPath;
          dialogs.nextOpenPath = null;
          return chosen;
        },
        showChooseExportFolder: async () => {
          const chosen = dialogs.nextSavePath;
          dialogs.nextSavePath = null;
          return chosen;
        },
        showSaveDiagram: async ({ suggestedName }) => {
          dialogs.saveSuggestions.push(suggestedName);
          const chosen = dialogs.nextSavePath;
          dialogs.nextSavePath = null;
          return chosen;
        },
      },
      openExternal: async (url) => void openedUrls.push(url),
      // Deploy events go to the page as main's webContents.send does (already validated by the deploy module).
      deploy: { send: (event) => void emit('deploy:event', event).catch(() => undefined), pollIntervalMs: 200 },
    });

    await page.exposeFunction('__ecsDesignerInvoke', (channel: unknown, payload: unknown) =>
      invokeHandler(table, channel, payload),
    );
    await page.exposeFunction('__ecsDesignerReadDropped', (name: unknown) => {
      const filePath = typeof name === 'string' ? dropPaths.get(name) : undefined;
      if (filePath === undefined) return err('FORBIDDEN', 'Only files dropped from the file system can be opened.');
      return invokeHandler(table, 'design:read-dropped', { path: filePath });
    });
    await page.addInitScript(installBridge, { globalName: API_GLOBAL_NAME, channels: [...PAGE_INVOKE_CHANNELS] });

    await use({
      userDataDir,
      backupsDir,
      awsFiles,
      window: windowRecord,
      dropPaths,
      workDir,
      dialogs,
      table,
      store,
      openedUrls,
      async sendCommand(command) {
        const valid = MenuCommandSchema.parse(command);
        await page.evaluate((c) => window.__ecsDesignerEmitCommand?.(c), valid);
      },
      async openFromOs(filePath) {
        openRequests.open(filePath);
        await Promise.all(pendingEmits.splice(0));
      },
      async requestClose(reason) {
        await emit('app:request-close', RequestCloseEventSchema.parse({ reason }));
      },
    });
    fs.rmSync(root, { recursive: true, force: true });
  },

  app: async ({ page, bridge, rendererUrl }, use) => {
    void bridge; // installs the API before the page loads
    await page.goto(`${rendererUrl}/index.html`);
    await expect(page.getByRole('menubar', { name: 'Application menu' })).toBeVisible();
    await use(page);
  },
});

export { expect };
