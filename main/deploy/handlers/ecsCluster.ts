import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  ListClustersCommand,
  PutClusterCapacityProvidersCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateClusterSettingsCommand,
  type Cluster,
  type ClusterSetting,
} from '@aws-sdk/client-ecs';
import type { IrObject } from '../../../shared/iac/ir';
import { TAG_DESIGN, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, diffValues, removedTags, str, tagsToRecord, toCfnShape, toSdkShape } from '../values';

function toLive(c: Cluster): LiveResource {
  const name = c.clusterName ?? '';
  return {
    type: 'AWS::ECS::Cluster',
    physicalId: name,
    name,
    attributes: { Arn: c.clusterArn ?? '' },
    tags: tagsToRecord(c.tags),
    properties: {
      ClusterName: name,
      ClusterSettings: toCfnShape(c.settings ?? []) as IrObject[],
      CapacityProviders: [...(c.capacityProviders ?? [])],
      DefaultCapacityProviderStrategy: toCfnShape(c.defaultCapacityProviderStrategy ?? []) as IrObject[],
    },
  };
}

export async function describeClusters(ctx: HandlerContext, names: string[]): Promise<Cluster[]> {
  const out: Cluster[] = [];
  for (let i = 0; i < names.length; i += 100) {
    const res = await ctx.clients.ecs.send(new DescribeClustersCommand({ clusters: names.slice(i, i + 100), include: ['TAGS', 'SETTINGS'] }));
    out.push(...(res.clusters ?? []).filter((c) => c.status === 'ACTIVE' || c.status === 'PROVISIONING'));
  }
  return out;
}

export const ecsClusterHandler: ResourceHandler = {
  type: 'AWS::ECS::Cluster',
  deleteRank: 3,
  replaceOn: ['/ClusterName'],
  name: (d) => str(d.properties['ClusterName'], `${d.logicalId}.ClusterName`),
  async read(ctx, d) {
    const [c] = await describeClusters(ctx, [this.name(d)]);
    return c ? toLive(c) : undefined;
  },
  diff(d, live) {
    const want: IrObject = { ClusterName: d.properties['ClusterName'] ?? '' };
    for (const k of ['ClusterSettings', 'CapacityProviders', 'DefaultCapacityProviderStrategy']) if (d.properties[k] !== undefined) want[k] = d.properties[k]!;
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const p = d.properties;
    await ctx.clients.ecs.send(
      new CreateClusterCommand({
        clusterName: this.name(d),
        tags: Object.entries(d.tags).map(([key, value]) => ({ key, value })),
        ...(p['ClusterSettings'] ? { settings: toSdkShape(p['ClusterSettings']) as ClusterSetting[] } : {}),
        ...(p['CapacityProviders'] ? { capacityProviders: p['CapacityProviders'] as string[] } : {}),
        ...(p['DefaultCapacityProviderStrategy'] ? { defaultCapacityProviderStrategy: toSdkShape(p['DefaultCapacityProviderStrategy']) as never } : {}),
      }),
    );
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`cluster ${this.name(d)} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes) {
    const p = d.properties;
    if (changes.some((c) => c.path.startsWith('/ClusterSettings'))) {
      await ctx.clients.ecs.send(new UpdateClusterSettingsCommand({ cluster: live.name, settings: toSdkShape(p['ClusterSettings'] ?? []) as ClusterSetting[] }));
    }
    if (changes.some((c) => c.path.startsWith('/CapacityProviders') || c.path.startsWith('/DefaultCapacityProviderStrategy'))) {
      await ctx.clients.ecs.send(
        new PutClusterCapacityProvidersCommand({
          cluster: live.name,
          capacityProviders: (p['CapacityProviders'] as string[] | undefined) ?? [],
          defaultCapacityProviderStrategy: toSdkShape(p['DefaultCapacityProviderStrategy'] ?? []) as never,
        }),
      );
    }
    if (changes.some((c) => c.path.startsWith('/Tags/'))) {
      await ctx.clients.ecs.send(new TagResourceCommand({ resourceArn: live.attributes['Arn'], tags: Object.entries(d.tags).map(([key, value]) => ({ key, value })) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.ecs.send(new UntagResourceCommand({ resourceArn: live.attributes['Arn'], tagKeys: gone }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    await ctx.clients.ecs.send(new DeleteClusterCommand({ cluster: live.name }));
  },
  async listOwned(ctx) {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ctx.clients.ecs.send(new ListClustersCommand(nextToken ? { nextToken } : {}));
      arns.push(...(page.clusterArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return (await describeClusters(ctx, arns)).map(toLive).filter((c) => c.tags[TAG_DESIGN] === ctx.designId);
  },
};
