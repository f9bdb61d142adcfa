import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeServicesCommand, ECSClient, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../aws/testing/faultProxy';
import { motoClientConfig, motoTarget } from '../aws/testing/moto';
import { apply } from './engine';
import { progressLine, reportText } from './report';
import { sampleTemplate, serviceId } from './testing/fixture';
import { defaultNetworkParams } from './testing/motoNetwork';
import { useMoto } from '../aws/testing/useMoto';

const moto = useMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', MOTO_ECS_SERVICE_RUNNING: '1' } });
let network: { Subnets: string; SecurityGroups: string };
beforeEach(async () => {
  network = await defaultNetworkParams(moto.endpoint);
}, 60_000);

const base = () => ({ designId: 'design-fault', stackName: 'shop', parameters: network, pollIntervalMs: 50, stableTimeoutMs: 20_000 });
const v2 = (i: number) => `public.ecr.aws/nginx/nginx:1.28-svc${i}`;

describe('deploy under injected faults (moto behind the fault proxy)', { timeout: 120_000 }, () => {
  it('throttled and 500-answered calls are retried and the deploy succeeds', async () => {
    const proxy = await startFaultProxy(moto.endpoint, [
      { operation: 'CreateCluster', fault: 'throttle', times: 2 },
      { operation: 'RegisterTaskDefinition', fault: 'error500', times: 1 },
      { operation: 'CreateRole', fault: 'throttle', times: 1 },
    ]);
    try {
      const report = await apply(sampleTemplate({ services: 2 }), { ...base(), target: { ...motoTarget(proxy.endpoint), maxAttempts: 4 } });
      expect(report.status).toBe('succeeded');
      expect(proxy.hits.filter((h) => h.fault !== undefined)).toHaveLength(4);
      expect(proxy.hits.filter((h) => h.operation === 'CreateCluster').map((h) => h.fault ?? 'ok')).toEqual(['throttle', 'throttle', 'ok']);
    } finally {
      await proxy.stop();
    }
  });

  it('a persistent failure mid-apply stops, names the node, rolls the updated service back and leaves a clear report without credentials', async () => {
    expect((await apply(sampleTemplate({ services: 2 }), { ...base(), target: motoTarget(moto.endpoint) })).status).toBe('succeeded');

    // Both images change; every UpdateService of svc1 fails with a 500 (after the SDK's retries).
    const proxy = await startFaultProxy(moto.endpoint, [{ operation: 'UpdateService', bodyIncludes: '"service":"svc1"', fault: 'error500', times: Infinity }]);
    const lines: string[] = [];
    try {
      const report = await apply(sampleTemplate({ services: 2, image: v2 }), {
        ...base(),
        concurrency: 1,
        target: motoTarget(proxy.endpoint),
        onProgress: (e) => lines.push(progressLine(e)),
      });
      expect(report.status).toBe('failed');
      expect(report.failure).toMatchObject({ logicalId: serviceId(1), nodeId: 'svc1' });
      expect(report.failure?.error).toContain('InternalFailure');
      expect(report.message).toBe(`deploy failed at ${serviceId(1)} (node svc1): ${report.failure?.error}`);
      expect(report.rollbacks).toEqual([{ cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/shop-cluster', service: 'svc0', taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/shop-svc0:1', status: 'succeeded' }]);
      expect(lines).toContain('[rollback] svc0: succeeded — arn:aws:ecs:us-east-1:123456789012:task-definition/shop-svc0:1');
      expect(lines.some((l) => l.startsWith(`[update] ${serviceId(1)} (node svc1): failed — InternalFailure`))).toBe(true);

      // The live services: svc0 back on revision 1 (its revision 2 exists but is not used), svc1 never moved.
      const ecs = new ECSClient(motoClientConfig(moto.endpoint));
      const services = (await ecs.send(new DescribeServicesCommand({ cluster: 'shop-cluster', services: ['svc0', 'svc1'] }))).services ?? [];
      expect(services.map((s) => [s.serviceName, s.taskDefinition?.split('/')[1]])).toEqual([
        ['svc0', 'shop-svc0:1'],
        ['svc1', 'shop-svc1:1'],
      ]);
      expect((await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'shop-svc0' }))).taskDefinitionArns).toHaveLength(2);

      // The report written to disk, the progress output and the summary hold no credential value.
      const dir = await mkdtemp(path.join(os.tmpdir(), 'deploy-report-'));
      try {
        const file = path.join(dir, 'shop.deploy-report.json');
        await writeFile(file, JSON.stringify(report, null, 2));
        const written = await readFile(file, 'utf8');
        const secret = (await motoTarget(moto.endpoint).credentials!({})).secretAccessKey;
        for (const text of [written, lines.join('\n'), reportText(report).join('\n')]) expect(text).not.toContain(secret);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    } finally {
      await proxy.stop();
    }
  });
});
