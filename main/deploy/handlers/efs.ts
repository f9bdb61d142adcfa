import {
  type AccessPointDescription,
  CreateAccessPointCommand,
  CreateFileSystemCommand,
  CreateMountTargetCommand,
  DeleteAccessPointCommand,
  DeleteFileSystemCommand,
  DeleteMountTargetCommand,
  DescribeLifecycleConfigurationCommand,
  DescribeMountTargetSecurityGroupsCommand,
  type FileSystemDescription,
  ModifyMountTargetSecurityGroupsCommand,
  type MountTargetDescription,
  paginateDescribeAccessPoints,
  paginateDescribeFileSystems,
  paginateDescribeMountTargets,
  type PerformanceMode,
  PutLifecycleConfigurationCommand,
  TagResourceCommand,
  type ThroughputMode,
  UntagResourceCommand,
  UpdateFileSystemCommand,
} from '@aws-sdk/client-efs';
import type { IrObject, IrValue } from '../../../shared/iac/ir';
import { TAG_DESIGN, TAG_LOGICAL, type DesiredResource, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from '../types';
import { changedTags, containsUnknown, diffValues, errorName, generatedName, optNum, optStr, removedTags, sleep, str, tagList, tagsChanged, tagsToRecord } from '../values';

/** Polls `check` until it answers true, at most ctx.stableTimeoutMs; the error names what was awaited. */
export async function waitUntil(ctx: HandlerContext, what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ctx.stableTimeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${Math.round(ctx.stableTimeoutMs / 1000)} s waiting for ${what}`);
    ctx.note(`waiting for ${what}`);
    await sleep(ctx.pollIntervalMs);
  }
}

/** Ours plus the user's tags from a CloudFormation tag list that is not called Tags (FileSystemTags, AccessPointTags). */
function withListTags(d: DesiredResource, key: string): Record<string, string> {
  const list = d.properties[key];
  return { ...(Array.isArray(list) ? tagsToRecord(list as { Key?: string; Value?: string }[]) : {}), ...d.tags };
}

async function syncTags(ctx: HandlerContext, resourceId: string, want: Record<string, string>, have: Readonly<Record<string, string>>): Promise<void> {
  await ctx.clients.efs.send(new TagResourceCommand({ ResourceId: resourceId, Tags: tagList(want) }));
  const gone = removedTags(want, have);
  if (gone.length > 0) await ctx.clients.efs.send(new UntagResourceCommand({ ResourceId: resourceId, TagKeys: gone }));
}

// ── file system ─────────────────────────────────────────────────────────────────────────────────────────────

function creationToken(d: DesiredResource): string {
  return generatedName(d.tags[TAG_DESIGN] ?? '', d.logicalId, 64);
}

async function fileSystems(ctx: HandlerContext, filter: { CreationToken?: string; FileSystemId?: string }): Promise<FileSystemDescription[]> {
  const out: FileSystemDescription[] = [];
  try {
    for await (const page of paginateDescribeFileSystems({ client: ctx.clients.efs }, { ...filter })) {
      out.push(...(page.FileSystems ?? []).filter((f) => f.LifeCycleState !== 'deleted' && f.LifeCycleState !== 'deleting'));
    }
  } catch (e) {
    if (errorName(e) !== 'FileSystemNotFound') throw e;
  }
  return out;
}

async function fsToLive(ctx: HandlerContext, f: FileSystemDescription): Promise<LiveResource> {
  const id = f.FileSystemId ?? '';
  const lifecycle = (await ctx.clients.efs.send(new DescribeLifecycleConfigurationCommand({ FileSystemId: id }))).LifecyclePolicies ?? [];
  return {
    type: 'AWS::EFS::FileSystem',
    physicalId: id,
    name: f.Name ? `${f.Name} (${id})` : id,
    attributes: { FileSystemId: id, Arn: f.FileSystemArn ?? '' },
    tags: tagsToRecord(f.Tags),
    properties: {
      PerformanceMode: f.PerformanceMode ?? 'generalPurpose',
      Encrypted: f.Encrypted ?? false,
      ...(f.KmsKeyId ? { KmsKeyId: f.KmsKeyId } : {}),
      ThroughputMode: f.ThroughputMode ?? 'bursting',
      ...(f.ProvisionedThroughputInMibps ? { ProvisionedThroughputInMibps: f.ProvisionedThroughputInMibps } : {}),
      LifecyclePolicies: lifecycle.map((p) => ({ ...p }) as IrObject),
    },
  };
}

/** AWS::EFS::FileSystem. Ref = the file system id; a stable creation token (design + logical id) finds it again. */
export const efsFileSystemHandler: ResourceHandler = {
  type: 'AWS::EFS::FileSystem',
  deleteRank: 3.5,
  replaceOn: ['/PerformanceMode', '/Encrypted', '/KmsKeyId'],
  name: creationToken,
  async read(ctx, d) {
    const [f] = await fileSystems(ctx, { CreationToken: creationToken(d) });
    return f ? fsToLive(ctx, f) : undefined;
  },
  diff(d, live) {
    const p = d.properties;
    const want: IrObject = {
      PerformanceMode: p['PerformanceMode'] ?? 'generalPurpose',
      Encrypted: p['Encrypted'] ?? false,
      ThroughputMode: p['ThroughputMode'] ?? 'bursting',
      LifecyclePolicies: p['LifecyclePolicies'] ?? [],
    };
    if (p['KmsKeyId'] !== undefined) want['KmsKeyId'] = p['KmsKeyId'];
    if (p['ProvisionedThroughputInMibps'] !== undefined) want['ProvisionedThroughputInMibps'] = p['ProvisionedThroughputInMibps'];
    return [...diffValues(want, live.properties), ...changedTags(withListTags(d, 'FileSystemTags'), live.tags)];
  },
  async create(ctx, d) {
    const p = d.properties;
    const kms = optStr(p['KmsKeyId']);
    const provisioned = optNum(p['ProvisionedThroughputInMibps']);
    const res = await ctx.clients.efs.send(
      new CreateFileSystemCommand({
        CreationToken: creationToken(d),
        ...(p['PerformanceMode'] !== undefined ? { PerformanceMode: str(p['PerformanceMode'], `${d.logicalId}.PerformanceMode`) as PerformanceMode } : {}),
        ...(p['ThroughputMode'] !== undefined ? { ThroughputMode: str(p['ThroughputMode'], `${d.logicalId}.ThroughputMode`) as ThroughputMode } : {}),
        ...(provisioned !== undefined ? { ProvisionedThroughputInMibps: provisioned } : {}),
        ...(p['Encrypted'] !== undefined ? { Encrypted: p['Encrypted'] === true || p['Encrypted'] === 'true' } : {}),
        ...(kms !== undefined ? { KmsKeyId: kms } : {}),
        Tags: tagList(withListTags(d, 'FileSystemTags')),
      }),
    );
    const id = res.FileSystemId ?? '';
    await waitUntil(ctx, `file system ${id} to become available`, async () => (await fileSystems(ctx, { FileSystemId: id }))[0]?.LifeCycleState === 'available');
    if (Array.isArray(p['LifecyclePolicies']) && p['LifecyclePolicies'].length > 0) {
      await ctx.clients.efs.send(new PutLifecycleConfigurationCommand({ FileSystemId: id, LifecyclePolicies: p['LifecyclePolicies'] as never }));
    }
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`file system ${id} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes: readonly PropertyChange[]) {
    const id = live.physicalId;
    const p = d.properties;
    if (changes.some((c) => c.path === '/ThroughputMode' || c.path === '/ProvisionedThroughputInMibps')) {
      const provisioned = optNum(p['ProvisionedThroughputInMibps']);
      await ctx.clients.efs.send(
        new UpdateFileSystemCommand({ FileSystemId: id, ThroughputMode: (optStr(p['ThroughputMode']) ?? 'bursting') as ThroughputMode, ...(provisioned !== undefined ? { ProvisionedThroughputInMibps: provisioned } : {}) }),
      );
    }
    if (changes.some((c) => c.path.startsWith('/LifecyclePolicies'))) {
      await ctx.clients.efs.send(new PutLifecycleConfigurationCommand({ FileSystemId: id, LifecyclePolicies: (Array.isArray(p['LifecyclePolicies']) ? p['LifecyclePolicies'] : []) as never }));
    }
    if (tagsChanged(changes)) await syncTags(ctx, id, withListTags(d, 'FileSystemTags'), live.tags);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    await ctx.clients.efs.send(new DeleteFileSystemCommand({ FileSystemId: live.physicalId }));
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    for (const f of await fileSystems(ctx, {})) if (tagsToRecord(f.Tags)[TAG_DESIGN] === ctx.designId) out.push(await fsToLive(ctx, f));
    return out;
  },
};

// ── mount target ────────────────────────────────────────────────────────────────────────────────────────────

async function mountTargets(ctx: HandlerContext, fileSystemId: string): Promise<MountTargetDescription[]> {
  const out: MountTargetDescription[] = [];
  try {
    for await (const page of paginateDescribeMountTargets({ client: ctx.clients.efs }, { FileSystemId: fileSystemId })) out.push(...(page.MountTargets ?? []).filter((m) => m.LifeCycleState !== 'deleted'));
  } catch (e) {
    if (errorName(e) !== 'FileSystemNotFound') throw e;
  }
  return out;
}

async function mtToLive(ctx: HandlerContext, m: MountTargetDescription, tags: Record<string, string>): Promise<LiveResource> {
  const id = m.MountTargetId ?? '';
  const groups = (await ctx.clients.efs.send(new DescribeMountTargetSecurityGroupsCommand({ MountTargetId: id }))).SecurityGroups ?? [];
  return {
    type: 'AWS::EFS::MountTarget',
    physicalId: id,
    name: `${m.FileSystemId ?? ''} in ${m.SubnetId ?? ''}`,
    attributes: { Id: id, IpAddress: m.IpAddress ?? '' },
    tags,
    properties: { FileSystemId: m.FileSystemId ?? '', SubnetId: m.SubnetId ?? '', SecurityGroups: [...groups].sort() },
  };
}

function groupsOf(value: IrValue | undefined): string[] {
  return Array.isArray(value) ? value.map((g) => str(g, 'SecurityGroups[]')).sort() : [];
}

/** Ownership of what has no tags of its own under a file system: the file system's design id. */
async function fileSystemOwner(ctx: HandlerContext, fileSystemId: string): Promise<string | undefined> {
  const [f] = await fileSystems(ctx, { FileSystemId: fileSystemId });
  return f ? tagsToRecord(f.Tags)[TAG_DESIGN] : undefined;
}

/**
 * AWS::EFS::MountTarget: one per file system and subnet. It has no tags: it is ours when its file system is ours.
 * Ref = the mount target id.
 */
export const efsMountTargetHandler: ResourceHandler = {
  type: 'AWS::EFS::MountTarget',
  deleteRank: 2.5,
  replaceOn: ['/FileSystemId', '/SubnetId', '/IpAddress'],
  name: (d) => `${str(d.properties['FileSystemId'], `${d.logicalId}.FileSystemId`)} in ${str(d.properties['SubnetId'], `${d.logicalId}.SubnetId`)}`,
  async read(ctx, d) {
    const fs = d.properties['FileSystemId'];
    const subnet = d.properties['SubnetId'];
    if (typeof fs !== 'string' || typeof subnet !== 'string' || containsUnknown(fs) || containsUnknown(subnet)) return undefined;
    const m = (await mountTargets(ctx, fs)).find((x) => x.SubnetId === subnet);
    if (!m) return undefined;
    const owner = await fileSystemOwner(ctx, fs);
    return mtToLive(ctx, m, owner !== undefined ? { [TAG_DESIGN]: owner, [TAG_LOGICAL]: d.logicalId } : {});
  },
  diff(d, live) {
    const want: IrObject = { FileSystemId: d.properties['FileSystemId'] ?? '', SubnetId: d.properties['SubnetId'] ?? '', SecurityGroups: groupsOf(d.properties['SecurityGroups']) };
    if (d.properties['IpAddress'] !== undefined) want['IpAddress'] = d.properties['IpAddress'];
    const changes = diffValues(want, live.properties);
    return changes.some((c) => c.path.startsWith('/SecurityGroups')) ? [...changes.filter((c) => !c.path.startsWith('/SecurityGroups')), { path: '/SecurityGroups', before: live.properties['SecurityGroups'], after: want['SecurityGroups'] }] : changes;
  },
  async create(ctx, d) {
    const ip = optStr(d.properties['IpAddress']);
    const res = await ctx.clients.efs.send(
      new CreateMountTargetCommand({
        FileSystemId: str(d.properties['FileSystemId'], `${d.logicalId}.FileSystemId`),
        SubnetId: str(d.properties['SubnetId'], `${d.logicalId}.SubnetId`),
        SecurityGroups: groupsOf(d.properties['SecurityGroups']),
        ...(ip !== undefined ? { IpAddress: ip } : {}),
      }),
    );
    const id = res.MountTargetId ?? '';
    const fs = res.FileSystemId ?? '';
    await waitUntil(ctx, `mount target ${id} to become available`, async () => (await mountTargets(ctx, fs)).find((m) => m.MountTargetId === id)?.LifeCycleState === 'available');
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`mount target ${id} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live) {
    await ctx.clients.efs.send(new ModifyMountTargetSecurityGroupsCommand({ MountTargetId: live.physicalId, SecurityGroups: groupsOf(d.properties['SecurityGroups']) }));
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    try {
      await ctx.clients.efs.send(new DeleteMountTargetCommand({ MountTargetId: live.physicalId }));
    } catch (e) {
      if (errorName(e) === 'MountTargetNotFound') return;
      throw e;
    }
    // The file system can only go once its mount targets are gone (deletion is asynchronous in AWS).
    const fs = String(live.properties['FileSystemId']);
    await waitUntil(ctx, `mount target ${live.physicalId} to be deleted`, async () => !(await mountTargets(ctx, fs)).some((m) => m.MountTargetId === live.physicalId));
  },
  async listOwned(ctx) {
    // Listed through the owned file systems; without a logical id of their own (see the engine's plan).
    const out: LiveResource[] = [];
    for (const f of await fileSystems(ctx, {})) {
      if (tagsToRecord(f.Tags)[TAG_DESIGN] !== ctx.designId) continue;
      for (const m of await mountTargets(ctx, f.FileSystemId ?? '')) out.push(await mtToLive(ctx, m, { [TAG_DESIGN]: ctx.designId }));
    }
    return out;
  },
};

// ── access point ────────────────────────────────────────────────────────────────────────────────────────────

function apToken(d: DesiredResource): string {
  return generatedName(d.tags[TAG_DESIGN] ?? '', d.logicalId, 64);
}

function apToLive(a: AccessPointDescription): LiveResource {
  const id = a.AccessPointId ?? '';
  const posix: IrObject = {};
  if (a.PosixUser?.Uid !== undefined) posix['Uid'] = String(a.PosixUser.Uid);
  if (a.PosixUser?.Gid !== undefined) posix['Gid'] = String(a.PosixUser.Gid);
  if (a.PosixUser?.SecondaryGids?.length) posix['SecondaryGids'] = a.PosixUser.SecondaryGids.map(String);
  const root: IrObject = {};
  if (a.RootDirectory?.Path !== undefined) root['Path'] = a.RootDirectory.Path;
  const ci = a.RootDirectory?.CreationInfo;
  if (ci) root['CreationInfo'] = { OwnerUid: String(ci.OwnerUid ?? ''), OwnerGid: String(ci.OwnerGid ?? ''), Permissions: ci.Permissions ?? '' };
  return {
    type: 'AWS::EFS::AccessPoint',
    physicalId: id,
    name: a.Name ? `${a.Name} (${id})` : id,
    attributes: { AccessPointId: id, Arn: a.AccessPointArn ?? '' },
    tags: tagsToRecord(a.Tags),
    properties: { FileSystemId: a.FileSystemId ?? '', ClientToken: a.ClientToken ?? '', PosixUser: posix, RootDirectory: root },
  };
}

async function accessPoints(ctx: HandlerContext, fileSystemId?: string): Promise<AccessPointDescription[]> {
  const out: AccessPointDescription[] = [];
  for await (const page of paginateDescribeAccessPoints({ client: ctx.clients.efs }, fileSystemId ? { FileSystemId: fileSystemId } : {})) {
    out.push(...(page.AccessPoints ?? []).filter((a) => a.LifeCycleState !== 'deleted' && a.LifeCycleState !== 'deleting'));
  }
  return out;
}

/** Numbers as the EFS API takes them (the design writes ids as strings, like CloudFormation). */
function posixInput(value: IrValue | undefined): { Uid: number; Gid: number; SecondaryGids?: number[] } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as IrObject;
  const sec = Array.isArray(v['SecondaryGids']) ? v['SecondaryGids'].map((g) => Number(g)) : undefined;
  return { Uid: Number(v['Uid']), Gid: Number(v['Gid']), ...(sec ? { SecondaryGids: sec } : {}) };
}

function rootInput(value: IrValue | undefined): { Path?: string; CreationInfo?: { OwnerUid: number; OwnerGid: number; Permissions: string } } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as IrObject;
  const ci = v['CreationInfo'] as IrObject | undefined;
  return {
    ...(typeof v['Path'] === 'string' ? { Path: v['Path'] } : {}),
    ...(ci ? { CreationInfo: { OwnerUid: Number(ci['OwnerUid']), OwnerGid: Number(ci['OwnerGid']), Permissions: String(ci['Permissions']) } } : {}),
  };
}

/** AWS::EFS::AccessPoint. Ref = the access point id; a stable client token (design + logical id) finds it again. */
export const efsAccessPointHandler: ResourceHandler = {
  type: 'AWS::EFS::AccessPoint',
  deleteRank: 2.4,
  replaceOn: ['/FileSystemId', '/PosixUser', '/RootDirectory'],
  name: apToken,
  async read(ctx, d) {
    const fs = d.properties['FileSystemId'];
    if (typeof fs !== 'string' || containsUnknown(fs)) return undefined;
    const token = apToken(d);
    const a = (await accessPoints(ctx, fs)).find((x) => x.ClientToken === token);
    return a ? apToLive(a) : undefined;
  },
  diff(d, live) {
    const want: IrObject = { FileSystemId: d.properties['FileSystemId'] ?? '' };
    if (d.properties['PosixUser'] !== undefined) want['PosixUser'] = d.properties['PosixUser'];
    if (d.properties['RootDirectory'] !== undefined) want['RootDirectory'] = d.properties['RootDirectory'];
    return [...diffValues(want, live.properties), ...changedTags(withListTags(d, 'AccessPointTags'), live.tags)];
  },
  async create(ctx, d) {
    const posix = posixInput(d.properties['PosixUser']);
    const root = rootInput(d.properties['RootDirectory']);
    const res = await ctx.clients.efs.send(
      new CreateAccessPointCommand({
        ClientToken: apToken(d),
        FileSystemId: str(d.properties['FileSystemId'], `${d.logicalId}.FileSystemId`),
        ...(posix ? { PosixUser: posix } : {}),
        ...(root ? { RootDirectory: root } : {}),
        Tags: tagList(withListTags(d, 'AccessPointTags')),
      }),
    );
    const id = res.AccessPointId ?? '';
    await waitUntil(ctx, `access point ${id} to become available`, async () => (await accessPoints(ctx, res.FileSystemId)).find((a) => a.AccessPointId === id)?.LifeCycleState === 'available');
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`access point ${id} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live) {
    // Everything but the tags needs a replacement.
    await syncTags(ctx, live.physicalId, withListTags(d, 'AccessPointTags'), live.tags);
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    try {
      await ctx.clients.efs.send(new DeleteAccessPointCommand({ AccessPointId: live.physicalId }));
    } catch (e) {
      if (errorName(e) !== 'AccessPointNotFound') throw e;
    }
  },
  async listOwned(ctx) {
    return (await accessPoints(ctx)).filter((a) => tagsToRecord(a.Tags)[TAG_DESIGN] === ctx.designId).map(apToLive);
  },
};
