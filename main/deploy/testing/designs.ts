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
