import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DeleteLaunchTemplateCommand,
  DeleteTagsCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  ModifyLaunchTemplateCommand,
  type LaunchTemplate,
  type RequestLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import type { IrObject } from '../../../shared/iac/ir';
import { TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, diffValues, errorName, generatedName, removedTags, tagList, tagsChanged, tagsToRecord, toCfnShape } from '../values';

function templateName(d: DesiredResource): string {
  return typeof d.properties['LaunchTemplateName'] === 'string' ? d.properties['LaunchTemplateName'] : generatedName(d.tags[TAG_DESIGN] ?? '', d.logicalId, 128);
}

/** Keys of LaunchTemplateData whose presence live and absence in the design is a change. */
const STRICT = new Set(['SecurityGroupIds', 'KeyName', 'UserData', 'IamInstanceProfile', 'BlockDeviceMappings']);

async function toLive(ctx: HandlerContext, t: LaunchTemplate): Promise<LiveResource> {
  const id = t.LaunchTemplateId ?? '';
  const latest = t.LatestVersionNumber ?? 1;
  const [version] = (await ctx.clients.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: [String(latest)] }))).LaunchTemplateVersions ?? [];
  const data = (toCfnShape(version?.LaunchTemplateData ?? {}) as IrObject) ?? {};
  return {
    type: 'AWS::EC2::LaunchTemplate',
    physicalId: id,
    name: t.LaunchTemplateName ?? id,
    attributes: { LaunchTemplateId: id, LatestVersionNumber: String(latest), DefaultVersionNumber: String(t.DefaultVersionNumber ?? latest) },
    tags: tagsToRecord(t.Tags),
    properties: { LaunchTemplateName: t.LaunchTemplateName ?? '', LaunchTemplateData: data },
  };
}

async function describe(ctx: HandlerContext, input: { LaunchTemplateNames?: string[]; Filters?: { Name: string; Values: string[] }[] }): Promise<LaunchTemplate[]> {
  const out: LaunchTemplate[] = [];
  let NextToken: string | undefined;
  do {
    try {
      const page = await ctx.clients.ec2.send(new DescribeLaunchTemplatesCommand({ ...input, ...(NextToken ? { NextToken } : {}) }));
      out.push(...(page.LaunchTemplates ?? []));
      NextToken = page.NextToken;
    } catch (e) {
      if (errorName(e)?.startsWith('InvalidLaunchTemplateName.NotFound')) return out;
      throw e;
    }
  } while (NextToken);
  return out;
}

function data(d: DesiredResource): RequestLaunchTemplateData {
  // EC2's launch template members are PascalCase like CloudFormation's: sent as the design says.
  return (d.properties['LaunchTemplateData'] ?? {}) as unknown as RequestLaunchTemplateData;
}

/**
 * AWS::EC2::LaunchTemplate (container instances: ECS-optimized AMI, instance profile, ecs.config user data).
 * Ref = the template id; GetAtt LatestVersionNumber. A change adds a version and makes it the default (as
 * CloudFormation does), so the Auto Scaling group that names LatestVersionNumber rolls to it.
 */
export const launchTemplateHandler: ResourceHandler = {
  type: 'AWS::EC2::LaunchTemplate',
  deleteRank: 3.4,
  replaceOn: ['/LaunchTemplateName'],
  name: templateName,
  async read(ctx, d) {
    const [t] = await describe(ctx, { LaunchTemplateNames: [templateName(d)] });
    return t ? toLive(ctx, t) : undefined;
  },
  diff(d, live) {
    const want: IrObject = { LaunchTemplateName: templateName(d), LaunchTemplateData: (d.properties['LaunchTemplateData'] as IrObject | undefined) ?? {} };
    return [...diffValues(want, live.properties, '', STRICT), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const name = templateName(d);
    await ctx.clients.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: name, LaunchTemplateData: data(d), TagSpecifications: [{ ResourceType: 'launch-template', Tags: tagList(d.tags) }] }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`launch template ${name} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes) {
    const id = live.physicalId;
    if (changes.some((c) => c.path.startsWith('/LaunchTemplateData'))) {
      const res = await ctx.clients.ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, LaunchTemplateData: data(d) }));
      const version = res.LaunchTemplateVersion?.VersionNumber;
      if (version !== undefined) await ctx.clients.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: id, DefaultVersion: String(version) }));
    }
    if (tagsChanged(changes)) {
      await ctx.clients.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: tagList(d.tags) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: gone.map((Key) => ({ Key })) }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    await ctx.clients.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: live.physicalId }));
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    for (const t of await describe(ctx, { Filters: [{ Name: `tag:${TAG_DESIGN}`, Values: [ctx.designId] }] })) out.push(await toLive(ctx, t));
    return out;
  },
};
