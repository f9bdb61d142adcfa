import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  DeleteInstanceProfileCommand,
  GetInstanceProfileCommand,
  ListInstanceProfilesCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
  type InstanceProfile,
} from '@aws-sdk/client-iam';
import type { IrValue } from '../../../shared/iac/ir';
import { TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, diffValues, errorName, generatedName, removedTags, str, tagList, tagsChanged, tagsToRecord } from '../values';

function profileName(d: DesiredResource): string {
  return typeof d.properties['InstanceProfileName'] === 'string' ? d.properties['InstanceProfileName'] : generatedName(d.tags[TAG_DESIGN] ?? '', d.logicalId, 128);
}

function roles(value: IrValue | undefined, what: string): string[] {
  // CloudFormation takes role names; an ARN names the role after its last slash.
  return Array.isArray(value) ? value.map((r, i) => str(r, `${what}.Roles[${i}]`).split('/').pop() ?? '').sort() : [];
}

function toLive(p: InstanceProfile): LiveResource {
  const name = p.InstanceProfileName ?? '';
  return {
    type: 'AWS::IAM::InstanceProfile',
    physicalId: name,
    name,
    attributes: { Arn: p.Arn ?? '' },
    tags: tagsToRecord(p.Tags),
    properties: { InstanceProfileName: name, Path: p.Path ?? '/', Roles: (p.Roles ?? []).map((r) => r.RoleName ?? '').sort() },
  };
}

async function get(ctx: HandlerContext, name: string): Promise<InstanceProfile | undefined> {
  try {
    return (await ctx.clients.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }))).InstanceProfile;
  } catch (e) {
    if (errorName(e) === 'NoSuchEntityException' || errorName(e) === 'NoSuchEntity') return undefined;
    throw e;
  }
}

/** AWS::IAM::InstanceProfile (the EC2 container instances' role). Ref = the profile name; GetAtt Arn. */
export const instanceProfileHandler: ResourceHandler = {
  type: 'AWS::IAM::InstanceProfile',
  deleteRank: 3.9,
  replaceOn: ['/InstanceProfileName', '/Path'],
  name: profileName,
  async read(ctx, d) {
    const p = await get(ctx, profileName(d));
    return p ? toLive(p) : undefined;
  },
  diff(d, live) {
    const want = { InstanceProfileName: profileName(d), Path: d.properties['Path'] ?? '/', Roles: roles(d.properties['Roles'], d.logicalId) };
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const name = profileName(d);
    await ctx.clients.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name, Path: typeof d.properties['Path'] === 'string' ? d.properties['Path'] : '/', Tags: tagList(d.tags) }));
    for (const role of roles(d.properties['Roles'], d.logicalId)) await ctx.clients.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: role }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`instance profile ${name} was created but cannot be read`);
    return live;
  },
  async update(ctx, d, live, changes) {
    const name = live.name;
    if (changes.some((c) => c.path.startsWith('/Roles'))) {
      const want = roles(d.properties['Roles'], d.logicalId);
      const have = (live.properties['Roles'] as string[] | undefined) ?? [];
      // A profile holds one role: remove the old one first.
      for (const r of have.filter((x) => !want.includes(x))) await ctx.clients.iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: name, RoleName: r }));
      for (const r of want.filter((x) => !have.includes(x))) await ctx.clients.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: r }));
    }
    if (tagsChanged(changes)) {
      await ctx.clients.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: name, Tags: tagList(d.tags) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: name, TagKeys: gone }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    for (const r of (live.properties['Roles'] as string[] | undefined) ?? []) await ctx.clients.iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: live.name, RoleName: r }));
    await ctx.clients.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: live.name }));
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    let Marker: string | undefined;
    do {
      const page = await ctx.clients.iam.send(new ListInstanceProfilesCommand(Marker ? { Marker } : {}));
      for (const p of page.InstanceProfiles ?? []) {
        // ListInstanceProfiles may leave tags out: GetInstanceProfile has them.
        const full = tagsToRecord(p.Tags)[TAG_DESIGN] !== undefined ? p : await get(ctx, p.InstanceProfileName ?? '');
        if (full && tagsToRecord(full.Tags)[TAG_DESIGN] === ctx.designId) out.push(toLive(full));
      }
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    return out;
  },
};
