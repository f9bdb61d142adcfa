import { CreateSecurityGroupCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateFileSystemCommand,
  DescribeAccessPointsCommand,
  DescribeFileSystemsCommand,
  DescribeLifecycleConfigurationCommand,
  DescribeMountTargetSecurityGroupsCommand,
  DescribeMountTargetsCommand,
  EFSClient,
} from '@aws-sdk/client-efs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ir, type IrTemplate } from '../../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { useMoto } from '../../aws/testing/useMoto';
import { isMutating, type ApiCall } from '../clients';
import { apply, destroy, plan, type ApplyOptions } from '../engine';
import { TAG_DESIGN, TAG_LOGICAL } from '../types';
import { generatedName } from '../values';

const moto = useMoto();
let net: { subnets: string[]; groups: string[] };
beforeEach(async () => {
  const ec2 = new EC2Client(motoClientConfig(moto.endpoint));
  const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId ?? '';
  const subnets = ((await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).Subnets ?? []).slice(0, 2).map((s) => s.SubnetId ?? '');
  const groups: string[] = [];
  for (const name of ['nfs-a', 'nfs-b']) groups.push((await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpc }))).GroupId ?? '');
  net = { subnets, groups };
}, 60_000);

const DESIGN = 'efs-design';

function template(k: { transition?: string; group?: number; apTags?: { Key: string; Value: string }[] } = {}): IrTemplate {
  return {
    description: 'EFS',
    parameters: [],
    resources: [
      {
        id: 'Files',
        type: 'AWS::EFS::FileSystem',
        nodeId: 'fs',
        properties: { PerformanceMode: 'generalPurpose', ThroughputMode: 'bursting', Encrypted: true, LifecyclePolicies: [{ TransitionToIA: k.transition ?? 'AFTER_30_DAYS' }], FileSystemTags: [{ Key: 'Name', Value: 'shared-files' }] },
      },
      ...net.subnets.map((s, i) => ({ id: `FilesMount${i}`, type: 'AWS::EFS::MountTarget', nodeId: 'fs', properties: { FileSystemId: ir.ref('Files'), SubnetId: s, SecurityGroups: [net.groups[k.group ?? 0]!] } })),
      {
        id: 'FilesAccess',
        type: 'AWS::EFS::AccessPoint',
        nodeId: 'ap',
        properties: {
          FileSystemId: ir.ref('Files'),
          PosixUser: { Uid: '1000', Gid: '1000' },
          RootDirectory: { Path: '/files', CreationInfo: { OwnerUid: '1000', OwnerGid: '1000', Permissions: '750' } },
          AccessPointTags: k.apTags ?? [{ Key: 'team', Value: 'storage' }],
        },
      },
    ],
    outputs: [],
  };
}

function engine(calls: ApiCall[]): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: DESIGN, stackName: 'efs', pollIntervalMs: 20, stableTimeoutMs: 10_000, onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true) };
}
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => c.command);

describe('EFS handlers against moto', { timeout: 120_000 }, () => {
  it('creates file system, mount targets and access point; no-change redeploy; updates; destroy', async () => {
    const calls: ApiCall[] = [];
    const first = await apply(template(), engine(calls));
    expect(first.status).toBe('succeeded');
    const efs = new EFSClient(motoClientConfig(moto.endpoint));
    const [fs] = (await efs.send(new DescribeFileSystemsCommand({ CreationToken: generatedName(DESIGN, 'Files', 64) }))).FileSystems ?? [];
    expect(fs).toMatchObject({ Encrypted: true, PerformanceMode: 'generalPurpose', Name: 'shared-files' });
    expect(fs?.Tags).toEqual(expect.arrayContaining([{ Key: TAG_DESIGN, Value: DESIGN }, { Key: TAG_LOGICAL, Value: 'Files' }]));
    const fsId = fs?.FileSystemId ?? '';
    expect((await efs.send(new DescribeLifecycleConfigurationCommand({ FileSystemId: fsId }))).LifecyclePolicies).toEqual([{ TransitionToIA: 'AFTER_30_DAYS' }]);
    const mts = (await efs.send(new DescribeMountTargetsCommand({ FileSystemId: fsId }))).MountTargets ?? [];
    expect(mts.map((m) => m.SubnetId).sort()).toEqual([...net.subnets].sort());
    expect((await efs.send(new DescribeMountTargetSecurityGroupsCommand({ MountTargetId: mts[0]?.MountTargetId }))).SecurityGroups).toEqual([net.groups[0]]);
    const [ap] = (await efs.send(new DescribeAccessPointsCommand({ FileSystemId: fsId }))).AccessPoints ?? [];
    expect(ap).toMatchObject({ PosixUser: { Uid: 1000, Gid: 1000 }, RootDirectory: { Path: '/files', CreationInfo: { OwnerUid: 1000, OwnerGid: 1000, Permissions: '750' } } });
    expect(ap?.Tags).toContainEqual({ Key: 'team', Value: 'storage' });

    calls.length = 0;
    expect((await apply(template(), engine(calls))).message).toBe('nothing to do');
    expect(mutating(calls)).toEqual([]);

    // Lifecycle policy, mount target groups and a removed access point tag: in place.
    const next = template({ transition: 'AFTER_60_DAYS', group: 1, apTags: [] });
    const p = await plan(next, engine([]));
    expect(p.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes.map((c) => c.path)])).toEqual([
      ['Files', 'update', ['/LifecyclePolicies/0/TransitionToIA']],
      ['FilesAccess', 'update', ['/Tags/team']],
      ['FilesMount0', 'update', ['/SecurityGroups']],
      ['FilesMount1', 'update', ['/SecurityGroups']],
    ]);
    calls.length = 0;
    expect((await apply(next, engine(calls))).status).toBe('succeeded');
    expect(mutating(calls).sort()).toEqual(['ModifyMountTargetSecurityGroups', 'ModifyMountTargetSecurityGroups', 'PutLifecycleConfiguration', 'TagResource', 'UntagResource']);
    expect((await efs.send(new DescribeLifecycleConfigurationCommand({ FileSystemId: fsId }))).LifecyclePolicies).toEqual([{ TransitionToIA: 'AFTER_60_DAYS' }]);
    const apTags = (await efs.send(new DescribeAccessPointsCommand({ FileSystemId: fsId }))).AccessPoints?.[0]?.Tags ?? [];
    expect(apTags.map((t) => t.Key)).not.toContain('team');
    calls.length = 0;
    expect((await apply(next, engine(calls))).message).toBe('nothing to do');

    // One mount target removed from the design: it goes, the other stays.
    const oneMount: IrTemplate = { ...next, resources: next.resources.filter((r) => r.id !== 'FilesMount1') };
    calls.length = 0;
    const shrunk = await apply(oneMount, engine(calls));
    expect(shrunk.plan.filter((s) => s.action === 'delete').map((s) => s.type)).toEqual(['AWS::EFS::MountTarget']);
    expect(mutating(calls)).toEqual(['DeleteMountTarget']);
    expect((await efs.send(new DescribeMountTargetsCommand({ FileSystemId: fsId }))).MountTargets?.map((m) => m.SubnetId)).toEqual([net.subnets[0]]);

    expect((await destroy(engine([]))).status).toBe('succeeded');
    expect((await efs.send(new DescribeFileSystemsCommand({}))).FileSystems).toEqual([]);
    expect((await efs.send(new DescribeAccessPointsCommand({}))).AccessPoints).toEqual([]);
  });

  it('a file system with our creation token but without our tag is a conflict and stays untouched', async () => {
    const efs = new EFSClient(motoClientConfig(moto.endpoint));
    await efs.send(new CreateFileSystemCommand({ CreationToken: generatedName(DESIGN, 'Files', 64), Tags: [{ Key: 'Name', Value: 'theirs' }] }));
    const calls: ApiCall[] = [];
    const report = await apply(template(), engine(calls));
    expect(report.status).toBe('refused');
    expect(report.plan.filter((s) => s.action === 'conflict').map((s) => s.logicalId)).toEqual(['Files']);
    expect(mutating(calls)).toEqual([]);
    expect((await destroy(engine(calls))).message).toBe('nothing to do: no resource carries this design id');
    expect((await efs.send(new DescribeFileSystemsCommand({}))).FileSystems?.map((f) => f.Name)).toEqual(['theirs']);
  });
});
