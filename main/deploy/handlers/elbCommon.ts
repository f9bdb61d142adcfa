import { AddTagsCommand, DescribeTagsCommand, RemoveTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { DesiredResource, HandlerContext, LiveResource, PropertyChange } from '../types';
import { tagsToRecord } from '../values';
import { removedTagKeys } from './ec2Common';

/** Tags of ELBv2 resources by ARN (DescribeTags takes 20 ARNs per call). */
export async function elbTags(ctx: HandlerContext, arns: readonly string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (let i = 0; i < arns.length; i += 20) {
    const res = await ctx.clients.elbv2.send(new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) }));
    for (const d of res.TagDescriptions ?? []) if (d.ResourceArn) out.set(d.ResourceArn, tagsToRecord(d.Tags));
  }
  return out;
}

export function elbTagList(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Sets changed tags and removes the ones the design dropped (never `aws:` tags). */
export async function syncElbTags(ctx: HandlerContext, arn: string, d: DesiredResource, live: LiveResource, changes: readonly PropertyChange[]): Promise<void> {
  if (!changes.some((c) => c.path.startsWith('/Tags/'))) return;
  if (changes.some((c) => c.path.startsWith('/Tags/') && c.after !== undefined)) await ctx.clients.elbv2.send(new AddTagsCommand({ ResourceArns: [arn], Tags: elbTagList(d.tags) }));
  const gone = removedTagKeys(d.tags, live.tags);
  if (gone.length > 0) await ctx.clients.elbv2.send(new RemoveTagsCommand({ ResourceArns: [arn], TagKeys: gone }));
}

/** `[{Key, Value}]` attribute lists as a map (load balancer / target group attributes). */
export function attributeMap(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(list)) return out;
  for (const a of list as { Key?: unknown; Value?: unknown }[]) if (typeof a.Key === 'string') out[a.Key] = String(a.Value ?? '');
  return out;
}

/** Attribute changes: only the keys the design sets (AWS reports dozens of defaults). */
export function attributeChanges(path: string, desired: Record<string, string>, live: Record<string, string>): PropertyChange[] {
  return Object.entries(desired)
    .filter(([k, v]) => live[k] !== v)
    .map(([k, v]) => ({ path: `${path}/${k}`, before: live[k], after: v }));
}
