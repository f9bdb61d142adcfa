import { CreateBucketCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IrObject, IrTemplate } from '../../../shared/iac/ir';
import { buildResourceGraph } from '../../../shared/iac/build';
import { findPattern } from '../../../shared/patterns/index';
import { makeNode } from '../../../shared/model/catalog';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { useMoto } from '../../aws/testing/useMoto';
import { isMutating, type ApiCall } from '../clients';
import { apply, destroy, plan, type ApplyOptions } from '../engine';
import { TAG_DESIGN, TAG_LOGICAL, TAG_NODE } from '../types';

const moto = useMoto();
let s3: S3Client;
beforeEach(() => {
  s3 = new S3Client({ ...motoClientConfig(moto.endpoint), forcePathStyle: true });
});
afterEach(() => s3.destroy());

const DESIGN = 'bucket-design';

function template(opts: { versioning?: boolean; tags?: Record<string, string> } = {}): IrTemplate {
  const properties: IrObject = {
    BucketName: 'shop-uploads-7f3a',
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
  };
  if (opts.versioning) properties['VersioningConfiguration'] = { Status: 'Enabled' };
  if (opts.tags) properties['Tags'] = Object.entries(opts.tags).map(([Key, Value]) => ({ Key, Value }));
  return { description: 'bucket', parameters: [], resources: [{ id: 'UploadsBucket', type: 'AWS::S3::Bucket', nodeId: 'uploads', properties }], outputs: [] };
}

function opts(calls: ApiCall[] = []): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: DESIGN, stackName: 'shop', onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true) };
}

const tagsOf = async (bucket: string) => Object.fromEntries(((await s3.send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet ?? []).map((t) => [t.Key, t.Value]));

describe('S3 bucket handler (moto)', { timeout: 90_000 }, () => {
  it('creates the bucket as designed, redeploys with zero mutating calls, updates versioning and tags, destroys it', async () => {
    const first = await apply(template({ tags: { team: 'shop', cost: 'cc-1' } }), opts());
    expect(first.status, first.message).toBe('succeeded');
    expect(await tagsOf('shop-uploads-7f3a')).toEqual({ team: 'shop', cost: 'cc-1', [TAG_DESIGN]: DESIGN, [TAG_NODE]: 'uploads', [TAG_LOGICAL]: 'UploadsBucket' });
    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'shop-uploads-7f3a' }))).PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'shop-uploads-7f3a' }))).Status).toBeUndefined();

    const again: ApiCall[] = [];
    const unchanged = await apply(template({ tags: { team: 'shop', cost: 'cc-1' } }), opts(again));
    expect(unchanged.message).toBe('nothing to do');
    expect(again.filter((c) => isMutating(c.command))).toEqual([]);

    const p = await plan(template({ versioning: true, tags: { team: 'shop' } }), opts());
    expect(p.steps.map((s) => [s.action, s.changes.map((c) => c.path)])).toEqual([['update', ['/VersioningConfiguration', '/Tags/cost']]]);
    const calls: ApiCall[] = [];
    expect((await apply(template({ versioning: true, tags: { team: 'shop' } }), opts(calls))).status).toBe('succeeded');
    expect(calls.filter((c) => isMutating(c.command)).map((c) => c.command).sort()).toEqual(['PutBucketTagging', 'PutBucketVersioning']);
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'shop-uploads-7f3a' }))).Status).toBe('Enabled');
    expect(await tagsOf('shop-uploads-7f3a')).not.toHaveProperty('cost');

    const gone = await destroy(opts());
    expect(gone.status, gone.message).toBe('succeeded');
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'shop-uploads-7f3a' }))).rejects.toThrow();
  });

  it('never deletes a bucket that holds objects: the delete fails saying so and the data stays', async () => {
    expect((await apply(template(), opts())).status).toBe('succeeded');
    await s3.send(new PutObjectCommand({ Bucket: 'shop-uploads-7f3a', Key: 'a.txt', Body: 'keep me' }));
    const gone = await destroy(opts());
    expect(gone.status).toBe('failed');
    expect(gone.failure?.error).toContain('S3 bucket shop-uploads-7f3a still holds objects: ECS Designer does not delete data');
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'shop-uploads-7f3a' }))).resolves.toBeDefined();
  });

  it('a bucket of that name without our tag is a conflict and is left untouched', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'shop-uploads-7f3a' }));
    const calls: ApiCall[] = [];
    const report = await apply(template({ versioning: true }), opts(calls));
    expect(report.status).toBe('refused');
    expect(report.plan[0]).toMatchObject({ action: 'conflict', logicalId: 'UploadsBucket' });
    expect(calls.filter((c) => isMutating(c.command))).toEqual([]);
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'shop-uploads-7f3a' }))).Status).toBeUndefined();
    expect((await destroy(opts())).message).toContain('nothing to do');
  });

  it('the bucket node of a design deploys from the resource graph', async () => {
    const design = findPattern('web-service')!.build();
    const bucket = makeNode('s3Bucket', 'assets', { bucketName: 'shop-assets-graph', versioning: true });
    const graph = buildResourceGraph({ ...design, nodes: [...design.nodes, bucket] });
    const only = graph.resources.filter((r) => r.type === 'AWS::S3::Bucket');
    expect(only.map((r) => r.nodeId)).toEqual(['assets']);
    const report = await apply({ ...graph, parameters: [], outputs: [], resources: only }, opts());
    expect(report.status, report.message).toBe('succeeded');
    expect((await tagsOf('shop-assets-graph'))[TAG_NODE]).toBe('assets');
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'shop-assets-graph' }))).Status).toBe('Enabled');
  });
});
