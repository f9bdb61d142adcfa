import * as fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SETTINGS, FilePathSchema, MAX_RECENT_FILES, SettingsSchema } from '../../shared/ipc/contract';

/**
 * What main persists in the user-data folder: settings, recent files, window state. No secrets, ever.
 * Described once with zod; the Electron build hands the JSON Schema generated from it to electron-store, and the
 * plain-Node file store (tests, e2e) validates with the zod schema directly.
 */

export const WindowStateSchema = z.strictObject({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(150).max(100_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const StoreDataSchema = z.strictObject({
  settings: SettingsSchema,
  recentFiles: z.array(FilePathSchema).max(MAX_RECENT_FILES),
  window: WindowStateSchema.nullable(),
});
export type StoreData = z.infer<typeof StoreDataSchema>;
export type StoreKey = keyof StoreData;

export const STORE_DEFAULTS: StoreData = {
  settings: DEFAULT_SETTINGS,
  recentFiles: [],
  window: null,
};

/** Typed key/value access to the persisted data. electron-store and the JSON file store both provide it. */
export interface AppStore {
  get<K extends StoreKey>(key: K): StoreData[K];
  set<K extends StoreKey>(key: K, value: StoreData[K]): void;
}

/** Untyped storage underneath an AppStore. */
export interface StoreBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const KEY_SCHEMAS: { readonly [K in StoreKey]: z.ZodType<StoreData[K]> } = StoreDataSchema.shape;

/**
 * Wraps a backend so that reads are validated (a value that fails its schema — hand-edited file, older build —
 * falls back to the default for that key instead of crashing) and writes are validated (a bug cannot persist
 * garbage).
 */
export function createValidatedStore(backend: StoreBackend): AppStore {
  return {
    get(key) {
      const parsed = KEY_SCHEMAS[key].safeParse(backend.get(key));
      return parsed.success ? parsed.data : structuredClone(STORE_DEFAULTS[key]);
    },
    set(key, value) {
      backend.set(key, KEY_SCHEMAS[key].parse(value));
    },
  };
}

/**
 * A plain-Node store: one JSON file in `dir`, written atomically (temp file + rename). Used by tests and by the
 * e2e bridge, where electron-store (which needs a running Electron) is not available.
 */
export function createJsonFileStore(dir: string, fileName = 'config.json'): AppStore {
  const file = path.join(dir, fileName);
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      data = parsed as Record<string, unknown>;
    }
  } catch {
    // Missing or unreadable: start from defaults (each key is validated on read anyway).
  }
  const backend: StoreBackend = {
    get: (key) => (Object.hasOwn(data, key) ? data[key] : undefined),
    set: (key, value) => {
      data = { ...data, [key]: value };
      fs.mkdirSync(dir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(data, null, 2));
      fs.renameSync(temp, file);
    },
  };
  return createValidatedStore(backend);
}

/**
 * The JSON Schema of the stored data, per top-level key, in the shape electron-store's `schema` option takes.
 */
export function storeJsonSchemaProperties(): Record<string, unknown> {
  const schema = z.toJSONSchema(StoreDataSchema, { io: 'input' }) as { properties?: Record<string, unknown> };
  return schema.properties ?? {};
}
