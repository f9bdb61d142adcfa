import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import type { IrObject } from '../../../shared/iac/ir';
import { TAG_DESIGN, type DesiredResource, type HandlerContext, type LiveResource, type ResourceHandler } from '../types';
import { changedTags, diffValues, generatedName, removedTags, tagList, tagsChanged, tagsToRecord, toCfnShape, withoutKeys } from '../values';

/** Alarm properties compared and sent (CloudFormation names = PutMetricAlarm names). */
const FIELDS = [
  'AlarmName',
  'AlarmDescription',
  'ActionsEnabled',
  'Namespace',
  'MetricName',
  'Dimensions',
  'Statistic',
  'ExtendedStatistic',
  'Period',
  'Unit',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'Threshold',
  'ComparisonOperator',
  'TreatMissingData',
  'EvaluateLowSampleCountPercentile',
  'AlarmActions',
  'OKActions',
  'InsufficientDataActions',
  'Metrics',
  'ThresholdMetricId',
] as const;

/** Action lists whose entries the design may drop (an emptied list is a change). */
const STRICT = new Set(['AlarmActions', 'OKActions', 'InsufficientDataActions']);

function alarmName(d: DesiredResource): string {
  return typeof d.properties['AlarmName'] === 'string' ? d.properties['AlarmName'] : generatedName(d.tags[TAG_DESIGN] ?? '', d.logicalId, 255);
}

function toLive(a: MetricAlarm, tags: Record<string, string>): LiveResource {
  const raw = toCfnShape(a) as IrObject;
  const properties: IrObject = {};
  for (const k of FIELDS) if (raw[k] !== undefined) properties[k] = raw[k]!;
  const name = a.AlarmName ?? '';
  return { type: 'AWS::CloudWatch::Alarm', physicalId: name, name, attributes: { Arn: a.AlarmArn ?? '' }, tags, properties };
}

async function describe(ctx: HandlerContext, names?: string[]): Promise<MetricAlarm[]> {
  const out: MetricAlarm[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'], ...(names ? { AlarmNames: names } : {}), ...(NextToken ? { NextToken } : {}) }));
    out.push(...(page.MetricAlarms ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

async function tagsOf(ctx: HandlerContext, arn: string): Promise<Record<string, string>> {
  return tagsToRecord((await ctx.clients.cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags);
}

function putInput(d: DesiredResource, name: string): PutMetricAlarmCommandInput {
  const p: IrObject = {};
  for (const k of FIELDS) if (d.properties[k] !== undefined) p[k] = d.properties[k]!;
  // PutMetricAlarm takes the same member names as CloudFormation (PascalCase): no shape conversion.
  return { ...(p as unknown as PutMetricAlarmCommandInput), AlarmName: name };
}

/** AWS::CloudWatch::Alarm (metric alarms, e.g. the ones that trigger step scaling). Ref = the alarm name. */
export const alarmHandler: ResourceHandler = {
  type: 'AWS::CloudWatch::Alarm',
  deleteRank: -3,
  replaceOn: ['/AlarmName'],
  name: alarmName,
  async read(ctx, d) {
    const name = alarmName(d);
    const a = (await describe(ctx, [name])).find((x) => x.AlarmName === name);
    return a ? toLive(a, await tagsOf(ctx, a.AlarmArn ?? '')) : undefined;
  },
  diff(d, live) {
    const want: IrObject = { ...withoutKeys(d.properties, ['Tags']), AlarmName: alarmName(d) };
    for (const k of STRICT) if (want[k] === undefined && Array.isArray(live.properties[k]) && (live.properties[k] as unknown[]).length > 0) want[k] = [];
    return [...diffValues(want, live.properties, '', STRICT), ...changedTags(d.tags, live.tags)];
  },
  async create(ctx, d) {
    const name = alarmName(d);
    await ctx.clients.cloudwatch.send(new PutMetricAlarmCommand({ ...putInput(d, name), Tags: tagList(d.tags) }));
    const live = await this.read(ctx, d);
    if (!live) throw new Error(`alarm ${name} was created but cannot be described`);
    return live;
  },
  async update(ctx, d, live, changes) {
    const name = live.name;
    // PutMetricAlarm replaces the whole definition: send everything the design says.
    if (changes.some((c) => !c.path.startsWith('/Tags/'))) await ctx.clients.cloudwatch.send(new PutMetricAlarmCommand(putInput(d, name)));
    if (tagsChanged(changes)) {
      const arn = live.attributes['Arn'] ?? '';
      await ctx.clients.cloudwatch.send(new TagResourceCommand({ ResourceARN: arn, Tags: tagList(d.tags) }));
      const gone = removedTags(d.tags, live.tags);
      if (gone.length > 0) await ctx.clients.cloudwatch.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: gone }));
    }
    return (await this.read(ctx, d)) ?? live;
  },
  async delete(ctx, live) {
    await ctx.clients.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [live.name] }));
  },
  async listOwned(ctx) {
    const out: LiveResource[] = [];
    for (const a of await describe(ctx)) {
      const tags = await tagsOf(ctx, a.AlarmArn ?? '');
      if (tags[TAG_DESIGN] === ctx.designId) out.push(toLive(a, tags));
    }
    return out;
  },
};

