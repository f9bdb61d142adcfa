import {
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingGroup,
  type CreateAutoScalingGroupCommandInput,
} from '@aws-sdk/client-auto-scaling';
import type { IrObject, IrValue } from '../../../shared/iac/ir';
import { TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from '../types';
import { changedTags, containsUnknown, diffValues, generatedName, optNum, optStr, removedTags, str, tagsChanged, tagsToRecord } from '../values';
import { waitUntil } from './efs';

function groupName(d: DesiredResource): string {
  return typeof d.properties['AutoScalingGroupName'] === 'string' ? d.properties['AutoScalingGroupName'] : generatedName(d.tags[TAG_DESIGN] ?? '', d.logicalId, 255);
}

/** Simple properties compared and sent as they are. */
const SCALARS = ['MinSize', 'MaxSize', 'DesiredCapacity', 'HealthCheckType', 'HealthCheckGracePeriod', 'DefaultCooldown', 'NewInstancesProtectedFromScaleIn', 'CapacityRebalance', 'MaxInstanceLifetime'] as const;

function subnets(value: IrValue | undefined): string[] {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s !== '').sort();
  return Array.isArray(value) ? value.map((s) => str(s, 'VPCZoneIdentifier[]')).sort() : [];
}

/** Which tags propagate to instances: the design says so per user tag; ours never do (instances are not ours to own). */
function propagation(d: DesiredResource): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const t of (Array.isArray(d.properties['Tags']) ? d.properties['Tags'] : []) as IrObject[]) {
    if (typeof t['Key'] === 'string') out.set(t['Key'], t['PropagateAtLaunch'] === true || t['PropagateAtLaunch'] === 'true');
  }
  return out;
}

function tagInput(d: DesiredResource, name: string) {
  const propagate = propagation(d);
  return Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value, PropagateAtLaunch: propagate.get(Key) ?? false, ResourceId: name, ResourceType: 'auto-scaling-group' }));
}

function toLive(g: AutoScalingGroup): LiveResource {
  const name = g.AutoScalingGroupName ?? '';
  const lt = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  const properties: IrObject = {
    AutoScalingGroupName: name,
    VPCZoneIdentifier: subnets(g.VPCZoneIdentifier),
    LaunchTemplate: { LaunchTemplateId: lt?.LaunchTemplateId ?? '', Version: lt?.Version ?? '' },
  };
  const raw = g as unknown as Record<string, unknown>;
  for (const k of SCALARS) if (raw[k] !== undefined) properties[k] = raw[k] as IrValue;
  return {
    type: 'AWS::AutoScaling::AutoScalingGroup',
    physicalId: name,
    name,
    attributes: { Arn: g.AutoScalingGroupARN ?? '' },
    tags: tagsToRecord(g.Tags),
    properties,
  };
}

async function describe(ctx: HandlerContext, input: { AutoScalingGroupNames?: string[]; Filters?: { Name: string; Values: string[] }[] }): Promise<AutoScalingGroup[]> {
  const out: AutoScalingGroup[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.autoScaling.send(new DescribeAutoScalingGroupsCommand({ ...input, ...(NextToken ? { NextToken } : {}) }));
    out.push(...(page.AutoScalingGroups ?? []).filter((g) => g.Status !== 'Delete in progress'));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

function launchTemplateOf(d: DesiredResource): { LaunchTemplateId?: string; LaunchTemplateName?: string; Version?: string } {
  const lt = (d.properties['LaunchTemplate'] as IrObject | undefined) ?? {};
  const id = optStr(lt['LaunchTemplateId']);
  const name = optStr(lt['LaunchTemplateName']);
  const version = optStr(lt['Version']);
  if (id === undefined && name === undefined) throw new Error(`${d.logicalId}.LaunchTemplate: name a launch template (LaunchTemplateId or LaunchTemplateName)`);
  return { ...(id !== undefined ? { LaunchTemplateId: id } : { LaunchTemplateName: name }), ...(version !== undefined ? { Version: version } : {}) };
}

function scalarInput(d: DesiredResource): Partial<CreateAutoScalingGroupCommandInput> {
  const p = d.properties;
  const out: Record<string, unknown> = {};
  for (const k of SCALARS) {
    const v = p[k];
    if (v === undefined) continue;
    out[k] = k === 'HealthCheckType' ? optStr(v) : k === 'NewInstancesProtectedFromScaleIn' || k === 'CapacityRebalance' ? v === true || v === 'true' : optNum(v);
  }
  return out as Partial<CreateAutoScalingGroupCommandInput>;
}

/**
 * AWS::AutoScaling::AutoScalingGroup (the EC2 capacity of an ECS capacity provider). Ref = the group name.
 * Tags carry our ownership (not propagated to instances); DesiredCapacity left out of the design is ECS managed
 * scaling's to change and never a diff.
 */
export const autoScalingGroupHandler: ResourceHandler = {
  type: 'AWS::AutoScaling::AutoScalingGroup',
  deleteRank: 2.8,
  replaceOn: ['/AutoScalingGroupName'],
  name: groupName,
  async read(ctx, d) {
    const name = groupName(d);
    const [g] = await describe(ctx, { AutoScalingGroupNames: [name] });
    return g ? toLive(g) : undefined;
  },
  diff(d, live) {
    const p = d.properties;
    const lt = (p['LaunchTemplate'] as IrObject | undefined) ?? {};
    const want: IrObject = { AutoScalingGroupName: groupName(d), VPCZoneIdentifier: subnets(p['VPCZoneIdentifier']), LaunchTemplate: { LaunchTemplateId: lt['LaunchTemplateId'] ?? '', Version: lt['Version'] ?? '' } };
    for (const k of SCALARS) if (p[k] !== undefined) want[k] = p[k]!;
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const name = groupName(d);
    const zones = subnets(d.properties['VPCZoneIdentifier']);
    if (zones.some(containsUnknown)) throw new Error(`${d.logicalId}: the subnets are not known yet`);
    await ctx.clients.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: name,
        MinSize: optNum(d.properties['MinSize']) ?? 0,
        MaxSize: optNum(d.properties['MaxSize']) ?? 0,
        ...scalarInput(d),
        VPCZoneIdentifier: zones.join(','),
        LaunchTemplate: launchTemplateOf(d),
        Tags: tagInput(d, name),
      }),
    );
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`Auto Scaling group ${name} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes: readonly PropertyChange[]) {
    const name = live.name;
    if (changes.some((c) => !c.path.startsWith('/Tags/'))) {
      await ctx.clients.autoScaling.send(
        new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: name, ...scalarInput(d), VPCZoneIdentifier: subnets(d.properties['VPCZoneIdentifier']).join(','), LaunchTemplate: launchTemplateOf(d) }),
      );
    }
    if (tagsChanged(changes)) {
      await ctx.clients.autoScaling.send(new CreateOrUpdateTagsCommand({ Tags: tagInput(d, name) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.autoScaling.send(new DeleteTagsCommand({ Tags: gone.map((Key) => ({ Key, ResourceId: name, ResourceType: 'auto-scaling-group' })) }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    // ForceDelete terminates the instances with the group; the launch template can go once the group is gone.
    await ctx.clients.autoScaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: live.name, ForceDelete: true }));
    await waitUntil(ctx, `Auto Scaling group ${live.name} to be deleted`, async () => {
      const res = await ctx.clients.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [live.name] }));
      return (res.AutoScalingGroups ?? []).length === 0;
    });
  },
  async listOwned(ctx) {
    return (await describe(ctx, { Filters: [{ Name: `tag:${TAG_DESIGN}`, Values: [ctx.designId] }] })).map(toLive).filter((g) => g.tags[TAG_DESIGN] === ctx.designId);
  },
};
