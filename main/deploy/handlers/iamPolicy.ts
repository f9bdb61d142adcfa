import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeleteRolePolicyCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
  UntagRoleCommand,
  type Policy,
} from '@aws-sdk/client-iam';
import type { IrValue } from '../../../shared/iac/ir';
import { TAG_DESIGN, TAG_LOGICAL, type DesiredResource, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from '../types';
import { changedTags, diffValues, errorName, generatedName, removedTags, str, tagList, tagsChanged, tagsToRecord } from '../values';

function policyName(d: DesiredResource): string {
  return typeof d.properties['ManagedPolicyName'] === 'string' ? d.properties['ManagedPolicyName'] : generatedName(d.tags[TAG_DESIGN] ?? '', d.logicalId, 128);
}

function pathOf(d: DesiredResource): string {
  return typeof d.properties['Path'] === 'string' ? d.properties['Path'] : '/';
}

function arnOf(ctx: HandlerContext, d: DesiredResource): string {
  return `arn:${ctx.partition}:iam::${ctx.accountId}:policy${pathOf(d)}${policyName(d)}`;
}

function document(text: string | undefined): IrValue {
  if (text === undefined) return {};
  try {
    return JSON.parse(decodeURIComponent(text)) as IrValue;
  } catch {
    return JSON.parse(text) as IrValue;
  }
}

const ENTITIES = ['Roles', 'Users', 'Groups'] as const;
type Entity = (typeof ENTITIES)[number];

function names(value: IrValue | undefined, what: string): string[] {
  // CloudFormation takes names; an ARN names the entity after its last slash.
  return Array.isArray(value) ? value.map((v, i) => str(v, `${what}[${i}]`).split('/').pop() ?? '').sort() : [];
}

async function toLive(ctx: HandlerContext, p: Policy): Promise<LiveResource> {
  const arn = p.Arn ?? '';
  const version = await ctx.clients.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: p.DefaultVersionId ?? 'v1' }));
  const entities = { Roles: [] as string[], Users: [] as string[], Groups: [] as string[] };
  let Marker: string | undefined;
  do {
    const page = await ctx.clients.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, ...(Marker ? { Marker } : {}) }));
    entities.Roles.push(...(page.PolicyRoles ?? []).map((r) => r.RoleName ?? ''));
    entities.Users.push(...(page.PolicyUsers ?? []).map((u) => u.UserName ?? ''));
    entities.Groups.push(...(page.PolicyGroups ?? []).map((g) => g.GroupName ?? ''));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  const tags = p.Tags !== undefined && p.Tags.length > 0 ? tagsToRecord(p.Tags) : tagsToRecord((await ctx.clients.iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags);
  return {
    type: 'AWS::IAM::ManagedPolicy',
    physicalId: arn,
    name: p.PolicyName ?? arn,
    attributes: { PolicyArn: arn, PolicyId: p.PolicyId ?? '', DefaultVersionId: p.DefaultVersionId ?? '' },
    tags,
    properties: {
      ManagedPolicyName: p.PolicyName ?? '',
      Path: p.Path ?? '/',
      ...(p.Description ? { Description: p.Description } : {}),
      PolicyDocument: document(version.PolicyVersion?.Document),
      Roles: entities.Roles.sort(),
      Users: entities.Users.sort(),
      Groups: entities.Groups.sort(),
    },
  };
}

async function getPolicy(ctx: HandlerContext, arn: string): Promise<Policy | undefined> {
  try {
    return (await ctx.clients.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy;
  } catch (e) {
    if (errorName(e) === 'NoSuchEntityException' || errorName(e) === 'NoSuchEntity') return undefined;
    throw e;
  }
}

async function attach(ctx: HandlerContext, kind: Entity, name: string, arn: string, on: boolean): Promise<void> {
  const iam = ctx.clients.iam;
  if (kind === 'Roles') await iam.send(on ? new AttachRolePolicyCommand({ RoleName: name, PolicyArn: arn }) : new DetachRolePolicyCommand({ RoleName: name, PolicyArn: arn }));
  else if (kind === 'Users') await iam.send(on ? new AttachUserPolicyCommand({ UserName: name, PolicyArn: arn }) : new DetachUserPolicyCommand({ UserName: name, PolicyArn: arn }));
  else await iam.send(on ? new AttachGroupPolicyCommand({ GroupName: name, PolicyArn: arn }) : new DetachGroupPolicyCommand({ GroupName: name, PolicyArn: arn }));
}

/**
 * AWS::IAM::ManagedPolicy (customer managed). Ref = the policy ARN. A document change adds a policy version and
 * makes it the default (the oldest non-default version goes when IAM's five are used up).
 */
export const iamManagedPolicyHandler: ResourceHandler = {
  type: 'AWS::IAM::ManagedPolicy',
  deleteRank: 3.9,
  replaceOn: ['/ManagedPolicyName', '/Path', '/Description'],
  name: policyName,
  async read(ctx, d) {
    const p = await getPolicy(ctx, arnOf(ctx, d));
    return p ? toLive(ctx, p) : undefined;
  },
  diff(d, live) {
    const want = {
      ManagedPolicyName: policyName(d),
      Path: pathOf(d),
      PolicyDocument: d.properties['PolicyDocument'] ?? {},
      Roles: names(d.properties['Roles'], `${d.logicalId}.Roles`),
      Users: names(d.properties['Users'], `${d.logicalId}.Users`),
      Groups: names(d.properties['Groups'], `${d.logicalId}.Groups`),
      ...(d.properties['Description'] !== undefined ? { Description: d.properties['Description'] } : {}),
    };
    return [...diffValues(want, live.properties), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const res = await ctx.clients.iam.send(
      new CreatePolicyCommand({
        PolicyName: policyName(d),
        Path: pathOf(d),
        PolicyDocument: JSON.stringify(d.properties['PolicyDocument'] ?? {}),
        ...(typeof d.properties['Description'] === 'string' ? { Description: d.properties['Description'] } : {}),
        Tags: tagList(d.tags),
      }),
    );
    const arn = res.Policy?.Arn ?? arnOf(ctx, d);
    for (const kind of ENTITIES) for (const n of names(d.properties[kind], `${d.logicalId}.${kind}`)) await attach(ctx, kind, n, arn, true);
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`managed policy ${policyName(d)} was created but cannot be read`);
    return live;
  },
  async update(ctx, d, live, changes: readonly PropertyChange[]) {
    const arn = live.physicalId;
    if (changes.some((c) => c.path.startsWith('/PolicyDocument'))) {
      const versions = (await ctx.clients.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? [];
      if (versions.length >= 5) {
        const oldest = versions.filter((v) => !v.IsDefaultVersion).sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0))[0];
        if (oldest?.VersionId) await ctx.clients.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: oldest.VersionId }));
      }
      await ctx.clients.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(d.properties['PolicyDocument'] ?? {}), SetAsDefault: true }));
    }
    for (const kind of ENTITIES) {
      if (!changes.some((c) => c.path.startsWith(`/${kind}`))) continue;
      const want = names(d.properties[kind], `${d.logicalId}.${kind}`);
      const have = (live.properties[kind] as string[] | undefined) ?? [];
      for (const n of want.filter((x) => !have.includes(x))) await attach(ctx, kind, n, arn, true);
      for (const n of have.filter((x) => !want.includes(x))) await attach(ctx, kind, n, arn, false);
    }
    if (tagsChanged(changes)) {
      await ctx.clients.iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: tagList(d.tags) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: gone }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    const arn = live.physicalId;
    for (const kind of ENTITIES) for (const n of (live.properties[kind] as string[] | undefined) ?? []) await attach(ctx, kind, n, arn, false);
    const versions = (await ctx.clients.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? [];
    for (const v of versions) if (!v.IsDefaultVersion && v.VersionId) await ctx.clients.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v.VersionId }));
    await ctx.clients.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    let Marker: string | undefined;
    do {
      const page = await ctx.clients.iam.send(new ListPoliciesCommand({ Scope: 'Local', ...(Marker ? { Marker } : {}) }));
      for (const p of page.Policies ?? []) {
        const tags = tagsToRecord((await ctx.clients.iam.send(new ListPolicyTagsCommand({ PolicyArn: p.Arn ?? '' }))).Tags);
        if (tags[TAG_DESIGN] === ctx.designId) out.push(await toLive(ctx, { ...p, Tags: tagList(tags) }));
      }
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    return out;
  },
};

// ── inline policy (AWS::IAM::Policy) ────────────────────────────────────────────────────────────────────────

/**
 * Role tag an AWS::IAM::Policy puts on each role it is on: `ecs-designer:inline-policy:<policy name>` = its logical id.
 * It marks the inline policy as that resource's (the role handler leaves it alone) and carries the ownership an
 * inline policy cannot carry itself.
 */
export const INLINE_POLICY_TAG = 'ecs-designer:inline-policy:';

/** The policy name as a tag key suffix (tag keys do not allow the "," policy names may contain). */
export function inlineTagName(policyName: string): string {
  return policyName.replace(/,/g, '_');
}

function inlineRoles(d: DesiredResource): string[] {
  for (const k of ['Users', 'Groups']) {
    if (Array.isArray(d.properties[k]) && d.properties[k].length > 0) throw new Error(`${d.logicalId}.${k}: the deploy engine puts AWS::IAM::Policy on roles only (users and groups are not resources it owns)`);
  }
  return names(d.properties['Roles'], `${d.logicalId}.Roles`);
}

async function roleOf(ctx: HandlerContext, name: string): Promise<{ tags: Record<string, string> } | undefined> {
  try {
    const role = (await ctx.clients.iam.send(new GetRoleCommand({ RoleName: name }))).Role;
    return role ? { tags: tagsToRecord(role.Tags) } : undefined;
  } catch (e) {
    if (errorName(e) === 'NoSuchEntityException' || errorName(e) === 'NoSuchEntity') return undefined;
    throw e;
  }
}

async function inlineDocument(ctx: HandlerContext, role: string, policy: string): Promise<IrValue | undefined> {
  try {
    return document((await ctx.clients.iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: policy }))).PolicyDocument);
  } catch (e) {
    if (errorName(e) === 'NoSuchEntityException' || errorName(e) === 'NoSuchEntity') return undefined;
    throw e;
  }
}

async function ignoreMissing(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (errorName(e) !== 'NoSuchEntityException' && errorName(e) !== 'NoSuchEntity') throw e;
  }
}

/**
 * AWS::IAM::Policy: one inline policy put on each of its roles. It has no tags: it is ours when its roles are ours
 * and carry its marker tag (INLINE_POLICY_TAG). Ref = the policy name.
 */
export const iamInlinePolicyHandler: ResourceHandler = {
  type: 'AWS::IAM::Policy',
  deleteRank: 3.8,
  replaceOn: ['/PolicyName'],
  name: (d) => str(d.properties['PolicyName'], `${d.logicalId}.PolicyName`),
  async read(ctx, d) {
    const policy = this.name(d);
    const roles = inlineRoles(d);
    if (roles.some((r) => r.startsWith('(known after apply'))) return undefined;
    const found: string[] = [];
    let doc: IrValue | undefined;
    let owner: string | undefined;
    let logical: string | undefined;
    let marked = true;
    for (const r of roles) {
      const role = await roleOf(ctx, r);
      const text = role ? await inlineDocument(ctx, r, policy) : undefined;
      if (!role || text === undefined) continue;
      found.push(r);
      doc ??= text;
      owner ??= role.tags[TAG_DESIGN];
      const mark = role.tags[`${INLINE_POLICY_TAG}${inlineTagName(policy)}`];
      if (mark === undefined || role.tags[TAG_DESIGN] !== owner) marked = false;
      logical ??= mark;
    }
    if (found.length === 0) return undefined;
    // Without our marker on every role it is on, the inline policy is someone else's (or the role's own Policies).
    const tags: Record<string, string> = marked && owner !== undefined ? { [TAG_DESIGN]: owner, ...(logical !== undefined ? { [TAG_LOGICAL]: logical } : {}) } : {};
    return { type: this.type, physicalId: policy, name: policy, attributes: {}, tags, properties: { PolicyName: policy, PolicyDocument: doc ?? {}, Roles: found.sort() } };
  },
  diff(d, live) {
    return diffValues({ PolicyName: this.name(d), PolicyDocument: d.properties['PolicyDocument'] ?? {}, Roles: inlineRoles(d) }, live.properties);
  },
  async create(ctx, d) {
    const policy = this.name(d);
    for (const r of inlineRoles(d)) {
      await ctx.clients.iam.send(new PutRolePolicyCommand({ RoleName: r, PolicyName: policy, PolicyDocument: JSON.stringify(d.properties['PolicyDocument'] ?? {}) }));
      await ctx.clients.iam.send(new TagRoleCommand({ RoleName: r, Tags: [{ Key: `${INLINE_POLICY_TAG}${inlineTagName(policy)}`, Value: d.logicalId }] }));
    }
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`inline policy ${policy} was put but cannot be read`);
    return live;
  },
  async update(ctx, d, live, changes: readonly PropertyChange[]) {
    const policy = live.name;
    const want = inlineRoles(d);
    const have = (live.properties['Roles'] as string[] | undefined) ?? [];
    const documentChanged = changes.some((c) => c.path.startsWith('/PolicyDocument'));
    for (const r of want) {
      if (!documentChanged && have.includes(r)) continue;
      await ctx.clients.iam.send(new PutRolePolicyCommand({ RoleName: r, PolicyName: policy, PolicyDocument: JSON.stringify(d.properties['PolicyDocument'] ?? {}) }));
      if (!have.includes(r)) await ctx.clients.iam.send(new TagRoleCommand({ RoleName: r, Tags: [{ Key: `${INLINE_POLICY_TAG}${inlineTagName(policy)}`, Value: d.logicalId }] }));
    }
    for (const r of have.filter((x) => !want.includes(x))) {
      await ignoreMissing(ctx.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: r, PolicyName: policy })));
      await ignoreMissing(ctx.clients.iam.send(new UntagRoleCommand({ RoleName: r, TagKeys: [`${INLINE_POLICY_TAG}${inlineTagName(policy)}`] })));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    for (const r of (live.properties['Roles'] as string[] | undefined) ?? []) {
      await ignoreMissing(ctx.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: r, PolicyName: live.name })));
      await ignoreMissing(ctx.clients.iam.send(new UntagRoleCommand({ RoleName: r, TagKeys: [`${INLINE_POLICY_TAG}${inlineTagName(live.name)}`] })));
    }
  },
  async listOwned(ctx) {
    // Found through the marker tags on this design's roles; one live resource per policy name, over its roles.
    const byPolicy = new Map<string, { logical: string; roles: string[]; doc: IrValue }>();
    let Marker: string | undefined;
    do {
      const page = await ctx.clients.iam.send(new ListRolesCommand(Marker ? { Marker } : {}));
      for (const r of page.Roles ?? []) {
        const name = r.RoleName ?? '';
        const role = await roleOf(ctx, name);
        if (!role || role.tags[TAG_DESIGN] !== ctx.designId) continue;
        for (const [k, logical] of Object.entries(role.tags)) {
          if (!k.startsWith(INLINE_POLICY_TAG)) continue;
          const policies = (await ctx.clients.iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? [];
          const policy = policies.find((p) => inlineTagName(p) === k.slice(INLINE_POLICY_TAG.length));
          if (policy === undefined) continue;
          const entry = byPolicy.get(policy) ?? { logical, roles: [], doc: (await inlineDocument(ctx, name, policy)) ?? {} };
          entry.roles.push(name);
          byPolicy.set(policy, entry);
        }
      }
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    return [...byPolicy].map(([policy, e]) => ({
      type: 'AWS::IAM::Policy',
      physicalId: policy,
      name: policy,
      attributes: {},
      tags: { [TAG_DESIGN]: ctx.designId, [TAG_LOGICAL]: e.logical },
      properties: { PolicyName: policy, PolicyDocument: e.doc, Roles: e.roles.sort() },
    }));
  },
};
