import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  ModifySecurityGroupRulesCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type Filter,
  type IpPermission,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import type { IrObject } from '../../../shared/iac/ir';
import { TAG_DESIGN, TAG_LOGICAL, type DesiredResource, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from '../types';
import { changedTags, containsUnknown, diffValues, optNum, optStr, str, tagsToRecord } from '../values';
import { checkProperties, designFilter, ec2TagList, isNotFound, syncEc2Tags } from './ec2Common';

type Direction = 'ingress' | 'egress';

/** IpProtocol as AWS reports it: names for tcp/udp/icmp, -1 for all. */
export function normalProtocol(value: string): string {
  const p = value.toLowerCase();
  return ({ '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1', '58': 'icmpv6' } as Record<string, string>)[p] ?? p;
}

/** The peer member names of each direction (CloudFormation property names). */
function peerKeys(direction: Direction) {
  return direction === 'ingress'
    ? { group: 'SourceSecurityGroupId', prefixList: 'SourcePrefixListId' }
    : { group: 'DestinationSecurityGroupId', prefixList: 'DestinationPrefixListId' };
}

/** The rule the design describes, in the shape of live properties (what the diff compares). */
function desiredRule(d: DesiredResource, direction: Direction): IrObject {
  const p = d.properties;
  const keys = peerKeys(direction);
  const protocol = normalProtocol(str(p['IpProtocol'], `${d.logicalId}.IpProtocol`));
  const out: IrObject = { GroupId: p['GroupId'] ?? '', IpProtocol: protocol };
  if (protocol !== '-1') {
    const from = optNum(p['FromPort']);
    const to = optNum(p['ToPort']);
    if (from !== undefined) out['FromPort'] = from;
    if (to !== undefined) out['ToPort'] = to;
  }
  const peers: [string, unknown][] = [
    ['CidrIp', p['CidrIp']],
    ['CidrIpv6', p['CidrIpv6']],
    [keys.group, p[keys.group]],
    [keys.prefixList, p[keys.prefixList]],
  ];
  const set = peers.filter(([, v]) => v !== undefined);
  if (set.length !== 1) throw new Error(`${d.logicalId}: a security group rule needs exactly one of CidrIp, CidrIpv6, ${keys.group}, ${keys.prefixList} (got ${set.length})`);
  const [peerKey, peerValue] = set[0]!;
  out[peerKey] = peerValue as string;
  if (p['Description'] !== undefined) out['Description'] = p['Description'];
  return out;
}

function liveRuleProperties(r: SecurityGroupRule, direction: Direction): IrObject {
  const keys = peerKeys(direction);
  const protocol = normalProtocol(r.IpProtocol ?? '-1');
  const out: IrObject = { GroupId: r.GroupId ?? '', IpProtocol: protocol };
  if (protocol !== '-1') {
    if (r.FromPort !== undefined) out['FromPort'] = r.FromPort;
    if (r.ToPort !== undefined) out['ToPort'] = r.ToPort;
  }
  if (r.CidrIpv4) out['CidrIp'] = r.CidrIpv4;
  if (r.CidrIpv6) out['CidrIpv6'] = r.CidrIpv6;
  if (r.ReferencedGroupInfo?.GroupId) out[keys.group] = r.ReferencedGroupInfo.GroupId;
  if (r.PrefixListId) out[keys.prefixList] = r.PrefixListId;
  if (r.Description) out['Description'] = r.Description;
  return out;
}

/** Protocol, ports and peer: what makes two rules the same rule for AWS (the description does not). */
function identity(rule: IrObject): string {
  const { Description: _ignored, ...rest } = rule;
  return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
}

function ruleName(rule: IrObject, direction: Direction): string {
  const keys = peerKeys(direction);
  const peer = optStr(rule['CidrIp']) ?? optStr(rule['CidrIpv6']) ?? optStr(rule[keys.group]) ?? optStr(rule[keys.prefixList]) ?? '?';
  const ports = rule['IpProtocol'] === '-1' ? 'all traffic' : `${String(rule['IpProtocol'])} ${String(rule['FromPort'] ?? '')}${rule['ToPort'] !== rule['FromPort'] ? `-${String(rule['ToPort'] ?? '')}` : ''}`;
  return `${optStr(rule['GroupId']) ?? ''} ${direction} ${ports} ${direction === 'ingress' ? 'from' : 'to'} ${peer}`;
}

function ruleLive(r: SecurityGroupRule, direction: Direction): LiveResource {
  const properties = liveRuleProperties(r, direction);
  const id = r.SecurityGroupRuleId ?? '';
  return {
    type: direction === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress',
    physicalId: id,
    name: `${ruleName(properties, direction)} (${id})`,
    attributes: { Id: id },
    tags: tagsToRecord(r.Tags),
    properties,
  };
}

async function describeRules(ctx: HandlerContext, filters: Filter[]): Promise<SecurityGroupRule[]> {
  const out: SecurityGroupRule[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: filters, ...(NextToken ? { NextToken } : {}) }));
    out.push(...(page.SecurityGroupRules ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/**
 * Some EC2 endpoints (moto among them) leave the description of a group-referenced rule out of
 * DescribeSecurityGroupRules but report it on the group's permission; read it from there when the rule has none.
 */
async function withPairDescription(ctx: HandlerContext, r: SecurityGroupRule): Promise<SecurityGroupRule> {
  const peer = r.ReferencedGroupInfo?.GroupId;
  if (r.Description || !peer || !r.GroupId) return r;
  const g = (await ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [r.GroupId] }))).SecurityGroups?.[0];
  const perms = (r.IsEgress ? g?.IpPermissionsEgress : g?.IpPermissions) ?? [];
  const proto = normalProtocol(r.IpProtocol ?? '-1');
  const perm = perms.find((p) => normalProtocol(p.IpProtocol ?? '-1') === proto && (proto === '-1' || (p.FromPort === r.FromPort && p.ToPort === r.ToPort)) && p.UserIdGroupPairs?.some((x) => x.GroupId === peer));
  const description = perm?.UserIdGroupPairs?.find((x) => x.GroupId === peer)?.Description;
  return description ? { ...r, Description: description } : r;
}

/** The EC2 API shape of one rule (with its description on the peer entry). */
function permissionOf(rule: IrObject, direction: Direction): IpPermission {
  const keys = peerKeys(direction);
  const description = optStr(rule['Description']);
  const desc = description !== undefined ? { Description: description } : {};
  const protocol = String(rule['IpProtocol']);
  return {
    IpProtocol: protocol,
    ...(protocol !== '-1' && rule['FromPort'] !== undefined ? { FromPort: Number(rule['FromPort']) } : {}),
    ...(protocol !== '-1' && rule['ToPort'] !== undefined ? { ToPort: Number(rule['ToPort']) } : {}),
    ...(rule['CidrIp'] !== undefined ? { IpRanges: [{ CidrIp: String(rule['CidrIp']), ...desc }] } : {}),
    ...(rule['CidrIpv6'] !== undefined ? { Ipv6Ranges: [{ CidrIpv6: String(rule['CidrIpv6']), ...desc }] } : {}),
    ...(rule[keys.group] !== undefined ? { UserIdGroupPairs: [{ GroupId: String(rule[keys.group]), ...desc }] } : {}),
    ...(rule[keys.prefixList] !== undefined ? { PrefixListIds: [{ PrefixListId: String(rule[keys.prefixList]), ...desc }] } : {}),
  };
}

/** Rules of a group that separate SecurityGroupIngress/Egress resources manage (tagged with a logical id): rule identities by direction. */
export async function separatelyManagedRules(ctx: HandlerContext, groupId: string): Promise<{ ingress: SecurityGroupRule[]; egress: SecurityGroupRule[] }> {
  const rules = (await describeRules(ctx, [{ Name: 'group-id', Values: [groupId] }])).filter((r) => tagsToRecord(r.Tags)[TAG_LOGICAL] !== undefined);
  return { ingress: rules.filter((r) => !r.IsEgress), egress: rules.filter((r) => r.IsEgress) };
}

function ruleHandler(direction: Direction): ResourceHandler {
  const type = direction === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress';
  return {
    type,
    // Before security groups: a rule naming another group blocks that group's deletion.
    deleteRank: 3.5,
    replaceOn: ['/GroupId', '/IpProtocol', '/FromPort', '/ToPort', '/CidrIp', '/CidrIpv6', ...Object.values(peerKeys(direction)).map((k) => `/${k}`)],
    name(d) {
      checkProperties(d, ['GroupId', 'IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'CidrIpv6', ...Object.values(peerKeys(direction)), 'Description']);
      return ruleName(desiredRule(d, direction), direction);
    },
    async read(ctx, d) {
      const group = d.properties['GroupId'];
      if (typeof group !== 'string' || containsUnknown(group)) return undefined;
      const want = desiredRule(d, direction);
      if (containsUnknown(want)) {
        // The peer is not created yet: only our own rule (by its tags) can exist.
        const rules = await describeRules(ctx, [{ Name: 'group-id', Values: [group] }, { Name: `tag:${TAG_LOGICAL}`, Values: [d.logicalId] }, { Name: `tag:${TAG_DESIGN}`, Values: [ctx.designId] }]);
        const mine = rules.find((r) => Boolean(r.IsEgress) === (direction === 'egress'));
        return mine ? ruleLive(mine, direction) : undefined;
      }
      const rules = (await describeRules(ctx, [{ Name: 'group-id', Values: [group] }])).filter((r) => Boolean(r.IsEgress) === (direction === 'egress'));
      const mine = rules.find((r) => {
        const t = tagsToRecord(r.Tags);
        return t[TAG_DESIGN] === ctx.designId && t[TAG_LOGICAL] === d.logicalId;
      });
      if (mine) return ruleLive(await withPairDescription(ctx, mine), direction);
      // The same rule (protocol, ports, peer) made by someone else: a look-alike, reported as a conflict, untouched.
      const key = identity(want);
      const same = rules.find((r) => identity(liveRuleProperties(r, direction)) === key);
      return same ? ruleLive(same, direction) : undefined;
    },
    diff(d, live): PropertyChange[] {
      const want = desiredRule(d, direction);
      const changes = diffValues(want, live.properties);
      if (want['Description'] === undefined && live.properties['Description'] !== undefined) changes.push({ path: '/Description', before: live.properties['Description'], after: undefined });
      return [...changes, ...changedTags(d.tags, live.tags)];
    },
    async create(ctx, d) {
      const want = desiredRule(d, direction);
      const group = str(want['GroupId'], `${d.logicalId}.GroupId`);
      const input = { GroupId: group, IpPermissions: [permissionOf(want, direction)], TagSpecifications: [{ ResourceType: 'security-group-rule' as const, Tags: ec2TagList(d.tags) }] };
      const res = direction === 'ingress' ? await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand(input)) : await ctx.clients.ec2.send(new AuthorizeSecurityGroupEgressCommand(input));
      const id = res.SecurityGroupRules?.[0]?.SecurityGroupRuleId;
      const [rule] = id ? await describeRules(ctx, [{ Name: 'security-group-rule-id', Values: [id] }]) : [];
      if (!rule) throw new Error(`${ruleName(want, direction)} was authorized but cannot be read back`);
      return ruleLive(await withPairDescription(ctx, rule), direction);
    },
    async update(ctx, d, live, changes) {
      const want = desiredRule(d, direction);
      if (changes.some((c) => c.path === '/Description')) {
        const keys = peerKeys(direction);
        await ctx.clients.ec2.send(
          new ModifySecurityGroupRulesCommand({
            GroupId: str(want['GroupId'], 'GroupId'),
            SecurityGroupRules: [
              {
                SecurityGroupRuleId: live.physicalId,
                SecurityGroupRule: {
                  IpProtocol: String(want['IpProtocol']),
                  FromPort: want['IpProtocol'] === '-1' ? -1 : Number(want['FromPort']),
                  ToPort: want['IpProtocol'] === '-1' ? -1 : Number(want['ToPort']),
                  ...(want['CidrIp'] !== undefined ? { CidrIpv4: String(want['CidrIp']) } : {}),
                  ...(want['CidrIpv6'] !== undefined ? { CidrIpv6: String(want['CidrIpv6']) } : {}),
                  ...(want[keys.group] !== undefined ? { ReferencedGroupId: String(want[keys.group]) } : {}),
                  ...(want[keys.prefixList] !== undefined ? { PrefixListId: String(want[keys.prefixList]) } : {}),
                  Description: optStr(want['Description']) ?? '',
                },
              },
            ],
          }),
        );
      }
      await syncEc2Tags(ctx, live.physicalId, d, live, changes);
      const [rule] = await describeRules(ctx, [{ Name: 'security-group-rule-id', Values: [live.physicalId] }]);
      return rule ? ruleLive(await withPairDescription(ctx, rule), direction) : live;
    },
    async delete(ctx, live) {
      const input = { GroupId: str(live.properties['GroupId'], 'GroupId'), SecurityGroupRuleIds: [live.physicalId] };
      try {
        if (direction === 'ingress') await ctx.clients.ec2.send(new RevokeSecurityGroupIngressCommand(input));
        else await ctx.clients.ec2.send(new RevokeSecurityGroupEgressCommand(input));
      } catch (e) {
        // Gone with its group already: nothing left to revoke.
        if (!isNotFound(e)) throw e;
      }
    },
    async listOwned(ctx) {
      return (await describeRules(ctx, designFilter(ctx))).filter((r) => Boolean(r.IsEgress) === (direction === 'egress')).map((r) => ruleLive(r, direction));
    },
  };
}

/** AWS::EC2::SecurityGroupIngress: one rule, tagged with our ownership tags (rules carry tags). Ref = the rule id. */
export const ec2SecurityGroupIngressHandler = ruleHandler('ingress');
/** AWS::EC2::SecurityGroupEgress: one rule, tagged with our ownership tags. Ref = the rule id. */
export const ec2SecurityGroupEgressHandler = ruleHandler('egress');
