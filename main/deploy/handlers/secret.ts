import { createHash } from 'node:crypto';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  type DescribeSecretCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import type { IrObject } from '../../../shared/iac/ir';
import { TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from '../types';
import { changedTags, diffValues, errorName, generatedName, optNum, optStr, removedTags, tagList, tagsChanged, tagsToRecord } from '../values';

/** What a plan shows for a secret value: never the value, never a hash of it. */
export const HIDDEN = '(secret value hidden)';

function secretName(d: DesiredResource): string {
  return typeof d.properties['Name'] === 'string' ? d.properties['Name'] : generatedName(d.tags[TAG_DESIGN] ?? '', d.logicalId, 512);
}

function digest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

type Description = Pick<DescribeSecretCommandOutput, 'ARN' | 'Name' | 'Description' | 'KmsKeyId' | 'Tags' | 'DeletedDate'>;

async function toLive(ctx: HandlerContext, s: Description, withValue: boolean): Promise<LiveResource> {
  const arn = s.ARN ?? '';
  let valueDigest: string | undefined;
  if (withValue) {
    try {
      const v = await ctx.clients.secrets.send(new GetSecretValueCommand({ SecretId: arn }));
      if (v.SecretString !== undefined) valueDigest = digest(v.SecretString);
    } catch (e) {
      if (errorName(e) !== 'ResourceNotFoundException') throw e;
    }
  }
  return {
    type: 'AWS::SecretsManager::Secret',
    physicalId: arn,
    name: s.Name ?? arn,
    attributes: { Id: arn },
    tags: tagsToRecord(s.Tags),
    properties: {
      Name: s.Name ?? '',
      ...(s.Description ? { Description: s.Description } : {}),
      ...(s.KmsKeyId ? { KmsKeyId: s.KmsKeyId } : {}),
      // Only a digest, kept in memory for the comparison; changes show HIDDEN.
      ...(valueDigest !== undefined ? { SecretStringDigest: valueDigest } : {}),
    },
  };
}

async function describe(ctx: HandlerContext, id: string): Promise<Description | undefined> {
  try {
    const s = await ctx.clients.secrets.send(new DescribeSecretCommand({ SecretId: id }));
    return s;
  } catch (e) {
    if (errorName(e) === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

/** The value to store at creation: SecretString as given, or one generated like CloudFormation's GenerateSecretString. */
async function initialValue(ctx: HandlerContext, d: DesiredResource): Promise<string | undefined> {
  const given = optStr(d.properties['SecretString']);
  if (given !== undefined) return given;
  const gen = d.properties['GenerateSecretString'] as IrObject | undefined;
  if (!gen) return undefined;
  const length = optNum(gen['PasswordLength']);
  const exclude = optStr(gen['ExcludeCharacters']);
  const bool = (k: string) => (gen[k] === undefined ? {} : { [k]: gen[k] === true || gen[k] === 'true' });
  const res = await ctx.clients.secrets.send(
    new GetRandomPasswordCommand({
      ...(length !== undefined ? { PasswordLength: length } : {}),
      ...(exclude !== undefined ? { ExcludeCharacters: exclude } : {}),
      ...bool('ExcludeNumbers'),
      ...bool('ExcludePunctuation'),
      ...bool('ExcludeUppercase'),
      ...bool('ExcludeLowercase'),
      ...bool('IncludeSpace'),
      ...bool('RequireEachIncludedType'),
    }),
  );
  const password = res.RandomPassword ?? '';
  const template = optStr(gen['SecretStringTemplate']);
  const key = optStr(gen['GenerateStringKey']);
  if (template === undefined || key === undefined) return password;
  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch {
    throw new Error(`${d.logicalId}.GenerateSecretString.SecretStringTemplate is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${d.logicalId}.GenerateSecretString.SecretStringTemplate must be a JSON object`);
  return JSON.stringify({ ...(parsed as Record<string, unknown>), [key]: password });
}

/**
 * AWS::SecretsManager::Secret. Ref = the secret ARN. A SecretString in the design is compared by digest and
 * shown hidden; a generated value is made once at creation and never regenerated.
 */
export const secretHandler: ResourceHandler = {
  type: 'AWS::SecretsManager::Secret',
  deleteRank: 5,
  replaceOn: ['/Name'],
  name: secretName,
  async read(ctx, d) {
    const s = await describe(ctx, secretName(d));
    if (!s || s.DeletedDate) return s ? toLive(ctx, s, false) : undefined;
    return toLive(ctx, s, optStr(d.properties['SecretString']) !== undefined);
  },
  diff(d, live) {
    const want: IrObject = { Name: secretName(d), Description: d.properties['Description'] ?? '' };
    if (d.properties['KmsKeyId'] !== undefined) want['KmsKeyId'] = d.properties['KmsKeyId'];
    const changes = diffValues(want, { ...live.properties, Description: live.properties['Description'] ?? '' });
    const value = optStr(d.properties['SecretString']);
    if (value !== undefined && digest(value) !== live.properties['SecretStringDigest']) changes.push({ path: '/SecretString', before: HIDDEN, after: HIDDEN });
    return [...changes, ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const name = secretName(d);
    const value = await initialValue(ctx, d);
    const kms = optStr(d.properties['KmsKeyId']);
    const description = optStr(d.properties['Description']);
    await ctx.clients.secrets.send(
      new CreateSecretCommand({ Name: name, ...(description !== undefined ? { Description: description } : {}), ...(kms !== undefined ? { KmsKeyId: kms } : {}), ...(value !== undefined ? { SecretString: value } : {}), Tags: tagList(d.tags) }),
    );
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`secret ${name} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes: readonly PropertyChange[]) {
    const arn = live.physicalId;
    if (changes.some((c) => c.path === '/Description' || c.path === '/KmsKeyId')) {
      const kms = optStr(d.properties['KmsKeyId']);
      await ctx.clients.secrets.send(new UpdateSecretCommand({ SecretId: arn, Description: optStr(d.properties['Description']) ?? '', ...(kms !== undefined ? { KmsKeyId: kms } : {}) }));
    }
    const value = optStr(d.properties['SecretString']);
    if (value !== undefined && changes.some((c) => c.path === '/SecretString')) await ctx.clients.secrets.send(new PutSecretValueCommand({ SecretId: arn, SecretString: value }));
    if (tagsChanged(changes)) {
      await ctx.clients.secrets.send(new TagResourceCommand({ SecretId: arn, Tags: tagList(d.tags) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.secrets.send(new UntagResourceCommand({ SecretId: arn, TagKeys: gone }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    // Deleting was confirmed with the plan: no recovery window, so the same design can create it again at once.
    await ctx.clients.secrets.send(new DeleteSecretCommand({ SecretId: live.physicalId, ForceDeleteWithoutRecovery: true }));
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ctx.clients.secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'tag-key', Values: [TAG_DESIGN] }], ...(NextToken ? { NextToken } : {}) }));
      for (const s of page.SecretList ?? []) if (!s.DeletedDate && tagsToRecord(s.Tags)[TAG_DESIGN] === ctx.designId) out.push(await toLive(ctx, s, false));
      NextToken = page.NextToken;
    } while (NextToken);
    return out;
  },
};
