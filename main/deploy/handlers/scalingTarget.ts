import {
  DeleteScheduledActionCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScheduledActionsCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
  type ScalableDimension,
  type ScalableTarget,
  type ScheduledAction,
  type ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import type { IrObject, IrValue } from '../../../shared/iac/ir';
import { TAG_DESIGN, TAG_LOGICAL, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from '../types';
import { containsUnknown, diffValues, errorName, optNum, optStr, str } from '../values';

/** A scalable target's identity: what CloudFormation's Ref returns, "resourceId|dimension|namespace". */
export interface TargetKey {
  readonly resourceId: string;
  readonly dimension: string;
  readonly namespace: string;
}

export function targetRef(k: TargetKey): string {
  return `${k.resourceId}|${k.dimension}|${k.namespace}`;
}

export function parseTargetRef(ref: string, what: string): TargetKey {
  const [resourceId, dimension, namespace] = ref.split('|');
  if (!resourceId || !dimension || !namespace) throw new Error(`${what}: "${ref}" is not a scalable target id (resourceId|scalableDimension|serviceNamespace)`);
  return { resourceId, dimension, namespace };
}

/** Absent errors of Application Auto Scaling (deleting what a parent's deletion already removed). */
export function isGone(e: unknown): boolean {
  const name = errorName(e);
  return name === 'ObjectNotFoundException' || (name === 'ValidationException' && e instanceof Error && /no scalable target|not found|doesn't exist/i.test(e.message));
}

/**
 * Scalable targets, policies and scheduled actions carry no tags we can rely on: they are ours when the ECS service
 * they scale ("service/<cluster>/<service>") carries our design id. Returns that design id (or undefined) per resource id.
 */
export async function serviceOwners(ctx: HandlerContext, resourceIds: readonly string[]): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  const byCluster = new Map<string, string[]>();
  for (const id of new Set(resourceIds)) {
    const [kind, cluster, service] = id.split('/');
    out.set(id, undefined);
    if (kind !== 'service' || !cluster || !service) continue;
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), service]);
  }
  for (const [cluster, services] of byCluster) {
    for (let i = 0; i < services.length; i += 10) {
      try {
        const res = await ctx.clients.ecs.send(new DescribeServicesCommand({ cluster, services: services.slice(i, i + 10), include: ['TAGS'] }));
        for (const s of res.services ?? []) {
          if (s.status === 'INACTIVE') continue;
          const design = s.tags?.find((t) => t.key === TAG_DESIGN)?.value;
          out.set(`service/${cluster}/${s.serviceName ?? ''}`, design);
        }
      } catch (e) {
        if (errorName(e) !== 'ClusterNotFoundException') throw e;
      }
    }
  }
  return out;
}

/** Ownership tags of a resource whose parent service carries `design`: the design id, plus the logical id when known. */
export function derivedTags(design: string | undefined, logicalId?: string): Record<string, string> {
  if (design === undefined) return {};
  return { [TAG_DESIGN]: design, ...(logicalId !== undefined ? { [TAG_LOGICAL]: logicalId } : {}) };
}

function keyOf(d: { properties: IrObject; logicalId: string }): TargetKey {
  return {
    resourceId: str(d.properties['ResourceId'], `${d.logicalId}.ResourceId`),
    dimension: str(d.properties['ScalableDimension'], `${d.logicalId}.ScalableDimension`),
    namespace: str(d.properties['ServiceNamespace'], `${d.logicalId}.ServiceNamespace`),
  };
}

function isoTime(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && value !== '') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? value : new Date(t).toISOString();
  }
  return undefined;
}

/** A scheduled action in the CloudFormation shape, only the fields set (times as ISO strings). */
function actionShape(a: { name?: string; schedule?: string; timezone?: string; start?: unknown; end?: unknown; min?: number; max?: number }): IrObject {
  const out: IrObject = { ScheduledActionName: a.name ?? '', Schedule: a.schedule ?? '' };
  if (a.timezone !== undefined) out['Timezone'] = a.timezone;
  const start = isoTime(a.start);
  const end = isoTime(a.end);
  if (start !== undefined) out['StartTime'] = start;
  if (end !== undefined) out['EndTime'] = end;
  const action: IrObject = {};
  if (a.min !== undefined) action['MinCapacity'] = a.min;
  if (a.max !== undefined) action['MaxCapacity'] = a.max;
  out['ScalableTargetAction'] = action;
  return out;
}

function desiredActions(value: IrValue | undefined, what: string): IrObject[] {
  if (!Array.isArray(value)) return [];
  return (value as IrObject[])
    .map((a, i) => {
      const t = (a['ScalableTargetAction'] as IrObject | undefined) ?? {};
      const min = optNum(t['MinCapacity']);
      const max = optNum(t['MaxCapacity']);
      return actionShape({
        name: str(a['ScheduledActionName'], `${what}.ScheduledActions[${i}].ScheduledActionName`),
        schedule: str(a['Schedule'], `${what}.ScheduledActions[${i}].Schedule`),
        ...(optStr(a['Timezone']) !== undefined ? { timezone: optStr(a['Timezone']) } : {}),
        start: a['StartTime'],
        end: a['EndTime'],
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      });
    })
    .sort((x, y) => String(x['ScheduledActionName']).localeCompare(String(y['ScheduledActionName'])));
}

function liveAction(a: ScheduledAction): IrObject {
  return actionShape({
    ...(a.ScheduledActionName !== undefined ? { name: a.ScheduledActionName } : {}),
    ...(a.Schedule !== undefined ? { schedule: a.Schedule } : {}),
    ...(a.Timezone ? { timezone: a.Timezone } : {}),
    start: a.StartTime,
    end: a.EndTime,
    ...(a.ScalableTargetAction?.MinCapacity !== undefined ? { min: a.ScalableTargetAction.MinCapacity } : {}),
    ...(a.ScalableTargetAction?.MaxCapacity !== undefined ? { max: a.ScalableTargetAction.MaxCapacity } : {}),
  });
}

async function scheduledActions(ctx: HandlerContext, k: TargetKey): Promise<ScheduledAction[]> {
  const out: ScheduledAction[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.appScaling.send(
      new DescribeScheduledActionsCommand({ ServiceNamespace: k.namespace as ServiceNamespace, ResourceId: k.resourceId, ScalableDimension: k.dimension as ScalableDimension, ...(NextToken ? { NextToken } : {}) }),
    );
    out.push(...(page.ScheduledActions ?? []).filter((a) => a.ResourceId === k.resourceId && a.ScalableDimension === k.dimension));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

async function toLive(ctx: HandlerContext, t: ScalableTarget, tags: Record<string, string>): Promise<LiveResource> {
  const k: TargetKey = { resourceId: t.ResourceId ?? '', dimension: t.ScalableDimension ?? '', namespace: t.ServiceNamespace ?? '' };
  const actions = (await scheduledActions(ctx, k)).map(liveAction).sort((x, y) => String(x['ScheduledActionName']).localeCompare(String(y['ScheduledActionName'])));
  const suspended: IrObject = {};
  if (t.SuspendedState?.DynamicScalingInSuspended !== undefined) suspended['DynamicScalingInSuspended'] = t.SuspendedState.DynamicScalingInSuspended;
  if (t.SuspendedState?.DynamicScalingOutSuspended !== undefined) suspended['DynamicScalingOutSuspended'] = t.SuspendedState.DynamicScalingOutSuspended;
  if (t.SuspendedState?.ScheduledScalingSuspended !== undefined) suspended['ScheduledScalingSuspended'] = t.SuspendedState.ScheduledScalingSuspended;
  return {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    physicalId: targetRef(k),
    name: k.resourceId,
    attributes: { ScalableTargetArn: t.ScalableTargetARN ?? '' },
    tags,
    properties: {
      ServiceNamespace: k.namespace,
      ScalableDimension: k.dimension,
      ResourceId: k.resourceId,
      MinCapacity: t.MinCapacity ?? 0,
      MaxCapacity: t.MaxCapacity ?? 0,
      SuspendedState: suspended,
      ScheduledActions: actions,
    },
  };
}

async function describeTargets(ctx: HandlerContext, namespace: string, resourceIds?: string[]): Promise<ScalableTarget[]> {
  const out: ScalableTarget[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.appScaling.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: namespace as ServiceNamespace, ...(resourceIds ? { ResourceIds: resourceIds } : {}), ...(NextToken ? { NextToken } : {}) }),
    );
    out.push(...(page.ScalableTargets ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

async function putAction(ctx: HandlerContext, k: TargetKey, a: IrObject): Promise<void> {
  const t = (a['ScalableTargetAction'] as IrObject | undefined) ?? {};
  const min = optNum(t['MinCapacity']);
  const max = optNum(t['MaxCapacity']);
  const start = optStr(a['StartTime']);
  const end = optStr(a['EndTime']);
  const timezone = optStr(a['Timezone']);
  await ctx.clients.appScaling.send(
    new PutScheduledActionCommand({
      ServiceNamespace: k.namespace as ServiceNamespace,
      ResourceId: k.resourceId,
      ScalableDimension: k.dimension as ScalableDimension,
      ScheduledActionName: String(a['ScheduledActionName']),
      Schedule: String(a['Schedule']),
      ...(timezone !== undefined ? { Timezone: timezone } : {}),
      ...(start !== undefined ? { StartTime: new Date(start) } : {}),
      ...(end !== undefined ? { EndTime: new Date(end) } : {}),
      ScalableTargetAction: { ...(min !== undefined ? { MinCapacity: min } : {}), ...(max !== undefined ? { MaxCapacity: max } : {}) },
    }),
  );
}

async function register(ctx: HandlerContext, k: TargetKey, p: IrObject, what: string): Promise<void> {
  const suspended = p['SuspendedState'] as IrObject | undefined;
  const roleArn = optStr(p['RoleARN']);
  await ctx.clients.appScaling.send(
    new RegisterScalableTargetCommand({
      ServiceNamespace: k.namespace as ServiceNamespace,
      ResourceId: k.resourceId,
      ScalableDimension: k.dimension as ScalableDimension,
      MinCapacity: optNum(p['MinCapacity']) ?? Number(str(p['MinCapacity'], `${what}.MinCapacity`)),
      MaxCapacity: optNum(p['MaxCapacity']) ?? Number(str(p['MaxCapacity'], `${what}.MaxCapacity`)),
      ...(roleArn !== undefined ? { RoleARN: roleArn } : {}),
      ...(suspended ? { SuspendedState: suspended as never } : {}),
    }),
  );
}

/**
 * AWS::ApplicationAutoScaling::ScalableTarget with its ScheduledActions. Ref = "resourceId|dimension|namespace"
 * (what CloudFormation returns; scaling policies read it back). Ours when the scaled ECS service is ours.
 */
export const scalableTargetHandler: ResourceHandler = {
  type: 'AWS::ApplicationAutoScaling::ScalableTarget',
  deleteRank: -1,
  replaceOn: ['/ResourceId', '/ScalableDimension', '/ServiceNamespace'],
  name: (d) => str(d.properties['ResourceId'], `${d.logicalId}.ResourceId`),
  async read(ctx, d) {
    if (containsUnknown(d.properties['ResourceId'])) return undefined;
    const k = keyOf(d);
    const t = (await describeTargets(ctx, k.namespace, [k.resourceId])).find((x) => x.ScalableDimension === k.dimension);
    if (!t) return undefined;
    const owner = (await serviceOwners(ctx, [k.resourceId])).get(k.resourceId);
    return toLive(ctx, t, derivedTags(owner, d.logicalId));
  },
  diff(d, live) {
    const p = d.properties;
    const want: IrObject = {
      ServiceNamespace: p['ServiceNamespace'] ?? '',
      ScalableDimension: p['ScalableDimension'] ?? '',
      ResourceId: p['ResourceId'] ?? '',
      MinCapacity: p['MinCapacity'] ?? 0,
      MaxCapacity: p['MaxCapacity'] ?? 0,
      ...(p['SuspendedState'] !== undefined ? { SuspendedState: p['SuspendedState'] } : {}),
    };
    const changes = diffValues(want, live.properties);
    const actions = desiredActions(p['ScheduledActions'], d.logicalId);
    if (JSON.stringify(actions) !== JSON.stringify(live.properties['ScheduledActions'] ?? [])) changes.push({ path: '/ScheduledActions', before: live.properties['ScheduledActions'], after: actions });
    return changes;
  },
  async create(ctx, d) {
    const k = keyOf(d);
    await register(ctx, k, d.properties, d.logicalId);
    for (const a of desiredActions(d.properties['ScheduledActions'], d.logicalId)) await putAction(ctx, k, a);
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`scalable target ${k.resourceId} was registered but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes: readonly PropertyChange[]) {
    const k = keyOf(d);
    if (changes.some((c) => !c.path.startsWith('/ScheduledActions'))) await register(ctx, k, d.properties, d.logicalId);
    if (changes.some((c) => c.path.startsWith('/ScheduledActions'))) {
      const want = desiredActions(d.properties['ScheduledActions'], d.logicalId);
      const have = (live.properties['ScheduledActions'] as IrObject[] | undefined) ?? [];
      for (const a of want) {
        const old = have.find((h) => h['ScheduledActionName'] === a['ScheduledActionName']);
        if (!old || JSON.stringify(old) !== JSON.stringify(a)) await putAction(ctx, k, a);
      }
      for (const old of have.filter((h) => !want.some((a) => a['ScheduledActionName'] === h['ScheduledActionName']))) {
        await ctx.clients.appScaling.send(
          new DeleteScheduledActionCommand({ ServiceNamespace: k.namespace as ServiceNamespace, ResourceId: k.resourceId, ScalableDimension: k.dimension as ScalableDimension, ScheduledActionName: String(old['ScheduledActionName']) }),
        );
      }
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    const k = parseTargetRef(live.physicalId, live.name);
    try {
      // AWS deletes a target's scheduled actions with it; deleting them first leaves nothing behind either way.
      for (const a of (live.properties['ScheduledActions'] as IrObject[] | undefined) ?? []) {
        await ctx.clients.appScaling.send(
          new DeleteScheduledActionCommand({ ServiceNamespace: k.namespace as ServiceNamespace, ResourceId: k.resourceId, ScalableDimension: k.dimension as ScalableDimension, ScheduledActionName: String(a['ScheduledActionName']) }),
        );
      }
      await ctx.clients.appScaling.send(new DeregisterScalableTargetCommand({ ServiceNamespace: k.namespace as ServiceNamespace, ResourceId: k.resourceId, ScalableDimension: k.dimension as ScalableDimension }));
    } catch (e) {
      if (!isGone(e)) throw e;
    }
  },
  async listOwned(ctx) {
    // Listed through the owned ECS services they scale; without a logical id of their own (see the engine's plan).
    const targets = await describeTargets(ctx, 'ecs');
    const owners = await serviceOwners(ctx, targets.map((t) => t.ResourceId ?? ''));
    const out: LiveResource[] = [];
    for (const t of targets) if (owners.get(t.ResourceId ?? '') === ctx.designId) out.push(await toLive(ctx, t, derivedTags(ctx.designId)));
    return out;
  },
};
