import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSecurityGroupRulesCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ir, type IrTemplate } from '../../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { useMoto } from '../../aws/testing/useMoto';
import { isMutating, type ApiCall } from '../clients';
import { apply, destroy, plan, type ApplyOptions } from '../engine';
import { TAG_DESIGN, TAG_LOGICAL } from '../types';

const moto = useMoto();
const DESIGN = 'rules-design';
let ec2: EC2Client;
let vpcId = '';
beforeEach(async () => {
  ec2 = new EC2Client(motoClientConfig(moto.endpoint));
  vpcId = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId ?? '';
});
afterEach(() => ec2.destroy());

function opts(calls: ApiCall[] = [], extra: Partial<ApplyOptions> = {}): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: DESIGN, stackName: 'web', parameters: { Vpc: vpcId }, pollIntervalMs: 20, stableTimeoutMs: 5_000, onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true), ...extra };
}
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => c.command);

/** As build.ts emits it: the load balancer group with an inline rule, the tasks group opened by a separate rule. */
function template(o: { port?: number; description?: string } = {}): IrTemplate {
  const port = o.port ?? 8080;
  return {
    description: 'rules',
    parameters: [{ id: 'Vpc', type: 'AWS::EC2::VPC::Id', description: 'the VPC' }],
    resources: [
      { id: 'AlbSg', type: 'AWS::EC2::SecurityGroup', nodeId: 'alb-sg', properties: { GroupName: 'web-alb', GroupDescription: 'lb', VpcId: ir.ref('Vpc'), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }] } },
      { id: 'TasksSg', type: 'AWS::EC2::SecurityGroup', nodeId: 'tasks-sg', properties: { GroupName: 'web-tasks', GroupDescription: 'tasks', VpcId: ir.ref('Vpc') } },
      {
        id: 'TasksFromAlb',
        type: 'AWS::EC2::SecurityGroupIngress',
        nodeId: 'svc',
        properties: { GroupId: ir.ref('TasksSg'), SourceSecurityGroupId: ir.ref('AlbSg'), IpProtocol: 'tcp', FromPort: port, ToPort: port, Description: o.description ?? 'from the load balancer' },
      },
      { id: 'AlbToTasks', type: 'AWS::EC2::SecurityGroupEgress', nodeId: 'alb-sg', properties: { GroupId: ir.getAtt('AlbSg', 'GroupId'), DestinationSecurityGroupId: ir.ref('TasksSg'), IpProtocol: 'tcp', FromPort: port, ToPort: port } },
    ],
    outputs: [],
  };
}

async function groupIds(): Promise<{ alb: string; tasks: string }> {
  const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['web-alb', 'web-tasks'] }] }))).SecurityGroups ?? [];
  return { alb: groups.find((g) => g.GroupName === 'web-alb')?.GroupId ?? '', tasks: groups.find((g) => g.GroupName === 'web-tasks')?.GroupId ?? '' };
}

describe('security group ingress/egress rules against moto', { timeout: 120_000 }, () => {
  it('authorizes tagged rules next to inline ones, redeploys with no change, edits the description in place, replaces on a port change, destroys', async () => {
    const calls: ApiCall[] = [];
    const first = await apply(template(), opts(calls));
    expect(first.status, first.message).toBe('succeeded');
    const { alb, tasks } = await groupIds();
    const rules = (await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: `tag:${TAG_DESIGN}`, Values: [DESIGN] }] }))).SecurityGroupRules ?? [];
    expect(rules.map((r) => [r.GroupId, r.IsEgress, r.IpProtocol, r.FromPort, r.ToPort, r.ReferencedGroupInfo?.GroupId]).sort()).toEqual(
      [
        [tasks, false, 'tcp', 8080, 8080, alb],
        [alb, true, 'tcp', 8080, 8080, tasks],
      ].sort(),
    );
    const ingress = rules.find((r) => !r.IsEgress);
    expect(ingress?.Tags).toEqual(expect.arrayContaining([{ Key: TAG_LOGICAL, Value: 'TasksFromAlb' }]));
    expect(first.results.find((r) => r.logicalId === 'TasksFromAlb')?.physicalId).toBe(ingress?.SecurityGroupRuleId);
    // The load balancer group keeps its inline rule and AWS's default egress next to the separate egress rule.
    const albGroup = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [alb] }))).SecurityGroups?.[0];
    expect(albGroup?.IpPermissions?.map((p) => p.FromPort)).toEqual([80]);
    expect(albGroup?.IpPermissionsEgress?.length).toBe(2);

    // The groups do not see the separate rules as drift: nothing to do, no call that changes anything.
    calls.length = 0;
    const again = await plan(template(), opts(calls));
    expect(again.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes])).toEqual([]);
    expect(mutating(calls)).toEqual([]);

    calls.length = 0;
    const described = await apply(template({ description: 'HTTP from the ALB' }), opts(calls));
    expect(described.status, described.message).toBe('succeeded');
    expect(mutating(calls)).toEqual(['ModifySecurityGroupRules']);
    expect((await plan(template({ description: 'HTTP from the ALB' }), opts())).nothingToDo).toBe(true);

    const moved = await plan(template({ port: 9090, description: 'HTTP from the ALB' }), opts());
    expect(moved.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.reason])).toEqual([
      ['AlbToTasks', 'replace', 'FromPort cannot change in place'],
      ['TasksFromAlb', 'replace', 'FromPort cannot change in place'],
    ]);
    calls.length = 0;
    expect((await apply(template({ port: 9090, description: 'HTTP from the ALB' }), opts(calls))).status).toBe('succeeded');
    expect(mutating(calls).sort()).toEqual(['AuthorizeSecurityGroupEgress', 'AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'RevokeSecurityGroupIngress']);
    const tasksGroup = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [tasks] }))).SecurityGroups?.[0];
    expect(tasksGroup?.IpPermissions?.map((p) => [p.FromPort, p.UserIdGroupPairs?.[0]?.GroupId])).toEqual([[9090, alb]]);

    const gone = await destroy(opts());
    expect(gone.status, gone.message).toBe('succeeded');
    expect(gone.plan.map((s) => s.type)).toEqual(['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroup']);
    expect((await groupIds()).alb).toBe('');
  });

  it('the same rule authorized by someone else is a conflict and stays', async () => {
    const theirs = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'theirs', Description: 'not ours', VpcId: vpcId }))).GroupId ?? '';
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: theirs, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] }));
    const t: IrTemplate = {
      description: 'look-alike rule',
      parameters: [{ id: 'Group', type: 'AWS::EC2::SecurityGroup::Id', description: 'existing group' }],
      resources: [{ id: 'Postgres', type: 'AWS::EC2::SecurityGroupIngress', properties: { GroupId: ir.ref('Group'), IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '10.0.0.0/8' } }],
      outputs: [],
    };
    const calls: ApiCall[] = [];
    const report = await apply(t, opts(calls, { parameters: { Group: theirs } }));
    expect(report.status).toBe('refused');
    expect(report.plan.map((s) => [s.logicalId, s.action])).toEqual([['Postgres', 'conflict']]);
    expect(mutating(calls)).toEqual([]);
    expect((await destroy(opts([], { parameters: { Group: theirs } }))).message).toMatch(/nothing to do/);
    const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [theirs] }))).SecurityGroups?.[0];
    expect(group?.IpPermissions?.map((p) => [p.FromPort, p.IpRanges?.[0]?.CidrIp])).toEqual([[5432, '10.0.0.0/8']]);
  });
});
