import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonFileStore, STORE_DEFAULTS, storeJsonSchemaProperties } from './appStore';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecsd-store-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createJsonFileStore', () => {
  it('starts from defaults and persists what is set', () => {
    const store = createJsonFileStore(dir);
    expect(store.get('settings')).toEqual(STORE_DEFAULTS.settings);
    expect(store.get('recentFiles')).toEqual([]);
    store.set('settings', { theme: 'dark', showMiniMap: false });
    store.set('recentFiles', ['/tmp/a.ecsd.json']);
    const reopened = createJsonFileStore(dir);
    expect(reopened.get('settings')).toEqual({ theme: 'dark', showMiniMap: false });
    expect(reopened.get('recentFiles')).toEqual(['/tmp/a.ecsd.json']);
  });

  it('falls back to the default of a key whose stored value is invalid, keeping the others', () => {
    fs.writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ settings: { theme: 'purple', showMiniMap: true }, recentFiles: ['/tmp/b.json'] }),
    );
    const store = createJsonFileStore(dir);
    expect(store.get('settings')).toEqual(STORE_DEFAULTS.settings);
    expect(store.get('recentFiles')).toEqual(['/tmp/b.json']);
  });

  it('survives a config file that is not JSON', () => {
    fs.writeFileSync(path.join(dir, 'config.json'), '{{{');
    expect(createJsonFileStore(dir).get('window')).toBeNull();
  });

  it('refuses to persist an invalid value', () => {
    const store = createJsonFileStore(dir);
    expect(() => store.set('recentFiles', ['relative/path.json'])).toThrow();
    expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(false);
  });
});

describe('storeJsonSchemaProperties (electron-store schema)', () => {
  it('accepts the defaults and rejects wrong values, as ajv in electron-store will', async () => {
    // electron-store is `conf` with Electron's user-data folder; conf validates with the same JSON Schema.
    const { default: Conf } = await import('conf');
    const schema = storeJsonSchemaProperties();
    const conf = new Conf({ cwd: dir, schema: schema as never, defaults: STORE_DEFAULTS as never });
    expect(conf.get('settings')).toEqual(STORE_DEFAULTS.settings);
    conf.set('window', { width: 1000, height: 700, maximized: true });
    expect(() => conf.set('settings', { theme: 'purple', showMiniMap: true })).toThrow(/theme/);
    expect(() => conf.set('settings', { theme: 'dark', showMiniMap: true, secret: 'x' })).toThrow();
  });
});
