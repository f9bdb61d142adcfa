import { describe, expect, it } from 'vitest';
import { TAG_DESIGN, TAG_LOGICAL, type DesiredResource, type HandlerContext, type LiveResource } from '../types';
import { derivedTags, waitUntil, whileInUse } from './ec2Common';
import { ec2GatewayAttachmentHandler } from './ec2Network';
import { ec2RouteHandler } from './ec2Routing';
import { ec2SecurityGroupIngressHandler, normalProtocol } from './ec2SecurityGroupRules';
import { elbListenerRuleHandler } from './elbListeners';
import { elbLoadBalancerHandler, elbTargetGroupHandler } from './elbLoadBalancing';

/** Only the bounded-wait members are used by whileInUse / waitUntil; no AWS client is reached. */
function waitCtx(notes: string[] = []): HandlerContext {
  return { stableTimeoutMs: 200, pollIntervalMs: 1, note: (m: string) => notes.push(m) } as unknown as HandlerContext;
}

function awsError(name: string, message = 'nope'): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

const desired = (type: string, properties: DesiredResource['properties'], tags: Record<string, string> = {}): DesiredResource => ({ logicalId: 'X', type, properties, tags });
const live = (type: string, properties: LiveResource['properties'], tags: Record<string, string> = {}): LiveResource => ({ type, physicalId: 'p', name: 'n', attributes: {}, tags, properties });

describe('bounded waits', () => {
  it('whileInUse retries while AWS says "in use" and returns what the call returns', async () => {
    const notes: string[] = [];
    let calls = 0;
    const out = await whileInUse(waitCtx(notes), 'subnet subnet-1', () => {
      calls++;
      if (calls < 3) return Promise.reject(awsError('DependencyViolation', 'has dependencies'));
      return Promise.resolve('deleted');
    });
    expect(out).toBe('deleted');
    expect(calls).toBe(3);
    expect(notes).toEqual(['subnet subnet-1: still in use, waiting (DependencyViolation: has dependencies)', 'subnet subnet-1: still in use, waiting (DependencyViolation: has dependencies)']);
  });

  it('whileInUse passes any other error on at once', async () => {
    let calls = 0;
    await expect(
      whileInUse(waitCtx(), 'vpc', () => {
        calls++;
        return Promise.reject(awsError('UnauthorizedOperation'));
      }),
    ).rejects.toThrow('nope');
    expect(calls).toBe(1);
  });

  it('whileInUse gives up after the bound, naming what and why', async () => {
    let calls = 0;
    await expect(
      whileInUse(waitCtx(), 'security group web-tasks', () => {
        calls++;
        return Promise.reject(awsError('ResourceInUse', 'used by a listener'));
      }),
    ).rejects.toThrow(/^security group web-tasks is still in use after 0 s: ResourceInUse: used by a listener$/);
    expect(calls).toBeGreaterThan(1);
  });

  it('waitUntil polls until done, stops on a terminal failure and fails after the bound', async () => {
    let n = 0;
    await waitUntil(waitCtx(), 'nat', () => Promise.resolve(++n === 4));
    expect(n).toBe(4);
    await expect(waitUntil(waitCtx(), 'nat', () => Promise.reject(new Error('NAT gateway nat-1 failed: Gateway.NotAttached')))).rejects.toThrow('Gateway.NotAttached');
    await expect(waitUntil(waitCtx(), 'NAT gateway nat-1 available', () => Promise.resolve(false))).rejects.toThrow('NAT gateway nat-1 available: not reached after 0 s');
  });
});

describe('ownership of resources without tags', () => {
  it('follows the parent: no design tag on the parent, no ownership', () => {
    expect(derivedTags({ Name: 'rt' })).toEqual({});
    expect(derivedTags({ [TAG_DESIGN]: 'd1', [TAG_LOGICAL]: 'PublicRt' })).toEqual({ [TAG_DESIGN]: 'd1' });
    expect(derivedTags({ [TAG_DESIGN]: 'd1', [TAG_LOGICAL]: 'PublicRt' }, 'PublicRoute')).toEqual({ [TAG_DESIGN]: 'd1', [TAG_LOGICAL]: 'PublicRoute' });
  });
});

describe('diffs ignore what AWS fills in and compare what the design says', () => {
  it('a route moving from the internet gateway to a NAT gateway changes both target members', () => {
    const d = desired('AWS::EC2::Route', { RouteTableId: 'rtb-1', DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' });
    const l = live('AWS::EC2::Route', { RouteTableId: 'rtb-1', DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' });
    expect(ec2RouteHandler.diff(d, l)).toEqual([
      { path: '/GatewayId', before: 'igw-1', after: '' },
      { path: '/NatGatewayId', before: '', after: 'nat-1' },
    ]);
    expect(ec2RouteHandler.diff(d, live('AWS::EC2::Route', { RouteTableId: 'rtb-1', DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' }))).toEqual([]);
  });

  it('a security group rule compares protocols by name and ports as numbers; all-traffic rules have no ports', () => {
    expect(normalProtocol('6')).toBe('tcp');
    expect(normalProtocol('ALL')).toBe('-1');
    const d = desired('AWS::EC2::SecurityGroupIngress', { GroupId: 'sg-1', IpProtocol: '6', FromPort: '8080', ToPort: 8080, SourceSecurityGroupId: 'sg-2' });
    expect(ec2SecurityGroupIngressHandler.diff(d, live('AWS::EC2::SecurityGroupIngress', { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: 'sg-2' }))).toEqual([]);
    const all = desired('AWS::EC2::SecurityGroupIngress', { GroupId: 'sg-1', IpProtocol: '-1', FromPort: 0, ToPort: 65535, CidrIp: '10.0.0.0/8' });
    expect(ec2SecurityGroupIngressHandler.diff(all, live('AWS::EC2::SecurityGroupIngress', { GroupId: 'sg-1', IpProtocol: '-1', CidrIp: '10.0.0.0/8' }))).toEqual([]);
    expect(() => ec2SecurityGroupIngressHandler.name(desired('AWS::EC2::SecurityGroupIngress', { GroupId: 'sg-1', IpProtocol: 'tcp', CidrIp: '1.2.3.4/32', SourceSecurityGroupId: 'sg-2' }))).toThrow(/exactly one of CidrIp, CidrIpv6, SourceSecurityGroupId, SourcePrefixListId \(got 2\)/);
  });

  it('load balancer subnets and groups compare as sets; attributes only where the design sets them', () => {
    const d = desired('AWS::ElasticLoadBalancingV2::LoadBalancer', { Name: 'web', Subnets: ['subnet-b', 'subnet-a'], SecurityGroups: ['sg-1'], LoadBalancerAttributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '60' }] });
    const l = live('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Name: 'web',
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: ['subnet-a', 'subnet-b'],
      SecurityGroups: ['sg-1'],
      LoadBalancerAttributes: { 'idle_timeout.timeout_seconds': '60', 'deletion_protection.enabled': 'false' },
    });
    expect(elbLoadBalancerHandler.diff(d, l)).toEqual([]);
    expect(elbLoadBalancerHandler.diff({ ...d, properties: { ...d.properties, Subnets: ['subnet-a', 'subnet-c'] } }, l).map((c) => c.path)).toEqual(['/Subnets']);
  });

  it('target group health check defaults AWS fills in are not changes; a changed matcher is', () => {
    const d = desired('AWS::ElasticLoadBalancingV2::TargetGroup', { Name: 'web-tg', Port: 8080, Protocol: 'HTTP', TargetType: 'ip', HealthCheckPath: '/health', Matcher: { HttpCode: '200' } });
    const l = live('AWS::ElasticLoadBalancingV2::TargetGroup', { Name: 'web-tg', Port: 8080, Protocol: 'HTTP', TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 30, HealthCheckPort: 'traffic-port', Matcher: { HttpCode: '200' } });
    expect(elbTargetGroupHandler.diff(d, l)).toEqual([]);
    expect(elbTargetGroupHandler.diff({ ...d, properties: { ...d.properties, Matcher: { HttpCode: '200-299' } } }, l)).toEqual([{ path: '/Matcher/HttpCode', before: '200', after: '200-299' }]);
  });

  it('a listener rule priority reported as text equals the number in the design; out-of-range priorities are refused', () => {
    const props = { ListenerArn: 'arn:l', Priority: 10, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }], Actions: [{ Type: 'forward', TargetGroupArn: 'arn:tg' }] };
    const l = live('AWS::ElasticLoadBalancingV2::ListenerRule', { ...props, Priority: 10, Conditions: [{ Field: 'path-pattern', Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } }], Actions: [{ Type: 'forward', TargetGroupArn: 'arn:tg', Order: 1 }] });
    expect(elbListenerRuleHandler.diff(desired('AWS::ElasticLoadBalancingV2::ListenerRule', props), l)).toEqual([]);
    expect(() => elbListenerRuleHandler.diff(desired('AWS::ElasticLoadBalancingV2::ListenerRule', { ...props, Priority: 0 }), l)).toThrow('X.Priority must be an integer from 1 to 50000');
  });
});

describe('properties a handler does not deploy are refused, not dropped', () => {
  it('names the resource, the property and what is deployed', () => {
    const tg = { ...desired('AWS::ElasticLoadBalancingV2::TargetGroup', { Name: 'web-tg', Port: 80, Protocol: 'HTTP', Targets: [{ Id: 'i-1' }] }), logicalId: 'WebTg' };
    expect(() => elbTargetGroupHandler.name(tg)).toThrow(/^WebTg \(AWS::ElasticLoadBalancingV2::TargetGroup\): the deploy engine does not deploy Targets yet \(it deploys Name, TargetType, .*, Tags\)/);
    expect(elbTargetGroupHandler.name({ ...tg, properties: { Name: 'web-tg', Port: 80, Protocol: 'HTTP', Tags: [] } })).toBe('web-tg');
    expect(() => ec2GatewayAttachmentHandler.name(desired('AWS::EC2::VPCGatewayAttachment', { VpcId: 'vpc-1', VpnGatewayId: 'vgw-1' }))).toThrow(/does not deploy VpnGatewayId yet/);
  });
});
