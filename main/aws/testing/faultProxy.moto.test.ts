import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsClientConfig } from '../clientConfig';
import { startFaultProxy } from './faultProxy';
import { motoTarget } from './moto';
import { useMoto } from './useMoto';

const moto = useMoto();

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('fault proxy in front of moto', { timeout: 60_000 }, () => {
  it('throttles a JSON-protocol call twice: the SDK retries and the third attempt succeeds', async () => {
    const proxy = await startFaultProxy(moto.endpoint, [{ operation: 'ListClusters', fault: 'throttle', times: 2 }]);
    try {
      const ecs = new ECSClient(awsClientConfig({ ...motoTarget(proxy.endpoint), maxAttempts: 5 }));
      const res = await ecs.send(new ListClustersCommand({}));
      expect(res.clusterArns).toEqual([]);
      expect(res.$metadata.attempts).toBe(3);
      expect(proxy.hits).toEqual([
        { operation: 'ListClusters', fault: 'throttle' },
        { operation: 'ListClusters', fault: 'throttle' },
        { operation: 'ListClusters' },
      ]);
    } finally {
      await proxy.stop();
    }
  });

  it('answers a query-protocol call with a 500 once (retried), and persistently (the error reaches the caller)', async () => {
    const proxy = await startFaultProxy(moto.endpoint, [
      { operation: 'CreateRole', bodyIncludes: 'RoleName=flaky', fault: 'error500', times: 1 },
      { operation: 'CreateRole', bodyIncludes: 'RoleName=broken', fault: 'error500', times: Infinity },
    ]);
    try {
      const iam = new IAMClient(awsClientConfig({ ...motoTarget(proxy.endpoint), maxAttempts: 3 }));
      const ok = await iam.send(new CreateRoleCommand({ RoleName: 'flaky', AssumeRolePolicyDocument: trust }));
      expect(ok.Role?.RoleName).toBe('flaky');
      expect(ok.$metadata.attempts).toBe(2);
      await expect(iam.send(new CreateRoleCommand({ RoleName: 'broken', AssumeRolePolicyDocument: trust }))).rejects.toMatchObject({ name: 'InternalFailure', $metadata: { attempts: 3 } });
      expect(proxy.hits.filter((h) => h.fault === 'error500')).toHaveLength(4);
    } finally {
      await proxy.stop();
    }
  });

  it('delays a call and then forwards it', async () => {
    const proxy = await startFaultProxy(moto.endpoint, [{ operation: 'ListClusters', fault: { delayMs: 200 }, times: 1 }]);
    try {
      const ecs = new ECSClient(awsClientConfig(motoTarget(proxy.endpoint)));
      expect((await ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
      expect(proxy.hits).toEqual([{ operation: 'ListClusters', fault: 'delay' }]);
    } finally {
      await proxy.stop();
    }
  });

  it('refuses an upstream that is not on the loopback interface', async () => {
    await expect(startFaultProxy('http://10.0.0.1:5000', [])).rejects.toThrow(/must be on 127.0.0.1/);
  });
});
