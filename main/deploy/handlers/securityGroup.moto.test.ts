import { DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { ir, type IrTemplate } from '../../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { isMutating, type ApiCall } from '../clients';
import { apply, plan } from '../engine';
import { TAG_DESIGN } from '../types';
import { useMoto } from '../../aws/testing/useMoto';

const moto = useMoto();
let vpcId = '';
beforeEach(async () => {
  const ec2 = new EC2Client(motoClientConfig(moto.endpoint));
  vpcId = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId ?? '';
}, 60_000);

function groups(port: number): IrTemplate {
  return {
    description: 'security groups',
    parameters: [{ id: 'Vpc', type: 'AWS::EC2::VPC::Id', description: 'the VPC' }],
    resources: [
      { id: 'AlbSg', type: 'AWS::EC2::SecurityGroup', nodeId: 'alb', properties: { GroupName: 'web-alb', GroupDescription: 'load balancer', VpcId: ir.ref('Vpc'), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] } },
      {
        id: 'TasksSg',
        type: 'AWS::EC2::SecurityGroup',
        nodeId: 'tasks',
        properties: { GroupName: 'web-tasks', GroupDescription: 'tasks', VpcId: ir.ref('Vpc'), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, SourceSecurityGroupId: ir.getAtt('AlbSg', 'GroupId') }] },
      },
    ],
    outputs: [],
  };
}

describe('security groups against moto', { timeout: 90_000 }, () => {
  it('creates groups with their rules (one referring to the other), redeploys with no change, and changes a port by rule', async () => {
    const calls: ApiCall[] = [];
    const opts = () => ({ target: motoTarget(moto.endpoint), designId: 'sg-design', stackName: 'web', parameters: { Vpc: vpcId }, onCall: (c: ApiCall) => calls.push(c) });
    expect((await apply(groups(8080), opts())).status).toBe('succeeded');
    const ec2 = new EC2Client(motoClientConfig(moto.endpoint));
    const found = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['web-alb', 'web-tasks'] }] }))).SecurityGroups ?? [];
    const alb = found.find((g) => g.GroupName === 'web-alb');
    const tasks = found.find((g) => g.GroupName === 'web-tasks');
    expect(tasks?.IpPermissions?.map((p) => [p.IpProtocol, p.FromPort, p.UserIdGroupPairs?.[0]?.GroupId])).toEqual([['tcp', 8080, alb?.GroupId]]);
    expect(alb?.Tags).toEqual(expect.arrayContaining([{ Key: TAG_DESIGN, Value: 'sg-design' }]));

    calls.length = 0;
    expect((await plan(groups(8080), opts())).nothingToDo).toBe(true);
    expect(calls.filter((c) => isMutating(c.command))).toEqual([]);

    const changed = await plan(groups(9090), opts());
    expect(changed.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes.map((c) => c.path)])).toEqual([['TasksSg', 'update', ['/SecurityGroupIngress']]]);
    calls.length = 0;
    expect((await apply(groups(9090), opts())).status).toBe('succeeded');
    expect(calls.filter((c) => isMutating(c.command)).map((c) => c.command)).toEqual(['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress']);
    const after = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [tasks?.GroupId ?? ''] }))).SecurityGroups?.[0];
    expect(after?.IpPermissions?.map((p) => p.FromPort)).toEqual([9090]);
  });
});
