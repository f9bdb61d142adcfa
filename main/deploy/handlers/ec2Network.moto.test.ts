import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateTagsCommand,
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ir, type IrResource, type IrTemplate } from '../../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { useMoto } from '../../aws/testing/useMoto';
import { isMutating, type ApiCall } from '../clients';
import { apply, destroy, plan, type ApplyOptions } from '../engine';
import { TAG_DESIGN, TAG_LOGICAL, TAG_NODE } from '../types';

const moto = useMoto();
const DESIGN = 'net-design';
let ec2: EC2Client;
beforeEach(() => {
  ec2 = new EC2Client(motoClientConfig(moto.endpoint));
});
afterEach(() => ec2.destroy());

function opts(calls: ApiCall[] = [], extra: Partial<ApplyOptions> = {}): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: DESIGN, stackName: 'net', pollIntervalMs: 20, stableTimeoutMs: 5_000, onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true), ...extra };
}
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => c.command);

/** What shared/iac/build.ts emits for a VPC with one public and one private subnet (internet + NAT gateway). */
function network(o: { hostnames?: boolean; publicIp?: boolean } = {}): IrTemplate {
  const resources: IrResource[] = [
    { id: 'Vpc', type: 'AWS::EC2::VPC', nodeId: 'vpc', properties: { CidrBlock: '10.7.0.0/16', EnableDnsHostnames: o.hostnames ?? true, EnableDnsSupport: true, Tags: [{ Key: 'Name', Value: 'app-vpc' }] } },
    { id: 'PublicSubnet', type: 'AWS::EC2::Subnet', nodeId: 'pub', properties: { VpcId: ir.ref('Vpc'), CidrBlock: '10.7.1.0/24', AvailabilityZone: ir.select(0, ir.azs()), MapPublicIpOnLaunch: o.publicIp ?? true, Tags: [{ Key: 'Name', Value: 'public-a' }] } },
    { id: 'PrivateSubnet', type: 'AWS::EC2::Subnet', nodeId: 'priv', properties: { VpcId: ir.ref('Vpc'), CidrBlock: '10.7.2.0/24', AvailabilityZone: ir.select(1, ir.azs()), Tags: [{ Key: 'Name', Value: 'private-b' }] } },
    { id: 'Igw', type: 'AWS::EC2::InternetGateway', nodeId: 'vpc', properties: {} },
    { id: 'IgwAttachment', type: 'AWS::EC2::VPCGatewayAttachment', nodeId: 'vpc', properties: { VpcId: ir.ref('Vpc'), InternetGatewayId: ir.ref('Igw') } },
    { id: 'PublicRt', type: 'AWS::EC2::RouteTable', nodeId: 'vpc', properties: { VpcId: ir.ref('Vpc') } },
    { id: 'PublicRoute', type: 'AWS::EC2::Route', nodeId: 'vpc', dependsOn: ['IgwAttachment'], properties: { RouteTableId: ir.ref('PublicRt'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ir.ref('Igw') } },
    { id: 'PublicAssoc', type: 'AWS::EC2::SubnetRouteTableAssociation', nodeId: 'pub', properties: { SubnetId: ir.ref('PublicSubnet'), RouteTableId: ir.ref('PublicRt') } },
    { id: 'NatEip', type: 'AWS::EC2::EIP', nodeId: 'vpc', dependsOn: ['IgwAttachment'], properties: { Domain: 'vpc' } },
    { id: 'Nat', type: 'AWS::EC2::NatGateway', nodeId: 'vpc', properties: { AllocationId: ir.getAtt('NatEip', 'AllocationId'), SubnetId: ir.ref('PublicSubnet') } },
    { id: 'PrivateRt', type: 'AWS::EC2::RouteTable', nodeId: 'vpc', properties: { VpcId: ir.ref('Vpc') } },
    { id: 'PrivateRoute', type: 'AWS::EC2::Route', nodeId: 'vpc', properties: { RouteTableId: ir.ref('PrivateRt'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ir.ref('Nat') } },
    { id: 'PrivateAssoc', type: 'AWS::EC2::SubnetRouteTableAssociation', nodeId: 'priv', properties: { SubnetId: ir.ref('PrivateSubnet'), RouteTableId: ir.ref('PrivateRt') } },
  ];
  return { description: 'network', parameters: [], resources, outputs: [] };
}

const byTag = (logical: string) => [
  { Name: `tag:${TAG_DESIGN}`, Values: [DESIGN] },
  { Name: `tag:${TAG_LOGICAL}`, Values: [logical] },
];

describe('VPC, subnets, gateways, routes, EIP and NAT gateway against moto', { timeout: 120_000 }, () => {
  it('creates the network, describes it back, redeploys with no change, updates in place and destroys only what it made', async () => {
    const calls: ApiCall[] = [];
    const first = await apply(network(), opts(calls));
    expect(first.status, first.message).toBe('succeeded');
    expect(first.results.filter((r) => r.action === 'create')).toHaveLength(13);

    const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: byTag('Vpc') }))).Vpcs ?? [];
    expect(vpc.map((v) => v.CidrBlock)).toEqual(['10.7.0.0/16']);
    const vpcId = vpc[0]!.VpcId!;
    expect((await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }))).EnableDnsHostnames?.Value).toBe(true);
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets ?? [];
    const pub = subnets.find((s) => s.CidrBlock === '10.7.1.0/24');
    const priv = subnets.find((s) => s.CidrBlock === '10.7.2.0/24');
    expect(pub?.MapPublicIpOnLaunch).toBe(true);
    expect(priv?.MapPublicIpOnLaunch).toBe(false);
    expect(pub?.AvailabilityZone).not.toBe(priv?.AvailabilityZone);
    const igw = (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: byTag('Igw') }))).InternetGateways?.[0];
    expect(igw?.Attachments?.map((a) => a.VpcId)).toEqual([vpcId]);
    const eip = (await ec2.send(new DescribeAddressesCommand({ Filters: byTag('NatEip') }))).Addresses?.[0];
    const nat = (await ec2.send(new DescribeNatGatewaysCommand({ Filter: byTag('Nat') }))).NatGateways?.[0];
    expect(nat?.State).toBe('available');
    expect(nat?.SubnetId).toBe(pub?.SubnetId);
    expect(nat?.NatGatewayAddresses?.[0]?.AllocationId).toBe(eip?.AllocationId);
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: `tag:${TAG_DESIGN}`, Values: [DESIGN] }] }))).RouteTables ?? [];
    const publicRt = tables.find((t) => t.Associations?.some((a) => a.SubnetId === pub?.SubnetId));
    const privateRt = tables.find((t) => t.Associations?.some((a) => a.SubnetId === priv?.SubnetId));
    expect(publicRt?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId).toBe(igw?.InternetGatewayId);
    expect(privateRt?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.NatGatewayId).toBe(nat?.NatGatewayId);

    calls.length = 0;
    const again = await plan(network(), opts(calls));
    expect(again.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes])).toEqual([]);
    expect(mutating(calls)).toEqual([]);
    calls.length = 0;
    expect((await apply(network(), opts(calls))).message).toBe('nothing to do');
    expect(mutating(calls)).toEqual([]);

    const changed = await plan(network({ hostnames: false, publicIp: false }), opts());
    expect(changed.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes.map((c) => c.path)])).toEqual([
      ['Vpc', 'update', ['/EnableDnsHostnames']],
      ['PublicSubnet', 'update', ['/MapPublicIpOnLaunch']],
    ]);
    calls.length = 0;
    expect((await apply(network({ hostnames: false, publicIp: false }), opts(calls))).status).toBe('succeeded');
    expect(mutating(calls).sort()).toEqual(['ModifySubnetAttribute', 'ModifyVpcAttribute']);
    expect((await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }))).EnableDnsHostnames?.Value).toBe(false);

    // Moving the private subnet to the public table is an in-place association update.
    const base = network({ hostnames: false, publicIp: false });
    const moved: IrTemplate = { ...base, resources: base.resources.map((r) => (r.id === 'PrivateAssoc' ? { ...r, properties: { ...r.properties, RouteTableId: ir.ref('PublicRt') } } : r)) };
    calls.length = 0;
    expect((await apply(moved, opts(calls))).status).toBe('succeeded');
    expect(mutating(calls)).toEqual(['ReplaceRouteTableAssociation']);

    const gone = await destroy(opts());
    expect(gone.status, gone.message).toBe('succeeded');
    // In the order AWS needs: NAT gateway before its address, associations and routes before their tables, the
    // gateway detached before it is deleted, subnets, then the VPC. Routes, associations and the attachment carry no
    // tags: they are listed through their owned route tables and gateway.
    expect(gone.plan.map((x) => x.type.replace('AWS::EC2::', ''))).toEqual([
      'NatGateway',
      'SubnetRouteTableAssociation',
      'SubnetRouteTableAssociation',
      'Route',
      'Route',
      'EIP',
      'RouteTable',
      'RouteTable',
      'VPCGatewayAttachment',
      'InternetGateway',
      'Subnet',
      'Subnet',
      'VPC',
    ]);
    expect((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Vpcs ?? []).toEqual([]);
    expect((await ec2.send(new DescribeAddressesCommand({ Filters: byTag('NatEip') }))).Addresses ?? []).toEqual([]);
    expect((await ec2.send(new DescribeInternetGatewaysCommand({ Filters: byTag('Igw') }))).InternetGateways ?? []).toEqual([]);
    expect(((await ec2.send(new DescribeNatGatewaysCommand({ Filter: byTag('Nat') }))).NatGateways ?? []).map((n) => n.State)).toEqual(['deleted']);
  });

  it('tag changes and a route target change are made in place', async () => {
    expect((await apply(network(), opts())).status).toBe('succeeded');
    const base = network();
    const changed: IrTemplate = {
      ...base,
      resources: base.resources.map((r) => {
        if (r.id === 'Vpc') return { ...r, properties: { ...r.properties, Tags: [{ Key: 'Name', Value: 'shop-vpc' }] } };
        if (r.id === 'PrivateSubnet') return { ...r, properties: { ...r.properties, Tags: [] } };
        // The private subnets go out through the internet gateway instead of the NAT gateway.
        if (r.id === 'PrivateRoute') return { ...r, dependsOn: ['IgwAttachment'], properties: { RouteTableId: ir.ref('PrivateRt'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ir.ref('Igw') } };
        return r;
      }),
    };
    const p = await plan(changed, opts());
    expect(p.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes.map((c) => c.path)])).toEqual([
      ['Vpc', 'update', ['/Tags/Name']],
      ['PrivateSubnet', 'update', ['/Tags/Name']],
      ['PrivateRoute', 'update', ['/GatewayId', '/NatGatewayId']],
    ]);
    const calls: ApiCall[] = [];
    expect((await apply(changed, opts(calls))).status).toBe('succeeded');
    expect(mutating(calls).sort()).toEqual(['CreateTags', 'DeleteTags', 'ReplaceRoute']);
    const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: byTag('Vpc') }))).Vpcs?.[0];
    expect(vpc?.Tags?.find((t) => t.Key === 'Name')?.Value).toBe('shop-vpc');
    const subnet = (await ec2.send(new DescribeSubnetsCommand({ Filters: byTag('PrivateSubnet') }))).Subnets?.[0];
    expect(subnet?.Tags?.map((t) => t.Key).sort()).toEqual([TAG_DESIGN, TAG_LOGICAL, TAG_NODE].sort());
    const igw = (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: byTag('Igw') }))).InternetGateways?.[0];
    const table = (await ec2.send(new DescribeRouteTablesCommand({ Filters: byTag('PrivateRt') }))).RouteTables?.[0];
    expect(table?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId).toBe(igw?.InternetGatewayId);
    expect((await plan(changed, opts())).nothingToDo).toBe(true);
  });

  it('a subnet or a route that exists without our tag is a conflict: nothing is changed, destroy leaves it alone', async () => {
    const defaultVpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId ?? '';
    const theirSubnet = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }] }))).Subnets?.[0];
    const mainTable = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables?.[0];
    // Someone else's internet gateway, attached, with the default route in the main table.
    const theirGateway = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId ?? '';
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: theirGateway, VpcId: defaultVpc }));
    await ec2.send(new CreateRouteCommand({ RouteTableId: mainTable?.RouteTableId ?? '', DestinationCidrBlock: '0.0.0.0/0', GatewayId: theirGateway }));
    await ec2.send(new CreateTagsCommand({ Resources: [theirSubnet?.SubnetId ?? ''], Tags: [{ Key: 'Name', Value: 'theirs' }] }));
    const template: IrTemplate = {
      description: 'look-alikes',
      parameters: [
        { id: 'Vpc', type: 'AWS::EC2::VPC::Id', description: 'existing VPC' },
        { id: 'Table', type: 'String', description: 'existing route table' },
        { id: 'Gateway', type: 'String', description: 'an internet gateway' },
      ],
      resources: [
        { id: 'Subnet', type: 'AWS::EC2::Subnet', properties: { VpcId: ir.ref('Vpc'), CidrBlock: theirSubnet?.CidrBlock ?? '', MapPublicIpOnLaunch: false } },
        { id: 'Route', type: 'AWS::EC2::Route', properties: { RouteTableId: ir.ref('Table'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ir.ref('Gateway') } },
        { id: 'Attachment', type: 'AWS::EC2::VPCGatewayAttachment', properties: { VpcId: ir.ref('Vpc'), InternetGatewayId: ir.ref('Gateway') } },
      ],
      outputs: [],
    };
    const calls: ApiCall[] = [];
    const o = opts(calls, { parameters: { Vpc: defaultVpc, Table: mainTable?.RouteTableId ?? '', Gateway: theirGateway } });
    const report = await apply(template, o);
    expect(report.status).toBe('refused');
    expect(report.plan.map((s) => [s.logicalId, s.action])).toEqual([
      ['Attachment', 'conflict'],
      ['Route', 'conflict'],
      ['Subnet', 'conflict'],
    ]);
    expect(report.plan.find((s) => s.logicalId === 'Subnet')?.reason).toMatch(/not created by ECS Designer/);
    expect(mutating(calls)).toEqual([]);
    expect((await destroy(o)).message).toMatch(/nothing to do/);
    const after = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [mainTable?.RouteTableId ?? ''] }))).RouteTables?.[0];
    expect(after?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId).toBe(theirGateway);
    expect((await ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [theirGateway] }))).InternetGateways?.[0]?.Attachments?.map((a) => a.VpcId)).toEqual([defaultVpc]);
    expect((await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [theirSubnet?.SubnetId ?? ''] }))).Subnets?.[0]?.MapPublicIpOnLaunch).toBe(theirSubnet?.MapPublicIpOnLaunch);
  });
});
