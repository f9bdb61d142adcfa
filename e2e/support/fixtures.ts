import { test as base, expect, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EcsDesignerApi } from '../../shared/ipc/api';
import { API_GLOBAL_NAME, INVOKE_CHANNELS, type MenuCommand } from '../../shared/ipc/channels';
import { MenuCommandSchema, type AppInfo } from '../../shared/ipc/contract';
import { createHandlers, invokeHandler, type HandlerTable } from '../../main/ipc/handlers';
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

export interface Bridge {
  /** Fresh per test: the user-data folder (settings, recent files). */
  readonly userDataDir: string;
  /** Fresh per test: a folder for design files the test creates. */
  readonly workDir: string;
  readonly dialogs: DialogStubs;
  readonly table: HandlerTable;
  readonly store: AppStore;
  readonly openedUrls: readonly string[];
  /** Sends a native-menu command, as main does (validated against the contract first). */
  sendCommand(command: MenuCommand): Promise<void>;
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
  }
}

/** Runs in the page before its scripts: the e2e counterpart of main/preload/index.ts. */
function installBridge({ globalName, channels }: InstallOptions): void {
  const listeners = new Set<(command: unknown) => void>();
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
  });
  Object.defineProperty(window, globalName, { value: api, enumerable: false, configurable: false, writable: false });
  Object.defineProperty(window, '__ecsDesignerEmitCommand', {
    value: (command: unknown) => {
      for (const listener of listeners) listener(command);
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
    const table = createHandlers({
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
      },
      openExternal: async (url) => void openedUrls.push(url),
    });

    await page.exposeFunction('__ecsDesignerInvoke', (channel: unknown, payload: unknown) =>
      invokeHandler(table, channel, payload),
    );
    await page.addInitScript(installBridge, { globalName: API_GLOBAL_NAME, channels: [...INVOKE_CHANNELS] });

    await use({
      userDataDir,
      workDir,
      dialogs,
      table,
      store,
      openedUrls,
      async sendCommand(command) {
        const valid = MenuCommandSchema.parse(command);
        await page.evaluate((c) => window.__ecsDesignerEmitCommand?.(c), valid);
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
