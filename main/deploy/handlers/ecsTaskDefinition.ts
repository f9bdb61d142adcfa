import {
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Tag,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import type { IrObject } from '../../../shared/iac/ir';
import { TAG_DESIGN, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, diffValues, errorName, str, tagsToRecord, toCfnShape, toSdkShape, withoutKeys } from '../values';

/** Keys whose presence live but absence in the design is a change (AWS never fills them in). */
const STRICT = new Set(['Environment', 'Secrets', 'Command', 'EntryPoint', 'HealthCheck', 'DependsOn', 'MountPoints', 'PortMappings', 'Volumes', 'TaskRoleArn', 'ExecutionRoleArn', 'EnvironmentFiles', 'LogConfiguration']);

/** Live fields that describe the revision, not its content. */
const BOOKKEEPING = ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt'];

function toLive(td: TaskDefinition, tags: readonly Tag[] | undefined): LiveResource {
  const content: Record<string, unknown> = { ...td };
  for (const k of BOOKKEEPING) delete content[k];
  const arn = td.taskDefinitionArn ?? '';
  return {
    type: 'AWS::ECS::TaskDefinition',
    physicalId: arn,
    name: `${td.family ?? ''}:${td.revision ?? ''}`,
    attributes: { TaskDefinitionArn: arn },
    tags: tagsToRecord(tags),
    properties: toCfnShape(content) as IrObject,
  };
}

async function latest(ctx: HandlerContext, family: string): Promise<LiveResource | undefined> {
  try {
    const res = await ctx.clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: family, include: ['TAGS'] }));
    if (!res.taskDefinition || res.taskDefinition.status !== 'ACTIVE') return undefined;
    return toLive(res.taskDefinition, res.tags);
  } catch (e) {
    // ECS answers ClientException "Unable to describe task definition" for a family that has no ACTIVE revision.
    if (errorName(e) === 'ClientException') return undefined;
    throw e;
  }
}

/** The RegisterTaskDefinition input the design asks for (CloudFormation shape → SDK shape, tags ours + the user's). */
export function registerInput(properties: IrObject, tags: Readonly<Record<string, string>>): RegisterTaskDefinitionCommandInput {
  const input = toSdkShape(withoutKeys(properties, ['Tags'])) as RegisterTaskDefinitionCommandInput;
  return { ...input, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) };
}

export const ecsTaskDefinitionHandler: ResourceHandler = {
  type: 'AWS::ECS::TaskDefinition',
  deleteRank: 2,
  replaceOn: [],
  name: (d) => str(d.properties['Family'], `${d.logicalId}.Family`),
  read(ctx, d) {
    return latest(ctx, this.name(d));
  },
  diff(d, live) {
    // Compared as a whole: the content of the latest ACTIVE revision against the design, defaults AWS fills in ignored.
    // Tags are part of the revision; a revision registered by us carries exactly these (a removed tag = a new revision without it).
    return [...diffValues(withoutKeys(d.properties, ['Tags']), live.properties, '', STRICT), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const res = await ctx.clients.ecs.send(new RegisterTaskDefinitionCommand(registerInput(d.properties, d.tags)));
    if (!res.taskDefinition) throw new Error(`RegisterTaskDefinition for ${this.name(d)} returned no task definition`);
    return toLive(res.taskDefinition, res.tags);
  },
  update(ctx, d) {
    // A task definition is immutable: an update registers a new revision (the previous one stays for rollbacks).
    return this.create(ctx, d);
  },
  async delete(ctx, live) {
    const family = live.name.replace(/:\d*$/, '');
    let nextToken: string | undefined;
    const arns: string[] = [];
    do {
      const page = await ctx.clients.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', ...(nextToken ? { nextToken } : {}) }));
      arns.push(...(page.taskDefinitionArns ?? []).filter((a) => a.split('/').pop()?.replace(/:\d+$/, '') === family));
      nextToken = page.nextToken;
    } while (nextToken);
    for (const arn of arns) await ctx.clients.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
  },
  async listOwned(ctx) {
    const families: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ctx.clients.ecs.send(new ListTaskDefinitionFamiliesCommand({ status: 'ACTIVE', ...(nextToken ? { nextToken } : {}) }));
      families.push(...(page.families ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    const out: LiveResource[] = [];
    for (const family of families) {
      const live = await latest(ctx, family);
      if (live && live.tags[TAG_DESIGN] === ctx.designId) out.push(live);
    }
    return out;
  },
};
