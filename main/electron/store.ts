import { app } from 'electron';
import Store from 'electron-store';
import * as fs from 'node:fs';
import path from 'node:path';
import {
  createValidatedStore,
  STORE_DEFAULTS,
  storeJsonSchemaProperties,
  type AppStore,
  type StoreData,
  type StoreKey,
} from '../settings/appStore';

const STORE_NAME = 'settings';

export interface ObservableAppStore extends AppStore {
  /** Called after any key is written. Returns the unsubscribe function. */
  onChange(listener: (key: StoreKey) => void): () => void;
}

function open(): Store<StoreData> {
  return new Store<StoreData>({
    name: STORE_NAME,
    // Same schema as the zod one (generated from it): electron-store validates every write with ajv.
    schema: storeJsonSchemaProperties() as never,
    defaults: STORE_DEFAULTS,
    clearInvalidConfig: true,
  });
}

/**
 * Settings, recent files and window state in electron-store (user-data folder), schema'd. A file that fails the
 * schema (hand-edited, written by a newer build) is moved aside as `settings.json.invalid-<time>` rather than
 * crashing the app at start-up.
 */
export function createElectronAppStore(): ObservableAppStore {
  let electronStore: Store<StoreData>;
  try {
    electronStore = open();
  } catch (error) {
    const file = path.join(app.getPath('userData'), `${STORE_NAME}.json`);
    console.error(`Settings file ${file} is invalid; starting with defaults.`, error);
    try {
      fs.renameSync(file, `${file}.invalid-${Date.now()}`);
    } catch {
      // nothing to move aside
    }
    electronStore = open();
  }
  const listeners = new Set<(key: StoreKey) => void>();
  const validated = createValidatedStore({
    get: (key) => electronStore.get(key as StoreKey),
    set: (key, value) => electronStore.set(key as StoreKey, value as never),
  });
  return {
    get: (key) => validated.get(key),
    set(key, value) {
      validated.set(key, value);
      for (const listener of listeners) listener(key);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
