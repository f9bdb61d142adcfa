import { CreateClusterCommand, DescribeClustersCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOTO_INSTALL_HINT, MotoStartError, freePort, motoClientConfig, startMoto, type MotoServer } from './moto';

describe('moto harness', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  }, 90_000);
  afterAll(async () => {
    await moto?.stop();
  });

  it('listens on 127.0.0.1 and serves the ECS API to an SDK client with dummy credentials', async () => {
    expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    await ecs.send(new CreateClusterCommand({ clusterName: 'harness' }));
    const out = await ecs.send(new DescribeClustersCommand({ clusters: ['harness'] }));
    expect(out.clusters?.map((c) => c.clusterName)).toEqual(['harness']);
  });

  it('reset forgets every resource', async () => {
    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    await ecs.send(new CreateClusterCommand({ clusterName: 'to-forget' }));
    expect((await ecs.send(new ListClustersCommand({}))).clusterArns?.length).toBeGreaterThan(0);
    await moto.reset();
    expect((await ecs.send(new ListClustersCommand({}))).clusterArns ?? []).toEqual([]);
  });
});

describe('moto harness lifecycle', () => {
  it('stop kills the server: the port stops answering and a second stop is harmless', async () => {
    const server = await startMoto();
    const before = await fetch(`${server.endpoint}/moto-api/data.json`);
    expect(before.ok).toBe(true);
    await server.stop();
    await expect(fetch(`${server.endpoint}/moto-api/data.json`)).rejects.toThrow();
    await server.stop();
  }, 90_000);

  it('a missing moto_server fails with the install command, not a skip', async () => {
    const error = await startMoto({ command: 'moto_server_not_installed_here' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MotoStartError);
    expect((error as Error).message).toContain(MOTO_INSTALL_HINT);
  });

  it('freePort returns a bindable port', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });
});
