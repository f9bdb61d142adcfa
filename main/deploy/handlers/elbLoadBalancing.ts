import {
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeTargetGroupAttributesCommand,
  type LoadBalancer,
  type Matcher,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  SetIpAddressTypeCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  type SubnetMapping,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IrObject, IrValue } from '../../../shared/iac/ir';
import { TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from '../types';
import { awsMessage, changedTags, diffValues, errorName, optNum, optStr, str } from '../values';
import { checkProperties, isNotFound, waitUntil } from './ec2Common';
import { attributeChanges, attributeMap, elbTagList, elbTags, syncElbTags } from './elbCommon';

function sortedStrings(value: IrValue | undefined): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((v) => String(v as string)).sort();
}

function bool(v: IrValue | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

// ── Load balancer ──────────────────────────────────────────────────────────────────────────────────────

async function describeLoadBalancers(ctx: HandlerContext, names?: string[]): Promise<LoadBalancer[]> {
  const out: LoadBalancer[] = [];
  try {
    for await (const page of paginateDescribeLoadBalancers({ client: ctx.clients.elbv2 }, names ? { Names: names } : {})) out.push(...(page.LoadBalancers ?? []));
  } catch (e) {
    if (names && isNotFound(e)) return [];
    throw e;
  }
  return out;
}

/** Every load balancer of the account tagged with this design id, with its tags. */
export async function ownedLoadBalancers(ctx: HandlerContext): Promise<{ lb: LoadBalancer; tags: Record<string, string> }[]> {
  const all = await describeLoadBalancers(ctx);
  const tags = await elbTags(ctx, all.map((l) => l.LoadBalancerArn ?? ''));
  return all.flatMap((lb) => {
    const t = tags.get(lb.LoadBalancerArn ?? '') ?? {};
    return t[TAG_DESIGN] === ctx.designId ? [{ lb, tags: t }] : [];
  });
}

function loadBalancerLive(lb: LoadBalancer, tags: Record<string, string>, attributes?: Record<string, string>): LiveResource {
  const arn = lb.LoadBalancerArn ?? '';
  const name = lb.LoadBalancerName ?? '';
  return {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    physicalId: arn,
    name,
    attributes: {
      LoadBalancerArn: arn,
      LoadBalancerName: name,
      LoadBalancerFullName: arn.slice(arn.indexOf(':loadbalancer/') + ':loadbalancer/'.length),
      DNSName: lb.DNSName ?? '',
      CanonicalHostedZoneID: lb.CanonicalHostedZoneId ?? '',
    },
    tags,
    properties: {
      Name: name,
      Type: lb.Type ?? 'application',
      Scheme: lb.Scheme ?? 'internet-facing',
      IpAddressType: lb.IpAddressType ?? 'ipv4',
      Subnets: (lb.AvailabilityZones ?? []).map((z) => z.SubnetId ?? '').sort(),
      SecurityGroups: [...(lb.SecurityGroups ?? [])].sort(),
      ...(attributes ? { LoadBalancerAttributes: attributes } : {}),
    },
  };
}

function subnetMappingIds(value: IrValue | undefined): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return (value as IrObject[]).map((m) => String(m['SubnetId'] as string)).sort();
}

/**
 * AWS::ElasticLoadBalancingV2::LoadBalancer, found by name; one without our tag is a conflict, untouched.
 * Ref = ARN; GetAtt DNSName, CanonicalHostedZoneID, LoadBalancerFullName, LoadBalancerName, LoadBalancerArn.
 * Subnets, security groups, IP address type and attributes change in place; name, type and scheme replace it.
 * Creating waits (bounded) until it is active, deleting until it is gone.
 */
export const elbLoadBalancerHandler: ResourceHandler = {
  type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  deleteRank: 1.5,
  replaceOn: ['/Name', '/Type', '/Scheme', '/SubnetMappings'],
  name(d) {
    checkProperties(d, ['Name', 'Type', 'Scheme', 'IpAddressType', 'Subnets', 'SubnetMappings', 'SecurityGroups', 'LoadBalancerAttributes']);
    return str(d.properties['Name'], `${d.logicalId}.Name (the deploy engine needs the load balancer named)`);
  },
  async read(ctx, d) {
    const [lb] = await describeLoadBalancers(ctx, [this.name(d)]);
    if (!lb?.LoadBalancerArn) return undefined;
    const tags = (await elbTags(ctx, [lb.LoadBalancerArn])).get(lb.LoadBalancerArn) ?? {};
    const wantsAttributes = d.properties['LoadBalancerAttributes'] !== undefined;
    const attributes = wantsAttributes ? attributeMap((await ctx.clients.elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Attributes) : undefined;
    return loadBalancerLive(lb, tags, attributes);
  },
  diff(d, live) {
    const p = d.properties;
    const want: IrObject = { Name: p['Name'] ?? '' };
    for (const k of ['Type', 'Scheme', 'IpAddressType']) if (p[k] !== undefined) want[k] = p[k];
    const changes: PropertyChange[] = diffValues(want, live.properties);
    const subnets = sortedStrings(p['Subnets']);
    if (subnets && JSON.stringify(subnets) !== JSON.stringify(live.properties['Subnets'])) changes.push({ path: '/Subnets', before: live.properties['Subnets'], after: subnets });
    const mapped = subnetMappingIds(p['SubnetMappings']);
    if (mapped && JSON.stringify(mapped) !== JSON.stringify(live.properties['Subnets'])) changes.push({ path: '/SubnetMappings', before: live.properties['Subnets'], after: mapped });
    const groups = sortedStrings(p['SecurityGroups']);
    if (groups && JSON.stringify(groups) !== JSON.stringify(live.properties['SecurityGroups'])) changes.push({ path: '/SecurityGroups', before: live.properties['SecurityGroups'], after: groups });
    changes.push(...attributeChanges('/LoadBalancerAttributes', attributeMap(p['LoadBalancerAttributes']), (live.properties['LoadBalancerAttributes'] as Record<string, string> | undefined) ?? {}));
    return [...changes, ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const p = d.properties;
    const res = await ctx.clients.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: this.name(d),
        ...(optStr(p['Type']) ? { Type: optStr(p['Type']) as 'application' } : {}),
        ...(optStr(p['Scheme']) ? { Scheme: optStr(p['Scheme']) as 'internet-facing' } : {}),
        ...(optStr(p['IpAddressType']) ? { IpAddressType: optStr(p['IpAddressType']) as 'ipv4' } : {}),
        ...(Array.isArray(p['Subnets']) ? { Subnets: (p['Subnets'] as IrValue[]).map((s, i) => str(s, `${d.logicalId}.Subnets[${i}]`)) } : {}),
        ...(Array.isArray(p['SubnetMappings']) ? { SubnetMappings: p['SubnetMappings'] as unknown as SubnetMapping[] } : {}),
        ...(Array.isArray(p['SecurityGroups']) ? { SecurityGroups: (p['SecurityGroups'] as IrValue[]).map((s, i) => str(s, `${d.logicalId}.SecurityGroups[${i}]`)) } : {}),
        Tags: elbTagList(d.tags),
      }),
    );
    const arn = res.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
    const attributes = attributeMap(p['LoadBalancerAttributes']);
    if (Object.keys(attributes).length > 0) await ctx.clients.elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: elbTagList(attributes) }));
    await waitUntil(ctx, `load balancer ${this.name(d)} active`, async () => {
      const [lb] = await describeLoadBalancers(ctx, [this.name(d)]);
      if (lb?.State?.Code === 'failed') throw new Error(`load balancer ${this.name(d)} failed: ${lb.State.Reason ?? ''}`);
      return lb?.State?.Code === 'active' || lb?.State?.Code === 'active_impaired';
    });
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`load balancer ${this.name(d)} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes) {
    const arn = live.physicalId;
    const p = d.properties;
    const has = (path: string) => changes.some((c) => c.path === path || c.path.startsWith(`${path}/`));
    if (has('/Subnets')) await ctx.clients.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: (p['Subnets'] as IrValue[]).map((s, i) => str(s, `${d.logicalId}.Subnets[${i}]`)) }));
    if (has('/SecurityGroups')) await ctx.clients.elbv2.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: (p['SecurityGroups'] as IrValue[]).map((s, i) => str(s, `${d.logicalId}.SecurityGroups[${i}]`)) }));
    if (has('/IpAddressType')) await ctx.clients.elbv2.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: str(p['IpAddressType'], `${d.logicalId}.IpAddressType`) as 'ipv4' }));
    if (has('/LoadBalancerAttributes')) await ctx.clients.elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: elbTagList(attributeMap(p['LoadBalancerAttributes'])) }));
    await syncElbTags(ctx, arn, d, live, changes);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    await ctx.clients.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: live.physicalId }));
    await waitUntil(ctx, `load balancer ${live.name} deleted`, async () => (await describeLoadBalancers(ctx, [live.name])).length === 0);
  },
  async listOwned(ctx) {
    return (await ownedLoadBalancers(ctx)).map(({ lb, tags }) => loadBalancerLive(lb, tags));
  },
};

// ── Target group ───────────────────────────────────────────────────────────────────────────────────────

async function describeTargetGroups(ctx: HandlerContext, names?: string[]): Promise<TargetGroup[]> {
  const out: TargetGroup[] = [];
  try {
    for await (const page of paginateDescribeTargetGroups({ client: ctx.clients.elbv2 }, names ? { Names: names } : {})) out.push(...(page.TargetGroups ?? []));
  } catch (e) {
    if (names && isNotFound(e)) return [];
    throw e;
  }
  return out;
}

/** Health check members: CloudFormation and the API use the same names. */
const HEALTH_CHECK_KEYS = ['HealthCheckEnabled', 'HealthCheckPath', 'HealthCheckPort', 'HealthCheckProtocol', 'HealthCheckIntervalSeconds', 'HealthCheckTimeoutSeconds', 'HealthyThresholdCount', 'UnhealthyThresholdCount'] as const;

function targetGroupLive(tg: TargetGroup, tags: Record<string, string>, attributes?: Record<string, string>): LiveResource {
  const arn = tg.TargetGroupArn ?? '';
  const name = tg.TargetGroupName ?? '';
  const properties: IrObject = { Name: name, TargetType: tg.TargetType ?? 'instance' };
  if (tg.Protocol !== undefined) properties['Protocol'] = tg.Protocol;
  if (tg.Port !== undefined) properties['Port'] = tg.Port;
  if (tg.ProtocolVersion !== undefined) properties['ProtocolVersion'] = tg.ProtocolVersion;
  if (tg.VpcId !== undefined) properties['VpcId'] = tg.VpcId;
  if (tg.IpAddressType !== undefined) properties['IpAddressType'] = tg.IpAddressType;
  for (const k of HEALTH_CHECK_KEYS) if (tg[k] !== undefined) properties[k] = tg[k];
  if (tg.Matcher) properties['Matcher'] = { ...(tg.Matcher.HttpCode !== undefined ? { HttpCode: tg.Matcher.HttpCode } : {}), ...(tg.Matcher.GrpcCode !== undefined ? { GrpcCode: tg.Matcher.GrpcCode } : {}) };
  if (attributes) properties['TargetGroupAttributes'] = attributes;
  return {
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    physicalId: arn,
    name,
    attributes: {
      TargetGroupArn: arn,
      TargetGroupName: name,
      TargetGroupFullName: arn.slice(arn.indexOf(':targetgroup/') + 1),
      LoadBalancerArns: (tg.LoadBalancerArns ?? []).join(','),
    },
    tags,
    properties,
  };
}

function healthCheckInput(d: DesiredResource): Record<string, unknown> {
  const p = d.properties;
  const out: Record<string, unknown> = {};
  for (const k of HEALTH_CHECK_KEYS) {
    const v = p[k];
    if (v === undefined) continue;
    if (k === 'HealthCheckEnabled') out[k] = bool(v);
    else if (k === 'HealthCheckPath' || k === 'HealthCheckPort' || k === 'HealthCheckProtocol') out[k] = str(v, `${d.logicalId}.${k}`);
    else out[k] = optNum(v);
  }
  if (p['Matcher'] !== undefined) out['Matcher'] = p['Matcher'] as unknown as Matcher; // the ELB API's member names are CloudFormation's
  return out;
}

/**
 * AWS::ElasticLoadBalancingV2::TargetGroup, found by name; one without our tag is a conflict, untouched.
 * Ref = ARN; GetAtt TargetGroupFullName, TargetGroupName, TargetGroupArn, LoadBalancerArns (comma-joined).
 * Health check and attributes change in place; name, protocol, port, target type and VPC replace it.
 * Deleting one a listener still forwards to fails, saying so.
 */
export const elbTargetGroupHandler: ResourceHandler = {
  type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  deleteRank: 2,
  replaceOn: ['/Name', '/Protocol', '/Port', '/ProtocolVersion', '/TargetType', '/VpcId', '/IpAddressType'],
  name(d) {
    checkProperties(d, ['Name', 'TargetType', 'Protocol', 'Port', 'ProtocolVersion', 'VpcId', 'IpAddressType', ...HEALTH_CHECK_KEYS, 'Matcher', 'TargetGroupAttributes']);
    return str(d.properties['Name'], `${d.logicalId}.Name (the deploy engine needs the target group named)`);
  },
  async read(ctx, d) {
    const [tg] = await describeTargetGroups(ctx, [this.name(d)]);
    if (!tg?.TargetGroupArn) return undefined;
    const tags = (await elbTags(ctx, [tg.TargetGroupArn])).get(tg.TargetGroupArn) ?? {};
    const attributes = d.properties['TargetGroupAttributes'] !== undefined ? attributeMap((await ctx.clients.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tg.TargetGroupArn }))).Attributes) : undefined;
    return targetGroupLive(tg, tags, attributes);
  },
  diff(d, live) {
    const p = d.properties;
    const want: IrObject = { Name: p['Name'] ?? '' };
    for (const k of ['TargetType', 'Protocol', 'Port', 'ProtocolVersion', 'VpcId', 'IpAddressType', ...HEALTH_CHECK_KEYS, 'Matcher']) if (p[k] !== undefined) want[k] = p[k]!;
    const changes = diffValues(want, live.properties);
    changes.push(...attributeChanges('/TargetGroupAttributes', attributeMap(p['TargetGroupAttributes']), (live.properties['TargetGroupAttributes'] as Record<string, string> | undefined) ?? {}));
    return [...changes, ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const p = d.properties;
    const res = await ctx.clients.elbv2.send(
      new CreateTargetGroupCommand({
        Name: this.name(d),
        ...(optStr(p['TargetType']) ? { TargetType: optStr(p['TargetType']) as 'ip' } : {}),
        ...(optStr(p['Protocol']) ? { Protocol: optStr(p['Protocol']) as 'HTTP' } : {}),
        ...(optNum(p['Port']) !== undefined ? { Port: optNum(p['Port']) } : {}),
        ...(optStr(p['ProtocolVersion']) ? { ProtocolVersion: optStr(p['ProtocolVersion']) } : {}),
        ...(optStr(p['VpcId']) ? { VpcId: str(p['VpcId'], `${d.logicalId}.VpcId`) } : {}),
        ...(optStr(p['IpAddressType']) ? { IpAddressType: optStr(p['IpAddressType']) as 'ipv4' } : {}),
        ...healthCheckInput(d),
        Tags: elbTagList(d.tags),
      }),
    );
    const arn = res.TargetGroups?.[0]?.TargetGroupArn ?? '';
    const attributes = attributeMap(p['TargetGroupAttributes']);
    if (Object.keys(attributes).length > 0) await ctx.clients.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: elbTagList(attributes) }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`target group ${this.name(d)} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes) {
    const arn = live.physicalId;
    if (changes.some((c) => HEALTH_CHECK_KEYS.some((k) => c.path === `/${k}`) || c.path.startsWith('/Matcher'))) {
      await ctx.clients.elbv2.send(new ModifyTargetGroupCommand({ TargetGroupArn: arn, ...healthCheckInput(d) }));
    }
    if (changes.some((c) => c.path.startsWith('/TargetGroupAttributes/'))) {
      await ctx.clients.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: elbTagList(attributeMap(d.properties['TargetGroupAttributes'])) }));
    }
    await syncElbTags(ctx, arn, d, live, changes);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    // Destroy deletes listeners, rules and services first; a target group still in use here will stay so (a listener
    // of this deploy forwards to it): fail at once, saying why, rather than wait.
    try {
      await ctx.clients.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: live.physicalId }));
    } catch (e) {
      if (!/ResourceInUse/.test(errorName(e) ?? '')) throw e;
      throw new Error(`target group ${live.name} cannot be deleted while a listener or listener rule forwards to it (${awsMessage(e)}); a named target group cannot be replaced in place: give it a new name in the design, or remove what uses it first`);
    }
  },
  async listOwned(ctx) {
    const all = await describeTargetGroups(ctx);
    const tags = await elbTags(ctx, all.map((t) => t.TargetGroupArn ?? ''));
    return all.flatMap((tg) => {
      const t = tags.get(tg.TargetGroupArn ?? '') ?? {};
      return t[TAG_DESIGN] === ctx.designId ? [targetGroupLive(tg, t)] : [];
    });
  },
};
