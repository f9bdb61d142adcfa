import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  type Filter,
  type InternetGateway,
  type Subnet,
  type Vpc,
} from '@aws-sdk/client-ec2';
import type { IrObject } from '../../../shared/iac/ir';
import type { HandlerContext, LiveResource, PropertyChange, ResourceHandler } from '../types';
import { changedTags, containsUnknown, diffValues, optStr, str, tagsToRecord } from '../values';
import { checkProperties, derivedTags, designFilter, ec2TagList, isNotFound, ownedFilters, syncEc2Tags, whileInUse } from './ec2Common';

// ── VPC ────────────────────────────────────────────────────────────────────────────────────────────────

async function describeVpcs(ctx: HandlerContext, filters: Filter[]): Promise<Vpc[]> {
  const out: Vpc[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.ec2.send(new DescribeVpcsCommand({ Filters: filters, ...(NextToken ? { NextToken } : {}) }));
    out.push(...(page.Vpcs ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

function vpcLive(v: Vpc, dns?: { hostnames: boolean; support: boolean }): LiveResource {
  const id = v.VpcId ?? '';
  const tags = tagsToRecord(v.Tags);
  return {
    type: 'AWS::EC2::VPC',
    physicalId: id,
    name: tags['Name'] ? `${tags['Name']} (${id})` : id,
    attributes: { VpcId: id, CidrBlock: v.CidrBlock ?? '' },
    tags,
    properties: {
      CidrBlock: v.CidrBlock ?? '',
      InstanceTenancy: v.InstanceTenancy ?? 'default',
      ...(dns ? { EnableDnsHostnames: dns.hostnames, EnableDnsSupport: dns.support } : {}),
    },
  };
}

async function vpcDns(ctx: HandlerContext, id: string): Promise<{ hostnames: boolean; support: boolean }> {
  const [h, s] = await Promise.all([
    ctx.clients.ec2.send(new DescribeVpcAttributeCommand({ VpcId: id, Attribute: 'enableDnsHostnames' })),
    ctx.clients.ec2.send(new DescribeVpcAttributeCommand({ VpcId: id, Attribute: 'enableDnsSupport' })),
  ]);
  return { hostnames: h.EnableDnsHostnames?.Value ?? false, support: s.EnableDnsSupport?.Value ?? true };
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/**
 * AWS::EC2::VPC. AWS names no VPC, so the live one is found by our tags (design id + logical id): a VPC without
 * them is never read, changed or deleted. Ref = VpcId; GetAtt VpcId, CidrBlock.
 */
export const ec2VpcHandler: ResourceHandler = {
  type: 'AWS::EC2::VPC',
  deleteRank: 9,
  replaceOn: ['/CidrBlock', '/InstanceTenancy'],
  name(d) {
    checkProperties(d, ['CidrBlock', 'EnableDnsHostnames', 'EnableDnsSupport', 'InstanceTenancy']);
    return `${str(d.properties['CidrBlock'], `${d.logicalId}.CidrBlock`)} (${d.logicalId})`;
  },
  async read(ctx, d) {
    const [v] = await describeVpcs(ctx, ownedFilters(ctx, d.logicalId));
    return v ? vpcLive(v, await vpcDns(ctx, v.VpcId ?? '')) : undefined;
  },
  diff(d, live) {
    const p = d.properties;
    const want: IrObject = { CidrBlock: p['CidrBlock'] ?? '' };
    if (p['InstanceTenancy'] !== undefined) want['InstanceTenancy'] = p['InstanceTenancy'];
    const hostnames = bool(p['EnableDnsHostnames']);
    const support = bool(p['EnableDnsSupport']);
    // AWS defaults: DNS support on, hostnames off; a design that says nothing accepts them.
    want['EnableDnsSupport'] = support ?? true;
    want['EnableDnsHostnames'] = hostnames ?? false;
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const p = d.properties;
    const res = await ctx.clients.ec2.send(
      new CreateVpcCommand({
        CidrBlock: str(p['CidrBlock'], `${d.logicalId}.CidrBlock`),
        ...(optStr(p['InstanceTenancy']) ? { InstanceTenancy: optStr(p['InstanceTenancy']) as 'default' } : {}),
        TagSpecifications: [{ ResourceType: 'vpc', Tags: ec2TagList(d.tags) }],
      }),
    );
    const id = res.Vpc?.VpcId ?? '';
    // One attribute per call (the API's rule); support before hostnames (hostnames need support).
    if (bool(p['EnableDnsSupport']) === false) await ctx.clients.ec2.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsSupport: { Value: false } }));
    if (bool(p['EnableDnsHostnames']) === true) await ctx.clients.ec2.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsHostnames: { Value: true } }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`VPC ${id} was created but cannot be described by its tags`);
    return live;
  },
  async update(ctx, d, live, changes) {
    const id = live.physicalId;
    const p = d.properties;
    if (changes.some((c) => c.path === '/EnableDnsSupport')) await ctx.clients.ec2.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsSupport: { Value: bool(p['EnableDnsSupport']) ?? true } }));
    if (changes.some((c) => c.path === '/EnableDnsHostnames')) await ctx.clients.ec2.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsHostnames: { Value: bool(p['EnableDnsHostnames']) ?? false } }));
    await syncEc2Tags(ctx, id, d, live, changes);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    // Network interfaces of a just-deleted load balancer or NAT gateway linger a little: wait for them (bounded).
    await whileInUse(ctx, `VPC ${live.physicalId}`, () => ctx.clients.ec2.send(new DeleteVpcCommand({ VpcId: live.physicalId })));
  },
  async listOwned(ctx) {
    return (await describeVpcs(ctx, designFilter(ctx))).map((v) => vpcLive(v));
  },
};

// ── Subnet ─────────────────────────────────────────────────────────────────────────────────────────────

async function describeSubnets(ctx: HandlerContext, filters: Filter[]): Promise<Subnet[]> {
  const out: Subnet[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.ec2.send(new DescribeSubnetsCommand({ Filters: filters, ...(NextToken ? { NextToken } : {}) }));
    out.push(...(page.Subnets ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

function subnetLive(s: Subnet): LiveResource {
  const id = s.SubnetId ?? '';
  const tags = tagsToRecord(s.Tags);
  return {
    type: 'AWS::EC2::Subnet',
    physicalId: id,
    name: tags['Name'] ? `${tags['Name']} (${id})` : id,
    attributes: { SubnetId: id, VpcId: s.VpcId ?? '', AvailabilityZone: s.AvailabilityZone ?? '', AvailabilityZoneId: s.AvailabilityZoneId ?? '', CidrBlock: s.CidrBlock ?? '' },
    tags,
    properties: {
      VpcId: s.VpcId ?? '',
      CidrBlock: s.CidrBlock ?? '',
      AvailabilityZone: s.AvailabilityZone ?? '',
      MapPublicIpOnLaunch: s.MapPublicIpOnLaunch ?? false,
    },
  };
}

/**
 * AWS::EC2::Subnet, found by our tags. A subnet with the same CIDR block in the same VPC without our tags is a
 * look-alike (AWS would refuse the overlap): the plan reports it as a conflict and never touches it.
 * Ref = SubnetId; GetAtt AvailabilityZone, AvailabilityZoneId, CidrBlock, SubnetId, VpcId.
 */
export const ec2SubnetHandler: ResourceHandler = {
  type: 'AWS::EC2::Subnet',
  deleteRank: 8,
  replaceOn: ['/VpcId', '/CidrBlock', '/AvailabilityZone'],
  name(d) {
    checkProperties(d, ['VpcId', 'CidrBlock', 'AvailabilityZone', 'MapPublicIpOnLaunch']);
    return `${str(d.properties['CidrBlock'], `${d.logicalId}.CidrBlock`)} (${d.logicalId})`;
  },
  async read(ctx, d) {
    const [mine] = await describeSubnets(ctx, ownedFilters(ctx, d.logicalId));
    if (mine) return subnetLive(mine);
    const vpc = d.properties['VpcId'];
    const cidr = d.properties['CidrBlock'];
    if (typeof vpc !== 'string' || containsUnknown(vpc) || typeof cidr !== 'string') return undefined;
    const [same] = await describeSubnets(ctx, [
      { Name: 'vpc-id', Values: [vpc] },
      { Name: 'cidr-block', Values: [cidr] },
    ]);
    return same ? subnetLive(same) : undefined;
  },
  diff(d, live) {
    const p = d.properties;
    const want: IrObject = { VpcId: p['VpcId'] ?? '', CidrBlock: p['CidrBlock'] ?? '', MapPublicIpOnLaunch: bool(p['MapPublicIpOnLaunch']) ?? false };
    if (p['AvailabilityZone'] !== undefined) want['AvailabilityZone'] = p['AvailabilityZone'];
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const p = d.properties;
    const res = await ctx.clients.ec2.send(
      new CreateSubnetCommand({
        VpcId: str(p['VpcId'], `${d.logicalId}.VpcId`),
        CidrBlock: str(p['CidrBlock'], `${d.logicalId}.CidrBlock`),
        ...(optStr(p['AvailabilityZone']) ? { AvailabilityZone: optStr(p['AvailabilityZone']) } : {}),
        TagSpecifications: [{ ResourceType: 'subnet', Tags: ec2TagList(d.tags) }],
      }),
    );
    const id = res.Subnet?.SubnetId ?? '';
    if (bool(p['MapPublicIpOnLaunch']) === true) await ctx.clients.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, MapPublicIpOnLaunch: { Value: true } }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`subnet ${id} was created but cannot be described by its tags`);
    return live;
  },
  async update(ctx, d, live, changes) {
    const id = live.physicalId;
    if (changes.some((c) => c.path === '/MapPublicIpOnLaunch')) await ctx.clients.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, MapPublicIpOnLaunch: { Value: bool(d.properties['MapPublicIpOnLaunch']) ?? false } }));
    await syncEc2Tags(ctx, id, d, live, changes);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    await whileInUse(ctx, `subnet ${live.physicalId}`, () => ctx.clients.ec2.send(new DeleteSubnetCommand({ SubnetId: live.physicalId })));
  },
  async listOwned(ctx) {
    return (await describeSubnets(ctx, designFilter(ctx))).map(subnetLive);
  },
};

// ── Internet gateway and its attachment ────────────────────────────────────────────────────────────────

async function describeGateways(ctx: HandlerContext, filters: Filter[]): Promise<InternetGateway[]> {
  const out: InternetGateway[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.ec2.send(new DescribeInternetGatewaysCommand({ Filters: filters, ...(NextToken ? { NextToken } : {}) }));
    out.push(...(page.InternetGateways ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

function gatewayLive(g: InternetGateway): LiveResource {
  const id = g.InternetGatewayId ?? '';
  return { type: 'AWS::EC2::InternetGateway', physicalId: id, name: id, attributes: { InternetGatewayId: id }, tags: tagsToRecord(g.Tags), properties: {} };
}

/** AWS::EC2::InternetGateway, found by our tags. Ref = InternetGatewayId. Deleting detaches it from its VPCs first. */
export const ec2InternetGatewayHandler: ResourceHandler = {
  type: 'AWS::EC2::InternetGateway',
  deleteRank: 7.5,
  replaceOn: [],
  name(d) {
    checkProperties(d, []);
    return `internet gateway (${d.logicalId})`;
  },
  async read(ctx, d) {
    const [g] = await describeGateways(ctx, ownedFilters(ctx, d.logicalId));
    return g ? gatewayLive(g) : undefined;
  },
  diff(d, live) {
    return changedTags(d.tags, live.tags);
  },
  async create(ctx, d) {
    await ctx.clients.ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: ec2TagList(d.tags) }] }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`internet gateway ${d.logicalId} was created but cannot be described by its tags`);
    return live;
  },
  async update(ctx, d, live, changes) {
    await syncEc2Tags(ctx, live.physicalId, d, live, changes);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    const [g] = await describeGateways(ctx, [{ Name: 'internet-gateway-id', Values: [live.physicalId] }]);
    for (const a of g?.Attachments ?? []) {
      if (!a.VpcId) continue;
      // Public addresses still mapped in the VPC (a NAT gateway being deleted) block the detach for a while.
      await whileInUse(ctx, `internet gateway ${live.physicalId}`, () => ctx.clients.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: live.physicalId, VpcId: a.VpcId })));
    }
    await ctx.clients.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: live.physicalId }));
  },
  async listOwned(ctx) {
    return (await describeGateways(ctx, designFilter(ctx))).map(gatewayLive);
  },
};

function attachmentLive(igw: InternetGateway, vpcId: string, logicalId?: string): LiveResource {
  const gw = igw.InternetGatewayId ?? '';
  const id = `IGW|${vpcId}`;
  return {
    type: 'AWS::EC2::VPCGatewayAttachment',
    physicalId: id,
    name: `${gw} → ${vpcId}`,
    attributes: {},
    // An attachment carries no tags: it is ours when its internet gateway is ours.
    tags: derivedTags(tagsToRecord(igw.Tags), logicalId),
    properties: { VpcId: vpcId, InternetGatewayId: gw },
  };
}

/**
 * AWS::EC2::VPCGatewayAttachment (internet gateways; VPN gateways are not deployed). No tags of its own: ours when
 * the internet gateway is ours. Ref = "IGW|<vpc id>" as CloudFormation returns.
 */
export const ec2GatewayAttachmentHandler: ResourceHandler = {
  type: 'AWS::EC2::VPCGatewayAttachment',
  deleteRank: 7,
  replaceOn: ['/VpcId', '/InternetGatewayId'],
  name(d) {
    checkProperties(d, ['VpcId', 'InternetGatewayId']);
    return `${optStr(d.properties['InternetGatewayId']) ?? d.logicalId} → ${optStr(d.properties['VpcId']) ?? ''}`;
  },
  async read(ctx, d) {
    const gw = d.properties['InternetGatewayId'];
    const vpc = d.properties['VpcId'];
    if (typeof gw !== 'string' || typeof vpc !== 'string' || containsUnknown(gw) || containsUnknown(vpc)) return undefined;
    const [g] = await describeGateways(ctx, [{ Name: 'internet-gateway-id', Values: [gw] }]);
    const attached = g?.Attachments?.some((a) => a.VpcId === vpc && ['available', 'attached', 'attaching'].includes(String(a.State)));
    return g && attached ? attachmentLive(g, vpc, d.logicalId) : undefined;
  },
  diff(d, live): PropertyChange[] {
    return diffValues({ VpcId: d.properties['VpcId'] ?? '', InternetGatewayId: d.properties['InternetGatewayId'] ?? '' }, live.properties);
  },
  async create(ctx, d) {
    const gw = str(d.properties['InternetGatewayId'], `${d.logicalId}.InternetGatewayId`);
    const vpc = str(d.properties['VpcId'], `${d.logicalId}.VpcId`);
    await ctx.clients.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gw, VpcId: vpc }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`internet gateway ${gw} was attached to ${vpc} but the attachment cannot be read back`);
    return live;
  },
  update(ctx, d) {
    // Nothing of an attachment changes in place (both properties replace it).
    return this.read(ctx, d).then((l) => {
      if (!l) throw new Error(`${d.logicalId}: the gateway attachment is gone`);
      return l;
    });
  },
  async delete(ctx, live) {
    const gw = str(live.properties['InternetGatewayId'], 'InternetGatewayId');
    const vpc = str(live.properties['VpcId'], 'VpcId');
    try {
      await whileInUse(ctx, `internet gateway ${gw}`, () => ctx.clients.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gw, VpcId: vpc })));
    } catch (e) {
      if (!isNotFound(e) && !/not attached/i.test(String(e))) throw e;
    }
  },
  async listOwned(ctx) {
    // Listed through the owned gateways, without a logical id (the engine keeps the ones a desired resource read).
    return (await describeGateways(ctx, designFilter(ctx))).flatMap((g) => (g.Attachments ?? []).filter((a) => a.VpcId).map((a) => attachmentLive(g, a.VpcId ?? '')));
  },
};
