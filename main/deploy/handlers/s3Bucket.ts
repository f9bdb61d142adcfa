import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import type { IrObject } from '../../../shared/iac/ir';
import { DeployStepError, TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, diffValues, errorName, str, tagList, tagsChanged, tagsToRecord } from '../values';

const TYPE = 'AWS::S3::Bucket';
const NOT_FOUND = new Set(['NotFound', 'NoSuchBucket']);

/** Bucket tags; a bucket without tags answers NoSuchTagSet. */
async function tagsOf(ctx: HandlerContext, bucket: string): Promise<Record<string, string>> {
  try {
    return tagsToRecord((await ctx.clients.s3.send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet);
  } catch (e) {
    if (errorName(e) === 'NoSuchTagSet') return {};
    throw e;
  }
}

async function publicAccessBlock(ctx: HandlerContext, bucket: string): Promise<PublicAccessBlockConfiguration | undefined> {
  try {
    return (await ctx.clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration;
  } catch (e) {
    if (errorName(e) === 'NoSuchPublicAccessBlockConfiguration') return undefined;
    throw e;
  }
}

async function toLive(ctx: HandlerContext, bucket: string, tags?: Record<string, string>): Promise<LiveResource> {
  const versioning = (await ctx.clients.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status;
  const block = await publicAccessBlock(ctx, bucket);
  const properties: IrObject = { BucketName: bucket };
  // Versioning once enabled can only be suspended; "Suspended" and never enabled both read as not versioned.
  if (versioning === 'Enabled') properties['VersioningConfiguration'] = { Status: 'Enabled' };
  if (block) {
    properties['PublicAccessBlockConfiguration'] = {
      BlockPublicAcls: block.BlockPublicAcls ?? false,
      BlockPublicPolicy: block.BlockPublicPolicy ?? false,
      IgnorePublicAcls: block.IgnorePublicAcls ?? false,
      RestrictPublicBuckets: block.RestrictPublicBuckets ?? false,
    };
  }
  const url = ctx.region === 'us-east-1' ? 's3.amazonaws.com' : `s3.${ctx.region}.amazonaws.com`;
  return {
    type: TYPE,
    physicalId: bucket,
    name: bucket,
    attributes: {
      Arn: `arn:${ctx.partition}:s3:::${bucket}`,
      DomainName: `${bucket}.s3.amazonaws.com`,
      RegionalDomainName: `${bucket}.${url}`,
    },
    tags: tags ?? (await tagsOf(ctx, bucket)),
    properties,
  };
}

/** A resolved object property (expressions are resolved before handlers see them). */
function objectProp(d: DesiredResource, key: string): Readonly<Record<string, unknown>> | undefined {
  const v: unknown = d.properties[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function wantedVersioning(d: DesiredResource): 'Enabled' | undefined {
  return objectProp(d, 'VersioningConfiguration')?.['Status'] === 'Enabled' ? 'Enabled' : undefined;
}

function wantedBlock(d: DesiredResource): PublicAccessBlockConfiguration | undefined {
  const b = objectProp(d, 'PublicAccessBlockConfiguration');
  if (!b) return undefined;
  return { BlockPublicAcls: b['BlockPublicAcls'] === true, BlockPublicPolicy: b['BlockPublicPolicy'] === true, IgnorePublicAcls: b['IgnorePublicAcls'] === true, RestrictPublicBuckets: b['RestrictPublicBuckets'] === true };
}

/** The properties the handler deploys; anything else the graph puts on a bucket is refused by name rather than dropped. */
const DEPLOYED = new Set(['BucketName', 'VersioningConfiguration', 'PublicAccessBlockConfiguration', 'Tags']);

function checkDeployable(d: DesiredResource): void {
  const extra = Object.keys(d.properties).filter((k) => !DEPLOYED.has(k));
  if (extra.length > 0) throw new DeployStepError(`${d.logicalId}: the deploy engine does not deploy S3 bucket ${extra.join(', ')} (it deploys ${[...DEPLOYED].join(', ')})`);
}

/**
 * S3 buckets the design creates (a task role's access to them comes from the IAM handler). A bucket is deleted only
 * when it is empty, versions included: the engine never deletes data.
 */
export const s3BucketHandler: ResourceHandler = {
  type: TYPE,
  deleteRank: 5,
  replaceOn: ['/BucketName'],
  name: (d) => str(d.properties['BucketName'], `${d.logicalId}.BucketName`),
  async read(ctx, d) {
    const bucket = this.name(d);
    try {
      await ctx.clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (e) {
      if (NOT_FOUND.has(errorName(e) ?? '')) return undefined;
      // 403: the name is taken by another account; a bucket name is global.
      if (errorName(e) === 'Forbidden' || errorName(e) === 'AccessDenied') {
        return { type: TYPE, physicalId: bucket, name: bucket, attributes: {}, tags: {}, properties: { BucketName: bucket } };
      }
      throw e;
    }
    return toLive(ctx, bucket);
  },
  diff(d, live) {
    checkDeployable(d);
    const want: IrObject = { BucketName: d.properties['BucketName'] ?? '' };
    if (wantedVersioning(d)) want['VersioningConfiguration'] = { Status: 'Enabled' };
    const block = wantedBlock(d);
    if (block) want['PublicAccessBlockConfiguration'] = { ...block } as IrObject;
    const changes = diffValues(want, live.properties);
    if (!wantedVersioning(d) && live.properties['VersioningConfiguration'] !== undefined) {
      changes.push({ path: '/VersioningConfiguration', before: live.properties['VersioningConfiguration'], after: undefined });
    }
    if (!block && live.properties['PublicAccessBlockConfiguration'] !== undefined) {
      changes.push({ path: '/PublicAccessBlockConfiguration', before: live.properties['PublicAccessBlockConfiguration'], after: undefined });
    }
    return [...changes, ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    checkDeployable(d);
    const bucket = this.name(d);
    await ctx.clients.s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(ctx.region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: ctx.region as BucketLocationConstraint } } : {}),
      }),
    );
    await ctx.clients.s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tagList(d.tags) } }));
    const block = wantedBlock(d);
    if (block) await ctx.clients.s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: block }));
    if (wantedVersioning(d)) await ctx.clients.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    return toLive(ctx, bucket);
  },
  async update(ctx, d, live, changes) {
    const bucket = live.name;
    if (changes.some((c) => c.path.startsWith('/VersioningConfiguration'))) {
      await ctx.clients.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: wantedVersioning(d) ?? 'Suspended' } }));
    }
    if (changes.some((c) => c.path.startsWith('/PublicAccessBlockConfiguration'))) {
      const block = wantedBlock(d) ?? { BlockPublicAcls: false, BlockPublicPolicy: false, IgnorePublicAcls: false, RestrictPublicBuckets: false };
      await ctx.clients.s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: block }));
    }
    // PutBucketTagging replaces the whole set: tags removed from the design go with it.
    if (tagsChanged(changes)) await ctx.clients.s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tagList(d.tags) } }));
    return toLive(ctx, bucket);
  },
  async delete(ctx, live) {
    const held = await ctx.clients.s3.send(new ListObjectVersionsCommand({ Bucket: live.name, MaxKeys: 1 }));
    if ((held.Versions?.length ?? 0) + (held.DeleteMarkers?.length ?? 0) > 0) {
      throw new DeployStepError(`S3 bucket ${live.name} still holds objects: ECS Designer does not delete data. Empty the bucket (all versions), then deploy or destroy again.`);
    }
    await ctx.clients.s3.send(new DeleteBucketCommand({ Bucket: live.name }));
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    let token: string | undefined;
    do {
      const page = await ctx.clients.s3.send(new ListBucketsCommand({ BucketRegion: ctx.region, ...(token ? { ContinuationToken: token } : {}) }));
      for (const b of page.Buckets ?? []) {
        if (!b.Name || (b.BucketRegion !== undefined && b.BucketRegion !== ctx.region)) continue;
        const tags = await tagsOf(ctx, b.Name);
        if (tags[TAG_DESIGN] === ctx.designId) out.push(await toLive(ctx, b.Name, tags));
      }
      token = page.ContinuationToken;
    } while (token);
    return out;
  },
};
