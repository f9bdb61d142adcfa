import {
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
  type CreateServiceCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import type { IrObject, IrValue } from '../../../shared/iac/ir';
import { DeployStepError, TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, containsUnknown, diffValues, optNum, removedTags, sleep, str, tagsToRecord, toCfnShape, toSdkShape, withoutKeys } from '../values';

const COMPARED = ['ServiceName', 'Cluster', 'TaskDefinition', 'DesiredCount', 'LaunchType', 'PlatformVersion', 'NetworkConfiguration', 'LoadBalancers', 'DeploymentConfiguration', 'CapacityProviderStrategy', 'HealthCheckGracePeriodSeconds', 'EnableExecuteCommand', 'PropagateTags', 'SchedulingStrategy', 'PlacementStrategies', 'PlacementConstraints'];

const lastSegment = (arnOrName: string) => arnOrName.split('/').pop() ?? arnOrName;

function toLive(s: Service): LiveResource {
  const raw = toCfnShape(s) as IrObject;
  const properties: IrObject = {};
  for (const k of COMPARED) if (raw[k] !== undefined) properties[k] = raw[k]!;
  properties['Cluster'] = lastSegment(s.clusterArn ?? '');
  const arn = s.serviceArn ?? '';
  return {
    type: 'AWS::ECS::Service',
    physicalId: arn,
    name: s.serviceName ?? '',
    attributes: { Name: s.serviceName ?? '', ServiceArn: arn, Cluster: s.clusterArn ?? '' },
    tags: tagsToRecord(s.tags),
    properties,
  };
}

/** The desired properties with what the engine always adds: circuit breaker with rollback on, cluster by name. */
function wanted(d: DesiredResource): IrObject {
  const p = withoutKeys(d.properties, ['Tags']);
  const deployment = (p['DeploymentConfiguration'] as IrObject | undefined) ?? {};
  p['DeploymentConfiguration'] = { ...deployment, DeploymentCircuitBreaker: { Enable: true, Rollback: true } };
  if (typeof p['Cluster'] === 'string' && !containsUnknown(p['Cluster'])) p['Cluster'] = lastSegment(p['Cluster']);
  return p;
}

function clusterOf(d: DesiredResource): string {
  const c = d.properties['Cluster'];
  return typeof c === 'string' ? c : 'default';
}

async function describe(ctx: HandlerContext, cluster: string, names: string[]): Promise<Service[]> {
  const out: Service[] = [];
  for (let i = 0; i < names.length; i += 10) {
    const res = await ctx.clients.ecs.send(new DescribeServicesCommand({ cluster, services: names.slice(i, i + 10), include: ['TAGS'] }));
    out.push(...(res.services ?? []).filter((s) => s.status === 'ACTIVE' || s.status === 'DRAINING'));
  }
  return out;
}

/** Why tasks of the service stopped (CannotPullContainerError, ResourceInitializationError, …), newest first. */
export async function stoppedTaskReasons(ctx: HandlerContext, cluster: string, service: string): Promise<string[]> {
  const list = await ctx.clients.ecs.send(new ListTasksCommand({ cluster, serviceName: service, desiredStatus: 'STOPPED' }));
  const arns = (list.taskArns ?? []).slice(0, 10);
  if (arns.length === 0) return [];
  const tasks = (await ctx.clients.ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }))).tasks ?? [];
  const reasons = new Set<string>();
  for (const t of tasks) {
    if (t.stoppedReason) reasons.add(`task ${lastSegment(t.taskArn ?? '')}: ${t.stoppedReason}`);
    for (const c of t.containers ?? []) if (c.reason) reasons.add(`container ${c.name ?? ''}: ${c.reason}`);
  }
  return [...reasons];
}

/**
 * Polls DescribeServices until the primary deployment has completed (or, where rollout states are not reported,
 * the service has one deployment whose running count is its desired count); fails on a FAILED rollout or timeout,
 * with the stopped-task reasons.
 */
export async function waitStable(ctx: HandlerContext, cluster: string, service: string): Promise<void> {
  const deadline = Date.now() + ctx.stableTimeoutMs;
  let lastEvent: string | undefined;
  for (;;) {
    const [s] = await describe(ctx, cluster, [service]);
    if (!s) throw new DeployStepError(`service ${service} disappeared while waiting for it to become stable`);
    const event = s.events?.[0]?.message;
    if (event && event !== lastEvent) {
      ctx.note(event);
      lastEvent = event;
    }
    const primary = s.deployments?.find((d) => d.status === 'PRIMARY');
    if (primary?.rolloutState === 'FAILED') {
      throw new DeployStepError(`service ${service}: deployment failed: ${primary.rolloutStateReason ?? 'no reason given'}`, await stoppedTaskReasons(ctx, cluster, service));
    }
    const settled = (s.deployments?.length ?? 0) === 1 && primary !== undefined && (primary.runningCount ?? 0) === (primary.desiredCount ?? 0);
    if (primary?.rolloutState === 'COMPLETED' || settled) return;
    if (Date.now() > deadline) {
      throw new DeployStepError(
        `service ${service} did not become stable within ${Math.round(ctx.stableTimeoutMs / 1000)} s (running ${primary?.runningCount ?? 0} of ${primary?.desiredCount ?? 0})`,
        await stoppedTaskReasons(ctx, cluster, service),
      );
    }
    await sleep(ctx.pollIntervalMs);
  }
}

/** CreateService input for the desired service: the design's properties, the circuit breaker with rollback on, our tags. */
export function createInput(d: DesiredResource, name: string): CreateServiceCommandInput {
  const p = toSdkShape(wanted(d)) as Record<string, IrValue>;
  return { ...(p as unknown as CreateServiceCommandInput), serviceName: name, cluster: clusterOf(d), tags: Object.entries(d.tags).map(([key, value]) => ({ key, value })) };
}

/**
 * Puts a service back on a task definition revision (the rollback after a failed apply). A service that never left
 * that revision (its UpdateService was refused) is not touched: returns false.
 */
export async function rollbackService(ctx: HandlerContext, cluster: string, service: string, taskDefinition: string): Promise<boolean> {
  const [current] = await describe(ctx, cluster, [service]);
  if (current?.taskDefinition === taskDefinition && (current.deployments?.length ?? 0) <= 1) return false;
  await ctx.clients.ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition }));
  await waitStable(ctx, cluster, service);
  return true;
}

export const ecsServiceHandler: ResourceHandler = {
  type: 'AWS::ECS::Service',
  deleteRank: 0,
  replaceOn: ['/ServiceName', '/Cluster', '/LaunchType', '/SchedulingStrategy'],
  name: (d) => str(d.properties['ServiceName'], `${d.logicalId}.ServiceName`),
  async read(ctx, d) {
    const cluster = clusterOf(d);
    if (containsUnknown(cluster)) return undefined;
    try {
      const [s] = await describe(ctx, cluster, [this.name(d)]);
      return s ? toLive(s) : undefined;
    } catch (e) {
      if (e instanceof Error && e.name === 'ClusterNotFoundException') return undefined;
      throw e;
    }
  },
  diff(d, live) {
    const want = wanted(d);
    // ECS always reports the deployment configuration; an endpoint that does not (moto) cannot be compared on it.
    if (live.properties['DeploymentConfiguration'] === undefined) delete want['DeploymentConfiguration'];
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const name = this.name(d);
    const res = await ctx.clients.ecs.send(new CreateServiceCommand(createInput(d, name)));
    if (!res.service) throw new Error(`CreateService for ${name} returned no service`);
    await waitStable(ctx, clusterOf(d), name);
    return (await this.read(ctx, d)) ?? toLive(res.service);
  },
  async update(ctx, d, live, changes) {
    const name = live.name;
    const cluster = clusterOf(d);
    if (changes.some((c) => !c.path.startsWith('/Tags/'))) {
      const input = createInput(d, name);
      await ctx.clients.ecs.send(
        new UpdateServiceCommand({
          cluster,
          service: name,
          taskDefinition: input.taskDefinition,
          desiredCount: input.desiredCount ?? optNum(d.properties['DesiredCount']),
          deploymentConfiguration: input.deploymentConfiguration,
          ...(input.networkConfiguration ? { networkConfiguration: input.networkConfiguration } : {}),
          ...(input.capacityProviderStrategy ? { capacityProviderStrategy: input.capacityProviderStrategy } : {}),
          ...(input.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds } : {}),
          ...(input.enableExecuteCommand !== undefined ? { enableExecuteCommand: input.enableExecuteCommand } : {}),
          ...(input.platformVersion ? { platformVersion: input.platformVersion } : {}),
          ...(changes.some((c) => c.path.startsWith('/LoadBalancers')) ? { loadBalancers: input.loadBalancers ?? [] } : {}),
          ...(changes.some((c) => c.path.startsWith('/PlacementStrategies')) ? { placementStrategy: input.placementStrategy ?? [] } : {}),
          ...(changes.some((c) => c.path.startsWith('/PlacementConstraints')) ? { placementConstraints: input.placementConstraints ?? [] } : {}),
        }),
      );
    }
    if (changes.some((c) => c.path.startsWith('/Tags/'))) {
      await ctx.clients.ecs.send(new TagResourceCommand({ resourceArn: live.physicalId, tags: Object.entries(d.tags).map(([key, value]) => ({ key, value })) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.ecs.send(new UntagResourceCommand({ resourceArn: live.physicalId, tagKeys: gone }));
    }
    await waitStable(ctx, cluster, name);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    const cluster = live.attributes['Cluster'] ?? 'default';
    await ctx.clients.ecs.send(new UpdateServiceCommand({ cluster, service: live.name, desiredCount: 0 }));
    await ctx.clients.ecs.send(new DeleteServiceCommand({ cluster, service: live.name, force: true }));
  },
  async listOwned(ctx) {
    const clusters: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ctx.clients.ecs.send(new ListClustersCommand(nextToken ? { nextToken } : {}));
      clusters.push(...(page.clusterArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    const out: LiveResource[] = [];
    for (const cluster of clusters) {
      const arns: string[] = [];
      let token: string | undefined;
      do {
        const page = await ctx.clients.ecs.send(new ListServicesCommand({ cluster, ...(token ? { nextToken: token } : {}) }));
        arns.push(...(page.serviceArns ?? []));
        token = page.nextToken;
      } while (token);
      for (const s of await describe(ctx, cluster, arns)) if (tagsToRecord(s.tags)[TAG_DESIGN] === ctx.designId) out.push(toLive(s));
    }
    return out;
  },
};
