import {
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ir, type IrTemplate } from '../../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { useMoto } from '../../aws/testing/useMoto';
import { isMutating, type ApiCall } from '../clients';
import { apply, destroy, plan, type ApplyOptions } from '../engine';
import { defaultNetworkParams } from '../testing/motoNetwork';
import { TAG_DESIGN, TAG_LOGICAL } from '../types';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';

const moto = useMoto();
const DESIGN = 'lb-design';
let elb: ElasticLoadBalancingV2Client;
let params: { Vpc: string; Subnets: string; Group: string };
beforeEach(async () => {
  elb = new ElasticLoadBalancingV2Client(motoClientConfig(moto.endpoint));
  const net = await defaultNetworkParams(moto.endpoint);
  const ec2 = new EC2Client(motoClientConfig(moto.endpoint));
  const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId ?? '';
  ec2.destroy();
  params = { Vpc: vpc, Subnets: net.Subnets, Group: net.SecurityGroups };
});
afterEach(() => elb.destroy());

function opts(calls: ApiCall[] = [], extra: Partial<ApplyOptions> = {}): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: DESIGN, stackName: 'web', parameters: params, pollIntervalMs: 20, stableTimeoutMs: 5_000, onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true), ...extra };
}
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => c.command);

interface Knobs {
  readonly idle?: number;
  readonly healthPath?: string;
  readonly rulePriority?: number;
  readonly listenerPort?: number;
}

/** Load balancer, target group, listener forwarding to it and a path rule, shaped like build.ts emits them. */
function template(k: Knobs = {}): IrTemplate {
  return {
    description: 'load balancing',
    parameters: [
      { id: 'Vpc', type: 'AWS::EC2::VPC::Id', description: 'the VPC' },
      { id: 'Subnets', type: 'List<AWS::EC2::Subnet::Id>', description: 'subnets' },
      { id: 'Group', type: 'AWS::EC2::SecurityGroup::Id', description: 'load balancer group' },
    ],
    resources: [
      {
        id: 'Alb',
        type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        nodeId: 'lb',
        properties: {
          Name: 'web-alb',
          Type: 'application',
          Scheme: 'internet-facing',
          Subnets: ir.ref('Subnets'),
          SecurityGroups: [ir.ref('Group')],
          LoadBalancerAttributes: [{ Key: 'idle_timeout.timeout_seconds', Value: String(k.idle ?? 60) }],
          Tags: [{ Key: 'team', Value: 'web' }],
        },
      },
      {
        id: 'Tg',
        type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        nodeId: 'tg',
        properties: {
          Name: 'web-tg',
          TargetType: 'ip',
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: ir.ref('Vpc'),
          HealthCheckPath: k.healthPath ?? '/health',
          Matcher: { HttpCode: '200-399' },
          TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
        },
      },
      {
        id: 'Http',
        type: 'AWS::ElasticLoadBalancingV2::Listener',
        nodeId: 'listener',
        properties: { LoadBalancerArn: ir.ref('Alb'), Port: k.listenerPort ?? 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: ir.ref('Tg') }] },
      },
      {
        id: 'ApiRule',
        type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
        nodeId: 'listener',
        properties: {
          ListenerArn: ir.ref('Http'),
          Priority: k.rulePriority ?? 10,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
          Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'no api here' } }],
        },
      },
    ],
    outputs: [],
  };
}

describe('load balancer, target group, listener and listener rule against moto', { timeout: 120_000 }, () => {
  it('creates them, describes them back, redeploys with no change, updates each in place and destroys them', async () => {
    const calls: ApiCall[] = [];
    const first = await apply(template(), opts(calls));
    expect(first.status, first.message).toBe('succeeded');

    const lb = (await elb.send(new DescribeLoadBalancersCommand({ Names: ['web-alb'] }))).LoadBalancers?.[0];
    expect(lb?.Scheme).toBe('internet-facing');
    expect(lb?.State?.Code).toBe('active');
    expect(lb?.AvailabilityZones?.map((z) => z.SubnetId).sort()).toEqual(params.Subnets.split(',').sort());
    expect(lb?.SecurityGroups).toEqual([params.Group]);
    const lbArn = lb?.LoadBalancerArn ?? '';
    expect(first.results.find((r) => r.logicalId === 'Alb')?.physicalId).toBe(lbArn);
    const attrs = (await elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lbArn }))).Attributes ?? [];
    expect(attrs.find((a) => a.Key === 'idle_timeout.timeout_seconds')?.Value).toBe('60');
    const tg = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-tg'] }))).TargetGroups?.[0];
    expect([tg?.TargetType, tg?.Protocol, tg?.Port, tg?.VpcId, tg?.HealthCheckPath, tg?.Matcher?.HttpCode]).toEqual(['ip', 'HTTP', 8080, params.Vpc, '/health', '200-399']);
    const listener = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }))).Listeners?.[0];
    expect([listener?.Port, listener?.DefaultActions?.[0]?.Type, listener?.DefaultActions?.[0]?.TargetGroupArn]).toEqual([80, 'forward', tg?.TargetGroupArn]);
    const rules = ((await elb.send(new DescribeRulesCommand({ ListenerArn: listener?.ListenerArn ?? '' }))).Rules ?? []).filter((r) => !r.IsDefault);
    expect(rules.map((r) => [r.Priority, r.Conditions?.[0]?.PathPatternConfig?.Values, r.Actions?.[0]?.FixedResponseConfig?.MessageBody])).toEqual([['10', ['/api/*'], 'no api here']]);
    const tags = (await elb.send(new DescribeTagsCommand({ ResourceArns: [lbArn, tg?.TargetGroupArn ?? '', listener?.ListenerArn ?? '', rules[0]?.RuleArn ?? ''] }))).TagDescriptions ?? [];
    expect(tags.map((t) => t.Tags?.find((x) => x.Key === TAG_LOGICAL)?.Value)).toEqual(['Alb', 'Tg', 'Http', 'ApiRule']);
    expect(tags.every((t) => t.Tags?.some((x) => x.Key === TAG_DESIGN && x.Value === DESIGN))).toBe(true);
    expect(tags[0]?.Tags).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'web' }]));

    calls.length = 0;
    const again = await plan(template(), opts(calls));
    expect(again.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes])).toEqual([]);
    expect(mutating(calls)).toEqual([]);

    const knobs: Knobs = { idle: 120, healthPath: '/ready', rulePriority: 20, listenerPort: 8080 };
    const changed = await plan(template(knobs), opts());
    expect(changed.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes.map((c) => c.path)])).toEqual([
      ['Alb', 'update', ['/LoadBalancerAttributes/idle_timeout.timeout_seconds']],
      ['Tg', 'update', ['/HealthCheckPath']],
      ['Http', 'update', ['/Port']],
      ['ApiRule', 'update', ['/Priority']],
    ]);
    calls.length = 0;
    const updated = await apply(template(knobs), opts(calls));
    expect(updated.status, updated.message).toBe('succeeded');
    expect(mutating(calls)).toEqual(['ModifyLoadBalancerAttributes', 'ModifyTargetGroup', 'ModifyListener', 'SetRulePriorities']);
    expect((await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }))).Listeners?.map((l) => [l.ListenerArn, l.Port])).toEqual([[listener?.ListenerArn, 8080]]);
    calls.length = 0;
    expect((await plan(template(knobs), opts(calls))).nothingToDo).toBe(true);

    const gone = await destroy(opts());
    expect(gone.status, gone.message).toBe('succeeded');
    expect(gone.plan.map((s) => s.logicalId)).toEqual(['ApiRule', 'Http', 'Alb', 'Tg']);
    expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).toEqual([]);
    expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? []).toEqual([]);
  });

  it('replacing a named target group a listener forwards to fails, saying why, and leaves it in place', async () => {
    expect((await apply(template(), opts())).status).toBe('succeeded');
    const moved = template();
    const t: IrTemplate = { ...moved, resources: moved.resources.map((r) => (r.id === 'Tg' ? { ...r, properties: { ...r.properties, Port: 9090 } } : r)) };
    const p = await plan(t, opts());
    // The listener forwards to whatever ARN the new target group gets: known after apply.
    expect(p.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.reason ?? s.changes.map((c) => c.path).join()])).toEqual([
      ['Tg', 'replace', 'Port cannot change in place'],
      ['Http', 'update', '/DefaultActions/0/TargetGroupArn'],
    ]);
    const report = await apply(t, opts());
    expect(report.status).toBe('failed');
    expect(report.failure?.logicalId).toBe('Tg');
    expect(report.failure?.error).toMatch(/^target group web-tg cannot be deleted while a listener or listener rule forwards to it .*give it a new name in the design/);
    expect((await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-tg'] }))).TargetGroups?.[0]?.Port).toBe(8080);
  });

  it('a load balancer and a target group with our names but without our tag are conflicts and stay', async () => {
    await elb.send(new CreateLoadBalancerCommand({ Name: 'web-alb', Subnets: params.Subnets.split(','), SecurityGroups: [params.Group] }));
    await elb.send(new CreateTargetGroupCommand({ Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: params.Vpc, TargetType: 'ip' }));
    const calls: ApiCall[] = [];
    const report = await apply(template(), opts(calls));
    expect(report.status).toBe('refused');
    expect(report.plan.filter((s) => s.action === 'conflict').map((s) => s.logicalId)).toEqual(['Alb', 'Tg']);
    expect(mutating(calls)).toEqual([]);
    expect((await destroy(opts())).message).toMatch(/nothing to do/);
    expect((await elb.send(new DescribeLoadBalancersCommand({ Names: ['web-alb'] }))).LoadBalancers).toHaveLength(1);
    expect((await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-tg'] }))).TargetGroups?.[0]?.Port).toBe(80);
  });
});
