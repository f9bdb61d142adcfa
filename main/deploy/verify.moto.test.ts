import { CloudWatchLogsClient, CreateLogGroupCommand, TagLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateSecurityGroupCommand, CreateVpcCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { CreateClusterCommand, ECSClient } from '@aws-sdk/client-ecs';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand, IAMClient, TagRoleCommand } from '@aws-sdk/client-iam';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { buildResourceGraph } from '../../shared/iac/build';
import type { Finding } from '../../shared/findings';
import type { Design } from '../../shared/model/document';
import { motoClientConfig, motoTarget } from '../aws/testing/moto';
import { useMoto } from '../aws/testing/useMoto';
import { isMutating, type ApiCall } from './clients';
import { referencingDesign, smallFargateDesign, type ReferencedIds } from './testing/designs';
import { TAG_DESIGN } from './types';
import { VERIFY_RULES, verifyDesign } from './verify';

const moto = useMoto();
const ACCOUNT = '123456789012';
const cfg = () => motoClientConfig(moto.endpoint);

const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

async function verify(design: Design, parameters?: Record<string, string>): Promise<{ findings: Finding[]; mutating: string[] }> {
  const calls: ApiCall[] = [];
  const findings = await verifyDesign(design, buildResourceGraph(design), { target: motoTarget(moto.endpoint), designId: design.id, ...(parameters ? { parameters } : {}), onCall: (c) => calls.push(c) });
  return { findings, mutating: calls.filter((c) => isMutating(c.command)).map((c) => `${c.service}:${c.command}`) };
}

const nodeOf = (d: Design, kind: string, i = 0) => d.nodes.filter((n) => n.kind === kind)[i]?.id;
const summary = (findings: readonly Finding[]) => findings.map((f) => [f.rule, f.severity, f.nodeId, f.path]);

/** Creates everything `referencingDesign` references, correctly: default VPC network, roles trusting ECS tasks, an image, a target group behind an ALB. */
async function createReferenced(): Promise<ReferencedIds> {
  const ec2 = new EC2Client(cfg());
  const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets ?? [];
  const sg = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }))).SecurityGroups?.[0];
  const vpcId = subnets[0]?.VpcId ?? '';
  ec2.destroy();
  const ecs = new ECSClient(cfg());
  await ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
  ecs.destroy();
  const iam = new IAMClient(cfg());
  const exec = await iam.send(new CreateRoleCommand({ RoleName: 'prod-execution', AssumeRolePolicyDocument: trust('ecs-tasks.amazonaws.com') }));
  const task = await iam.send(new CreateRoleCommand({ RoleName: 'prod-task', AssumeRolePolicyDocument: trust('ecs-tasks.amazonaws.com') }));
  iam.destroy();
  const ecr = new ECRClient(cfg());
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/api' }));
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: `sha256:${'a'.repeat(64)}` }, layers: [] });
  await ecr.send(new PutImageCommand({ repositoryName: 'team/api', imageManifest: manifest, imageTag: '2.3.1' }));
  ecr.destroy();
  const sm = new SecretsManagerClient(cfg());
  const secret = await sm.send(new CreateSecretCommand({ Name: 'prod/db', SecretString: 'not-a-real-password' }));
  sm.destroy();
  const ssm = new SSMClient(cfg());
  await ssm.send(new PutParameterCommand({ Name: '/prod/api-key', Value: 'not-a-real-key', Type: 'SecureString' }));
  ssm.destroy();
  const logs = new CloudWatchLogsClient(cfg());
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/prod-api' }));
  logs.destroy();
  const elb = new ElasticLoadBalancingV2Client(cfg());
  const tg = (await elb.send(new CreateTargetGroupCommand({ Name: 'prod-api', Protocol: 'HTTP', Port: 8080, VpcId: vpcId, TargetType: 'ip' }))).TargetGroups?.[0]?.TargetGroupArn ?? '';
  const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: 'prod-alb', Subnets: subnets.slice(0, 2).map((s) => s.SubnetId ?? ''), SecurityGroups: [sg?.GroupId ?? ''] }))).LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  await elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] }));
  elb.destroy();
  return {
    vpcId,
    subnetIds: [subnets[0]?.SubnetId ?? '', subnets[1]?.SubnetId ?? ''],
    securityGroupId: sg?.GroupId ?? '',
    clusterName: 'prod',
    executionRoleArn: exec.Role?.Arn ?? '',
    taskRoleArn: task.Role?.Arn ?? '',
    repositoryName: 'team/api',
    imageTag: '2.3.1',
    secretArn: secret.ARN ?? '',
    parameterName: '/prod/api-key',
    logGroupName: '/ecs/prod-api',
    targetGroupArn: tg,
  };
}

describe('verify against the live account (moto)', { timeout: 60_000 }, () => {
  it('reports every referenced resource that does not exist, on its node and property, with read-only calls only', async () => {
    const design = referencingDesign({
      vpcId: 'vpc-0000000000000000a',
      subnetIds: ['subnet-0000000000000000a', 'subnet-0000000000000000b'],
      securityGroupId: 'sg-0000000000000000a',
      clusterName: 'prod',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/prod-execution`,
      taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/prod-task`,
      repositoryName: 'team/api',
      imageTag: '2.3.1',
      secretArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-AbCdEf`,
      parameterName: '/prod/api-key',
      logGroupName: '/ecs/prod-api',
      targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/prod-api/0123456789abcdef`,
    });
    const { findings, mutating } = await verify(design);
    expect(mutating).toEqual([]);
    const at = (kind: string, i = 0) => nodeOf(design, kind, i);
    const ptr = (kind: string, prop: string, i = 0) => `/nodes/${design.nodes.findIndex((n) => n.id === at(kind, i))}/properties/${prop}`;
    expect(summary(findings).sort()).toEqual(
      [
        ['deploy/cluster-missing', 'error', at('cluster'), ptr('cluster', 'clusterName')],
        ['deploy/role-missing', 'error', at('executionRole'), ptr('executionRole', 'arn')],
        ['deploy/role-missing', 'error', at('taskRole'), ptr('taskRole', 'arn')],
        ['deploy/image-repository-missing', 'error', at('ecrRepository'), ptr('ecrRepository', 'repositoryName')],
        ['deploy/secret-missing', 'error', at('secret', 0), ptr('secret', 'arn', 0)],
        ['deploy/secret-missing', 'error', at('secret', 1), ptr('secret', 'name', 1)],
        ['deploy/log-group-missing', 'error', at('logGroup'), ptr('logGroup', 'logGroupName')],
        ['deploy/target-group-missing', 'error', at('targetGroup'), ptr('targetGroup', 'arn')],
        ['deploy/vpc-missing', 'error', at('vpc'), ptr('vpc', 'vpcId')],
        ['deploy/subnet-missing', 'error', at('subnet', 0), ptr('subnet', 'subnetId', 0)],
        ['deploy/subnet-missing', 'error', at('subnet', 1), ptr('subnet', 'subnetId', 1)],
        ['deploy/security-group-missing', 'error', at('securityGroup'), ptr('securityGroup', 'groupId')],
      ].sort(),
    );
    expect(findings.find((f) => f.rule === 'deploy/role-missing' && f.nodeId === at('taskRole'))?.message).toBe(`taskRole "prod-task": role arn:aws:iam::${ACCOUNT}:role/service-role/prod-task does not exist`);
    for (const f of findings) expect(VERIFY_RULES.map((r) => r.id)).toContain(f.rule);
  });

  it('passes a design whose references all exist and fit; then finds a wrong trust, a missing image tag, a target group of the wrong type without a load balancer, and a security group of another VPC', async () => {
    const ids = await createReferenced();
    const good = referencingDesign(ids);
    expect((await verify(good)).findings).toEqual([]);

    // The image tag is a template parameter: a --param value that is not in the repository.
    const tagged = await verify(good, { RefWebWebImageTag: '9.9.9' });
    expect(summary(tagged.findings)).toEqual([['deploy/image-missing', 'error', nodeOf(good, 'container'), `/nodes/${good.nodes.findIndex((n) => n.kind === 'container')}/properties/imageTag`]]);
    expect(tagged.findings[0]?.message).toBe('container "web": repository team/api has no image tagged 9.9.9; tasks would stop with CannotPullContainerError');

    const iam = new IAMClient(cfg());
    const ec2Role = (await iam.send(new CreateRoleCommand({ RoleName: 'instances', AssumeRolePolicyDocument: trust('ec2.amazonaws.com') }))).Role?.Arn ?? '';
    iam.destroy();
    const elb = new ElasticLoadBalancingV2Client(cfg());
    const loose = (await elb.send(new CreateTargetGroupCommand({ Name: 'loose', Protocol: 'HTTP', Port: 8080, VpcId: ids.vpcId, TargetType: 'instance' }))).TargetGroups?.[0]?.TargetGroupArn ?? '';
    elb.destroy();
    const ec2 = new EC2Client(cfg());
    const otherVpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc?.VpcId ?? '';
    const otherSg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'elsewhere', Description: 'another VPC', VpcId: otherVpc }))).GroupId ?? '';
    ec2.destroy();

    const bad = referencingDesign({ ...ids, executionRoleArn: ec2Role, targetGroupArn: loose, securityGroupId: otherSg });
    const { findings, mutating } = await verify(bad);
    expect(mutating).toEqual([]);
    const svc = nodeOf(bad, 'service');
    const sg = nodeOf(bad, 'securityGroup');
    const tgEdge = bad.edges.findIndex((e) => e.kind === 'service-target-group');
    expect(summary(findings).sort()).toEqual(
      [
        ['deploy/role-trust', 'error', nodeOf(bad, 'executionRole'), `/nodes/${bad.nodes.findIndex((n) => n.kind === 'executionRole')}/properties/arn`],
        ['deploy/target-group-no-load-balancer', 'error', nodeOf(bad, 'targetGroup'), `/nodes/${bad.nodes.findIndex((n) => n.kind === 'targetGroup')}/properties/arn`],
        ['deploy/target-group-mismatch', 'warning', nodeOf(bad, 'targetGroup'), `/nodes/${bad.nodes.findIndex((n) => n.kind === 'targetGroup')}/properties`],
        ['deploy/target-group-target-type', 'error', nodeOf(bad, 'targetGroup'), `/edges/${tgEdge}`],
        ['deploy/network-vpc-mismatch', 'error', sg, `/nodes/${bad.nodes.findIndex((n) => n.id === sg)}/properties/groupId`],
        ['deploy/network-vpc-mismatch', 'error', svc, `/nodes/${bad.nodes.findIndex((n) => n.id === svc)}`],
      ].sort(),
    );
    expect(findings.find((f) => f.rule === 'deploy/role-trust')?.message).toBe('executionRole "instances": role instances does not trust ecs-tasks.amazonaws.com (its trust policy has no Allow of sts:AssumeRole for that service), so ECS tasks cannot assume it');
    expect(findings.find((f) => f.rule === 'deploy/network-vpc-mismatch' && f.nodeId === svc)?.message).toContain(`${otherVpc}: securityGroup "shared-tasks"`);
  });

  it('a role or log group the design creates must not take the name of one that is not ours (one tagged as ours is fine)', async () => {
    const design = smallFargateDesign();
    const iam = new IAMClient(cfg());
    await iam.send(new CreateRoleCommand({ RoleName: 'small-web-execution', AssumeRolePolicyDocument: trust('ecs-tasks.amazonaws.com') }));
    const logs = new CloudWatchLogsClient(cfg());
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/small-web', tags: { [TAG_DESIGN]: 'another-design' } }));
    const { findings, mutating } = await verify(design);
    expect(mutating).toEqual([]);
    const at = (kind: string, prop: string) => `/nodes/${design.nodes.findIndex((n) => n.kind === kind)}/properties/${prop}`;
    expect(summary(findings)).toEqual([
      ['deploy/name-taken', 'error', nodeOf(design, 'executionRole'), at('executionRole', 'roleName')],
      ['deploy/name-taken', 'error', nodeOf(design, 'logGroup'), at('logGroup', 'logGroupName')],
    ]);
    expect(findings[1]?.message).toBe('logGroup "/ecs/small-web": a log group named /ecs/small-web already exists and is not from this design (no ecs-designer:design-id tag of it); the deploy would not take it over: rename it, or reference the existing one');
    // Tagged as ours (a previous deploy of this design): fine.
    await iam.send(new TagRoleCommand({ RoleName: 'small-web-execution', Tags: [{ Key: TAG_DESIGN, Value: design.id }] }));
    await logs.send(new TagLogGroupCommand({ logGroupName: '/ecs/small-web', tags: { [TAG_DESIGN]: design.id } }));
    iam.destroy();
    logs.destroy();
    expect((await verify(design)).findings).toEqual([]);
  });

  it('a cluster the design creates must not take the name of a cluster that is not ours; an ECR image of the target account is checked too', async () => {
    const design = smallFargateDesign({ image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/small/web:1.0` });
    const ecs = new ECSClient(cfg());
    await ecs.send(new CreateClusterCommand({ clusterName: 'small-cluster' }));
    const first = await verify(design);
    expect(first.mutating).toEqual([]);
    const container = design.nodes.findIndex((n) => n.kind === 'container');
    expect(summary(first.findings)).toEqual([
      ['deploy/cluster-name-taken', 'error', nodeOf(design, 'cluster'), `/nodes/${design.nodes.findIndex((n) => n.kind === 'cluster')}/properties/clusterName`],
      ['deploy/image-repository-missing', 'error', nodeOf(design, 'container'), `/nodes/${container}/properties/image`],
    ]);
    // Our own cluster (a previous deploy of this design) is fine.
    await ecs.send(new CreateClusterCommand({ clusterName: 'small-cluster', tags: [{ key: TAG_DESIGN, value: design.id }] }));
    ecs.destroy();
    const ecr = new ECRClient(cfg());
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'small/web' }));
    ecr.destroy();
    expect(summary((await verify(design)).findings)).toEqual([['deploy/image-missing', 'error', nodeOf(design, 'container'), `/nodes/${container}/properties/image`]]);
  });
});
