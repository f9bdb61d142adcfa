import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/ipc/contract';
import type { DeployEvent, DeployReportResponse, PlanStepView } from '../../shared/ipc/deploy';
import { DeployEventSchema } from '../../shared/ipc/deploy';
import { isDeployEvent } from '../../shared/ipc/deployEvents';
import { serializeDesign, type Design } from '../../shared/model/document';
import { motoClientConfig } from '../aws/testing/moto';
import { motoDefaultVpc } from '../deploy/testing/motoNetwork';
import { useMoto } from '../aws/testing/useMoto';
import { createJsonFileStore } from '../settings/appStore';
import { createHandlers, type DesignDialogs, type HandlerTable } from './handlers';
import { deployTestDesign } from './deployTestDesign';

/**
 * The Deploy IPC channels end to end through the real handler table (request schemas, the deploy module, the
 * engine) against moto: plan → apply with progress events → report beside the design → unchanged redeploy →
 * a removed node is deleted only with the exact confirmed list. Credentials come from the test seam with a marker
 * secret that must never appear in an event, a response or the report.
 */

const moto = useMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', MOTO_ECS_SERVICE_RUNNING: '1' } });

const SECRET = 'deploy-ipc-secret-marker-0123456789';
const APP_INFO: AppInfo = { name: 'ECS Designer', version: '0', platform: 'linux', versions: { electron: null, chrome: null, node: process.versions.node } };

let dir: string;
let events: DeployEvent[];
let table: HandlerTable;
let designFile: string;
let network: { vpcId: string; subnetIds: string[] };

const defaultNetwork = () => motoDefaultVpc(moto.endpoint);

function handlers(extra: { credentials?: boolean } = {}): HandlerTable {
  return createHandlers({
    appInfo: APP_INFO,
    store: createJsonFileStore(path.join(dir, 'user-data')),
    dialogs: { showOpenDesign: async () => designFile } as unknown as DesignDialogs,
    openExternal: async () => undefined,
    deploy: {
      send: (e) => void events.push(e),
      pollIntervalMs: 50,
      mfaTimeoutMs: 20_000,
      ...(extra.credentials === false ? {} : { credentials: async () => ({ accessKeyId: 'AKIDDEPLOYIPCTEST01', secretAccessKey: SECRET }) }),
    },
  });
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsd-deploy-ipc-'));
  designFile = path.join(dir, 'shop.ecsd.json');
  events = [];
  network = await defaultNetwork();
  table = handlers();
}, 60_000);

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const target = () => ({ region: 'us-east-1', endpointUrl: moto.endpoint });

async function openDesign(design: Design): Promise<string> {
  const text = serializeDesign(design);
  await fs.writeFile(designFile, text);
  // Opening through the (stubbed) dialog grants the path, as in the app: the report may go beside it.
  const opened = await table['design:open-dialog']({});
  expect(opened.ok).toBe(true);
  return text;
}

async function planOf(text: string): Promise<{ steps: PlanStepView[]; nothingToDo: boolean }> {
  const r = await table['deploy:plan']({ target: target(), design: text, runId: 'plan-1' });
  if (!r.ok) throw new Error(r.error.message);
  if (r.value.status !== 'planned') throw new Error(r.value.message);
  return r.value;
}

async function applyOf(text: string, confirmedRemovals: { logicalId: string; type: string; name: string }[] = []): Promise<Extract<DeployReportResponse, { status: 'done' }>> {
  const r = await table['deploy:apply']({ target: target(), design: text, designPath: designFile, runId: 'apply-1', confirmedRemovals, stableTimeoutSeconds: 20 });
  if (!r.ok) throw new Error(r.error.message);
  if (r.value.status !== 'done') throw new Error(r.value.message);
  return r.value;
}

async function serviceStatus(name: string): Promise<string | undefined> {
  const ecs = new ECSClient(motoClientConfig(moto.endpoint));
  try {
    const r = await ecs.send(new DescribeServicesCommand({ cluster: 'deploy-e2e', services: [name] }));
    return r.services?.[0]?.status;
  } catch (e) {
    if (e instanceof Error && e.name === 'ClusterNotFoundException') return undefined;
    throw e;
  } finally {
    ecs.destroy();
  }
}

describe('Deploy IPC against moto', { timeout: 120_000 }, () => {
  it('plans, applies with progress events, writes the report beside the design, then plans nothing to do', async () => {
    const text = await openDesign(deployTestDesign(network, { services: ['api', 'worker'] }));
    const first = await planOf(text);
    expect(first.nothingToDo).toBe(false);
    expect(first.steps.filter((s) => s.action === 'create').map((s) => s.logicalId)).toEqual(expect.arrayContaining(['ApiService', 'WorkerService', 'DeployE2eCluster']));

    const done = await applyOf(text);
    expect(done.report.status, done.report.message).toBe('succeeded');
    expect(done.reportFile).toBe(path.join(dir, 'shop.deploy-report.json'));
    expect(JSON.parse(await fs.readFile(done.reportFile!, 'utf8'))).toEqual(done.report);
    const progress = events.filter((e) => e.kind === 'progress' && e.runId === 'apply-1');
    expect(progress.some((e) => e.kind === 'progress' && e.progress.resource === 'ApiService' && e.progress.status === 'succeeded' && e.progress.nodeId === 'service-1')).toBe(true);
    for (const e of events) {
      expect(DeployEventSchema.safeParse(e).success).toBe(true);
      expect(isDeployEvent(e)).toBe(true);
    }
    expect(await serviceStatus('api')).toBe('ACTIVE');

    // Status of each service of the design, on its node.
    const status = await table['deploy:status']({ target: target(), design: text });
    if (!status.ok || status.value.status !== 'read') throw new Error(JSON.stringify(status));
    const api = status.value.services.find((s) => s.service === 'api');
    expect(api).toMatchObject({ nodeId: 'service-1', logicalId: 'ApiService', cluster: 'deploy-e2e', status: 'ACTIVE', desired: 1, running: 1 });
    expect(api?.taskDefinition).toContain('deploy-e2e-api:1');

    const again = await planOf(text);
    expect(again.nothingToDo).toBe(true);
    const redeploy = await applyOf(text);
    expect(redeploy.report.message).toBe('nothing to do');
    expect(redeploy.report.apiCalls.mutating).toBe(0);

    // No credential value in anything that crossed IPC or was written.
    const crossed = JSON.stringify({ events, first, done, again, redeploy }) + (await fs.readFile(done.reportFile!, 'utf8'));
    expect(crossed).not.toContain(SECRET);
  });

  it('a removed node is deleted only with exactly the confirmed list; a different list is refused as a changed plan', async () => {
    const text = await openDesign(deployTestDesign(network, { services: ['api', 'worker'] }));
    expect((await applyOf(text)).report.status).toBe('succeeded');

    const smaller = await openDesign(deployTestDesign(network, { services: ['api'] }));
    const p = await planOf(smaller);
    const removals = p.steps.filter((s) => s.action === 'delete' || s.action === 'replace');
    expect(removals.map((s) => `${s.type} ${s.name}`).sort()).toEqual(['AWS::ECS::Service worker', 'AWS::ECS::TaskDefinition deploy-e2e-worker:1']);
    const confirmed = removals.map((s) => ({ logicalId: s.logicalId, type: s.type, name: s.name }));

    const unconfirmed = await applyOf(smaller);
    expect(unconfirmed.report.status).toBe('refused');
    expect(unconfirmed.report.apiCalls.mutating).toBe(0);
    expect(await serviceStatus('worker')).toBe('ACTIVE');

    const partial = await applyOf(smaller, confirmed.slice(0, 1));
    expect(partial.report.status).toBe('refused');
    expect(partial.report.message).toContain('the plan changed since it was confirmed');
    expect(await serviceStatus('worker')).toBe('ACTIVE');

    const yes = await applyOf(smaller, confirmed);
    expect(yes.report.status, yes.report.message).toBe('succeeded');
    expect(await serviceStatus('worker')).not.toBe('ACTIVE');
    expect(await serviceStatus('api')).toBe('ACTIVE');
  });

  it('destroy lists what carries the design id, then deletes exactly that after the confirmation', async () => {
    const text = await openDesign(deployTestDesign(network, { services: ['api'] }));
    expect((await applyOf(text)).report.status).toBe('succeeded');
    const listed = await table['deploy:destroy']({ target: target(), design: text, runId: 'destroy-1', planOnly: true });
    if (!listed.ok || listed.value.status !== 'done') throw new Error('destroy plan failed');
    const steps = listed.value.report.plan;
    expect(steps.map((s) => s.type)).toEqual(expect.arrayContaining(['AWS::ECS::Service', 'AWS::ECS::Cluster', 'AWS::IAM::Role']));
    const confirmedRemovals = steps.map((s) => ({ logicalId: s.logicalId, type: s.type, name: s.name }));
    const refused = await table['deploy:destroy']({ target: target(), design: text, designPath: designFile, runId: 'destroy-2', confirmedRemovals: confirmedRemovals.slice(1) });
    expect(refused.ok && refused.value.status === 'done' && refused.value.report.status).toBe('refused');
    expect(await serviceStatus('api')).toBe('ACTIVE');
    const deleted = await table['deploy:destroy']({ target: target(), design: text, designPath: designFile, runId: 'destroy-3', confirmedRemovals });
    if (!deleted.ok || deleted.value.status !== 'done') throw new Error('destroy failed');
    expect(deleted.value.report.status, deleted.value.report.message).toBe('succeeded');
    expect(deleted.value.reportFile).toBe(path.join(dir, 'shop.destroy-report.json'));
    expect(await serviceStatus('api')).not.toBe('ACTIVE');
  });

  it('refuses credential-looking fields, bad targets and a report path that was not granted', async () => {
    const text = serializeDesign(deployTestDesign(network));
    for (const extra of [{ accessKeyId: 'AKID' }, { secretAccessKey: 'x' }, { credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }]) {
      const r = await table['deploy:plan']({ target: { ...target(), ...extra }, design: text, runId: 'x' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('BAD_REQUEST');
      const top = await table['deploy:apply']({ target: target(), design: text, runId: 'x', ...extra });
      expect(top.ok).toBe(false);
    }
    const region = await table['deploy:plan']({ target: { region: 'mars-1' }, design: text, runId: 'x' });
    expect(!region.ok && region.error.message).toContain('target.region');
    const endpoint = await table['deploy:plan']({ target: { region: 'us-east-1', endpointUrl: 'file:///etc/passwd' }, design: text, runId: 'x' });
    expect(!endpoint.ok && endpoint.error.message).toContain('target.endpointUrl');
    // A path never opened or saved through a dialog: no report is written there, the deploy does not start.
    const elsewhere = path.join(dir, 'elsewhere', 'x.ecsd.json');
    const r = await table['deploy:apply']({ target: target(), design: text, designPath: elsewhere, runId: 'x' });
    expect(r.ok && r.value.status === 'failed' && r.value.message).toContain('cannot be written');
    expect(await serviceStatus('api')).toBeUndefined();
  });

  it('a design with validation errors is refused before any AWS call; unknown parameters are named', async () => {
    const design = deployTestDesign(network);
    const broken: Design = { ...design, nodes: design.nodes.map((n) => (n.kind === 'taskDefinition' ? { ...n, properties: { ...n.properties, cpu: '3', memory: '1' } } : n)) };
    const r = await table['deploy:apply']({ target: target(), design: serializeDesign(broken), runId: 'x' });
    expect(r.ok && r.value.status).toBe('failed');
    if (r.ok && r.value.status === 'failed') expect(r.value.message).toMatch(/validation error/);
    const p = await table['deploy:plan']({ target: target(), design: serializeDesign(design), runId: 'x', parameters: { NoSuchParam: '1' } });
    expect(p.ok && p.value.status === 'failed' && p.value.message).toContain('unknown parameter: NoSuchParam');
  });

  it('asks the page for an MFA code over deploy:event; a cancelled prompt fails the plan without calling STS', async () => {
    const awsDir = path.join(dir, 'aws');
    await fs.mkdir(awsDir);
    await fs.writeFile(path.join(awsDir, 'config'), '[profile base]\nregion = us-east-1\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n');
    await fs.writeFile(path.join(awsDir, 'credentials'), `[base]\naws_access_key_id = AKIDMFATEST000001\naws_secret_access_key = ${SECRET}\n`);
    const saved = { config: process.env['AWS_CONFIG_FILE'], credentials: process.env['AWS_SHARED_CREDENTIALS_FILE'] };
    process.env['AWS_CONFIG_FILE'] = path.join(awsDir, 'config');
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = path.join(awsDir, 'credentials');
    try {
      const withProfile = handlers({ credentials: false });
      const pending = withProfile['deploy:plan']({ target: { ...target(), profile: 'admin' }, design: serializeDesign(deployTestDesign(network)), runId: 'mfa-run' });
      const asked = await (async () => {
        for (let i = 0; i < 400; i++) {
          const e = events.find((x) => x.kind === 'mfa');
          if (e) return e;
          await new Promise((r) => setTimeout(r, 25));
        }
        return undefined;
      })();
      expect(asked).toMatchObject({ runId: 'mfa-run', kind: 'mfa', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice' });
      if (asked?.kind !== 'mfa') throw new Error('no MFA prompt');
      const badCode = await withProfile['deploy:mfa-code']({ requestId: asked.requestId, code: '12ab' });
      expect(!badCode.ok && badCode.error.code).toBe('BAD_REQUEST');
      expect(await withProfile['deploy:mfa-code']({ requestId: 'no-such-prompt', code: '123456' })).toEqual({ ok: true, value: false });
      expect(await withProfile['deploy:mfa-code']({ requestId: asked.requestId, code: null })).toEqual({ ok: true, value: true });
      const result = await pending;
      expect(result.ok && result.value.status === 'failed' && result.value.message).toContain('MFA prompt was cancelled');
      expect(JSON.stringify(events)).not.toContain(SECRET);
    } finally {
      for (const [k, v] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('verifies read-only before the plan: a repository the design creates warns, a missing existing subnet is an error on its node', async () => {
    const text = serializeDesign(deployTestDesign(network));
    const v = await table['deploy:verify']({ target: target(), design: text, runId: 'verify-1' });
    if (!v.ok || v.value.status !== 'verified') throw new Error(JSON.stringify(v));
    expect(v.value.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(v.value.findings).toContainEqual(expect.objectContaining({ rule: 'deploy/image-not-pushed', severity: 'warning' }));
    expect(v.value.apiCalls).toBeGreaterThan(0);

    const missing = serializeDesign(deployTestDesign({ vpcId: network.vpcId, subnetIds: [network.subnetIds[0]!, 'subnet-0123456789abcdef0'] }));
    const w = await table['deploy:verify']({ target: target(), design: missing, runId: 'verify-2' });
    if (!w.ok || w.value.status !== 'verified') throw new Error(JSON.stringify(w));
    expect(w.value.findings).toContainEqual(expect.objectContaining({ rule: 'deploy/subnet-missing', severity: 'error', nodeId: 'subnet-2' }));
  });
});
