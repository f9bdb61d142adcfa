import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** Checklist items that live in packaging: Electron fuses, ASAR, a pinned current Electron. */
const root = new URL('../../', import.meta.url);
const builder = parse(fs.readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(fs.readFileSync(new URL('package.json', root), 'utf8')) as { devDependencies: Record<string, string> };

describe('packaging security', () => {
  it('sets the Electron fuses: no run-as-node, no NODE_OPTIONS, no --inspect, ASAR integrity, cookie encryption', () => {
    expect(builder['asar']).toBe(true);
    expect(builder['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('pins an exact, current Electron major (45 or later)', () => {
    const version = pkg.devDependencies['electron'] ?? '';
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });
});
