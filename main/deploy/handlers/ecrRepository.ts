import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  ListTagsForResourceCommand,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type ImageTagMutability,
  type Repository,
} from '@aws-sdk/client-ecr';
import type { IrObject } from '../../../shared/iac/ir';
import { TAG_DESIGN, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, diffValues, errorName, removedTags, str, tagsToRecord } from '../values';

async function toLive(ctx: HandlerContext, repo: Repository): Promise<LiveResource> {
  const tags = tagsToRecord((await ctx.clients.ecr.send(new ListTagsForResourceCommand({ resourceArn: repo.repositoryArn }))).tags);
  const name = repo.repositoryName ?? '';
  return {
    type: 'AWS::ECR::Repository',
    physicalId: name,
    name,
    attributes: { Arn: repo.repositoryArn ?? '', RepositoryUri: repo.repositoryUri ?? '' },
    tags,
    properties: {
      RepositoryName: name,
      ImageTagMutability: repo.imageTagMutability ?? 'MUTABLE',
      ImageScanningConfiguration: { ScanOnPush: repo.imageScanningConfiguration?.scanOnPush ?? false },
    },
  };
}

async function describe(ctx: HandlerContext, names?: string[]): Promise<Repository[]> {
  try {
    const out: Repository[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ctx.clients.ecr.send(new DescribeRepositoriesCommand({ ...(names ? { repositoryNames: names } : {}), ...(nextToken ? { nextToken } : {}) }));
      out.push(...(page.repositories ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  } catch (e) {
    if (errorName(e) === 'RepositoryNotFoundException') return [];
    throw e;
  }
}

export const ecrRepositoryHandler: ResourceHandler = {
  type: 'AWS::ECR::Repository',
  deleteRank: 5,
  replaceOn: ['/RepositoryName', '/EncryptionConfiguration'],
  name: (d) => str(d.properties['RepositoryName'], `${d.logicalId}.RepositoryName`),
  async read(ctx, d) {
    const [repo] = await describe(ctx, [this.name(d)]);
    return repo ? toLive(ctx, repo) : undefined;
  },
  diff(d, live) {
    const want: IrObject = { RepositoryName: d.properties['RepositoryName'] ?? '' };
    if (d.properties['ImageTagMutability'] !== undefined) want['ImageTagMutability'] = d.properties['ImageTagMutability'];
    if (d.properties['ImageScanningConfiguration'] !== undefined) want['ImageScanningConfiguration'] = d.properties['ImageScanningConfiguration'];
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const scan = d.properties['ImageScanningConfiguration'] as IrObject | undefined;
    await ctx.clients.ecr.send(
      new CreateRepositoryCommand({
        repositoryName: this.name(d),
        ...(typeof d.properties['ImageTagMutability'] === 'string' ? { imageTagMutability: d.properties['ImageTagMutability'] as ImageTagMutability } : {}),
        ...(scan ? { imageScanningConfiguration: { scanOnPush: scan['ScanOnPush'] === true } } : {}),
        tags: Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`repository ${this.name(d)} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes) {
    const name = live.name;
    if (changes.some((c) => c.path === '/ImageTagMutability')) {
      await ctx.clients.ecr.send(new PutImageTagMutabilityCommand({ repositoryName: name, imageTagMutability: d.properties['ImageTagMutability'] as ImageTagMutability }));
    }
    if (changes.some((c) => c.path.startsWith('/ImageScanningConfiguration'))) {
      const scan = d.properties['ImageScanningConfiguration'] as IrObject | undefined;
      await ctx.clients.ecr.send(new PutImageScanningConfigurationCommand({ repositoryName: name, imageScanningConfiguration: { scanOnPush: scan?.['ScanOnPush'] === true } }));
    }
    if (changes.some((c) => c.path.startsWith('/Tags/'))) {
      await ctx.clients.ecr.send(new TagResourceCommand({ resourceArn: live.attributes['Arn'], tags: Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value })) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.ecr.send(new UntagResourceCommand({ resourceArn: live.attributes['Arn'], tagKeys: gone }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    // Never force: a repository that still holds images is an error the user sees, not silent image loss.
    await ctx.clients.ecr.send(new DeleteRepositoryCommand({ repositoryName: live.name }));
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    for (const repo of await describe(ctx)) {
      const live = await toLive(ctx, repo);
      if (live.tags[TAG_DESIGN] === ctx.designId) out.push(live);
    }
    return out;
  },
};
