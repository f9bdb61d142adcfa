import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDesignText } from '../../shared/model/document';
import { createHandlers, type DesignDialogs, type HandlerTable } from '../ipc/handlers';
import { createJsonFileStore } from '../settings/appStore';
import { seedAccount } from './testing/accountImportSeed';
import { startMoto, type MotoServer } from './testing/moto';

/** aws:import-account through the real handler table (as the app and the e2e bridge call it), against moto. */

const KEY_ID = 'AKIDIPCTEST000000001';
const SECRET = 'ipc-test-secret-never-sent';

let moto: MotoServer;
let dir: string;
let table: HandlerTable;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  moto = await startMoto();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsd-aws-ipc-'));
  // Credentials come from a profile of the shared files, read by the SDK in main — never from the request.
  const env = {
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  await fs.writeFile(env.AWS_CONFIG_FILE, '[profile moto]\nregion = us-east-1\n');
  await fs.writeFile(env.AWS_SHARED_CREDENTIALS_FILE, `[moto]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`);
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  const none = async () => null;
  table = createHandlers({
    appInfo: { name: 'ECS Designer', version: '0', platform: 'linux', versions: { electron: null, chrome: null, node: process.versions.node } },
    store: createJsonFileStore(path.join(dir, 'user-data')),
    dialogs: { showOpenDesign: none, showSaveDesign: none, showSaveDiagram: none, showOpenImport: none, showChooseExportFolder: none } satisfies DesignDialogs,
    openExternal: async () => undefined,
  });
}, 90_000);

afterAll(async () => {
  await moto?.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await fs.rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await moto.reset();
});

describe('aws:import-account', () => {
  it('answers the design as JSON text and the report; no credential value in the answer', async () => {
    await seedAccount(moto.endpoint, 'small');
    const result = await table['aws:import-account']({ profile: 'moto', region: 'us-east-1', endpointUrl: moto.endpoint, cluster: 'shop' });
    expect(result.ok).toBe(true);
    if (!result.ok || result.value.status !== 'imported') throw new Error(JSON.stringify(result));
    const parsed = parseDesignText(result.value.text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.design.nodes.filter((n) => n.kind === 'service')).toHaveLength(1);
    expect(result.value.report).toMatchObject({ cluster: 'shop', region: 'us-east-1', endpointUrl: moto.endpoint, warnings: [] });
    const wire = JSON.stringify(result);
    expect(wire).not.toContain(KEY_ID);
    expect(wire).not.toContain(SECRET);
  });

  it('an AWS failure is an answer with its code and message', async () => {
    const result = await table['aws:import-account']({ profile: 'moto', region: 'us-east-1', endpointUrl: moto.endpoint, cluster: 'nope' });
    expect(result).toEqual({ ok: true, value: { status: 'failed', code: 'cluster-not-found', message: expect.stringContaining('cluster "nope" was not found') } });
  });

  it('refuses credentials, bad regions and non-http endpoints in the request', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ region: 'us-east-1', cluster: 'shop', accessKeyId: KEY_ID, secretAccessKey: SECRET }, 'Unrecognized key'],
      [{ region: 'mars', cluster: 'shop' }, '"region"'],
      [{ region: 'us-east-1', cluster: 'shop', endpointUrl: 'file:///etc/passwd' }, '"endpointUrl"'],
      [{ region: 'us-east-1', cluster: 'has spaces' }, '"cluster"'],
      [{ region: 'us-east-1', cluster: 'shop', profile: 'bad profile!' }, '"profile"'],
    ];
    for (const [payload, text] of cases) {
      const result = await table['aws:import-account'](payload);
      expect(result.ok, JSON.stringify(payload)).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('BAD_REQUEST');
        expect(result.error.message).toContain(text);
      }
    }
  });
});
