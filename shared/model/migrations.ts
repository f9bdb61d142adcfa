/**
 * Append-only list of design-file migrations. Each entry turns a document of schemaVersion `from` into one of
 * `from + 1`. Never edit or remove an entry once released; add a new one and bump CURRENT_SCHEMA_VERSION.
 * Every migration has its own test in migrations.test.ts.
 */
export const CURRENT_SCHEMA_VERSION = 1;

export type Migration = {
  from: number;
  description: string;
  migrate: (doc: Record<string, unknown>) => Record<string, unknown>;
};

export const MIGRATIONS: readonly Migration[] = [];

export type MigrationResult =
  | { ok: true; doc: Record<string, unknown>; migratedFrom?: number }
  | { ok: false; message: string };

/** Brings a raw document up to `target`, one step at a time. Refuses documents written by a newer version. */
export function migrateDocument(
  doc: Record<string, unknown>,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = CURRENT_SCHEMA_VERSION,
): MigrationResult {
  const version = doc['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: `/schemaVersion: expected a positive integer, got ${JSON.stringify(version)}` };
  }
  if (version > target) {
    return {
      ok: false,
      message: `This design was saved by a newer ECS Designer (schemaVersion ${version}; this version reads up to ${target}). Update ECS Designer to open it.`,
    };
  }
  let current = doc;
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, message: `No migration from schemaVersion ${v} to ${v + 1}.` };
    current = { ...step.migrate(current), schemaVersion: v + 1 };
  }
  return version === target ? { ok: true, doc: current } : { ok: true, doc: current, migratedFrom: version };
}
