import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { beforeEach, describe, expect, it } from 'vitest';
import { motoClientConfig, motoTarget } from '../aws/testing/moto';
import { isMutating, type ApiCall } from './clients';
import { apply, destroy, plan, type ApplyOptions, type PlanStep, type ProgressEvent } from './engine';
import { defaultNetworkParams } from './testing/motoNetwork';
import { sampleTemplate, serviceId, taskDefId } from './testing/fixture';
import { TAG_DESIGN, TAG_LOGICAL, TAG_NODE } from './types';
import { useMoto } from '../aws/testing/useMoto';

const moto = useMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', MOTO_ECS_SERVICE_RUNNING: '1' } });
let network: { Subnets: string; SecurityGroups: string };
beforeEach(async () => {
  network = await defaultNetworkParams(moto.endpoint);
}, 60_000);

const DESIGN_ID = 'design-7f3a';

function engine(extra: Partial<ApplyOptions> = {}): ApplyOptions & { calls: ApiCall[]; events: ProgressEvent[] } {
  const calls: ApiCall[] = [];
  const events: ProgressEvent[] = [];
  return {
    target: motoTarget(moto.endpoint),
    designId: DESIGN_ID,
    stackName: 'shop',
    pollIntervalMs: 50,
    parameters: network,
    stableTimeoutMs: 20_000,
    onCall: (c) => calls.push(c),
    onProgress: (e) => events.push(e),
    calls,
    events,
    ...extra,
  };
}

const ecs = () => new ECSClient(motoClientConfig(moto.endpoint));
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => `${c.service}:${c.command}`);

describe('deploy engine against moto', { timeout: 90_000 }, () => {
  it('first deploy creates everything the template says, tagged as ours; describing it back matches', async () => {
    const template = sampleTemplate({ services: 2 });
    const opts = engine();
    const first = await plan(template, opts);
    expect(first.steps.map((s) => [s.logicalId, s.action])).toEqual(
      expect.arrayContaining([
        ['AppLogGroup', 'create'],
        ['ExecutionRole', 'create'],
        ['TaskRole', 'create'],
        ['AppRepository', 'create'],
        ['Cluster', 'create'],
        [taskDefId(0), 'create'],
        [serviceId(1), 'create'],
      ]),
    );
    expect(first.steps).toHaveLength(9);
    expect(mutating(opts.calls)).toEqual([]);

    const report = await apply(template, opts);
    expect(report.message).toBe('applied 9 change(s)');
    expect(report.status).toBe('succeeded');

    const client = ecs();
    const cluster = (await client.send(new DescribeClustersCommand({ clusters: ['shop-cluster'], include: ['TAGS', 'SETTINGS'] }))).clusters?.[0];
    expect(cluster?.status).toBe('ACTIVE');
    expect(cluster?.tags).toEqual(expect.arrayContaining([{ key: TAG_DESIGN, value: DESIGN_ID }, { key: TAG_LOGICAL, value: 'Cluster' }, { key: TAG_NODE, value: 'cluster' }]));

    const td = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'shop-svc1', include: ['TAGS'] }));
    expect(td.taskDefinition?.revision).toBe(1);
    expect(td.taskDefinition?.executionRoleArn).toBe('arn:aws:iam::123456789012:role/shop-execution');
    expect(td.taskDefinition?.containerDefinitions?.[0]?.logConfiguration?.options).toEqual({ 'awslogs-group': '/ecs/shop', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'svc1' });
    expect(td.tags).toEqual(expect.arrayContaining([{ key: TAG_LOGICAL, value: taskDefId(1) }]));

    const svc = (await client.send(new DescribeServicesCommand({ cluster: 'shop-cluster', services: ['svc0', 'svc1'] }))).services ?? [];
    expect(svc.map((s) => [s.serviceName, s.taskDefinition, s.desiredCount])).toEqual([
      ['svc0', 'arn:aws:ecs:us-east-1:123456789012:task-definition/shop-svc0:1', 1],
      ['svc1', 'arn:aws:ecs:us-east-1:123456789012:task-definition/shop-svc1:1', 1],
    ]);
    expect(svc[0]?.networkConfiguration?.awsvpcConfiguration?.subnets).toEqual(network.Subnets.split(','));

    const iam = new IAMClient(motoClientConfig(moto.endpoint));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'shop-task' }))).Role?.Tags).toEqual(expect.arrayContaining([{ Key: TAG_DESIGN, Value: DESIGN_ID }]));
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'shop-execution' }))).AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    ]);
    expect((await iam.send(new GetRolePolicyCommand({ RoleName: 'shop-task', PolicyName: 'read-bucket' }))).PolicyName).toBe('read-bucket');
    const logs = new CloudWatchLogsClient(motoClientConfig(moto.endpoint));
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/shop' }))).logGroups?.map((g) => [g.logGroupName, g.retentionInDays])).toEqual([['/ecs/shop', 30]]);
    const ecr = new ECRClient(motoClientConfig(moto.endpoint));
    expect((await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['shop/app'] }))).repositories?.[0]?.imageScanningConfiguration).toEqual({ scanOnPush: true });

    // Progress: a started and a succeeded event per created resource.
    expect(opts.events.filter((e) => e.step === 'create' && e.status === 'succeeded')).toHaveLength(9);
  });

  it('redeploying the unchanged template plans "nothing to do" and makes zero mutating calls', async () => {
    const template = sampleTemplate({ services: 2 });
    expect((await apply(template, engine())).status).toBe('succeeded');
    const again = engine();
    const p = await plan(template, again);
    expect(p.steps.filter((s) => s.action !== 'no-change')).toEqual([]);
    expect(p.nothingToDo).toBe(true);
    const report = await apply(template, again);
    expect(report.message).toBe('nothing to do');
    expect(again.calls.length).toBeGreaterThan(0);
    expect(mutating(again.calls)).toEqual([]);
  });

  it('changing one image registers exactly one new revision and makes exactly one service update', async () => {
    expect((await apply(sampleTemplate({ services: 2 }), engine())).status).toBe('succeeded');
    const changed = sampleTemplate({ services: 2, image: (i) => (i === 1 ? 'public.ecr.aws/nginx/nginx:1.28' : `public.ecr.aws/nginx/nginx:1.27-svc${i}`) });
    const opts = engine();
    const p = await plan(changed, opts);
    const changedSteps = p.steps.filter((s) => s.action !== 'no-change');
    expect(changedSteps.map((s) => [s.logicalId, s.action])).toEqual([
      [taskDefId(1), 'update'],
      [serviceId(1), 'update'],
    ]);
    expect(changedSteps[0]?.changes).toEqual([{ path: '/ContainerDefinitions/0/Image', before: 'public.ecr.aws/nginx/nginx:1.27-svc1', after: 'public.ecr.aws/nginx/nginx:1.28' }]);
    expect(changedSteps[1]?.changes.map((c) => c.path)).toEqual(['/TaskDefinition']);

    opts.calls.length = 0;
    const report = await apply(changed, opts);
    expect(report.status).toBe('succeeded');
    expect(mutating(opts.calls)).toEqual(['ecs:RegisterTaskDefinition', 'ecs:UpdateService']);
    const client = ecs();
    expect((await client.send(new ListTaskDefinitionsCommand({ familyPrefix: 'shop-svc1' }))).taskDefinitionArns?.map((a) => a.split('/')[1])).toEqual(['shop-svc1:1', 'shop-svc1:2']);
    expect((await client.send(new ListTaskDefinitionsCommand({ familyPrefix: 'shop-svc0' }))).taskDefinitionArns).toHaveLength(1);
    const svc1 = (await client.send(new DescribeServicesCommand({ cluster: 'shop-cluster', services: ['svc1'] }))).services?.[0];
    expect(svc1?.taskDefinition).toMatch(/shop-svc1:2$/);
  });

  it('a removed node is deleted only after confirmation; a look-alike without our tag is never touched', async () => {
    expect((await apply(sampleTemplate({ services: 2 }), engine())).status).toBe('succeeded');
    // Someone else's log group with the name the design would create.
    const logs = new CloudWatchLogsClient(motoClientConfig(moto.endpoint));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/other-team', tags: { team: 'payments' } }));

    const smaller = sampleTemplate({ services: 1 });
    const p = await plan(smaller, engine());
    expect(p.steps.filter((s) => s.action === 'delete').map((s) => [s.type, s.name, s.nodeId])).toEqual([
      ['AWS::ECS::TaskDefinition', 'shop-svc1:1', 'svc1'],
      ['AWS::ECS::Service', 'svc1', 'svc1'],
    ]);

    // No confirmation → nothing changes.
    const refused = engine();
    const r1 = await apply(smaller, refused);
    expect(r1.status).toBe('refused');
    expect(mutating(refused.calls)).toEqual([]);

    // The confirmation lists exactly what goes.
    let asked: readonly PlanStep[] = [];
    const r2 = await apply(smaller, engine({ confirmDeletions: async (steps) => ((asked = steps), true)}));
    expect(asked.map((s) => s.name).sort()).toEqual(['shop-svc1:1', 'svc1']);
    expect(r2.status).toBe('succeeded');
    const client = ecs();
    expect((await client.send(new DescribeServicesCommand({ cluster: 'shop-cluster', services: ['svc1'] }))).services?.filter((s) => s.status === 'ACTIVE')).toEqual([]);
    expect((await client.send(new ListTaskDefinitionsCommand({ familyPrefix: 'shop-svc1', status: 'ACTIVE' }))).taskDefinitionArns).toEqual([]);

    // A design whose log group name is taken by an untagged look-alike: conflict, refused, untouched.
    const clash = sampleTemplate({ services: 1, prefix: 'other-team' });
    const conflictPlan = await plan(clash, engine({ designId: 'design-other' }));
    expect(conflictPlan.steps.find((s) => s.logicalId === 'AppLogGroup')).toMatchObject({ action: 'conflict', name: '/ecs/other-team' });
    const clashRun = engine({ designId: 'design-other' });
    const r3 = await apply(clash, { ...clashRun, confirmDeletions: async () => true });
    expect(r3.status).toBe('refused');
    expect(r3.message).toContain('/ecs/other-team exists and was not created by ECS Designer');
    expect(mutating(clashRun.calls)).toEqual([]);

    // destroy removes only what carries our design id; the look-alike stays.
    const d = await destroy({ ...engine(), confirmDeletions: async () => true });
    expect(d.status).toBe('succeeded');
    const left = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.map((g) => g.logGroupName);
    expect(left).toEqual(['/ecs/other-team']);
    expect((await client.send(new DescribeClustersCommand({ clusters: ['shop-cluster'] }))).clusters?.filter((c) => c.status === 'ACTIVE')).toEqual([]);
  });
});
