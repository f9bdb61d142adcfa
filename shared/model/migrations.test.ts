import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, migrateDocument, type Migration } from './migrations';

describe('design migrations', () => {
  it('form an append-only chain from version 1 to the current version', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  // One test per entry of MIGRATIONS goes here as migrations are added (schemaVersion 1 is the first release).

  it('apply steps in order and report the original version', () => {
    const steps: Migration[] = [
      { from: 1, description: 'rename title to name', migrate: (d) => ({ ...d, name: d['title'], title: undefined }) },
      { from: 2, description: 'add settings', migrate: (d) => ({ ...d, settings: {} }) },
    ];
    const result = migrateDocument({ schemaVersion: 1, title: 'x' }, steps, 3);
    expect(result).toEqual({ ok: true, doc: { schemaVersion: 3, name: 'x', title: undefined, settings: {} }, migratedFrom: 1 });
  });

  it('refuse documents from a newer version, and versions without a path', () => {
    expect(migrateDocument({ schemaVersion: 5 }, [], 3)).toEqual({ ok: false, message: expect.stringMatching(/newer ECS Designer \(schemaVersion 5/) });
    expect(migrateDocument({ schemaVersion: 1 }, [], 2)).toEqual({ ok: false, message: 'No migration from schemaVersion 1 to 2.' });
    expect(migrateDocument({ schemaVersion: 'one' }, [], 2)).toEqual({ ok: false, message: expect.stringMatching(/\/schemaVersion: expected a positive integer/) });
  });
});
