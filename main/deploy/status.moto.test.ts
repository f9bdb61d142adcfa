import { ECSClient, RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { buildResourceGraph } from '../../shared/iac/build';
import { motoClientConfig, motoTarget } from '../aws/testing/moto';
import { useMoto } from '../aws/testing/useMoto';
import { isMutating, type ApiCall } from './clients';
import { apply } from './engine';
import { executeStack, planStack } from './stack';
import { serviceStatus } from './status';
import { sampleTemplate, serviceId } from './testing/fixture';
import { smallFargateDesign } from './testing/designs';
import { defaultNetworkParams } from './testing/motoNetwork';

const moto = useMoto({ env: { MOTO_ECS_SERVICE_RUNNING: '1', MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });

describe('service status (moto)', { timeout: 60_000 }, () => {
  it('reports every service of an engine deploy with counts, deployments, events and why its tasks stopped; read-only', async () => {
    const network = await defaultNetworkParams(moto.endpoint);
    const template = sampleTemplate({ services: 2 });
    const base = { target: motoTarget(moto.endpoint), designId: 'design-status', stackName: 'shop', parameters: network };
    const before = await serviceStatus(template, base);
    expect(before.map((s) => [s.logicalId, s.nodeId, s.status, s.error])).toEqual([
      [serviceId(0), 'svc0', 'MISSING', 'cluster shop-cluster does not exist'],
      [serviceId(1), 'svc1', 'MISSING', 'cluster shop-cluster does not exist'],
    ]);

    const report = await apply(template, { ...base, stableTimeoutMs: 20_000, pollIntervalMs: 50 });
    expect(report.status).toBe('succeeded');
    // A task of service svc0 that stopped (group "service:svc0", as ECS starts them), and one of another group.
    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    // moto sizes tasks from container-level memory, which the sample task definitions leave out: a probe family has it.
    await ecs.send(new RegisterTaskDefinitionCommand({ family: 'probe', containerDefinitions: [{ name: 'probe', image: 'busybox', memory: 128, essential: true }] }));
    const run = async (group: string) => {
      const res = await ecs.send(new RunTaskCommand({ cluster: 'shop-cluster', taskDefinition: 'probe', launchType: 'FARGATE', group }));
      return res.tasks?.[0]?.taskArn ?? '';
    };
    const ours = await run('service:svc0');
    const other = await run('family:probe');
    await ecs.send(new StopTaskCommand({ cluster: 'shop-cluster', task: ours, reason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' }));
    await ecs.send(new StopTaskCommand({ cluster: 'shop-cluster', task: other, reason: 'stopped by hand' }));
    ecs.destroy();

    const calls: ApiCall[] = [];
    const after = await serviceStatus(template, { ...base, onCall: (c) => calls.push(c) });
    expect(calls.filter((c) => isMutating(c.command))).toEqual([]);
    expect(after).toHaveLength(2);
    const [s0, s1] = after;
    expect(s0).toMatchObject({ logicalId: serviceId(0), nodeId: 'svc0', cluster: 'shop-cluster', service: 'svc0', status: 'ACTIVE', desired: 1, running: 1 });
    expect(s0?.taskDefinition).toMatch(/task-definition\/shop-svc0:1$/);
    expect(s0?.deployments.map((d) => [d.status, d.desired, d.running])).toEqual([['PRIMARY', 1, 1]]);
    expect(s0?.stoppedTasks.map((t) => [t.taskArn, t.stoppedReason])).toEqual([[ours, 'CannotPullContainerError: pull image manifest has been retried 5 time(s)']]);
    expect(s0?.stoppedTasks[0]?.containers.map((c) => c.name)).toEqual(['probe']);
    expect(s1).toMatchObject({ service: 'svc1', status: 'ACTIVE', stoppedTasks: [] });
    expect(s0?.error).toBeUndefined();
  });

  it('finds the services of a design deployed as a CloudFormation stack through the stack resources', async () => {
    const design = smallFargateDesign();
    const template = buildResourceGraph(design);
    const opts = { target: motoTarget(moto.endpoint), designId: design.id, stackName: 'small-fargate', changeSetTimeoutMs: 20_000, executeTimeoutMs: 20_000, pollIntervalMs: 50 };
    expect((await executeStack(await planStack(template, opts), opts)).status).toBe('succeeded');
    const [s] = await serviceStatus(template, opts);
    const node = design.nodes.find((n) => n.kind === 'service');
    expect(s).toMatchObject({ nodeId: node?.id, cluster: 'small-cluster', service: 'small-web', status: 'ACTIVE', desired: 1, running: 1 });
  });

  it('a template without services has no status and makes no call', async () => {
    const calls: ApiCall[] = [];
    const template = sampleTemplate({ services: 0 });
    expect(await serviceStatus(template, { target: motoTarget(moto.endpoint), designId: 'x', stackName: 'x', onCall: (c) => calls.push(c) })).toEqual([]);
    expect(calls).toEqual([]);
  });
});
