import {
  CreateCapacityProviderCommand,
  DeleteCapacityProviderCommand,
  DescribeCapacityProvidersCommand,
  ListClustersCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateCapacityProviderCommand,
  type AutoScalingGroupProvider,
  type CapacityProvider,
} from '@aws-sdk/client-ecs';
import type { IrObject } from '../../../shared/iac/ir';
import { TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from '../types';
import { awsMessage, changedTags, diffValues, generatedName, removedTags, str, tagsChanged, tagsToRecord, toCfnShape, toSdkShape, withoutKeys } from '../values';
import { describeClusters } from './ecsCluster';

function providerName(d: DesiredResource): string {
  // ECS refuses names starting with "aws", "ecs" or "fargate": generated names get a "cp-" in front.
  return typeof d.properties['Name'] === 'string' ? d.properties['Name'] : `cp-${generatedName(d.tags[TAG_DESIGN] ?? '', d.logicalId, 251)}`;
}

function toLive(c: CapacityProvider): LiveResource {
  const name = c.name ?? '';
  return {
    type: 'AWS::ECS::CapacityProvider',
    physicalId: name,
    name,
    attributes: { Arn: c.capacityProviderArn ?? '' },
    tags: tagsToRecord(c.tags),
    properties: { Name: name, AutoScalingGroupProvider: (toCfnShape(c.autoScalingGroupProvider ?? {}) as IrObject) ?? {} },
  };
}

async function describe(ctx: HandlerContext, names?: string[]): Promise<CapacityProvider[]> {
  const out: CapacityProvider[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.clients.ecs.send(new DescribeCapacityProvidersCommand({ ...(names ? { capacityProviders: names } : {}), include: ['TAGS'], ...(nextToken ? { nextToken } : {}) }));
    out.push(...(page.capacityProviders ?? []).filter((c) => c.status === 'ACTIVE' && c.type !== 'FARGATE' && c.type !== 'FARGATE_SPOT' && c.name !== 'FARGATE' && c.name !== 'FARGATE_SPOT'));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

async function clusterProviderNames(ctx: HandlerContext): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.clients.ecs.send(new ListClustersCommand(nextToken ? { nextToken } : {}));
    arns.push(...(page.clusterArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const names = new Set<string>();
  for (const c of await describeClusters(ctx, arns)) for (const p of c.capacityProviders ?? []) if (p !== 'FARGATE' && p !== 'FARGATE_SPOT') names.add(p);
  return [...names];
}

/** The group as the design names it (Ref of an Auto Scaling group = its name) matches the ARN ECS stores. */
function sameGroup(desired: unknown, live: unknown): boolean {
  if (typeof desired !== 'string' || typeof live !== 'string') return desired === live;
  return desired === live || live.endsWith(`:autoScalingGroupName/${desired}`) || desired.endsWith(`:autoScalingGroupName/${live}`);
}

function asgProvider(d: DesiredResource): AutoScalingGroupProvider {
  const p = (d.properties['AutoScalingGroupProvider'] as IrObject | undefined) ?? {};
  str(p['AutoScalingGroupArn'], `${d.logicalId}.AutoScalingGroupProvider.AutoScalingGroupArn`);
  return toSdkShape(p) as AutoScalingGroupProvider;
}

/**
 * AWS::ECS::CapacityProvider for an Auto Scaling group (ClusterCapacityProviderAssociations, another handler,
 * attaches it to the cluster). Ref = the provider name.
 */
export const capacityProviderHandler: ResourceHandler = {
  type: 'AWS::ECS::CapacityProvider',
  deleteRank: 1.5,
  replaceOn: ['/Name', '/AutoScalingGroupProvider/AutoScalingGroupArn'],
  name: providerName,
  async read(ctx, d) {
    const name = providerName(d);
    const c = (await describe(ctx, [name])).find((x) => x.name === name);
    return c ? toLive(c) : undefined;
  },
  diff(d, live) {
    const p = (d.properties['AutoScalingGroupProvider'] as IrObject | undefined) ?? {};
    const liveProvider = (live.properties['AutoScalingGroupProvider'] as IrObject | undefined) ?? {};
    const changes = diffValues({ Name: providerName(d), AutoScalingGroupProvider: withoutKeys(p, ['AutoScalingGroupArn']) }, live.properties);
    if (!sameGroup(p['AutoScalingGroupArn'], liveProvider['AutoScalingGroupArn'])) {
      changes.push({ path: '/AutoScalingGroupProvider/AutoScalingGroupArn', before: liveProvider['AutoScalingGroupArn'], after: p['AutoScalingGroupArn'] });
    }
    return [...changes, ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const name = providerName(d);
    await ctx.clients.ecs.send(new CreateCapacityProviderCommand({ name, autoScalingGroupProvider: asgProvider(d), tags: Object.entries(d.tags).map(([key, value]) => ({ key, value })) }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`capacity provider ${name} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes: readonly PropertyChange[]) {
    if (changes.some((c) => !c.path.startsWith('/Tags/'))) {
      const { autoScalingGroupArn: _arn, ...rest } = asgProvider(d);
      await ctx.clients.ecs.send(new UpdateCapacityProviderCommand({ name: live.name, autoScalingGroupProvider: rest }));
    }
    if (tagsChanged(changes)) {
      const arn = live.attributes['Arn'] ?? '';
      await ctx.clients.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: Object.entries(d.tags).map(([key, value]) => ({ key, value })) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: gone }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    await ctx.clients.ecs.send(new DeleteCapacityProviderCommand({ capacityProvider: live.name }));
  },
  async listOwned(ctx) {
    let all: CapacityProvider[];
    try {
      all = await describe(ctx);
    } catch (e) {
      // Emulators that cannot list every provider (moto 5.2 fails a describe without names): the providers the
      // clusters use are found through them; one attached to no cluster is then not listed.
      ctx.note(`listing all capacity providers failed (${awsMessage(e)}); using the clusters' providers`);
      all = await describe(ctx, await clusterProviderNames(ctx));
    }
    return all.map(toLive).filter((c) => c.tags[TAG_DESIGN] === ctx.designId);
  },
};
