import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/ipc/contract';
import type { DeployEvent } from '../../shared/ipc/deploy';
import { serializeDesign } from '../../shared/model/document';
import { motoDefaultVpc } from '../deploy/testing/motoNetwork';
import { useMoto } from '../aws/testing/useMoto';
import { createJsonFileStore } from '../settings/appStore';
import { createHandlers, type DesignDialogs, type HandlerTable } from './handlers';
import { deployTestDesign } from './deployTestDesign';

/**
 * A deploy that fails through IPC: moto started WITHOUT running tasks (MOTO_ECS_SERVICE_RUNNING unset), so the
 * service never becomes stable within the bounded wait. The answer carries the failure on the service's node, the
 * progress stream says which resource failed, and the report is still written beside the design.
 */

const moto = useMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });
const APP_INFO: AppInfo = { name: 'ECS Designer', version: '0', platform: 'linux', versions: { electron: null, chrome: null, node: process.versions.node } };

let dir: string;
let designFile: string;
let events: DeployEvent[];
let table: HandlerTable;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsd-deploy-fail-'));
  designFile = path.join(dir, 'shop.ecsd.json');
  events = [];
  table = createHandlers({
    appInfo: APP_INFO,
    store: createJsonFileStore(path.join(dir, 'user-data')),
    dialogs: { showOpenDesign: async () => designFile } as unknown as DesignDialogs,
    openExternal: async () => undefined,
    deploy: { send: (e) => void events.push(e), pollIntervalMs: 50, credentials: async () => ({ accessKeyId: 'AKIDFAIL0001', secretAccessKey: 'fail-secret' }) },
  });
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('Deploy IPC: a failing apply', { timeout: 120_000 }, () => {
  it('answers with the failure on the service node, streams the failed step and writes the report', async () => {
    const text = serializeDesign(deployTestDesign(await motoDefaultVpc(moto.endpoint)));
    await fs.writeFile(designFile, text);
    expect((await table['design:open-dialog']({})).ok).toBe(true);

    const r = await table['deploy:apply']({ target: { region: 'us-east-1', endpointUrl: moto.endpoint }, design: text, designPath: designFile, runId: 'fail-1', stableTimeoutSeconds: 1 });
    if (!r.ok || r.value.status !== 'done') throw new Error(JSON.stringify(r));
    const report = r.value.report;
    expect(report.status).toBe('failed');
    expect(report.failure).toMatchObject({ logicalId: 'ApiService', nodeId: 'service-1' });
    expect(report.message).toContain('deploy failed at ApiService (node service-1)');
    expect(events.some((e) => e.kind === 'progress' && e.progress.resource === 'ApiService' && e.progress.status === 'failed')).toBe(true);
    expect(JSON.parse(await fs.readFile(r.value.reportFile!, 'utf8')).failure.nodeId).toBe('service-1');
  });
});
