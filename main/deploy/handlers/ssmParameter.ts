import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  type ParameterMetadata,
  type ParameterTier,
  type ParameterType,
} from '@aws-sdk/client-ssm';
import type { IrObject } from '../../../shared/iac/ir';
import { TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from '../types';
import { changedTags, diffValues, errorName, generatedName, optStr, removedTags, str, tagList, tagsChanged, tagsToRecord } from '../values';

function parameterName(d: DesiredResource): string {
  return typeof d.properties['Name'] === 'string' ? d.properties['Name'] : generatedName(d.tags[TAG_DESIGN] ?? '', d.logicalId, 1011);
}

/** Ours plus the user's: CloudFormation writes this type's Tags as a map, not a list. */
function wantedTags(d: DesiredResource): Record<string, string> {
  const t = d.properties['Tags'];
  const map: Record<string, string> = {};
  if (typeof t === 'object' && t !== null && !Array.isArray(t)) for (const [k, v] of Object.entries(t)) if (typeof v === 'string') map[k] = v;
  return { ...map, ...d.tags };
}

async function tagsOf(ctx: HandlerContext, name: string): Promise<Record<string, string>> {
  return tagsToRecord((await ctx.clients.ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: name }))).TagList);
}

/** Parameter metadata by exact name, or (listing) only those tagged with this design id: accounts hold thousands. */
async function metadata(ctx: HandlerContext, filter: { name: string } | { designId: string }): Promise<ParameterMetadata[]> {
  const out: ParameterMetadata[] = [];
  const ParameterFilters = 'name' in filter ? [{ Key: 'Name', Option: 'Equals', Values: [filter.name] }] : [{ Key: `tag:${TAG_DESIGN}`, Values: [filter.designId] }];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.ssm.send(new DescribeParametersCommand({ ParameterFilters, ...(NextToken ? { NextToken } : {}) }));
    out.push(...(page.Parameters ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

async function toLive(ctx: HandlerContext, name: string, meta: ParameterMetadata | undefined): Promise<LiveResource | undefined> {
  let value: string | undefined;
  let type: string | undefined;
  try {
    const p = (await ctx.clients.ssm.send(new GetParameterCommand({ Name: name }))).Parameter;
    value = p?.Value;
    type = p?.Type;
  } catch (e) {
    if (errorName(e) === 'ParameterNotFound') return undefined;
    throw e;
  }
  return {
    type: 'AWS::SSM::Parameter',
    physicalId: name,
    name,
    attributes: { Type: type ?? '', Value: type === 'SecureString' ? '' : (value ?? '') },
    tags: await tagsOf(ctx, name),
    properties: {
      Name: name,
      Type: type ?? '',
      // A SecureString value never enters the plan (CloudFormation does not create them; one made by hand is not compared).
      ...(type !== 'SecureString' && value !== undefined ? { Value: value } : {}),
      ...(meta?.Description ? { Description: meta.Description } : {}),
      ...(meta?.AllowedPattern ? { AllowedPattern: meta.AllowedPattern } : {}),
      ...(meta?.Tier ? { Tier: meta.Tier } : {}),
      ...(meta?.DataType ? { DataType: meta.DataType } : {}),
    },
  };
}

function putInput(d: DesiredResource, name: string) {
  const p = d.properties;
  const description = optStr(p['Description']);
  const pattern = optStr(p['AllowedPattern']);
  const tier = optStr(p['Tier']);
  const dataType = optStr(p['DataType']);
  const type = str(p['Type'], `${d.logicalId}.Type`);
  if (type !== 'String' && type !== 'StringList') throw new Error(`${d.logicalId}.Type: "${type}" — CloudFormation parameters are String or StringList (keep secrets in Secrets Manager)`);
  return {
    Name: name,
    Type: type as ParameterType,
    Value: str(p['Value'], `${d.logicalId}.Value`),
    ...(description !== undefined ? { Description: description } : {}),
    ...(pattern !== undefined ? { AllowedPattern: pattern } : {}),
    ...(tier !== undefined ? { Tier: tier as ParameterTier } : {}),
    ...(dataType !== undefined ? { DataType: dataType } : {}),
  };
}

/** AWS::SSM::Parameter (String / StringList). Ref = the parameter name; GetAtt Type, Value. */
export const ssmParameterHandler: ResourceHandler = {
  type: 'AWS::SSM::Parameter',
  deleteRank: 5,
  replaceOn: ['/Name'],
  name: parameterName,
  async read(ctx, d) {
    const name = parameterName(d);
    const [meta] = await metadata(ctx, { name });
    return toLive(ctx, name, meta);
  },
  diff(d, live) {
    const want: IrObject = { Name: parameterName(d), Type: d.properties['Type'] ?? '', Value: d.properties['Value'] ?? '', Description: d.properties['Description'] ?? '' };
    for (const k of ['AllowedPattern', 'Tier', 'DataType']) if (d.properties[k] !== undefined) want[k] = d.properties[k]!;
    return [...diffValues(want, { ...live.properties, Description: live.properties['Description'] ?? '' }), ...changedTags(wantedTags(d), live.tags)];
  },
  async create(ctx, d) {
    const name = parameterName(d);
    await ctx.clients.ssm.send(new PutParameterCommand({ ...putInput(d, name), Tags: tagList(wantedTags(d)) }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`parameter ${name} was created but cannot be read`);
    return live;
  },
  async update(ctx, d, live, changes: readonly PropertyChange[]) {
    const name = live.name;
    if (changes.some((c) => !c.path.startsWith('/Tags/'))) await ctx.clients.ssm.send(new PutParameterCommand({ ...putInput(d, name), Overwrite: true }));
    if (tagsChanged(changes)) {
      await ctx.clients.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: name, Tags: tagList(wantedTags(d)) }));
      const gone = removedTags(wantedTags(d), live.tags);
      if (gone.length > 0) await ctx.clients.ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: name, TagKeys: gone }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    try {
      await ctx.clients.ssm.send(new DeleteParameterCommand({ Name: live.name }));
    } catch (e) {
      if (errorName(e) !== 'ParameterNotFound') throw e;
    }
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    for (const meta of await metadata(ctx, { designId: ctx.designId })) {
      const name = meta.Name ?? '';
      if ((await tagsOf(ctx, name))[TAG_DESIGN] !== ctx.designId) continue;
      const live = await toLive(ctx, name, meta);
      if (live) out.push(live);
    }
    return out;
  },
};
