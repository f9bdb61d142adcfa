import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  DeleteNatGatewayCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DescribeAddressesCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DisassociateRouteTableCommand,
  ReleaseAddressCommand,
  ReplaceRouteCommand,
  ReplaceRouteTableAssociationCommand,
  type Address,
  type Filter,
  type NatGateway,
  type Route,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import type { IrObject } from '../../../shared/iac/ir';
import type { HandlerContext, LiveResource, ResourceHandler } from '../types';
import { changedTags, containsUnknown, diffValues, optStr, str, tagsToRecord } from '../values';
import { checkProperties, derivedTags, designFilter, ec2TagList, isNotFound, ownedFilters, syncEc2Tags, waitUntil, whileInUse } from './ec2Common';

// ── Route table ────────────────────────────────────────────────────────────────────────────────────────

async function describeRouteTables(ctx: HandlerContext, filters: Filter[]): Promise<RouteTable[]> {
  const out: RouteTable[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.ec2.send(new DescribeRouteTablesCommand({ Filters: filters, ...(NextToken ? { NextToken } : {}) }));
    out.push(...(page.RouteTables ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

function routeTableLive(t: RouteTable): LiveResource {
  const id = t.RouteTableId ?? '';
  return { type: 'AWS::EC2::RouteTable', physicalId: id, name: id, attributes: { RouteTableId: id }, tags: tagsToRecord(t.Tags), properties: { VpcId: t.VpcId ?? '' } };
}

/**
 * AWS::EC2::RouteTable, found by our tags. Ref = RouteTableId. Deleting it first disassociates its subnets (AWS
 * refuses to delete a table that still has associations); its routes go with it.
 */
export const ec2RouteTableHandler: ResourceHandler = {
  type: 'AWS::EC2::RouteTable',
  deleteRank: 6.5,
  replaceOn: ['/VpcId'],
  name(d) {
    checkProperties(d, ['VpcId']);
    return `route table (${d.logicalId})`;
  },
  async read(ctx, d) {
    const [t] = await describeRouteTables(ctx, ownedFilters(ctx, d.logicalId));
    return t ? routeTableLive(t) : undefined;
  },
  diff(d, live) {
    return [...diffValues({ VpcId: d.properties['VpcId'] ?? '' }, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    await ctx.clients.ec2.send(new CreateRouteTableCommand({ VpcId: str(d.properties['VpcId'], `${d.logicalId}.VpcId`), TagSpecifications: [{ ResourceType: 'route-table', Tags: ec2TagList(d.tags) }] }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`route table ${d.logicalId} was created but cannot be described by its tags`);
    return live;
  },
  async update(ctx, d, live, changes) {
    await syncEc2Tags(ctx, live.physicalId, d, live, changes);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    const [t] = await describeRouteTables(ctx, [{ Name: 'route-table-id', Values: [live.physicalId] }]);
    for (const a of t?.Associations ?? []) {
      if (a.Main || !a.RouteTableAssociationId) continue;
      await ctx.clients.ec2.send(new DisassociateRouteTableCommand({ AssociationId: a.RouteTableAssociationId }));
    }
    await whileInUse(ctx, `route table ${live.physicalId}`, () => ctx.clients.ec2.send(new DeleteRouteTableCommand({ RouteTableId: live.physicalId })));
  },
  async listOwned(ctx) {
    return (await describeRouteTables(ctx, designFilter(ctx))).map(routeTableLive);
  },
};

// ── Route ──────────────────────────────────────────────────────────────────────────────────────────────

/** Where a route goes: CloudFormation and the EC2 API use the same member names. */
const ROUTE_TARGETS = ['GatewayId', 'NatGatewayId', 'NetworkInterfaceId', 'InstanceId', 'VpcPeeringConnectionId', 'TransitGatewayId', 'EgressOnlyInternetGatewayId', 'VpcEndpointId', 'CarrierGatewayId', 'LocalGatewayId', 'CoreNetworkArn'] as const;
const ROUTE_DESTINATIONS = ['DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'DestinationPrefixListId'] as const;

function destinationOf(p: IrObject, what: string): { key: (typeof ROUTE_DESTINATIONS)[number]; value: string } {
  for (const key of ROUTE_DESTINATIONS) {
    const v = optStr(p[key]);
    if (v !== undefined) return { key, value: v };
  }
  throw new Error(`${what}: a route needs DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId`);
}

function liveDestination(r: Route): string | undefined {
  return r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId;
}

function routeLive(t: RouteTable, r: Route, logicalId?: string): LiveResource {
  const table = t.RouteTableId ?? '';
  const dest = liveDestination(r) ?? '';
  const properties: IrObject = { RouteTableId: table };
  for (const key of ROUTE_DESTINATIONS) if (r[key] !== undefined) properties[key] = r[key];
  const members = r as Record<string, unknown>;
  for (const key of ROUTE_TARGETS) if (typeof members[key] === 'string') properties[key] = members[key];
  // AWS reports a gateway endpoint route's target as GatewayId vpce-…; the design names it VpcEndpointId.
  if (r.GatewayId?.startsWith('vpce-')) {
    delete properties['GatewayId'];
    properties['VpcEndpointId'] = r.GatewayId;
  }
  return {
    type: 'AWS::EC2::Route',
    physicalId: `${table}|${dest}`,
    name: `${dest} in ${table}`,
    attributes: {},
    // A route carries no tags: it is ours when its route table is ours.
    tags: derivedTags(tagsToRecord(t.Tags), logicalId),
    properties,
  };
}

function routeTargets(p: IrObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ROUTE_TARGETS) {
    const v = optStr(p[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Routes AWS made (the VPC's local route) are never a design's. */
function userRoutes(t: RouteTable): Route[] {
  return (t.Routes ?? []).filter((r) => r.Origin !== 'CreateRouteTable' && r.GatewayId !== 'local');
}

/**
 * AWS::EC2::Route. No tags of its own: ours when its route table is ours (a route in a table without our tag is a
 * conflict, untouched). Ref = "<route table id>|<destination>". Changing the target replaces the route in place
 * (ReplaceRoute); changing the table or the destination makes a new route.
 */
export const ec2RouteHandler: ResourceHandler = {
  type: 'AWS::EC2::Route',
  deleteRank: 6,
  replaceOn: ['/RouteTableId', ...ROUTE_DESTINATIONS.map((k) => `/${k}`)],
  name(d) {
    checkProperties(d, ['RouteTableId', ...ROUTE_DESTINATIONS, ...ROUTE_TARGETS]);
    return `${destinationOf(d.properties, d.logicalId).value} in ${optStr(d.properties['RouteTableId']) ?? ''}`;
  },
  async read(ctx, d) {
    const table = d.properties['RouteTableId'];
    if (typeof table !== 'string' || containsUnknown(table)) return undefined;
    const dest = destinationOf(d.properties, d.logicalId);
    const [t] = await describeRouteTables(ctx, [{ Name: 'route-table-id', Values: [table] }]);
    const r = t ? userRoutes(t).find((x) => x[dest.key] === dest.value) : undefined;
    return t && r ? routeLive(t, r, d.logicalId) : undefined;
  },
  diff(d, live) {
    const want: IrObject = { RouteTableId: d.properties['RouteTableId'] ?? '' };
    const dest = destinationOf(d.properties, d.logicalId);
    want[dest.key] = dest.value;
    const targets = routeTargets(d.properties);
    // The target is one of several members: compare all of them, a member set live but not desired is a change ('' = none).
    for (const key of ROUTE_TARGETS) if (targets[key] !== undefined || live.properties[key] !== undefined) want[key] = targets[key] ?? '';
    return diffValues(want, Object.fromEntries(Object.keys(want).map((k) => [k, live.properties[k] ?? ''])));
  },
  async create(ctx, d) {
    const table = str(d.properties['RouteTableId'], `${d.logicalId}.RouteTableId`);
    const dest = destinationOf(d.properties, d.logicalId);
    await ctx.clients.ec2.send(new CreateRouteCommand({ RouteTableId: table, [dest.key]: dest.value, ...routeTargets(d.properties) }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`route ${dest.value} was created in ${table} but cannot be read back`);
    return live;
  },
  async update(ctx, d, live) {
    const dest = destinationOf(d.properties, d.logicalId);
    await ctx.clients.ec2.send(new ReplaceRouteCommand({ RouteTableId: str(live.properties['RouteTableId'], 'RouteTableId'), [dest.key]: dest.value, ...routeTargets(d.properties) }));
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    const dest = destinationOf(live.properties, live.name);
    try {
      await ctx.clients.ec2.send(new DeleteRouteCommand({ RouteTableId: str(live.properties['RouteTableId'], 'RouteTableId'), [dest.key]: dest.value }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
  async listOwned(ctx) {
    // Listed through the owned route tables, without a logical id (the engine keeps the ones a desired resource read).
    return (await describeRouteTables(ctx, designFilter(ctx))).flatMap((t) => userRoutes(t).map((r) => routeLive(t, r)));
  },
};

// ── Subnet ↔ route table association ───────────────────────────────────────────────────────────────────

function associationLive(t: RouteTable, subnetId: string, logicalId?: string): LiveResource | undefined {
  const a = (t.Associations ?? []).find((x) => x.SubnetId === subnetId && !x.Main && (x.AssociationState?.State ?? 'associated') === 'associated');
  if (!a?.RouteTableAssociationId) return undefined;
  return {
    type: 'AWS::EC2::SubnetRouteTableAssociation',
    physicalId: a.RouteTableAssociationId,
    name: `${subnetId} → ${t.RouteTableId ?? ''}`,
    attributes: { Id: a.RouteTableAssociationId },
    // An association carries no tags: it is ours when the route table it points at is ours.
    tags: derivedTags(tagsToRecord(t.Tags), logicalId),
    properties: { SubnetId: subnetId, RouteTableId: t.RouteTableId ?? '' },
  };
}

/**
 * AWS::EC2::SubnetRouteTableAssociation. A subnet has at most one explicit association: the live one is found by
 * the subnet. Ours when its route table is ours; a subnet associated with a table that is not ours is a conflict.
 * Moving the subnet to another table is an update (ReplaceRouteTableAssociation). Ref = the association id.
 */
export const ec2SubnetRouteTableAssociationHandler: ResourceHandler = {
  type: 'AWS::EC2::SubnetRouteTableAssociation',
  deleteRank: 5.5,
  replaceOn: ['/SubnetId'],
  name(d) {
    checkProperties(d, ['SubnetId', 'RouteTableId']);
    return `${optStr(d.properties['SubnetId']) ?? d.logicalId} → ${optStr(d.properties['RouteTableId']) ?? ''}`;
  },
  async read(ctx, d) {
    const subnet = d.properties['SubnetId'];
    if (typeof subnet !== 'string' || containsUnknown(subnet)) return undefined;
    const [t] = await describeRouteTables(ctx, [{ Name: 'association.subnet-id', Values: [subnet] }]);
    return t ? associationLive(t, subnet, d.logicalId) : undefined;
  },
  diff(d, live) {
    return diffValues({ SubnetId: d.properties['SubnetId'] ?? '', RouteTableId: d.properties['RouteTableId'] ?? '' }, live.properties);
  },
  async create(ctx, d) {
    await ctx.clients.ec2.send(new AssociateRouteTableCommand({ SubnetId: str(d.properties['SubnetId'], `${d.logicalId}.SubnetId`), RouteTableId: str(d.properties['RouteTableId'], `${d.logicalId}.RouteTableId`) }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`subnet ${optStr(d.properties['SubnetId']) ?? ''} was associated but the association cannot be read back`);
    return live;
  },
  async update(ctx, d, live) {
    await ctx.clients.ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: live.physicalId, RouteTableId: str(d.properties['RouteTableId'], `${d.logicalId}.RouteTableId`) }));
    const after = await this.read(ctx, d);
    if (!after) throw new Error(`${d.logicalId}: the association cannot be read back after moving it`);
    return after;
  },
  async delete(ctx, live) {
    try {
      await ctx.clients.ec2.send(new DisassociateRouteTableCommand({ AssociationId: live.physicalId }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
  async listOwned(ctx) {
    // Listed through the owned route tables, without a logical id (the engine keeps the ones a desired resource read).
    return (await describeRouteTables(ctx, designFilter(ctx))).flatMap((t) => (t.Associations ?? []).flatMap((a) => (a.SubnetId ? [associationLive(t, a.SubnetId)] : [])).filter((l): l is LiveResource => l !== undefined));
  },
};

// ── Elastic IP ─────────────────────────────────────────────────────────────────────────────────────────

function addressLive(a: Address): LiveResource {
  const ip = a.PublicIp ?? '';
  return {
    type: 'AWS::EC2::EIP',
    physicalId: ip,
    name: ip,
    attributes: { AllocationId: a.AllocationId ?? '', PublicIp: ip },
    tags: tagsToRecord(a.Tags),
    properties: { Domain: a.Domain ?? 'vpc' },
  };
}

/**
 * AWS::EC2::EIP (VPC addresses), found by our tags. Ref = the public IP; GetAtt AllocationId, PublicIp. Releasing
 * waits (bounded) while a NAT gateway being deleted still holds the address.
 */
export const ec2EipHandler: ResourceHandler = {
  type: 'AWS::EC2::EIP',
  deleteRank: 6,
  replaceOn: ['/Domain'],
  name(d) {
    checkProperties(d, ['Domain']);
    return `elastic IP (${d.logicalId})`;
  },
  async read(ctx, d) {
    const [a] = (await ctx.clients.ec2.send(new DescribeAddressesCommand({ Filters: ownedFilters(ctx, d.logicalId) }))).Addresses ?? [];
    return a ? addressLive(a) : undefined;
  },
  diff(d, live) {
    return [...diffValues({ Domain: d.properties['Domain'] ?? 'vpc' }, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const domain = optStr(d.properties['Domain']) ?? 'vpc';
    if (domain !== 'vpc') throw new Error(`${d.logicalId}: Domain ${domain} is not supported; elastic IPs are allocated for use in a VPC`);
    await ctx.clients.ec2.send(new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: ec2TagList(d.tags) }] }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`elastic IP ${d.logicalId} was allocated but cannot be described by its tags`);
    return live;
  },
  async update(ctx, d, live, changes) {
    await syncEc2Tags(ctx, live.attributes['AllocationId'] ?? '', d, live, changes);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    const allocation = live.attributes['AllocationId'] ?? '';
    await whileInUse(ctx, `elastic IP ${live.physicalId}`, () => ctx.clients.ec2.send(new ReleaseAddressCommand({ AllocationId: allocation })));
  },
  async listOwned(ctx) {
    return ((await ctx.clients.ec2.send(new DescribeAddressesCommand({ Filters: designFilter(ctx) }))).Addresses ?? []).map(addressLive);
  },
};

// ── NAT gateway ────────────────────────────────────────────────────────────────────────────────────────

/** States of a NAT gateway that exists (deleting/deleted/failed ones are history). */
const LIVE_NAT_STATES = ['pending', 'available'];

async function describeNats(ctx: HandlerContext, filters: Filter[]): Promise<NatGateway[]> {
  const out: NatGateway[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.ec2.send(new DescribeNatGatewaysCommand({ Filter: filters, ...(NextToken ? { NextToken } : {}) }));
    out.push(...(page.NatGateways ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

function natLive(n: NatGateway): LiveResource {
  const id = n.NatGatewayId ?? '';
  const address = n.NatGatewayAddresses?.find((a) => a.IsPrimary !== false) ?? n.NatGatewayAddresses?.[0];
  return {
    type: 'AWS::EC2::NatGateway',
    physicalId: id,
    name: id,
    attributes: { NatGatewayId: id },
    tags: tagsToRecord(n.Tags),
    properties: {
      SubnetId: n.SubnetId ?? '',
      ConnectivityType: n.ConnectivityType ?? 'public',
      ...(address?.AllocationId ? { AllocationId: address.AllocationId } : {}),
    },
  };
}

async function natState(ctx: HandlerContext, id: string): Promise<NatGateway | undefined> {
  try {
    return (await ctx.clients.ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [id] }))).NatGateways?.[0];
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/**
 * AWS::EC2::NatGateway, found by our tags. Creating waits (bounded) until it is available (routes to a pending NAT
 * gateway are refused); deleting waits until it is deleted, so its elastic IP can be released after it.
 * Ref = NatGatewayId.
 */
export const ec2NatGatewayHandler: ResourceHandler = {
  type: 'AWS::EC2::NatGateway',
  deleteRank: 5,
  replaceOn: ['/SubnetId', '/AllocationId', '/ConnectivityType'],
  name(d) {
    checkProperties(d, ['AllocationId', 'SubnetId', 'ConnectivityType']);
    return `NAT gateway (${d.logicalId})`;
  },
  async read(ctx, d) {
    const [n] = await describeNats(ctx, [...ownedFilters(ctx, d.logicalId), { Name: 'state', Values: LIVE_NAT_STATES }]);
    return n ? natLive(n) : undefined;
  },
  diff(d, live) {
    const p = d.properties;
    const want: IrObject = { SubnetId: p['SubnetId'] ?? '', ConnectivityType: p['ConnectivityType'] ?? 'public' };
    if (p['AllocationId'] !== undefined) want['AllocationId'] = p['AllocationId'];
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const p = d.properties;
    const res = await ctx.clients.ec2.send(
      new CreateNatGatewayCommand({
        SubnetId: str(p['SubnetId'], `${d.logicalId}.SubnetId`),
        ...(optStr(p['AllocationId']) ? { AllocationId: optStr(p['AllocationId']) } : {}),
        ...(optStr(p['ConnectivityType']) ? { ConnectivityType: optStr(p['ConnectivityType']) as 'public' } : {}),
        TagSpecifications: [{ ResourceType: 'natgateway', Tags: ec2TagList(d.tags) }],
      }),
    );
    const id = res.NatGateway?.NatGatewayId ?? '';
    await waitUntil(ctx, `NAT gateway ${id} available`, async () => {
      const n = await natState(ctx, id);
      if (n?.State === 'failed') throw new Error(`NAT gateway ${id} failed: ${n.FailureCode ?? ''} ${n.FailureMessage ?? ''}`.trim());
      return n?.State === 'available';
    });
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`NAT gateway ${id} was created but cannot be described by its tags`);
    return live;
  },
  async update(ctx, d, live, changes) {
    await syncEc2Tags(ctx, live.physicalId, d, live, changes);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    await ctx.clients.ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: live.physicalId }));
    await waitUntil(ctx, `NAT gateway ${live.physicalId} deleted`, async () => {
      const n = await natState(ctx, live.physicalId);
      return n === undefined || n.State === 'deleted';
    });
  },
  async listOwned(ctx) {
    return (await describeNats(ctx, [...designFilter(ctx), { Name: 'state', Values: LIVE_NAT_STATES }])).map(natLive);
  },
};
