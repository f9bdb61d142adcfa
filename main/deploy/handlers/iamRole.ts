import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListPolicyTagsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  type Role,
} from '@aws-sdk/client-iam';
import type { IrObject, IrValue } from '../../../shared/iac/ir';
import { INLINE_POLICY_TAG, inlineTagName } from './iamPolicy';
import { TAG_DESIGN, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from '../types';
import { changedTags, diffValues, errorName, removedTags, str, tagsToRecord } from '../values';

function policyDoc(text: string | undefined): IrValue {
  if (text === undefined) return {};
  try {
    return JSON.parse(decodeURIComponent(text)) as IrValue;
  } catch {
    return JSON.parse(text) as IrValue;
  }
}

async function toLive(ctx: HandlerContext, role: Role): Promise<LiveResource> {
  const name = role.RoleName ?? '';
  const attached = await ctx.clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
  const inlineNames = (await ctx.clients.iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? [];
  const policies: IrObject[] = [];
  for (const policyName of [...inlineNames].sort()) {
    const p = await ctx.clients.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }));
    policies.push({ PolicyName: policyName, PolicyDocument: policyDoc(p.PolicyDocument) });
  }
  // Customer managed policies of this design (AWS::IAM::ManagedPolicy) attach themselves through their Roles: the
  // role leaves those attachments to them unless its own ManagedPolicyArns names them.
  const designPolicies: string[] = [];
  for (const a of attached.AttachedPolicies ?? []) {
    const arn = a.PolicyArn ?? '';
    if (!arn.includes(`:iam::${ctx.accountId}:policy/`)) continue;
    const tags = tagsToRecord((await ctx.clients.iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags);
    if (tags[TAG_DESIGN] === ctx.designId) designPolicies.push(arn);
  }
  return {
    type: 'AWS::IAM::Role',
    physicalId: name,
    name,
    attributes: { Arn: role.Arn ?? '', RoleId: role.RoleId ?? '' },
    tags: tagsToRecord(role.Tags),
    properties: {
      RoleName: name,
      Path: role.Path ?? '/',
      AssumeRolePolicyDocument: policyDoc(role.AssumeRolePolicyDocument),
      ManagedPolicyArns: (attached.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? '').sort(),
      Policies: policies,
      DesignManagedPolicyArns: designPolicies.sort(),
      ...(role.Description ? { Description: role.Description } : {}),
    },
  };
}

function desiredPolicies(value: IrValue | undefined): { PolicyName: string; PolicyDocument: IrValue }[] {
  if (!Array.isArray(value)) return [];
  return (value as IrObject[])
    .map((p) => ({ PolicyName: str(p['PolicyName'], 'Policies[].PolicyName'), PolicyDocument: p['PolicyDocument'] ?? {} }))
    .sort((a, b) => a.PolicyName.localeCompare(b.PolicyName));
}

/** The role's tags but the markers of this design's AWS::IAM::Policy resources (they tag the roles they are on). */
function roleTags(live: LiveResource): Record<string, string> {
  return Object.fromEntries(Object.entries(live.tags).filter(([k]) => !k.startsWith(INLINE_POLICY_TAG)));
}

/** The live inline policies the role itself manages: all but those an AWS::IAM::Policy of the design put there. */
function roleInline(want: readonly string[], live: LiveResource): IrObject[] {
  const others = Object.keys(live.tags).filter((k) => k.startsWith(INLINE_POLICY_TAG)).map((k) => k.slice(INLINE_POLICY_TAG.length));
  return ((live.properties['Policies'] as IrObject[] | undefined) ?? []).filter((p) => want.includes(String(p['PolicyName'])) || !others.includes(inlineTagName(String(p['PolicyName']))));
}

/** The live attachments the role itself manages: all but this design's managed policies it does not name. */
function roleManaged(want: readonly string[], live: LiveResource): string[] {
  const design = (live.properties['DesignManagedPolicyArns'] as string[] | undefined) ?? [];
  return ((live.properties['ManagedPolicyArns'] as string[] | undefined) ?? []).filter((a) => want.includes(a) || !design.includes(a));
}

function managed(value: IrValue | undefined): string[] {
  return Array.isArray(value) ? value.map((v) => str(v, 'ManagedPolicyArns[]')).sort() : [];
}

async function getRole(ctx: HandlerContext, name: string): Promise<Role | undefined> {
  try {
    return (await ctx.clients.iam.send(new GetRoleCommand({ RoleName: name }))).Role;
  } catch (e) {
    if (errorName(e) === 'NoSuchEntityException' || errorName(e) === 'NoSuchEntity') return undefined;
    throw e;
  }
}

export const iamRoleHandler: ResourceHandler = {
  type: 'AWS::IAM::Role',
  deleteRank: 4,
  replaceOn: ['/RoleName', '/Path'],
  name: (d) => str(d.properties['RoleName'], `${d.logicalId}.RoleName`),
  async read(ctx, d) {
    const role = await getRole(ctx, this.name(d));
    return role ? toLive(ctx, role) : undefined;
  },
  diff(d, live) {
    const want = {
      RoleName: d.properties['RoleName'],
      Path: d.properties['Path'] ?? '/',
      AssumeRolePolicyDocument: d.properties['AssumeRolePolicyDocument'] ?? {},
      ManagedPolicyArns: managed(d.properties['ManagedPolicyArns']),
      Policies: desiredPolicies(d.properties['Policies']),
    };
    const inline = roleInline(want.Policies.map((p) => p.PolicyName), live);
    return [...diffValues(want, { ...live.properties, ManagedPolicyArns: roleManaged(want.ManagedPolicyArns, live), Policies: inline }), ...changedTags(d.tags, roleTags(live))];
  },
  async create(ctx, d) {
    const name = this.name(d);
    await ctx.clients.iam.send(
      new CreateRoleCommand({
        RoleName: name,
        Path: typeof d.properties['Path'] === 'string' ? d.properties['Path'] : '/',
        AssumeRolePolicyDocument: JSON.stringify(d.properties['AssumeRolePolicyDocument'] ?? {}),
        ...(typeof d.properties['Description'] === 'string' ? { Description: d.properties['Description'] } : {}),
        Tags: Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    for (const arn of managed(d.properties['ManagedPolicyArns'])) await ctx.clients.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: arn }));
    for (const p of desiredPolicies(d.properties['Policies'])) {
      await ctx.clients.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: p.PolicyName, PolicyDocument: JSON.stringify(p.PolicyDocument) }));
    }
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`role ${name} was created but cannot be read`);
    return live;
  },
  async update(ctx, d, live, changes: readonly PropertyChange[]) {
    const name = live.name;
    const touched = (prefix: string) => changes.some((c) => c.path === prefix || c.path.startsWith(`${prefix}/`));
    if (touched('/AssumeRolePolicyDocument')) {
      await ctx.clients.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify(d.properties['AssumeRolePolicyDocument'] ?? {}) }));
    }
    if (touched('/ManagedPolicyArns')) {
      const want = managed(d.properties['ManagedPolicyArns']);
      const have = roleManaged(want, live);
      for (const arn of want.filter((a) => !have.includes(a))) await ctx.clients.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: arn }));
      for (const arn of have.filter((a) => !want.includes(a))) await ctx.clients.iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: arn }));
    }
    if (touched('/Policies')) {
      const want = desiredPolicies(d.properties['Policies']);
      const have = roleInline(want.map((p) => p.PolicyName), live).map((p) => String(p['PolicyName']));
      for (const p of want) await ctx.clients.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: p.PolicyName, PolicyDocument: JSON.stringify(p.PolicyDocument) }));
      for (const old of have.filter((n) => !want.some((p) => p.PolicyName === n))) await ctx.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: old }));
    }
    if (touched('/Tags')) {
      await ctx.clients.iam.send(new TagRoleCommand({ RoleName: name, Tags: Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value })) }));
      const gone = removedTags(d.tags, roleTags(live));
      if (gone.length > 0) await ctx.clients.iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: gone }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    const name = live.name;
    for (const arn of (live.properties['ManagedPolicyArns'] as string[] | undefined) ?? []) {
      try {
        await ctx.clients.iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: arn }));
      } catch (e) {
        // A managed policy of this design detaches itself when it is deleted (it goes first).
        if (errorName(e) !== 'NoSuchEntityException' && errorName(e) !== 'NoSuchEntity') throw e;
      }
    }
    for (const p of (live.properties['Policies'] as IrObject[] | undefined) ?? []) {
      try {
        await ctx.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: String(p['PolicyName']) }));
      } catch (e) {
        // An AWS::IAM::Policy of this design deletes its inline policy itself (it goes first).
        if (errorName(e) !== 'NoSuchEntityException' && errorName(e) !== 'NoSuchEntity') throw e;
      }
    }
    await ctx.clients.iam.send(new DeleteRoleCommand({ RoleName: name }));
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    let marker: string | undefined;
    do {
      const page = await ctx.clients.iam.send(new ListRolesCommand(marker ? { Marker: marker } : {}));
      for (const r of page.Roles ?? []) {
        // ListRoles does not return tags: GetRole does.
        const role = await getRole(ctx, r.RoleName ?? '');
        if (role && tagsToRecord(role.Tags)[TAG_DESIGN] === ctx.designId) out.push(await toLive(ctx, role));
      }
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return out;
  },
};
