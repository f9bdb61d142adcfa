import { CreateTagsCommand, DeleteTagsCommand, type Filter, type Tag } from '@aws-sdk/client-ec2';
import { TAG_DESIGN, TAG_LOGICAL, type DesiredResource, type HandlerContext, type LiveResource, type PropertyChange } from '../types';
import { awsMessage, errorName, sleep } from '../values';

/** Tags as `[{Key, Value}]` for EC2 TagSpecifications / CreateTags. */
export function ec2TagList(tags: Readonly<Record<string, string>>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Filters that find the one resource of this design with this logical id (resources AWS does not name). */
export function ownedFilters(ctx: HandlerContext, logicalId: string): Filter[] {
  return [
    { Name: `tag:${TAG_DESIGN}`, Values: [ctx.designId] },
    { Name: `tag:${TAG_LOGICAL}`, Values: [logicalId] },
  ];
}

/** Filter on the design tag: every resource of the type this design owns. */
export function designFilter(ctx: HandlerContext): Filter[] {
  return [{ Name: `tag:${TAG_DESIGN}`, Values: [ctx.designId] }];
}

/**
 * Refuses properties the handler does not deploy (rather than silently leaving them out): an error naming the
 * resource, the property and what is deployed. `Tags` is always handled.
 */
export function checkProperties(d: DesiredResource, deployed: readonly string[]): void {
  const extra = Object.keys(d.properties).filter((k) => k !== 'Tags' && !deployed.includes(k));
  if (extra.length > 0) {
    throw new Error(`${d.logicalId} (${d.type}): the deploy engine does not deploy ${extra.join(', ')} yet (it deploys ${[...deployed, 'Tags'].join(', ')}); use "deploy as a CloudFormation stack" for this design`);
  }
}

/** Live tag keys the desired tags no longer have; `aws:` tags are never ours to remove. */
export function removedTagKeys(desired: Readonly<Record<string, string>>, live: Readonly<Record<string, string>>): string[] {
  return Object.keys(live).filter((k) => !(k in desired) && !k.toLowerCase().startsWith('aws:'));
}

/** Sets changed tags and removes the ones the design dropped (never `aws:` tags). */
export async function syncEc2Tags(ctx: HandlerContext, id: string, d: DesiredResource, live: LiveResource, changes: readonly PropertyChange[]): Promise<void> {
  if (!changes.some((c) => c.path.startsWith('/Tags/'))) return;
  if (changes.some((c) => c.path.startsWith('/Tags/') && c.after !== undefined)) await ctx.clients.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: ec2TagList(d.tags) }));
  const gone = removedTagKeys(d.tags, live.tags);
  if (gone.length > 0) await ctx.clients.ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: gone.map((Key) => ({ Key })) }));
}

/**
 * Tags of a resource type that cannot carry tags (route, association, gateway attachment): it is ours only when its
 * parent is ours, so ownership is derived from the parent's design tag. `logicalId` is given when a desired resource
 * read it (it then belongs to that logical id); resources listed through their parent carry no logical id.
 */
export function derivedTags(parentTags: Readonly<Record<string, string>>, logicalId?: string): Record<string, string> {
  const design = parentTags[TAG_DESIGN];
  if (design === undefined) return {};
  return logicalId !== undefined ? { [TAG_DESIGN]: design, [TAG_LOGICAL]: logicalId } : { [TAG_DESIGN]: design };
}

/** AWS errors that mean "something still uses it; try again shortly" (ENIs of a deleted load balancer, a NAT gateway's address…). */
const STILL_IN_USE = new Set(['DependencyViolation', 'ResourceInUse', 'ResourceInUseException', 'InvalidIPAddress.InUse', 'AuthFailure']);

/**
 * Runs `fn`, retrying while AWS says the resource is still in use, for at most ctx.stableTimeoutMs (polling every
 * ctx.pollIntervalMs). A deletion that stays blocked past the bound fails naming what and why.
 */
export async function whileInUse<T>(ctx: HandlerContext, what: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ctx.stableTimeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      const name = errorName(e) ?? '';
      if (!STILL_IN_USE.has(name)) throw e;
      if (Date.now() >= deadline) throw new Error(`${what} is still in use after ${Math.round(ctx.stableTimeoutMs / 1000)} s: ${awsMessage(e)}`);
      ctx.note(`${what}: still in use, waiting (${awsMessage(e)})`);
      await sleep(ctx.pollIntervalMs);
    }
  }
}

/**
 * Polls `probe` until it reports done, for at most ctx.stableTimeoutMs. `probe` returns true (done), false (not yet)
 * or throws (a terminal failure, e.g. a NAT gateway that failed).
 */
export async function waitUntil(ctx: HandlerContext, what: string, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ctx.stableTimeoutMs;
  while (!(await probe())) {
    if (Date.now() >= deadline) throw new Error(`${what}: not reached after ${Math.round(ctx.stableTimeoutMs / 1000)} s`);
    await sleep(ctx.pollIntervalMs);
  }
}

/** True when the error says the resource does not exist (already gone: deletion is done). */
export function isNotFound(e: unknown): boolean {
  const name = errorName(e) ?? '';
  return /NotFound/.test(name);
}
