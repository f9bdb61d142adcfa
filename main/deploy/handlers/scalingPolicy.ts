import {
  DeleteScalingPolicyCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  type PolicyType,
  type ScalableDimension,
  type ScalingPolicy,
  type ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import type { IrObject } from '../../../shared/iac/ir';
import type { DesiredResource, HandlerContext, LiveResource, ResourceHandler } from '../types';
import { containsUnknown, diffValues, optStr, str, toCfnShape } from '../values';
import { derivedTags, isGone, parseTargetRef, serviceOwners, targetRef, type TargetKey } from './scalingTarget';

/** The target a policy scales: ScalingTargetId (the target's Ref) or ResourceId + ScalableDimension + ServiceNamespace. */
function targetOf(d: DesiredResource): TargetKey | undefined {
  const p = d.properties;
  if (p['ScalingTargetId'] !== undefined) {
    if (containsUnknown(p['ScalingTargetId'])) return undefined;
    return parseTargetRef(str(p['ScalingTargetId'], `${d.logicalId}.ScalingTargetId`), `${d.logicalId}.ScalingTargetId`);
  }
  if (containsUnknown(p['ResourceId'])) return undefined;
  return {
    resourceId: str(p['ResourceId'], `${d.logicalId}.ResourceId (or ScalingTargetId)`),
    dimension: str(p['ScalableDimension'], `${d.logicalId}.ScalableDimension`),
    namespace: str(p['ServiceNamespace'], `${d.logicalId}.ServiceNamespace`),
  };
}

const CONFIGS = ['TargetTrackingScalingPolicyConfiguration', 'StepScalingPolicyConfiguration'] as const;

function toLive(p: ScalingPolicy, tags: Record<string, string>): LiveResource {
  const k: TargetKey = { resourceId: p.ResourceId ?? '', dimension: p.ScalableDimension ?? '', namespace: p.ServiceNamespace ?? '' };
  const properties: IrObject = { PolicyName: p.PolicyName ?? '', PolicyType: p.PolicyType ?? '', ScalingTargetId: targetRef(k) };
  if (p.TargetTrackingScalingPolicyConfiguration) properties['TargetTrackingScalingPolicyConfiguration'] = toCfnShape(p.TargetTrackingScalingPolicyConfiguration) as IrObject;
  if (p.StepScalingPolicyConfiguration) properties['StepScalingPolicyConfiguration'] = toCfnShape(p.StepScalingPolicyConfiguration) as IrObject;
  return { type: 'AWS::ApplicationAutoScaling::ScalingPolicy', physicalId: p.PolicyARN ?? '', name: p.PolicyName ?? '', attributes: { Arn: p.PolicyARN ?? '' }, tags, properties };
}

async function describe(ctx: HandlerContext, k: { namespace: string; resourceId?: string; dimension?: string }, names?: string[]): Promise<ScalingPolicy[]> {
  const out: ScalingPolicy[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.appScaling.send(
      new DescribeScalingPoliciesCommand({
        ServiceNamespace: k.namespace as ServiceNamespace,
        ...(k.resourceId !== undefined ? { ResourceId: k.resourceId } : {}),
        ...(k.dimension !== undefined ? { ScalableDimension: k.dimension as ScalableDimension } : {}),
        ...(names ? { PolicyNames: names } : {}),
        ...(NextToken ? { NextToken } : {}),
      }),
    );
    out.push(...(page.ScalingPolicies ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/**
 * AWS::ApplicationAutoScaling::ScalingPolicy (target tracking and step scaling). Ref = the policy ARN (what alarm
 * actions name). It has no tags: it is ours when the ECS service its target scales is ours.
 */
export const scalingPolicyHandler: ResourceHandler = {
  type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
  deleteRank: -2,
  replaceOn: ['/PolicyName', '/ScalingTargetId'],
  name: (d) => str(d.properties['PolicyName'], `${d.logicalId}.PolicyName`),
  async read(ctx, d) {
    const k = targetOf(d);
    if (!k) return undefined;
    const name = this.name(d);
    const found = (await describe(ctx, k, [name])).find((p) => p.PolicyName === name && p.ResourceId === k.resourceId && p.ScalableDimension === k.dimension);
    if (!found) return undefined;
    const owner = (await serviceOwners(ctx, [k.resourceId])).get(k.resourceId);
    return toLive(found, derivedTags(owner, d.logicalId));
  },
  diff(d, live) {
    const k = targetOf(d);
    const want: IrObject = { PolicyName: d.properties['PolicyName'] ?? '', PolicyType: d.properties['PolicyType'] ?? 'StepScaling', ScalingTargetId: k ? targetRef(k) : (d.properties['ScalingTargetId'] ?? '') };
    for (const c of CONFIGS) if (d.properties[c] !== undefined) want[c] = d.properties[c]!;
    const changes = diffValues(want, live.properties);
    // A configuration the design dropped (policy type switched) is a change too.
    for (const c of CONFIGS) if (d.properties[c] === undefined && live.properties[c] !== undefined) changes.push({ path: `/${c}`, before: live.properties[c], after: undefined });
    return changes;
  },
  async create(ctx, d) {
    const k = targetOf(d);
    if (!k) throw new Error(`${d.logicalId}: the scalable target of policy ${this.name(d)} is not known yet`);
    const p = d.properties;
    const type = optStr(p['PolicyType']) ?? 'StepScaling';
    const res = await ctx.clients.appScaling.send(
      new PutScalingPolicyCommand({
        PolicyName: this.name(d),
        ServiceNamespace: k.namespace as ServiceNamespace,
        ResourceId: k.resourceId,
        ScalableDimension: k.dimension as ScalableDimension,
        PolicyType: type as PolicyType,
        // Application Auto Scaling members are PascalCase like CloudFormation's: sent as the design says.
        ...(p['TargetTrackingScalingPolicyConfiguration'] !== undefined ? { TargetTrackingScalingPolicyConfiguration: p['TargetTrackingScalingPolicyConfiguration'] as never } : {}),
        ...(p['StepScalingPolicyConfiguration'] !== undefined ? { StepScalingPolicyConfiguration: p['StepScalingPolicyConfiguration'] as never } : {}),
      }),
    );
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`scaling policy ${this.name(d)} (${res.PolicyARN ?? 'no ARN'}) was put but cannot be described`);
    return live;
  },
  update(ctx, d) {
    // PutScalingPolicy replaces the policy's configuration in place (same name, same ARN).
    return this.create(ctx, d);
  },
  async delete(ctx, live) {
    const k = parseTargetRef(String(live.properties['ScalingTargetId']), live.name);
    try {
      await ctx.clients.appScaling.send(new DeleteScalingPolicyCommand({ PolicyName: live.name, ServiceNamespace: k.namespace as ServiceNamespace, ResourceId: k.resourceId, ScalableDimension: k.dimension as ScalableDimension }));
    } catch (e) {
      if (!isGone(e)) throw e;
    }
  },
  async listOwned(ctx) {
    // Listed through the owned ECS services their targets scale; without a logical id of their own.
    const policies = await describe(ctx, { namespace: 'ecs' });
    const owners = await serviceOwners(ctx, policies.map((p) => p.ResourceId ?? ''));
    return policies.filter((p) => owners.get(p.ResourceId ?? '') === ctx.designId).map((p) => toLive(p, derivedTags(ctx.designId)));
  },
};
