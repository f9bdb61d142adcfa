import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, ListTagsForResourceCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ir, type IrObject, type IrResource, type IrTemplate } from '../../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { useMoto } from '../../aws/testing/useMoto';
import { isMutating, type ApiCall } from '../clients';
import { apply, destroy, plan, type ApplyOptions } from '../engine';
import { defaultNetworkParams } from '../testing/motoNetwork';
import { TAG_DESIGN } from '../types';

const moto = useMoto({ env: { MOTO_ECS_SERVICE_RUNNING: '1' } });
let network: { Subnets: string; SecurityGroups: string };
beforeEach(async () => {
  network = await defaultNetworkParams(moto.endpoint);
}, 60_000);

interface Knobs {
  maxCapacity?: number;
  stopHour?: number;
  withScaleIn?: boolean;
  alarmThreshold?: number;
  alarmTags?: { Key: string; Value: string }[];
}

function template(k: Knobs = {}): IrTemplate {
  const resources: IrResource[] = [
    { id: 'Cluster', type: 'AWS::ECS::Cluster', nodeId: 'cluster', properties: { ClusterName: 'jobs' } },
    {
      id: 'TaskDef',
      type: 'AWS::ECS::TaskDefinition',
      nodeId: 'td',
      properties: { Family: 'worker', Cpu: '256', Memory: '512', NetworkMode: 'awsvpc', RequiresCompatibilities: ['FARGATE'], ContainerDefinitions: [{ Name: 'app', Image: 'public.ecr.aws/nginx/nginx:1.27', Essential: true }] },
    },
    {
      id: 'Service',
      type: 'AWS::ECS::Service',
      nodeId: 'svc',
      properties: {
        ServiceName: 'worker',
        Cluster: ir.ref('Cluster'),
        TaskDefinition: ir.ref('TaskDef'),
        DesiredCount: 1,
        LaunchType: 'FARGATE',
        NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ir.ref('Subnets'), SecurityGroups: ir.ref('SecurityGroups') } },
      },
    },
    {
      id: 'Target',
      type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      nodeId: 'target',
      properties: {
        ServiceNamespace: 'ecs',
        ScalableDimension: 'ecs:service:DesiredCount',
        ResourceId: ir.concat('service/', ir.ref('Cluster'), '/', ir.getAtt('Service', 'Name')),
        MinCapacity: 1,
        MaxCapacity: k.maxCapacity ?? 10,
        ScheduledActions: [
          { ScheduledActionName: 'night-start', Schedule: 'cron(0 2 * * ? *)', Timezone: 'UTC', ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 4 } },
          { ScheduledActionName: 'night-stop', Schedule: `cron(0 ${k.stopHour ?? 4} * * ? *)`, Timezone: 'UTC', ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 2 } },
        ],
      },
    },
    {
      id: 'CpuPolicy',
      type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      nodeId: 'cpu',
      properties: {
        PolicyName: 'worker-cpu',
        PolicyType: 'TargetTrackingScaling',
        ScalingTargetId: ir.ref('Target'),
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ScaleInCooldown: 120 },
      },
    },
    {
      id: 'OutPolicy',
      type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      nodeId: 'out',
      properties: {
        PolicyName: 'worker-queue-out',
        PolicyType: 'StepScaling',
        ScalingTargetId: ir.ref('Target'),
        StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', Cooldown: 60, MetricAggregationType: 'Average', StepAdjustments: [{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 400, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 400, ScalingAdjustment: 4 }] },
      },
    },
    {
      id: 'HighAlarm',
      type: 'AWS::CloudWatch::Alarm',
      nodeId: 'out',
      properties: {
        AlarmName: 'worker-queue-high',
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: 'jobs' }],
        Statistic: 'Average',
        Period: 60,
        EvaluationPeriods: 2,
        Threshold: k.alarmThreshold ?? 100,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [ir.ref('OutPolicy')],
        ...(k.alarmTags ? { Tags: k.alarmTags as unknown as IrObject[] } : {}),
      },
    },
  ];
  if (k.withScaleIn !== false) {
    resources.push({
      id: 'InPolicy',
      type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      nodeId: 'in',
      properties: {
        PolicyName: 'worker-queue-in',
        PolicyType: 'StepScaling',
        ScalingTargetId: ir.ref('Target'),
        StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', Cooldown: 120, StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }] },
      },
    });
  }
  return {
    description: 'service auto scaling',
    parameters: [
      { id: 'Subnets', type: 'List<AWS::EC2::Subnet::Id>', description: 'subnets' },
      { id: 'SecurityGroups', type: 'List<AWS::EC2::SecurityGroup::Id>', description: 'groups' },
    ],
    resources,
    outputs: [],
  };
}

function engine(calls: ApiCall[], designId = 'scaling-design'): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId, stackName: 'jobs', parameters: network, pollIntervalMs: 50, stableTimeoutMs: 20_000, onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true) };
}
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => c.command);
const rid = 'service/jobs/worker';

describe('service auto scaling handlers against moto', { timeout: 120_000 }, () => {
  it('creates target, scheduled actions, policies and alarm; no-change redeploy; one-property updates; removal; destroy', async () => {
    const calls: ApiCall[] = [];
    const first = await apply(template(), engine(calls));
    expect(first.message).toBe('applied 8 change(s)');
    expect(first.status).toBe('succeeded');

    const aas = new ApplicationAutoScalingClient(motoClientConfig(moto.endpoint));
    const cw = new CloudWatchClient(motoClientConfig(moto.endpoint));
    const [target] = (await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [rid] }))).ScalableTargets ?? [];
    expect(target).toMatchObject({ MinCapacity: 1, MaxCapacity: 10, ScalableDimension: 'ecs:service:DesiredCount' });
    const actions = (await aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'ecs', ResourceId: rid }))).ScheduledActions ?? [];
    expect(actions.map((a) => [a.ScheduledActionName, a.Schedule, a.ScalableTargetAction]).sort()).toEqual([
      ['night-start', 'cron(0 2 * * ? *)', { MinCapacity: 2, MaxCapacity: 4 }],
      ['night-stop', 'cron(0 4 * * ? *)', { MinCapacity: 1, MaxCapacity: 2 }],
    ]);
    const policies = (await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: rid }))).ScalingPolicies ?? [];
    expect(policies.map((p) => [p.PolicyName, p.PolicyType]).sort()).toEqual([
      ['worker-cpu', 'TargetTrackingScaling'],
      ['worker-queue-in', 'StepScaling'],
      ['worker-queue-out', 'StepScaling'],
    ]);
    expect(policies.find((p) => p.PolicyName === 'worker-queue-out')?.StepScalingPolicyConfiguration?.StepAdjustments).toEqual([
      { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 400, ScalingAdjustment: 1 },
      { MetricIntervalLowerBound: 400, ScalingAdjustment: 4 },
    ]);
    const outArn = policies.find((p) => p.PolicyName === 'worker-queue-out')?.PolicyARN;
    const [alarm] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['worker-queue-high'] }))).MetricAlarms ?? [];
    expect(alarm).toMatchObject({ Threshold: 100, AlarmActions: [outArn], Dimensions: [{ Name: 'QueueName', Value: 'jobs' }] });
    expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: alarm?.AlarmArn }))).Tags).toContainEqual({ Key: TAG_DESIGN, Value: 'scaling-design' });

    // Unchanged: nothing to do, zero mutating calls.
    calls.length = 0;
    const again = await apply(template(), engine(calls));
    expect(again.message).toBe('nothing to do');
    expect(mutating(calls)).toEqual([]);

    // One property each: the target's max, one scheduled action, the alarm threshold.
    const p = await plan(template({ maxCapacity: 12, stopHour: 5, alarmThreshold: 150 }), engine([]));
    expect(p.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes.map((c) => c.path)])).toEqual([
      ['Target', 'update', ['/MaxCapacity', '/ScheduledActions']],
      ['HighAlarm', 'update', ['/Threshold']],
    ]);
    calls.length = 0;
    expect((await apply(template({ maxCapacity: 12, stopHour: 5, alarmThreshold: 150 }), engine(calls))).status).toBe('succeeded');
    expect(mutating(calls).sort()).toEqual(['PutMetricAlarm', 'PutScheduledAction', 'RegisterScalableTarget']);
    expect((await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [rid] }))).ScalableTargets?.[0]?.MaxCapacity).toBe(12);

    // The scale-in policy node removed: it is ours through the service, so it goes (after the confirmation).
    calls.length = 0;
    const removed = await apply(template({ maxCapacity: 12, stopHour: 5, alarmThreshold: 150, withScaleIn: false }), engine(calls));
    expect(removed.plan.filter((s) => s.action === 'delete').map((s) => [s.type, s.name])).toEqual([['AWS::ApplicationAutoScaling::ScalingPolicy', 'worker-queue-in']]);
    expect(mutating(calls)).toEqual(['DeleteScalingPolicy']);

    // Destroy removes alarm, policies, actions and target (before the service).
    const gone = await destroy({ ...engine([]) });
    expect(gone.status).toBe('succeeded');
    expect((await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }))).ScalableTargets).toEqual([]);
    expect((await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs' }))).ScalingPolicies).toEqual([]);
    expect((await aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'ecs' }))).ScheduledActions).toEqual([]);
    expect((await cw.send(new DescribeAlarmsCommand({}))).MetricAlarms).toEqual([]);
  });

  it('a look-alike target, policy and alarm on a service that is not ours are conflicts and stay untouched', async () => {
    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    const aas = new ApplicationAutoScalingClient(motoClientConfig(moto.endpoint));
    const cw = new CloudWatchClient(motoClientConfig(moto.endpoint));
    // Someone else's service "worker" with its own scaling setup; our design scales it by name (not a node of ours).
    const calls: ApiCall[] = [];
    const base = template();
    await apply({ ...base, resources: base.resources.filter((r) => r.id === 'Cluster') }, engine([], 'other-design'));
    await ecs.send(new RegisterTaskDefinitionCommand({ family: 'theirs', containerDefinitions: [{ name: 'a', image: 'nginx', memory: 128 }] }));
    await ecs.send(new CreateServiceCommand({ cluster: 'jobs', serviceName: 'worker', taskDefinition: 'theirs', desiredCount: 1 }));
    await aas.send(new RegisterScalableTargetCommand({ ServiceNamespace: 'ecs', ResourceId: rid, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 3, MaxCapacity: 3 }));
    await aas.send(new PutScalingPolicyCommand({ PolicyName: 'worker-cpu', ServiceNamespace: 'ecs', ResourceId: rid, ScalableDimension: 'ecs:service:DesiredCount', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 10, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } } }));
    await cw.send(new PutMetricAlarmCommand({ AlarmName: 'worker-queue-high', Namespace: 'AWS/SQS', MetricName: 'X', Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));

    const byName = (r: IrResource): IrResource => (r.id === 'Target' ? { ...r, properties: { ...r.properties, ResourceId: rid } } : r);
    const scalingOnly = { ...base, resources: base.resources.filter((r) => ['Target', 'CpuPolicy', 'OutPolicy', 'HighAlarm'].includes(r.id)).map(byName) };
    const report = await apply(scalingOnly, engine(calls));
    expect(report.status).toBe('refused');
    expect(report.plan.filter((s) => s.action === 'conflict').map((s) => [s.logicalId, s.reason])).toEqual([
      ['Target', 'service/jobs/worker exists and was not created by ECS Designer (no ecs-designer:design-id tag); it is left untouched'],
      ['HighAlarm', 'worker-queue-high exists and was not created by ECS Designer (no ecs-designer:design-id tag); it is left untouched'],
    ]);
    expect(mutating(calls)).toEqual([]);
    // Our destroy touches none of it.
    expect((await destroy(engine(calls))).message).toBe('nothing to do: no resource carries this design id');
    expect((await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [rid] }))).ScalableTargets?.[0]?.MaxCapacity).toBe(3);
    expect((await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: rid }))).ScalingPolicies?.map((x) => x.PolicyName)).toEqual(['worker-cpu']);
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['worker-queue-high'] }))).MetricAlarms?.[0]?.Threshold).toBe(1);
  });
});
