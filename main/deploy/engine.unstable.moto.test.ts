import { describe, expect, it } from 'vitest';
import { motoTarget } from '../aws/testing/moto';
import { apply } from './engine';
import { progressLine } from './report';
import { sampleTemplate, serviceId } from './testing/fixture';
import { defaultNetworkParams } from './testing/motoNetwork';
import { useMoto } from '../aws/testing/useMoto';

// Without MOTO_ECS_SERVICE_RUNNING, moto never starts tasks: a service's deployment stays IN_PROGRESS with 0 running.
const moto = useMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' }, resetEachTest: false });

describe('a service that never becomes stable', { timeout: 120_000 }, () => {
  it('fails after the bounded wait, naming the service node, with the running count', async () => {
    const lines: string[] = [];
    const report = await apply(sampleTemplate({ services: 1 }), {
      target: motoTarget(moto.endpoint),
      designId: 'design-unstable',
      stackName: 'shop',
      parameters: await defaultNetworkParams(moto.endpoint),
      pollIntervalMs: 100,
      stableTimeoutMs: 1_000,
      onProgress: (e) => lines.push(progressLine(e)),
    });
    expect(report.status).toBe('failed');
    expect(report.failure).toMatchObject({ logicalId: serviceId(0), nodeId: 'svc0', error: 'service svc0 did not become stable within 1 s (running 0 of 1)' });
    expect(report.results.find((r) => r.logicalId === serviceId(0))).toMatchObject({ status: 'failed', action: 'create' });
    expect(lines.at(-1)).toBe(`[create] ${serviceId(0)} (node svc0): failed — service svc0 did not become stable within 1 s (running 0 of 1)`);
  });
});
