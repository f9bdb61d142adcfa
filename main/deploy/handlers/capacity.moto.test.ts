import { AutoScalingClient, CreateAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeCapacityProvidersCommand, DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { GetInstanceProfileCommand, IAMClient, ListInstanceProfilesCommand } from '@aws-sdk/client-iam';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ir, type IrTemplate } from '../../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { useMoto } from '../../aws/testing/useMoto';
import { isMutating, type ApiCall } from '../clients';
import { apply, destroy, plan, type ApplyOptions } from '../engine';
import { TAG_DESIGN } from '../types';
import { generatedName } from '../values';

const moto = useMoto();
let subnets = '';
beforeEach(async () => {
  const ec2 = new EC2Client(motoClientConfig(moto.endpoint));
  subnets = ((await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets ?? [])
    .slice(0, 2)
    .map((s) => s.SubnetId ?? '')
    .join(',');
}, 60_000);

const DESIGN = 'ec2-capacity-design';
const AMI_PARAM = '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id';

interface Knobs {
  instanceType?: string;
  maxSize?: string;
  targetCapacity?: number;
  profileTags?: { Key: string; Value: string }[];
}

function template(k: Knobs = {}): IrTemplate {
  return {
    description: 'EC2 capacity',
    parameters: [
      { id: 'AmiId', type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', description: 'ECS-optimized AMI', default: AMI_PARAM },
      { id: 'Subnets', type: 'List<AWS::EC2::Subnet::Id>', description: 'subnets' },
    ],
    resources: [
      {
        id: 'InstanceRole',
        type: 'AWS::IAM::Role',
        nodeId: 'role',
        properties: { RoleName: 'ecs-instance', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
      },
      { id: 'InstanceProfile', type: 'AWS::IAM::InstanceProfile', nodeId: 'role', properties: k.profileTags ? { Roles: [ir.ref('InstanceRole')], Tags: k.profileTags } : { Roles: [ir.ref('InstanceRole')] } },
      { id: 'Cluster', type: 'AWS::ECS::Cluster', nodeId: 'cluster', properties: { ClusterName: 'ec2-cluster' } },
      {
        id: 'LaunchTemplate',
        type: 'AWS::EC2::LaunchTemplate',
        nodeId: 'cp',
        properties: {
          LaunchTemplateData: {
            ImageId: ir.ref('AmiId'),
            InstanceType: k.instanceType ?? 't3.medium',
            IamInstanceProfile: { Arn: ir.getAtt('InstanceProfile', 'Arn') },
            MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
            UserData: ir.base64(ir.concat("#!/bin/bash\ncat >> /etc/ecs/ecs.config <<'EOF'\nECS_CLUSTER=", ir.ref('Cluster'), '\nEOF\n')),
          },
        },
      },
      {
        id: 'Group',
        type: 'AWS::AutoScaling::AutoScalingGroup',
        nodeId: 'cp',
        properties: {
          MinSize: '0',
          MaxSize: k.maxSize ?? '4',
          VPCZoneIdentifier: ir.ref('Subnets'),
          LaunchTemplate: { LaunchTemplateId: ir.ref('LaunchTemplate'), Version: ir.getAtt('LaunchTemplate', 'LatestVersionNumber') },
          Tags: [{ Key: 'Name', Value: 'ec2-capacity', PropagateAtLaunch: true }],
        },
      },
      {
        id: 'Provider',
        type: 'AWS::ECS::CapacityProvider',
        nodeId: 'cp',
        properties: { Name: 'ec2-capacity', AutoScalingGroupProvider: { AutoScalingGroupArn: ir.ref('Group'), ManagedScaling: { Status: 'ENABLED', TargetCapacity: k.targetCapacity ?? 90 }, ManagedTerminationProtection: 'DISABLED' } },
      },
      {
        id: 'ClusterProviders',
        type: 'AWS::ECS::ClusterCapacityProviderAssociations',
        nodeId: 'cluster',
        properties: { Cluster: ir.ref('Cluster'), CapacityProviders: [ir.ref('Provider')], DefaultCapacityProviderStrategy: [{ CapacityProvider: ir.ref('Provider'), Weight: 1 }] },
      },
    ],
    outputs: [],
  };
}

function engine(calls: ApiCall[]): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: DESIGN, stackName: 'ec2', parameters: { Subnets: subnets }, pollIntervalMs: 20, stableTimeoutMs: 10_000, onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true) };
}
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => c.command);

describe('EC2 capacity handlers against moto', { timeout: 120_000 }, () => {
  it('creates profile, launch template (AMI from SSM, ecs.config user data), group and provider; no-change; updates; destroy', async () => {
    const calls: ApiCall[] = [];
    const first = await apply(template({ profileTags: [{ Key: 'team', Value: 'infra' }] }), engine(calls));
    expect(first.status).toBe('succeeded');

    const iam = new IAMClient(motoClientConfig(moto.endpoint));
    const ec2 = new EC2Client(motoClientConfig(moto.endpoint));
    const asg = new AutoScalingClient(motoClientConfig(moto.endpoint));
    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    const profileName = generatedName(DESIGN, 'InstanceProfile', 128);
    const profile = (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: profileName }))).InstanceProfile;
    expect(profile?.Roles?.map((r) => r.RoleName)).toEqual(['ecs-instance']);
    expect(profile?.Tags).toContainEqual({ Key: 'team', Value: 'infra' });

    const [lt] = (await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [generatedName(DESIGN, 'LaunchTemplate', 128)] }))).LaunchTemplates ?? [];
    const [v1] = (await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: lt?.LaunchTemplateId, Versions: ['$Latest'] }))).LaunchTemplateVersions ?? [];
    const ami = (await new SSMClient(motoClientConfig(moto.endpoint)).send(new GetParameterCommand({ Name: AMI_PARAM }))).Parameter?.Value;
    expect(ami).toMatch(/^ami-/);
    expect(v1?.LaunchTemplateData).toMatchObject({ ImageId: ami, InstanceType: 't3.medium', IamInstanceProfile: { Arn: profile?.Arn }, MetadataOptions: { HttpTokens: 'required' } });
    expect(Buffer.from(v1?.LaunchTemplateData?.UserData ?? '', 'base64').toString('utf8')).toContain('ECS_CLUSTER=ec2-cluster\n');

    const groupName = generatedName(DESIGN, 'Group', 255);
    const [group] = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }))).AutoScalingGroups ?? [];
    expect(group).toMatchObject({ MinSize: 0, MaxSize: 4, LaunchTemplate: { LaunchTemplateId: lt?.LaunchTemplateId, Version: '1' } });
    expect(group?.VPCZoneIdentifier?.split(',').sort()).toEqual(subnets.split(',').sort());
    expect(group?.Tags?.find((t) => t.Key === TAG_DESIGN)).toMatchObject({ Value: DESIGN, PropagateAtLaunch: false });
    expect(group?.Tags?.find((t) => t.Key === 'Name')).toMatchObject({ Value: 'ec2-capacity', PropagateAtLaunch: true });

    const [cp] = (await ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: ['ec2-capacity'] }))).capacityProviders ?? [];
    expect(cp?.autoScalingGroupProvider).toMatchObject({ managedScaling: { status: 'ENABLED', targetCapacity: 90 }, managedTerminationProtection: 'DISABLED' });
    expect((await ecs.send(new DescribeClustersCommand({ clusters: ['ec2-cluster'] }))).clusters?.[0]?.capacityProviders).toEqual(['ec2-capacity']);

    calls.length = 0;
    const same = await plan(template({ profileTags: [{ Key: 'team', Value: 'infra' }] }), engine(calls));
    expect(same.steps.filter((s) => s.action !== 'no-change')).toEqual([]);
    expect((await apply(template({ profileTags: [{ Key: 'team', Value: 'infra' }] }), engine(calls))).message).toBe('nothing to do');
    expect(mutating(calls)).toEqual([]);

    // Instance type → a new launch template version, which the group then uses; provider target capacity; a tag removed.
    const next = template({ instanceType: 't3.large', targetCapacity: 80 });
    const p = await plan(next, engine([]));
    expect(p.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes.map((c) => c.path)])).toEqual([
      ['InstanceProfile', 'update', ['/Tags/team']],
      ['LaunchTemplate', 'update', ['/LaunchTemplateData/InstanceType']],
      ['Group', 'update', ['/LaunchTemplate/Version']],
      ['Provider', 'update', ['/AutoScalingGroupProvider/ManagedScaling/TargetCapacity']],
    ]);
    calls.length = 0;
    expect((await apply(next, engine(calls))).status).toBe('succeeded');
    expect(mutating(calls).sort()).toEqual(['CreateLaunchTemplateVersion', 'ModifyLaunchTemplate', 'TagInstanceProfile', 'UntagInstanceProfile', 'UpdateAutoScalingGroup', 'UpdateCapacityProvider']);
    const [after] = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }))).AutoScalingGroups ?? [];
    expect(after?.LaunchTemplate?.Version).toBe('2');
    expect((await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: profileName }))).InstanceProfile?.Tags?.map((t) => t.Key)).not.toContain('team');
    calls.length = 0;
    expect((await apply(next, engine(calls))).message).toBe('nothing to do');

    const gone = await destroy(engine([]));
    expect(gone.status).toBe('succeeded');
    expect((await asg.send(new DescribeAutoScalingGroupsCommand({}))).AutoScalingGroups).toEqual([]);
    expect((await ec2.send(new DescribeLaunchTemplatesCommand({}))).LaunchTemplates).toEqual([]);
    expect((await iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles).toEqual([]);
    expect((await ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: ['ec2-capacity'] }))).capacityProviders ?? []).toEqual([]);
  });

  it('a launch template and group with our names but without our tag are conflicts and stay untouched', async () => {
    const ec2 = new EC2Client(motoClientConfig(moto.endpoint));
    const asg = new AutoScalingClient(motoClientConfig(moto.endpoint));
    const lt = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: generatedName(DESIGN, 'LaunchTemplate', 128), LaunchTemplateData: { InstanceType: 't3.nano' } }));
    await asg.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: generatedName(DESIGN, 'Group', 255), MinSize: 0, MaxSize: 1, VPCZoneIdentifier: subnets, LaunchTemplate: { LaunchTemplateId: lt.LaunchTemplate?.LaunchTemplateId ?? '' } }));
    const calls: ApiCall[] = [];
    const report = await apply(template(), engine(calls));
    expect(report.status).toBe('refused');
    expect(report.plan.filter((s) => s.action === 'conflict').map((s) => s.logicalId)).toEqual(['LaunchTemplate', 'Group']);
    expect(mutating(calls)).toEqual([]);
    expect((await destroy(engine(calls))).message).toBe('nothing to do: no resource carries this design id');
    expect((await asg.send(new DescribeAutoScalingGroupsCommand({}))).AutoScalingGroups?.map((g) => g.MaxSize)).toEqual([1]);
  });
});
