import { PutClusterCapacityProvidersCommand, type CapacityProviderStrategyItem } from '@aws-sdk/client-ecs';
import type { IrObject } from '../../../shared/iac/ir';
import { TAG_DESIGN, TAG_LOGICAL, type LiveResource, type ResourceHandler } from '../types';
import { containsUnknown, diffValues, str, toCfnShape, toSdkShape } from '../values';
import { describeClusters } from './ecsCluster';

/**
 * AWS::ECS::ClusterCapacityProviderAssociations: the capacity providers of a cluster and its default strategy.
 * It has no tags of its own: it is ours when its cluster carries our design id. Ref = the cluster name.
 */
export const ecsCapacityProvidersHandler: ResourceHandler = {
  type: 'AWS::ECS::ClusterCapacityProviderAssociations',
  deleteRank: 1,
  replaceOn: ['/Cluster'],
  name: (d) => str(d.properties['Cluster'], `${d.logicalId}.Cluster`),
  async read(ctx, d) {
    const cluster = this.name(d);
    if (containsUnknown(cluster)) return undefined;
    const [c] = await describeClusters(ctx, [cluster]);
    if (!c) return undefined;
    const providers = c.capacityProviders ?? [];
    const strategy = c.defaultCapacityProviderStrategy ?? [];
    // Nothing associated yet = the association does not exist (a new cluster).
    if (providers.length === 0 && strategy.length === 0) return undefined;
    const clusterTags = Object.fromEntries((c.tags ?? []).map((t) => [t.key ?? '', t.value ?? '']));
    const name = c.clusterName ?? cluster;
    const live: LiveResource = {
      type: this.type,
      physicalId: name,
      name,
      attributes: {},
      // Ownership follows the cluster; the logical id is this resource's own.
      tags: clusterTags[TAG_DESIGN] !== undefined ? { [TAG_DESIGN]: clusterTags[TAG_DESIGN], [TAG_LOGICAL]: d.logicalId } : {},
      properties: { Cluster: name, CapacityProviders: [...providers], DefaultCapacityProviderStrategy: toCfnShape(strategy) as IrObject[] },
    };
    return live;
  },
  diff(d, live) {
    const want: IrObject = {
      Cluster: this.name(d).split('/').pop() ?? '',
      CapacityProviders: d.properties['CapacityProviders'] ?? [],
      DefaultCapacityProviderStrategy: d.properties['DefaultCapacityProviderStrategy'] ?? [],
    };
    return diffValues(want, live.properties);
  },
  async create(ctx, d) {
    await ctx.clients.ecs.send(
      new PutClusterCapacityProvidersCommand({
        cluster: this.name(d),
        capacityProviders: (d.properties['CapacityProviders'] as string[] | undefined) ?? [],
        defaultCapacityProviderStrategy: toSdkShape(d.properties['DefaultCapacityProviderStrategy'] ?? []) as CapacityProviderStrategyItem[],
      }),
    );
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`capacity providers of cluster ${this.name(d)} were set but cannot be read back`);
    return live;
  },
  update(ctx, d) {
    return this.create(ctx, d);
  },
  async delete(ctx, live) {
    await ctx.clients.ecs.send(new PutClusterCapacityProvidersCommand({ cluster: live.name, capacityProviders: [], defaultCapacityProviderStrategy: [] }));
  },
  listOwned() {
    // Found through their cluster, which is listed (and deleted) as ours; nothing separate to list.
    return Promise.resolve([]);
  },
};
