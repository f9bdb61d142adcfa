import { DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand, ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResourceGraph } from '../../shared/iac/build';
import type { IrTemplate } from '../../shared/iac/ir';
import { loadBalancedWebService } from '../../shared/patterns';
import { motoClientConfig, motoTarget } from '../aws/testing/moto';
import { useMoto } from '../aws/testing/useMoto';
import { isMutating, type ApiCall } from './clients';
import { apply, destroy, type ApplyOptions, type DeployReport } from './engine';
import { HANDLERS } from './handlers/index';
import { TAG_DESIGN } from './types';

// One moto for the whole story: deploy, describe back, redeploy unchanged, destroy.
const moto = useMoto({ resetEachTest: false, env: { MOTO_ECS_SERVICE_RUNNING: '2', MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });

const design = loadBalancedWebService();
const built: IrTemplate = buildResourceGraph(design);
/**
 * The pattern's template, less one service property moto cannot hold: moto 5.2.1 ignores
 * healthCheckGracePeriodSeconds in CreateService (DescribeServices never returns it), so against moto it would plan as
 * a change on every deploy. Real ECS returns it. Nothing else is changed.
 */
const template: IrTemplate = {
  ...built,
  resources: built.resources.map((r) => {
    if (r.id !== 'WebService') return r;
    const { HealthCheckGracePeriodSeconds: _notInMoto, ...properties } = r.properties;
    return { ...r, properties };
  }),
};
const tagged = (Name: string) => [{ Name: `tag:${TAG_DESIGN}`, Values: [design.id] }, ...(Name ? [{ Name: 'vpc-id', Values: [Name] }] : [])];

function opts(calls: ApiCall[]): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: design.id, stackName: 'web', pollIntervalMs: 20, stableTimeoutMs: 20_000, onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true) };
}
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => `${c.service}:${c.command}`);

let ec2: EC2Client;
let elb: ElasticLoadBalancingV2Client;
let ecs: ECSClient;
let scaling: ApplicationAutoScalingClient;
beforeAll(() => {
  ec2 = new EC2Client(motoClientConfig(moto.endpoint));
  elb = new ElasticLoadBalancingV2Client(motoClientConfig(moto.endpoint));
  ecs = new ECSClient(motoClientConfig(moto.endpoint));
  scaling = new ApplicationAutoScalingClient(motoClientConfig(moto.endpoint));
});
afterAll(() => {
  for (const c of [ec2, elb, ecs, scaling]) c.destroy();
});

describe('the load-balanced web service pattern deploys on moto', { timeout: 180_000 }, () => {
  let first: DeployReport;

  it('every resource type of the pattern has a handler', () => {
    expect(built.resources.find((r) => r.id === 'WebService')?.properties['HealthCheckGracePeriodSeconds']).toBe(60);
    expect([...new Set(template.resources.map((r) => r.type))].filter((t) => !HANDLERS.has(t))).toEqual([]);
    // The networking and load balancing part this proof is about.
    expect(template.resources.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        'AWS::EC2::VPC',
        'AWS::EC2::Subnet',
        'AWS::EC2::InternetGateway',
        'AWS::EC2::VPCGatewayAttachment',
        'AWS::EC2::RouteTable',
        'AWS::EC2::Route',
        'AWS::EC2::SubnetRouteTableAssociation',
        'AWS::EC2::EIP',
        'AWS::EC2::NatGateway',
        'AWS::EC2::SecurityGroupIngress',
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
        'AWS::ElasticLoadBalancingV2::TargetGroup',
        'AWS::ElasticLoadBalancingV2::Listener',
      ]),
    );
  });

  it('apply creates everything', async () => {
    first = await apply(template, opts([]));
    expect(first.status, first.message).toBe('succeeded');
    expect(first.results.map((r) => [r.logicalId, r.action, r.status]).sort()).toEqual(template.resources.map((r) => [r.id, 'create', 'succeeded']).sort());
  });

  it('describing it back with the SDK finds the network, the load balancer chain and the service wired together', async () => {
    const physical = (id: string) => first.results.find((r) => r.logicalId === id)?.physicalId ?? '';
    const vpcs = (await ec2.send(new DescribeVpcsCommand({ Filters: tagged('') }))).Vpcs ?? [];
    expect(vpcs.map((v) => [v.VpcId, v.CidrBlock])).toEqual([[physical('AppVpc'), '10.0.0.0/16']]);
    const vpc = vpcs[0]!.VpcId!;
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: tagged(vpc) }))).Subnets ?? [];
    const cidr = (id: string) => subnets.find((s) => s.SubnetId === physical(id));
    expect(['PublicASubnet', 'PublicBSubnet', 'PrivateASubnet', 'PrivateBSubnet'].map((id) => [cidr(id)?.CidrBlock, cidr(id)?.MapPublicIpOnLaunch])).toEqual([
      ['10.0.101.0/24', true],
      ['10.0.102.0/24', true],
      ['10.0.1.0/24', false],
      ['10.0.2.0/24', false],
    ]);
    const igw = (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: tagged('') }))).InternetGateways ?? [];
    expect(igw.map((g) => g.Attachments?.map((a) => a.VpcId))).toEqual([[vpc]]);
    const nat = (await ec2.send(new DescribeNatGatewaysCommand({ Filter: tagged(vpc) }))).NatGateways ?? [];
    expect(nat.map((n) => [n.State, n.SubnetId])).toEqual([['available', physical('PublicASubnet')]]);
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: tagged(vpc) }))).RouteTables ?? [];
    const routeOf = (subnet: string) => tables.find((t) => t.Associations?.some((a) => a.SubnetId === physical(subnet)))?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
    expect(routeOf('PublicASubnet')?.GatewayId).toBe(igw[0]?.InternetGatewayId);
    expect(routeOf('PublicBSubnet')?.GatewayId).toBe(igw[0]?.InternetGatewayId);
    expect(routeOf('PrivateASubnet')?.NatGatewayId).toBe(nat[0]?.NatGatewayId);
    expect(routeOf('PrivateBSubnet')?.NatGatewayId).toBe(nat[0]?.NatGatewayId);

    const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: tagged(vpc) }))).SecurityGroups ?? [];
    const albSg = groups.find((g) => g.GroupName === 'web-alb');
    const tasksSg = groups.find((g) => g.GroupName === 'web-tasks');
    expect(albSg?.IpPermissions?.map((p) => [p.FromPort, p.IpRanges?.[0]?.CidrIp])).toEqual([[80, '0.0.0.0/0']]);
    const ingress = (await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [tasksSg?.GroupId ?? ''] }] }))).SecurityGroupRules?.filter((r) => !r.IsEgress);
    expect(ingress?.map((r) => [r.SecurityGroupRuleId, r.FromPort, r.ReferencedGroupInfo?.GroupId])).toEqual([[physical('WebTasksFromWebAlbIngress'), 8080, albSg?.GroupId]]);

    const lb = (await elb.send(new DescribeLoadBalancersCommand({ Names: ['web-alb'] }))).LoadBalancers?.[0];
    expect(lb?.LoadBalancerArn).toBe(physical('WebAlbLoadBalancer'));
    expect(lb?.DNSName).toBeTruthy();
    expect([lb?.Scheme, lb?.VpcId, lb?.SecurityGroups]).toEqual(['internet-facing', vpc, [albSg?.GroupId]]);
    expect(lb?.AvailabilityZones?.map((z) => z.SubnetId).sort()).toEqual([physical('PublicASubnet'), physical('PublicBSubnet')].sort());
    const tg = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-tg'] }))).TargetGroups?.[0];
    expect([tg?.TargetGroupArn, tg?.VpcId, tg?.TargetType, tg?.Port, tg?.HealthCheckPath]).toEqual([physical('WebTgTargetGroup'), vpc, 'ip', 8080, '/health']);
    const listeners = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lb?.LoadBalancerArn ?? '' }))).Listeners ?? [];
    expect(listeners.map((l) => [l.Port, l.Protocol, l.DefaultActions?.[0]?.TargetGroupArn])).toEqual([[80, 'HTTP', tg?.TargetGroupArn]]);

    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: 'web-cluster', services: ['web'] }))).services?.[0];
    expect(svc?.loadBalancers).toEqual([{ targetGroupArn: tg?.TargetGroupArn, containerName: 'web', containerPort: 8080 }]);
    expect(svc?.networkConfiguration?.awsvpcConfiguration?.subnets?.sort()).toEqual([physical('PrivateASubnet'), physical('PrivateBSubnet')].sort());
    expect(svc?.networkConfiguration?.awsvpcConfiguration?.securityGroups).toEqual([tasksSg?.GroupId]);
    const targets = (await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }))).ScalableTargets ?? [];
    expect(targets.map((t) => [t.ResourceId, t.MinCapacity, t.MaxCapacity])).toEqual([['service/web-cluster/web', 2, 10]]);
    const policies = (await scaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs' }))).ScalingPolicies ?? [];
    expect(policies.map((p) => p.PolicyName)).toEqual(['web-cpu-60']);
  });

  it('an unchanged redeploy makes zero mutating calls', async () => {
    const calls: ApiCall[] = [];
    const again = await apply(template, opts(calls));
    expect(again.plan.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes])).toEqual([]);
    expect(again.message).toBe('nothing to do');
    expect(mutating(calls)).toEqual([]);
    expect(again.apiCalls.mutating).toBe(0);
  });

  it('destroy removes everything owned, and only that', async () => {
    const defaultVpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId;
    const gone = await destroy(opts([]));
    expect(gone.status, gone.message).toBe('succeeded');
    expect(gone.results.every((r) => r.status === 'succeeded')).toBe(true);
    // Every resource of the deploy is in the destroy, plus nothing foreign.
    const deleted = new Set(gone.results.map((r) => r.physicalId));
    for (const r of first.results) if (!['AWS::ECS::ClusterCapacityProviderAssociations'].includes(r.type)) expect(deleted, `${r.logicalId} ${r.type}`).toContain(r.physicalId);
    expect((await destroy(opts([]))).message).toMatch(/nothing to do/);
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.map((v) => v.VpcId)).toEqual([defaultVpc]);
    expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).toEqual([]);
    expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? []).toEqual([]);
    expect(((await ec2.send(new DescribeNatGatewaysCommand({}))).NatGateways ?? []).map((n) => n.State)).toEqual(['deleted']);
    expect((await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }))).ScalableTargets ?? []).toEqual([]);
  });
});
