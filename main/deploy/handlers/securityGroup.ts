import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteSecurityGroupCommand,
  DeleteTagsCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type IpPermission,
  type SecurityGroup,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import type { IrObject, IrValue } from '../../../shared/iac/ir';
import { whileInUse } from './ec2Common';
import { separatelyManagedRules } from './ec2SecurityGroupRules';
import { TAG_DESIGN, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, containsUnknown, optNum, optStr, removedTags, str, tagsToRecord } from '../values';

/** One rule flattened to a comparable key: protocol|from|to|peer (peer = cidr:…, cidr6:…, sg:…, pl:…). */
function ruleKey(proto: string, from: number | undefined, to: number | undefined, peer: string): string {
  const p = proto.toLowerCase();
  return p === '-1' || p === 'all' ? `-1|||${peer}` : `${p}|${from ?? ''}|${to ?? ''}|${peer}`;
}

function desiredRules(value: IrValue | undefined, direction: 'Source' | 'Destination'): string[] {
  if (!Array.isArray(value)) return [];
  return (value as IrObject[])
    .map((r) => {
      const peer =
        optStr(r['CidrIp']) !== undefined ? `cidr:${optStr(r['CidrIp'])}` : optStr(r['CidrIpv6']) !== undefined ? `cidr6:${optStr(r['CidrIpv6'])}` : optStr(r[`${direction}SecurityGroupId`]) !== undefined ? `sg:${optStr(r[`${direction}SecurityGroupId`])}` : `pl:${optStr(r[`${direction}PrefixListId`]) ?? ''}`;
      return ruleKey(str(r['IpProtocol'], 'IpProtocol'), optNum(r['FromPort']), optNum(r['ToPort']), peer);
    })
    .sort();
}

function liveRules(perms: readonly IpPermission[] | undefined): string[] {
  const out: string[] = [];
  for (const p of perms ?? []) {
    const proto = p.IpProtocol ?? '-1';
    for (const r of p.IpRanges ?? []) out.push(ruleKey(proto, p.FromPort, p.ToPort, `cidr:${r.CidrIp ?? ''}`));
    for (const r of p.Ipv6Ranges ?? []) out.push(ruleKey(proto, p.FromPort, p.ToPort, `cidr6:${r.CidrIpv6 ?? ''}`));
    for (const r of p.UserIdGroupPairs ?? []) out.push(ruleKey(proto, p.FromPort, p.ToPort, `sg:${r.GroupId ?? ''}`));
    for (const r of p.PrefixListIds ?? []) out.push(ruleKey(proto, p.FromPort, p.ToPort, `pl:${r.PrefixListId ?? ''}`));
  }
  return [...new Set(out)].sort();
}

function permission(key: string): IpPermission {
  const [proto = '-1', from, to, peer = ''] = key.split('|');
  const [kind, ...rest] = peer.split(':');
  const value = rest.join(':');
  return {
    IpProtocol: proto,
    ...(proto !== '-1' && from ? { FromPort: Number(from) } : {}),
    ...(proto !== '-1' && to ? { ToPort: Number(to) } : {}),
    ...(kind === 'cidr' ? { IpRanges: [{ CidrIp: value }] } : {}),
    ...(kind === 'cidr6' ? { Ipv6Ranges: [{ CidrIpv6: value }] } : {}),
    ...(kind === 'sg' ? { UserIdGroupPairs: [{ GroupId: value }] } : {}),
    ...(kind === 'pl' ? { PrefixListIds: [{ PrefixListId: value }] } : {}),
  };
}

/** Keys of the rules that separate SecurityGroupIngress/Egress resources manage (tagged with their logical id). */
function separateKeys(rules: readonly SecurityGroupRule[]): Set<string> {
  return new Set(
    rules.map((r) => {
      const peer = r.CidrIpv4 ? `cidr:${r.CidrIpv4}` : r.CidrIpv6 ? `cidr6:${r.CidrIpv6}` : r.ReferencedGroupInfo?.GroupId ? `sg:${r.ReferencedGroupInfo.GroupId}` : `pl:${r.PrefixListId ?? ''}`;
      return ruleKey(r.IpProtocol ?? '-1', r.FromPort, r.ToPort, peer);
    }),
  );
}

/**
 * Live state; the group's own (inline) rules leave out the ones separate SecurityGroupIngress/Egress resources
 * manage, so the group neither reports nor revokes them.
 */
function toLive(g: SecurityGroup, separate: { ingress: readonly SecurityGroupRule[]; egress: readonly SecurityGroupRule[] } = { ingress: [], egress: [] }): LiveResource {
  const id = g.GroupId ?? '';
  const ingressElsewhere = separateKeys(separate.ingress);
  const egressElsewhere = separateKeys(separate.egress);
  return {
    type: 'AWS::EC2::SecurityGroup',
    physicalId: id,
    name: g.GroupName ?? id,
    attributes: { GroupId: id, VpcId: g.VpcId ?? '' },
    tags: tagsToRecord(g.Tags),
    properties: {
      GroupName: g.GroupName ?? '',
      GroupDescription: g.Description ?? '',
      VpcId: g.VpcId ?? '',
      SecurityGroupIngress: liveRules(g.IpPermissions).filter((k) => !ingressElsewhere.has(k)),
      SecurityGroupEgress: liveRules(g.IpPermissionsEgress).filter((k) => !egressElsewhere.has(k)),
    },
  };
}

async function describe(ctx: HandlerContext, filters: { Name: string; Values: string[] }[]): Promise<SecurityGroup[]> {
  const out: SecurityGroup[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters, ...(NextToken ? { NextToken } : {}) }));
    out.push(...(page.SecurityGroups ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

async function syncRules(ctx: HandlerContext, groupId: string, want: readonly string[], have: readonly string[], egress: boolean): Promise<void> {
  const add = want.filter((k) => !have.includes(k)).map(permission);
  const remove = have.filter((k) => !want.includes(k)).map(permission);
  const ec2 = ctx.clients.ec2;
  if (add.length > 0) {
    if (egress) await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: add }));
    else await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: add }));
  }
  if (remove.length > 0) {
    if (egress) await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: remove }));
    else await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: remove }));
  }
}

/** Egress rules: the design's, or AWS's default (all traffic out) when the design says none. */
function wantedEgress(p: IrObject): string[] {
  return p['SecurityGroupEgress'] === undefined ? [ruleKey('-1', undefined, undefined, 'cidr:0.0.0.0/0')] : desiredRules(p['SecurityGroupEgress'], 'Destination');
}

export const securityGroupHandler: ResourceHandler = {
  type: 'AWS::EC2::SecurityGroup',
  deleteRank: 4,
  replaceOn: ['/GroupName', '/GroupDescription', '/VpcId'],
  name: (d) => str(d.properties['GroupName'], `${d.logicalId}.GroupName`),
  async read(ctx, d) {
    const vpc = d.properties['VpcId'];
    if (typeof vpc !== 'string' || containsUnknown(vpc)) return undefined;
    const [g] = await describe(ctx, [
      { Name: 'group-name', Values: [this.name(d)] },
      { Name: 'vpc-id', Values: [vpc] },
    ]);
    return g ? toLive(g, await separatelyManagedRules(ctx, g.GroupId ?? '')) : undefined;
  },
  diff(d, live) {
    const p = d.properties;
    const out = [];
    for (const k of ['GroupName', 'GroupDescription', 'VpcId']) if (p[k] !== undefined && p[k] !== live.properties[k]) out.push({ path: `/${k}`, before: live.properties[k], after: p[k] });
    const ingress = desiredRules(p['SecurityGroupIngress'], 'Source');
    if (JSON.stringify(ingress) !== JSON.stringify(live.properties['SecurityGroupIngress'])) out.push({ path: '/SecurityGroupIngress', before: live.properties['SecurityGroupIngress'], after: ingress });
    const egress = wantedEgress(p);
    if (JSON.stringify(egress) !== JSON.stringify(live.properties['SecurityGroupEgress'])) out.push({ path: '/SecurityGroupEgress', before: live.properties['SecurityGroupEgress'], after: egress });
    return [...out, ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const p = d.properties;
    const res = await ctx.clients.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: this.name(d),
        Description: str(p['GroupDescription'], `${d.logicalId}.GroupDescription`),
        VpcId: str(p['VpcId'], `${d.logicalId}.VpcId`),
        TagSpecifications: [{ ResourceType: 'security-group', Tags: Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value })) }],
      }),
    );
    const id = res.GroupId ?? '';
    const [created] = await describe(ctx, [{ Name: 'group-id', Values: [id] }]);
    if (!created) throw new Error(`security group ${this.name(d)} was created but cannot be described`);
    const live = toLive(created);
    await syncRules(ctx, id, desiredRules(p['SecurityGroupIngress'], 'Source'), live.properties['SecurityGroupIngress'] as string[], false);
    await syncRules(ctx, id, wantedEgress(p), live.properties['SecurityGroupEgress'] as string[], true);
    return (await this.read(ctx, d)) ?? live;
  },
  async update(ctx, d, live, changes) {
    const id = live.physicalId;
    if (changes.some((c) => c.path === '/SecurityGroupIngress')) await syncRules(ctx, id, desiredRules(d.properties['SecurityGroupIngress'], 'Source'), live.properties['SecurityGroupIngress'] as string[], false);
    if (changes.some((c) => c.path === '/SecurityGroupEgress')) await syncRules(ctx, id, wantedEgress(d.properties), live.properties['SecurityGroupEgress'] as string[], true);
    if (changes.some((c) => c.path.startsWith('/Tags/'))) {
      await ctx.clients.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value })) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: gone.map((Key) => ({ Key })) }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    // Network interfaces of a just-deleted load balancer keep the group in use for a while: wait for them (bounded).
    await whileInUse(ctx, `security group ${live.name}`, () => ctx.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: live.physicalId })));
  },
  async listOwned(ctx) {
    return (await describe(ctx, [{ Name: `tag:${TAG_DESIGN}`, Values: [ctx.designId] }])).map((g) => toLive(g));
  },
};
