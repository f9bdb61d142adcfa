import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/ipc/contract';
import type { DeployEvent } from '../../shared/ipc/deploy';
import { serializeDesign } from '../../shared/model/document';
import { motoClientConfig } from '../aws/testing/moto';
import { motoDefaultVpc } from '../deploy/testing/motoNetwork';
import { useMoto } from '../aws/testing/useMoto';
import { createJsonFileStore } from '../settings/appStore';
import { createHandlers, type DesignDialogs, type HandlerTable } from './handlers';
import { deployTestDesign } from './deployTestDesign';

/**
 * "CloudFormation stack" mode through the real handler table against moto: the change set stays in main under a
 * plan id; execution needs exactly the confirmed removals; stack events stream as deploy events; discard deletes it.
 */

const moto = useMoto();
const APP_INFO: AppInfo = { name: 'ECS Designer', version: '0', platform: 'linux', versions: { electron: null, chrome: null, node: process.versions.node } };

let dir: string;
let designFile: string;
let events: DeployEvent[];
let table: HandlerTable;
let text: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsd-stack-ipc-'));
  designFile = path.join(dir, 'shop.ecsd.json');
  events = [];
  table = createHandlers({
    appInfo: APP_INFO,
    store: createJsonFileStore(path.join(dir, 'user-data')),
    dialogs: { showOpenDesign: async () => designFile } as unknown as DesignDialogs,
    openExternal: async () => undefined,
    deploy: { send: (e) => void events.push(e), pollIntervalMs: 50, credentials: async () => ({ accessKeyId: 'AKIDSTACKIPC0001', secretAccessKey: 'stack-ipc-secret' }) },
  });
  text = serializeDesign(deployTestDesign(await motoDefaultVpc(moto.endpoint)));
  await fs.writeFile(designFile, text);
  expect((await table['design:open-dialog']({})).ok).toBe(true);
}, 60_000);

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const target = () => ({ region: 'us-east-1', endpointUrl: moto.endpoint });
const cfn = () => new CloudFormationClient(motoClientConfig(moto.endpoint));

describe('Deploy IPC: CloudFormation stack mode against moto', { timeout: 120_000 }, () => {
  it('plans a change set kept in main, executes it with streamed stack events and writes the stack report', async () => {
    const planned = await table['deploy:stack-plan']({ target: target(), design: text, runId: 'stack-1' });
    if (!planned.ok || planned.value.status !== 'planned') throw new Error(JSON.stringify(planned));
    expect(planned.value.changeSetType).toBe('CREATE');
    expect(planned.value.changes.map((c) => c.logicalId)).toEqual(expect.arrayContaining(['ApiService', 'DeployE2eCluster']));
    expect(planned.value.changes.find((c) => c.logicalId === 'ApiService')?.nodeId).toBe('service-1');

    const done = await table['deploy:stack-execute']({ planId: planned.value.planId, runId: 'stack-2', designPath: designFile });
    if (!done.ok || done.value.status !== 'done') throw new Error(JSON.stringify(done));
    expect(done.value.report.status, done.value.report.message).toBe('succeeded');
    expect(done.value.reportFile).toBe(path.join(dir, 'shop.stack-report.json'));
    expect(JSON.parse(await fs.readFile(done.value.reportFile!, 'utf8')).stackStatus).toBe('CREATE_COMPLETE');
    expect(events.some((e) => e.kind === 'stack-event' && e.runId === 'stack-2')).toBe(true);
    const client = cfn();
    const stack = (await client.send(new DescribeStacksCommand({ StackName: done.value.report.stackName }))).Stacks?.[0];
    client.destroy();
    expect(stack?.StackStatus).toBe('CREATE_COMPLETE');

    // The plan id was used up: executing again is refused without an AWS call.
    const again = await table['deploy:stack-execute']({ planId: planned.value.planId, runId: 'stack-3' });
    expect(again.ok && again.value.status === 'failed' && again.value.message).toContain('plan again');
    expect(JSON.stringify(events)).not.toContain('stack-ipc-secret');
  });

  it('refuses to execute when the confirmed removals differ, and discard deletes the change set', async () => {
    const planned = await table['deploy:stack-plan']({ target: target(), design: text, runId: 'stack-1' });
    if (!planned.ok || planned.value.status !== 'planned') throw new Error(JSON.stringify(planned));
    const refused = await table['deploy:stack-execute']({ planId: planned.value.planId, runId: 'stack-2', confirmedRemovals: [{ logicalId: 'ApiService', type: 'AWS::ECS::Service' }] });
    expect(refused.ok && refused.value.status === 'failed' && refused.value.message).toContain('differs from what was confirmed');
    expect(await table['deploy:stack-discard']({ planId: planned.value.planId })).toEqual({ ok: true, value: true });
    expect(await table['deploy:stack-discard']({ planId: planned.value.planId })).toEqual({ ok: true, value: false });
    const client = cfn();
    const left = await client.send(new ListChangeSetsCommand({ StackName: planned.value.stackName })).catch(() => ({ Summaries: [] }));
    client.destroy();
    expect(left.Summaries ?? []).toEqual([]);
    const bad = await table['deploy:stack-execute']({ planId: '../etc', runId: 'x' });
    expect(!bad.ok && bad.error.code).toBe('BAD_REQUEST');
  });
});
