/**
 * Deploys the CloudFormation template of a simple Fargate design to moto's CloudFormation (a local moto_server on
 * 127.0.0.1, dummy credentials) and checks through the ECS API that the stack created the cluster, the task
 * definition and the service.
 */
import { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIac } from '../../shared/iac';
import type { Design } from '../../shared/model/document';
import { containerAt, PatternBuilder } from '../../shared/patterns/builder';
import { motoClientConfig, startMoto, type MotoServer } from '../aws/testing/moto';

/** A Fargate service in two created subnets: VPC, security group, cluster, log group, execution role, task definition, service. */
function simpleFargateDesign(): Design {
  const b = new PatternBuilder('design-simple', 'Simple Fargate', 'moto deployment', { region: 'us-east-1', accountId: '123456789012' });
  const vpc = b.node('vpc', { cidrBlock: '10.0.0.0/16', name: 'simple' });
  const subnets = ['a', 'b'].map((x, i) => {
    const s = b.node('subnet', { cidrBlock: `10.0.${i}.0/24`, name: `private-${x}`, availabilityZone: `us-east-1${x}` });
    b.connect(s, vpc);
    return s;
  });
  const sg = b.node('securityGroup', { groupName: 'simple-tasks', description: 'tasks' });
  b.connect(sg, vpc);
  const cluster = b.node('cluster', { clusterName: 'simple-cluster' });
  const td = b.node('taskDefinition', { family: 'simple-web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' });
  const exec = b.node('executionRole', { roleName: 'simple-web-execution' });
  b.connect(td, exec);
  const logs = b.node('logGroup', { logGroupName: '/ecs/simple-web', retentionInDays: 7 });
  const c = b.node('container', { name: 'web', essential: true, image: 'public.ecr.aws/nginx/nginx:1.27', portMappings: [{ containerPort: 80, protocol: 'tcp' }] }, containerAt(td));
  b.connect(c, logs);
  const svc = b.node('service', { serviceName: 'simple-web', desiredCount: 1, launchType: 'FARGATE', deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } });
  b.connect(svc, cluster);
  b.connect(svc, td);
  for (const s of subnets) b.connect(svc, s);
  b.connect(svc, sg);
  return b.design;
}

describe('CloudFormation template deployed to moto', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  }, 90_000);
  afterAll(async () => {
    await moto?.stop();
  });

  it('creates the cluster, the task definition and the service', async () => {
    const [file] = generateIac(simpleFargateDesign(), 'cloudformation', { cfnFormat: 'json' });
    expect(file?.path).toBe('template.json');
    const cfn = new CloudFormationClient(motoClientConfig(moto.endpoint));
    await cfn.send(new CreateStackCommand({ StackName: 'simple-fargate', TemplateBody: file?.contents ?? '', Capabilities: ['CAPABILITY_NAMED_IAM'] }));
    let status: string | undefined;
    for (let i = 0; i < 100; i++) {
      status = (await cfn.send(new DescribeStacksCommand({ StackName: 'simple-fargate' }))).Stacks?.[0]?.StackStatus;
      if (status !== 'CREATE_IN_PROGRESS') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('CREATE_COMPLETE');
    const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: 'simple-fargate' }))).StackResources ?? [];
    expect(resources.filter((r) => r.ResourceStatus !== 'CREATE_COMPLETE').map((r) => r.LogicalResourceId)).toEqual([]);

    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    const clusters = await ecs.send(new DescribeClustersCommand({ clusters: ['simple-cluster'] }));
    expect(clusters.clusters?.map((c) => [c.clusterName, c.status])).toEqual([['simple-cluster', 'ACTIVE']]);
    const td = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'simple-web' }));
    expect(td.taskDefinition?.family).toBe('simple-web');
    expect(td.taskDefinition?.containerDefinitions?.map((c) => [c.name, c.image])).toEqual([['web', 'public.ecr.aws/nginx/nginx:1.27']]);
    // References resolved by the stack: the log group (Ref → its name) and the region (AWS::Region). moto's
    // CloudFormation drops some task-definition properties (execution role, network mode), so those are not checked.
    expect(td.taskDefinition?.containerDefinitions?.[0]?.logConfiguration?.options).toEqual({
      'awslogs-group': '/ecs/simple-web',
      'awslogs-region': 'us-east-1',
      'awslogs-stream-prefix': 'web',
    });
    const services = await ecs.send(new DescribeServicesCommand({ cluster: 'simple-cluster', services: ['simple-web'] }));
    expect(services.services?.map((s) => [s.serviceName, s.desiredCount, s.taskDefinition?.includes('task-definition/simple-web:')])).toEqual([['simple-web', 1, true]]);
  }, 120_000);
});
