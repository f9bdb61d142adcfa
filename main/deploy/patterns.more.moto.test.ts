import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand, DescribeScheduledActionsCommand } from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeAccessPointsCommand, DescribeFileSystemsCommand, DescribeMountTargetsCommand, EFSClient } from '@aws-sdk/client-efs';
import { DescribeCapacityProvidersCommand, DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { GetInstanceProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { buildResourceGraph } from '../../shared/iac/build';
import type { IrTemplate } from '../../shared/iac/ir';
import type { Design } from '../../shared/model/document';
import { findPattern } from '../../shared/patterns';
import { motoClientConfig, motoTarget } from '../aws/testing/moto';
import { useMoto } from '../aws/testing/useMoto';
import { isMutating, type ApiCall } from './clients';
import { apply, destroy, plan, type ApplyOptions, type DeployReport } from './engine';
import { HANDLERS } from './handlers/index';
import { generatedName } from './values';

const moto = useMoto({ env: { MOTO_ECS_SERVICE_RUNNING: '2', MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });

function patternDesign(id: string): Design {
  const p = findPattern(id);
  if (!p) throw new Error(`no pattern ${id}`);
  return p.build();
}

function opts(design: Design, calls: ApiCall[]): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: design.id, stackName: design.id, pollIntervalMs: 20, stableTimeoutMs: 30_000, onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true) };
}
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => `${c.service}:${c.command}`);
const cfg = () => motoClientConfig(moto.endpoint);

/**
 * The proof for one pattern: every type has a handler; the first apply succeeds and creates every resource; a plan
 * right after reads every resource back through the SDK and finds it as designed (no-change); the unchanged redeploy
 * makes zero mutating calls; destroy removes everything the design owns. `check` describes chosen resources back.
 */
/**
 * The pattern's template, less what moto cannot hold: moto 5.2.1 ignores a service's capacityProviderStrategy and
 * placementStrategy (DescribeServices never returns them), so against moto they would plan as a change on every
 * deploy. Real ECS returns both. The cluster's default strategy (ClusterCapacityProviderAssociations) stays and is checked.
 */
function forMoto(template: IrTemplate): IrTemplate {
  return {
    ...template,
    resources: template.resources.map((r) => {
      if (r.type !== 'AWS::ECS::Service') return r;
      const { CapacityProviderStrategy: _notInMoto, PlacementStrategies: _notInMotoEither, ...properties } = r.properties;
      return { ...r, properties };
    }),
  };
}

async function prove(id: string, check: (template: IrTemplate, design: Design) => Promise<void>): Promise<void> {
  const design = patternDesign(id);
  const template = forMoto(buildResourceGraph(design));
  expect([...new Set(template.resources.map((r) => r.type))].filter((t) => !HANDLERS.has(t))).toEqual([]);

  const calls: ApiCall[] = [];
  const first: DeployReport = await apply(template, opts(design, calls));
  expect(first.failure ?? first.message).toBe(`applied ${template.resources.length} change(s)`);
  expect(first.results.filter((r) => r.action === 'create' && r.status === 'succeeded')).toHaveLength(template.resources.length);

  const after = await plan(template, opts(design, []));
  expect(after.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes])).toEqual([]);
  expect(after.steps).toHaveLength(template.resources.length);
  await check(template, design);

  calls.length = 0;
  const again = await apply(template, opts(design, calls));
  expect(again.message).toBe('nothing to do');
  expect(mutating(calls)).toEqual([]);

  const gone = await destroy(opts(design, []));
  expect(gone.failure?.error ?? gone.status).toBe('succeeded');
  expect(gone.results.filter((r) => r.status === 'succeeded').length).toBeGreaterThan(0);
  expect((await destroy({ ...opts(design, []), plan: true })).message).toBe('nothing to do: no resource carries this design id');
}

describe('queue-worker, scheduled-task, ec2-cluster and efs-service patterns deploy on moto', { timeout: 300_000 }, () => {
  it('queue-worker: Fargate Spot worker with step scaling on queue depth (target, two policies, two alarms)', async () => {
    await prove('queue-worker', async () => {
      const aas = new ApplicationAutoScalingClient(cfg());
      const [target] = (await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: ['service/workers/worker'] }))).ScalableTargets ?? [];
      expect(target).toMatchObject({ MinCapacity: 1, MaxCapacity: 20 });
      const policies = (await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: 'service/workers/worker' }))).ScalingPolicies ?? [];
      expect(policies.map((p) => p.PolicyName).sort()).toEqual(['worker-queue-scale-in', 'worker-queue-scale-out']);
      const alarms = (await new CloudWatchClient(cfg()).send(new DescribeAlarmsCommand({ AlarmNames: ['worker-queue-high', 'worker-queue-low'] }))).MetricAlarms ?? [];
      const outArn = policies.find((p) => p.PolicyName === 'worker-queue-scale-out')?.PolicyARN;
      expect(alarms.find((a) => a.AlarmName === 'worker-queue-high')?.AlarmActions).toEqual([outArn]);
      const [svc] = (await new ECSClient(cfg()).send(new DescribeServicesCommand({ cluster: 'workers', services: ['worker'] }))).services ?? [];
      expect(svc?.status).toBe('ACTIVE');
    });
  });

  it('scheduled-task: a service scaled from 0 to 1 by two scheduled actions', async () => {
    await prove('scheduled-task', async () => {
      const aas = new ApplicationAutoScalingClient(cfg());
      const rid = 'service/batch/nightly-report';
      expect((await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [rid] }))).ScalableTargets?.[0]).toMatchObject({ MinCapacity: 0, MaxCapacity: 1 });
      const actions = (await aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'ecs', ResourceId: rid }))).ScheduledActions ?? [];
      expect(actions.map((a) => [a.ScheduledActionName, a.Schedule, a.ScalableTargetAction]).sort()).toEqual([
        ['start-nightly-report', 'cron(0 2 * * ? *)', { MinCapacity: 1, MaxCapacity: 1 }],
        ['stop-nightly-report', 'cron(0 4 * * ? *)', { MinCapacity: 0, MaxCapacity: 0 }],
      ]);
    });
  });

  it('ec2-cluster: instance profile, launch template with ecs.config, Auto Scaling group, capacity provider on the cluster', async () => {
    await prove('ec2-cluster', async (_template, design) => {
      const profile = (await new IAMClient(cfg()).send(new GetInstanceProfileCommand({ InstanceProfileName: generatedName(design.id, 'EcsInstanceRoleInstanceProfile', 128) }))).InstanceProfile;
      expect(profile?.Roles?.map((r) => r.RoleName)).toEqual(['ecs-instance-role']);
      const [group] = (await new AutoScalingClient(cfg()).send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [generatedName(design.id, 'Ec2CapacityAutoScalingGroup', 255)] }))).AutoScalingGroups ?? [];
      expect(group).toMatchObject({ MinSize: 1, MaxSize: 6 });
      const [version] = (await new EC2Client(cfg()).send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: group?.LaunchTemplate?.LaunchTemplateId, Versions: ['$Latest'] }))).LaunchTemplateVersions ?? [];
      expect(version?.LaunchTemplateData).toMatchObject({ InstanceType: 't3.medium', IamInstanceProfile: { Arn: profile?.Arn } });
      expect(version?.LaunchTemplateData?.ImageId).toMatch(/^ami-/);
      expect(Buffer.from(version?.LaunchTemplateData?.UserData ?? '', 'base64').toString('utf8')).toContain('ECS_CLUSTER=ec2-cluster\n');
      const ecs = new ECSClient(cfg());
      const [cp] = (await ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: ['ec2-capacity'] }))).capacityProviders ?? [];
      expect(cp?.autoScalingGroupProvider?.managedScaling).toMatchObject({ status: 'ENABLED', targetCapacity: 90 });
      expect((await ecs.send(new DescribeClustersCommand({ clusters: ['ec2-cluster'] }))).clusters?.[0]?.capacityProviders).toEqual(['ec2-capacity']);
    });
  });

  it('efs-service: encrypted file system, a mount target per private subnet, an access point used by the task definition', async () => {
    await prove('efs-service', async (_template, design) => {
      const efs = new EFSClient(cfg());
      const [fs] = (await efs.send(new DescribeFileSystemsCommand({ CreationToken: generatedName(design.id, 'SharedFilesFileSystem', 64) }))).FileSystems ?? [];
      expect(fs).toMatchObject({ Encrypted: true, Name: 'shared-files' });
      expect((await efs.send(new DescribeMountTargetsCommand({ FileSystemId: fs?.FileSystemId }))).MountTargets).toHaveLength(2);
      const [ap] = (await efs.send(new DescribeAccessPointsCommand({ FileSystemId: fs?.FileSystemId }))).AccessPoints ?? [];
      expect(ap?.RootDirectory?.Path).toBe('/files');
      const td = (await new ECSClient(cfg()).send(new DescribeTaskDefinitionCommand({ taskDefinition: 'files' }))).taskDefinition;
      expect(td?.volumes?.[0]?.efsVolumeConfiguration).toMatchObject({ fileSystemId: fs?.FileSystemId, authorizationConfig: { accessPointId: ap?.AccessPointId } });
    });
  });
});
