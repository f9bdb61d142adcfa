import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  ListTagsLogGroupCommand,
  PutRetentionPolicyCommand,
  TagLogGroupCommand,
  UntagLogGroupCommand,
  type LogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import { TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, diffValues, optNum, removedTags, str } from '../values';

function toLive(group: LogGroup, tags: Record<string, string>): LiveResource {
  const name = group.logGroupName ?? '';
  return {
    type: 'AWS::Logs::LogGroup',
    physicalId: name,
    name,
    attributes: { Arn: group.arn ?? '' },
    tags,
    properties: {
      LogGroupName: name,
      ...(group.retentionInDays !== undefined ? { RetentionInDays: group.retentionInDays } : {}),
      ...(group.kmsKeyId !== undefined ? { KmsKeyId: group.kmsKeyId } : {}),
    },
  };
}

async function describe(ctx: HandlerContext, prefix?: string): Promise<LogGroup[]> {
  const out: LogGroup[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.clients.logs.send(new DescribeLogGroupsCommand({ ...(prefix ? { logGroupNamePrefix: prefix } : {}), ...(nextToken ? { nextToken } : {}) }));
    out.push(...(page.logGroups ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

async function tagsOf(ctx: HandlerContext, name: string): Promise<Record<string, string>> {
  return { ...((await ctx.clients.logs.send(new ListTagsLogGroupCommand({ logGroupName: name }))).tags ?? {}) };
}

export const logGroupHandler: ResourceHandler = {
  type: 'AWS::Logs::LogGroup',
  deleteRank: 5,
  replaceOn: ['/LogGroupName', '/KmsKeyId'],
  name: (d) => str(d.properties['LogGroupName'], `${d.logicalId}.LogGroupName`),
  async read(ctx, d) {
    const name = this.name(d);
    const group = (await describe(ctx, name)).find((g) => g.logGroupName === name);
    return group ? toLive(group, await tagsOf(ctx, name)) : undefined;
  },
  diff(d: DesiredResource, live: LiveResource) {
    const want = { LogGroupName: d.properties['LogGroupName'], RetentionInDays: d.properties['RetentionInDays'], KmsKeyId: d.properties['KmsKeyId'] };
    const changes = diffValues(want, live.properties);
    // Retention removed from the design = never expire.
    if (want.RetentionInDays === undefined && live.properties['RetentionInDays'] !== undefined) {
      changes.push({ path: '/RetentionInDays', before: live.properties['RetentionInDays'], after: undefined });
    }
    return [...changes, ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const name = this.name(d);
    await ctx.clients.logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: { ...d.tags }, ...(typeof d.properties['KmsKeyId'] === 'string' ? { kmsKeyId: d.properties['KmsKeyId'] } : {}) }));
    const days = optNum(d.properties['RetentionInDays']);
    if (days !== undefined) await ctx.clients.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`log group ${name} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes) {
    const name = live.name;
    if (changes.some((c) => c.path === '/RetentionInDays')) {
      const days = optNum(d.properties['RetentionInDays']);
      if (days === undefined) await ctx.clients.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: name }));
      else await ctx.clients.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
    }
    if (changes.some((c) => c.path.startsWith('/Tags/'))) {
      await ctx.clients.logs.send(new TagLogGroupCommand({ logGroupName: name, tags: { ...d.tags } }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.logs.send(new UntagLogGroupCommand({ logGroupName: name, tags: gone }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    await ctx.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: live.name }));
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    for (const group of await describe(ctx)) {
      const tags = await tagsOf(ctx, group.logGroupName ?? '');
      if (tags[TAG_DESIGN] === ctx.designId) out.push(toLive(group, tags));
    }
    return out;
  },
};
