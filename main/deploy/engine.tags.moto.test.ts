import { CloudWatchLogsClient, ListTagsLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient, ListTagsForResourceCommand as EcrTags, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IrObject, IrTemplate } from '../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../aws/testing/moto';
import { useMoto } from '../aws/testing/useMoto';
import { isMutating, type ApiCall } from './clients';
import { apply, plan, type ApplyOptions } from './engine';
import { TAG_DESIGN } from './types';

const moto = useMoto();
let vpcId = '';
beforeEach(async () => {
  const ec2 = new EC2Client(motoClientConfig(moto.endpoint));
  vpcId = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId ?? '';
}, 60_000);

/** Five resources of five services, each with user tags `team` (and `cost` unless dropped). */
function template(withCost: boolean): IrTemplate {
  const Tags = [{ Key: 'team', Value: 'shop' }, ...(withCost ? [{ Key: 'cost', Value: 'cc-42' }] : [])] as unknown as IrObject[];
  return {
    description: 'tags',
    parameters: [],
    resources: [
      { id: 'Logs', type: 'AWS::Logs::LogGroup', nodeId: 'logs', properties: { LogGroupName: '/ecs/tags', Tags } },
      { id: 'Role', type: 'AWS::IAM::Role', nodeId: 'role', properties: { RoleName: 'tags-role', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, Tags } },
      { id: 'Repo', type: 'AWS::ECR::Repository', nodeId: 'repo', properties: { RepositoryName: 'tags/app', Tags } },
      { id: 'Cluster', type: 'AWS::ECS::Cluster', nodeId: 'cluster', properties: { ClusterName: 'tags', Tags } },
      { id: 'Group', type: 'AWS::EC2::SecurityGroup', nodeId: 'sg', properties: { GroupName: 'tags-sg', GroupDescription: 'tags', VpcId: vpcId, Tags } },
    ],
    outputs: [],
  };
}

function engine(calls: ApiCall[]): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: 'tags-design', stackName: 'tags', onCall: (c) => calls.push(c) };
}

describe('tags removed from the design are removed from the live resources', { timeout: 90_000 }, () => {
  it('untags logs, IAM, ECR, ECS and EC2 resources, keeps ours and the others, then has nothing to do', async () => {
    expect((await apply(template(true), engine([]))).status).toBe('succeeded');
    const p = await plan(template(false), engine([]));
    expect(p.steps.map((s) => [s.logicalId, s.action, s.changes])).toEqual(
      ['Cluster', 'Group', 'Logs', 'Repo', 'Role'].map((id) => [id, 'update', [{ path: '/Tags/cost', before: 'cc-42', after: undefined }]]),
    );
    const calls: ApiCall[] = [];
    expect((await apply(template(false), engine(calls))).status).toBe('succeeded');
    const untags = calls.filter((c) => isMutating(c.command) && /^(Untag|DeleteTags)/.test(c.command)).map((c) => `${c.service}:${c.command}`);
    expect(untags.sort()).toEqual(['ec2:DeleteTags', 'ecr:UntagResource', 'ecs:UntagResource', 'iam:UntagRole', 'logs:UntagLogGroup']);

    const cfg = motoClientConfig(moto.endpoint);
    const logTags = (await new CloudWatchLogsClient(cfg).send(new ListTagsLogGroupCommand({ logGroupName: '/ecs/tags' }))).tags ?? {};
    const roleTags = Object.fromEntries(((await new IAMClient(cfg).send(new GetRoleCommand({ RoleName: 'tags-role' }))).Role?.Tags ?? []).map((t) => [t.Key, t.Value]));
    const ecr = new ECRClient(cfg);
    const repoArn = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['tags/app'] }))).repositories?.[0]?.repositoryArn;
    const repoTags = Object.fromEntries(((await ecr.send(new EcrTags({ resourceArn: repoArn }))).tags ?? []).map((t) => [t.Key, t.Value]));
    const clusterTags = Object.fromEntries(((await new ECSClient(cfg).send(new DescribeClustersCommand({ clusters: ['tags'], include: ['TAGS'] }))).clusters?.[0]?.tags ?? []).map((t) => [t.key, t.value]));
    const sgTags = Object.fromEntries(((await new EC2Client(cfg).send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['tags-sg'] }] }))).SecurityGroups?.[0]?.Tags ?? []).map((t) => [t.Key, t.Value]));
    for (const tags of [logTags, roleTags, repoTags, clusterTags, sgTags]) {
      expect(tags).toMatchObject({ team: 'shop', [TAG_DESIGN]: 'tags-design' });
      expect(Object.keys(tags)).not.toContain('cost');
    }
    const again: ApiCall[] = [];
    expect((await apply(template(false), engine(again))).message).toBe('nothing to do');
    expect(again.filter((c) => isMutating(c.command))).toEqual([]);
  });
});
