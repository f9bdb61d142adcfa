import {
  type Action,
  type Certificate,
  CreateListenerCommand,
  CreateRuleCommand,
  DeleteListenerCommand,
  DeleteRuleCommand,
  type Listener,
  ModifyListenerCommand,
  ModifyRuleCommand,
  paginateDescribeListeners,
  paginateDescribeRules,
  type Rule,
  type RuleCondition,
  SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IrObject, IrValue } from '../../../shared/iac/ir';
import { TAG_DESIGN, TAG_LOGICAL, type DesiredResource, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, containsUnknown, diffValues, optNum, optStr, str, toCfnShape } from '../values';
import { checkProperties, isNotFound } from './ec2Common';
import { elbTagList, elbTags, syncElbTags } from './elbCommon';
import { ownedLoadBalancers } from './elbLoadBalancing';

// The ELBv2 API names members like CloudFormation (Type, TargetGroupArn, FixedResponseConfig, PathPatternConfig…),
// so actions, conditions and certificates pass through as the design states them.

async function describeListeners(ctx: HandlerContext, loadBalancerArn: string): Promise<Listener[]> {
  const out: Listener[] = [];
  try {
    for await (const page of paginateDescribeListeners({ client: ctx.clients.elbv2 }, { LoadBalancerArn: loadBalancerArn })) out.push(...(page.Listeners ?? []));
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
  return out;
}

async function describeRules(ctx: HandlerContext, listenerArn: string): Promise<Rule[]> {
  const out: Rule[] = [];
  try {
    for await (const page of paginateDescribeRules({ client: ctx.clients.elbv2 }, { ListenerArn: listenerArn })) out.push(...(page.Rules ?? []));
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
  return out.filter((r) => !r.IsDefault);
}

/** Ours by our tags for this logical id, else the look-alike `same` picks (reported as a conflict, untouched). */
function pick<T>(items: readonly T[], arnOf: (t: T) => string, tags: ReadonlyMap<string, Record<string, string>>, ctx: HandlerContext, d: DesiredResource, same: (t: T) => boolean): T | undefined {
  return (
    items.find((i) => {
      const t = tags.get(arnOf(i)) ?? {};
      return t[TAG_DESIGN] === ctx.designId && t[TAG_LOGICAL] === d.logicalId;
    }) ?? items.find(same)
  );
}

function actions(value: IrValue | undefined, what: string): Action[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error(`${what} must list at least one action`);
  return value as unknown as Action[];
}

// ── Listener ───────────────────────────────────────────────────────────────────────────────────────────

function listenerLive(l: Listener, tags: Record<string, string>): LiveResource {
  const arn = l.ListenerArn ?? '';
  const properties: IrObject = {
    LoadBalancerArn: l.LoadBalancerArn ?? '',
    Port: l.Port ?? 0,
    Protocol: l.Protocol ?? '',
    DefaultActions: toCfnShape(l.DefaultActions ?? []) as IrObject[],
  };
  if (l.SslPolicy !== undefined) properties['SslPolicy'] = l.SslPolicy;
  if (l.Certificates !== undefined) properties['Certificates'] = toCfnShape(l.Certificates) as IrObject[];
  if (l.AlpnPolicy !== undefined) properties['AlpnPolicy'] = [...l.AlpnPolicy];
  return { type: 'AWS::ElasticLoadBalancingV2::Listener', physicalId: arn, name: `port ${l.Port ?? '?'} of ${lbName(l.LoadBalancerArn ?? '')}`, attributes: { ListenerArn: arn }, tags, properties };
}

function lbName(arn: string): string {
  return arn.split('/').slice(-2, -1)[0] ?? arn;
}

function listenerInput(d: DesiredResource) {
  const p = d.properties;
  return {
    ...(optNum(p['Port']) !== undefined ? { Port: optNum(p['Port']) } : {}),
    ...(optStr(p['Protocol']) ? { Protocol: optStr(p['Protocol']) as 'HTTP' } : {}),
    ...(optStr(p['SslPolicy']) ? { SslPolicy: optStr(p['SslPolicy']) } : {}),
    ...(Array.isArray(p['Certificates']) ? { Certificates: p['Certificates'] as unknown as Certificate[] } : {}),
    ...(Array.isArray(p['AlpnPolicy']) ? { AlpnPolicy: (p['AlpnPolicy'] as IrValue[]).map((v) => String(v as string)) } : {}),
    DefaultActions: actions(p['DefaultActions'], `${d.logicalId}.DefaultActions`),
  };
}

/**
 * AWS::ElasticLoadBalancingV2::Listener, tagged with our ownership tags. The live one is the listener of the load
 * balancer carrying our tags for this logical id, else the one on the same port (a look-alike: a conflict,
 * untouched). Port, protocol, certificates, policy and default actions change in place (ModifyListener); another
 * load balancer replaces it. Ref = ListenerArn.
 */
export const elbListenerHandler: ResourceHandler = {
  type: 'AWS::ElasticLoadBalancingV2::Listener',
  deleteRank: 1,
  replaceOn: ['/LoadBalancerArn'],
  name(d) {
    checkProperties(d, ['LoadBalancerArn', 'Port', 'Protocol', 'SslPolicy', 'Certificates', 'AlpnPolicy', 'DefaultActions']);
    return `port ${optNum(d.properties['Port']) ?? '?'} of ${lbName(optStr(d.properties['LoadBalancerArn']) ?? '')}`;
  },
  async read(ctx, d) {
    const lb = d.properties['LoadBalancerArn'];
    if (typeof lb !== 'string' || containsUnknown(lb)) return undefined;
    const listeners = await describeListeners(ctx, lb);
    const tags = await elbTags(ctx, listeners.map((l) => l.ListenerArn ?? ''));
    const port = optNum(d.properties['Port']);
    const l = pick(listeners, (x) => x.ListenerArn ?? '', tags, ctx, d, (x) => x.Port === port);
    return l ? listenerLive(l, tags.get(l.ListenerArn ?? '') ?? {}) : undefined;
  },
  diff(d, live) {
    const p = d.properties;
    const want: IrObject = { LoadBalancerArn: p['LoadBalancerArn'] ?? '', Port: p['Port'] ?? 0, DefaultActions: p['DefaultActions'] ?? [] };
    for (const k of ['Protocol', 'SslPolicy', 'Certificates', 'AlpnPolicy']) if (p[k] !== undefined) want[k] = p[k]!;
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const res = await ctx.clients.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: str(d.properties['LoadBalancerArn'], `${d.logicalId}.LoadBalancerArn`), ...listenerInput(d), Tags: elbTagList(d.tags) }));
    const l = res.Listeners?.[0];
    if (!l?.ListenerArn) throw new Error(`listener ${this.name(d)} was created but AWS returned no ARN`);
    return (await this.read(ctx, d)) ?? listenerLive(l, { ...d.tags });
  },
  async update(ctx, d, live, changes) {
    if (changes.some((c) => !c.path.startsWith('/Tags/'))) await ctx.clients.elbv2.send(new ModifyListenerCommand({ ListenerArn: live.physicalId, ...listenerInput(d) }));
    await syncElbTags(ctx, live.physicalId, d, live, changes);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    try {
      await ctx.clients.elbv2.send(new DeleteListenerCommand({ ListenerArn: live.physicalId }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    for (const { lb } of await ownedLoadBalancers(ctx)) {
      const listeners = await describeListeners(ctx, lb.LoadBalancerArn ?? '');
      const tags = await elbTags(ctx, listeners.map((l) => l.ListenerArn ?? ''));
      for (const l of listeners) {
        const t = tags.get(l.ListenerArn ?? '') ?? {};
        if (t[TAG_DESIGN] === ctx.designId) out.push(listenerLive(l, t));
      }
    }
    return out;
  },
};

// ── Listener rule ──────────────────────────────────────────────────────────────────────────────────────

function ruleLive(r: Rule, listenerArn: string, tags: Record<string, string>): LiveResource {
  const arn = r.RuleArn ?? '';
  return {
    type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    physicalId: arn,
    name: `rule ${r.Priority ?? '?'} of ${lbName(listenerArn.replace(':listener/', ':loadbalancer/').split('/').slice(0, -1).join('/'))}`,
    attributes: { RuleArn: arn, IsDefault: String(r.IsDefault ?? false) },
    tags,
    properties: {
      ListenerArn: listenerArn,
      Priority: Number(r.Priority),
      Conditions: toCfnShape(r.Conditions ?? []) as IrObject[],
      Actions: toCfnShape(r.Actions ?? []) as IrObject[],
    },
  };
}

function priorityOf(d: DesiredResource): number {
  const n = optNum(d.properties['Priority']);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 50000) throw new Error(`${d.logicalId}.Priority must be an integer from 1 to 50000`);
  return n;
}

function conditions(value: IrValue | undefined, what: string): RuleCondition[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error(`${what} must list at least one condition`);
  return value as unknown as RuleCondition[];
}

/**
 * AWS::ElasticLoadBalancingV2::ListenerRule, tagged with our ownership tags. The live one is the rule of the
 * listener carrying our tags for this logical id, else the one with the same priority (a look-alike: a conflict,
 * untouched). Conditions and actions change with ModifyRule, the priority with SetRulePriorities. Ref = RuleArn.
 */
export const elbListenerRuleHandler: ResourceHandler = {
  type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
  deleteRank: 0.5,
  replaceOn: ['/ListenerArn'],
  name(d) {
    checkProperties(d, ['ListenerArn', 'Priority', 'Conditions', 'Actions']);
    return `rule ${optNum(d.properties['Priority']) ?? '?'} (${d.logicalId})`;
  },
  async read(ctx, d) {
    const listener = d.properties['ListenerArn'];
    if (typeof listener !== 'string' || containsUnknown(listener)) return undefined;
    const rules = await describeRules(ctx, listener);
    const tags = await elbTags(ctx, rules.map((r) => r.RuleArn ?? ''));
    const priority = priorityOf(d);
    const r = pick(rules, (x) => x.RuleArn ?? '', tags, ctx, d, (x) => Number(x.Priority) === priority);
    return r ? ruleLive(r, listener, tags.get(r.RuleArn ?? '') ?? {}) : undefined;
  },
  diff(d, live) {
    const p = d.properties;
    const want: IrObject = { ListenerArn: p['ListenerArn'] ?? '', Priority: priorityOf(d), Conditions: p['Conditions'] ?? [], Actions: p['Actions'] ?? [] };
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const listener = str(d.properties['ListenerArn'], `${d.logicalId}.ListenerArn`);
    const res = await ctx.clients.elbv2.send(
      new CreateRuleCommand({
        ListenerArn: listener,
        Priority: priorityOf(d),
        Conditions: conditions(d.properties['Conditions'], `${d.logicalId}.Conditions`),
        Actions: actions(d.properties['Actions'], `${d.logicalId}.Actions`),
        Tags: elbTagList(d.tags),
      }),
    );
    const r = res.Rules?.[0];
    if (!r?.RuleArn) throw new Error(`listener rule ${this.name(d)} was created but AWS returned no ARN`);
    return (await this.read(ctx, d)) ?? ruleLive(r, listener, { ...d.tags });
  },
  async update(ctx, d, live, changes) {
    if (changes.some((c) => c.path.startsWith('/Conditions') || c.path.startsWith('/Actions'))) {
      await ctx.clients.elbv2.send(new ModifyRuleCommand({ RuleArn: live.physicalId, Conditions: conditions(d.properties['Conditions'], `${d.logicalId}.Conditions`), Actions: actions(d.properties['Actions'], `${d.logicalId}.Actions`) }));
    }
    if (changes.some((c) => c.path === '/Priority')) await ctx.clients.elbv2.send(new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: live.physicalId, Priority: priorityOf(d) }] }));
    await syncElbTags(ctx, live.physicalId, d, live, changes);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    try {
      await ctx.clients.elbv2.send(new DeleteRuleCommand({ RuleArn: live.physicalId }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    for (const { lb } of await ownedLoadBalancers(ctx)) {
      for (const l of await describeListeners(ctx, lb.LoadBalancerArn ?? '')) {
        const rules = await describeRules(ctx, l.ListenerArn ?? '');
        const tags = await elbTags(ctx, rules.map((r) => r.RuleArn ?? ''));
        for (const r of rules) {
          const t = tags.get(r.RuleArn ?? '') ?? {};
          if (t[TAG_DESIGN] === ctx.designId) out.push(ruleLive(r, l.ListenerArn ?? '', t));
        }
      }
    }
    return out;
  },
};
