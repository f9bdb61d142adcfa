import type { Design } from '../../../shared/model/document';
import { containerAt, PatternBuilder } from '../../../shared/patterns/builder';

/**
 * A small Fargate design for the verify / status / stack-route tests: a VPC with two subnets and a security group,
 * a cluster, a log group, an execution role, one task definition (container "web" on port 80) and one service.
 * `image` is the full image reference of the container.
 */
export function smallFargateDesign(opts: { id?: string; name?: string; image?: string; desiredCount?: number } = {}): Design {
  const b = new PatternBuilder(opts.id ?? 'design-small', opts.name ?? 'Small Fargate', 'deploy tests', { region: 'us-east-1' });
  const vpc = b.node('vpc', { cidrBlock: '10.0.0.0/16', name: 'small' });
  const subnets = ['a', 'b'].map((x, i) => {
    const s = b.node('subnet', { cidrBlock: `10.0.${i}.0/24`, name: `private-${x}`, availabilityZone: `us-east-1${x}` });
    b.connect(s, vpc);
    return s;
  });
  const sg = b.node('securityGroup', { groupName: 'small-tasks', description: 'tasks' });
  b.connect(sg, vpc);
  const cluster = b.node('cluster', { clusterName: 'small-cluster' });
  const td = b.node('taskDefinition', { family: 'small-web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' });
  const exec = b.node('executionRole', { roleName: 'small-web-execution' });
  b.connect(td, exec);
  const logs = b.node('logGroup', { logGroupName: '/ecs/small-web', retentionInDays: 7 });
  const c = b.node('container', { name: 'web', essential: true, image: opts.image ?? 'public.ecr.aws/nginx/nginx:1.27', portMappings: [{ containerPort: 80, protocol: 'tcp' }] }, containerAt(td));
  b.connect(c, logs);
  const svc = b.node('service', { serviceName: 'small-web', desiredCount: opts.desiredCount ?? 1, launchType: 'FARGATE', deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } });
  b.connect(svc, cluster);
  b.connect(svc, td);
  for (const s of subnets) b.connect(svc, s);
  b.connect(svc, sg);
  return b.design;
}

/** Ids and names of what `referencingDesign` uses without creating it. */
export interface ReferencedIds {
  readonly vpcId: string;
  readonly subnetIds: readonly [string, string];
  readonly securityGroupId: string;
  readonly clusterName: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly repositoryName: string;
  readonly imageTag: string;
  readonly secretArn: string;
  readonly parameterName: string;
  readonly logGroupName: string;
  readonly targetGroupArn: string;
}

/**
 * A Fargate service that creates only its task definition and service: the VPC, subnets, security group, cluster,
 * roles, ECR repository, Secrets Manager secret, SSM parameter, log group and target group all exist already
 * (given by id, name or ARN). Container "web" listens on 8080/tcp and registers in the target group.
 */
export function referencingDesign(ids: ReferencedIds): Design {
  const b = new PatternBuilder('design-ref', 'Referencing', 'verify tests', { region: 'us-east-1' });
  const vpc = b.node('vpc', { vpcId: ids.vpcId, name: 'shared' });
  const subnets = ids.subnetIds.map((subnetId, i) => {
    const s = b.node('subnet', { subnetId, name: `shared-${i}` });
    b.connect(s, vpc);
    return s;
  });
  const sg = b.node('securityGroup', { groupId: ids.securityGroupId, groupName: 'shared-tasks' });
  b.connect(sg, vpc);
  const cluster = b.node('cluster', { clusterName: ids.clusterName, existing: true });
  const td = b.node('taskDefinition', { family: 'ref-web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' });
  b.connect(td, b.node('executionRole', { arn: ids.executionRoleArn }));
  b.connect(td, b.node('taskRole', { arn: ids.taskRoleArn }));
  const c = b.node('container', { name: 'web', essential: true, imageTag: ids.imageTag, portMappings: [{ containerPort: 8080, protocol: 'tcp' }] }, containerAt(td));
  b.connect(c, b.node('ecrRepository', { repositoryName: ids.repositoryName, existing: true }));
  b.connect(c, b.node('logGroup', { logGroupName: ids.logGroupName, existing: true }));
  b.connect(c, b.node('secret', { store: 'secretsmanager', arn: ids.secretArn }), { name: 'DB_PASSWORD' });
  b.connect(c, b.node('secret', { store: 'ssm', name: ids.parameterName }), { name: 'API_KEY' });
  const tg = b.node('targetGroup', { name: 'shared-tg', arn: ids.targetGroupArn, targetType: 'ip', protocol: 'HTTP', port: 8080 });
  const svc = b.node('service', { serviceName: 'ref-web', desiredCount: 1, launchType: 'FARGATE' });
  b.connect(svc, cluster);
  b.connect(svc, td);
  b.connect(svc, tg, { containerName: 'web', containerPort: 8080 });
  for (const s of subnets) b.connect(svc, s);
  b.connect(svc, sg);
  return b.design;
}
