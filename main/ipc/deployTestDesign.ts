import { containerAt, PatternBuilder } from '../../shared/patterns/builder';
import type { Design } from '../../shared/model/document';

/**
 * A pattern-like design for the Deploy tests (IPC handlers and e2e): Fargate services in an EXISTING VPC and
 * subnets (moto's default ones), with a created security group, cluster with the FARGATE capacity provider, roles,
 * log group and ECR repository — only resource types the deploy engine handles without the network handlers.
 * `services` names the services (each gets its task definition and container).
 */
export function deployTestDesign(network: { vpcId: string; subnetIds: readonly string[] }, opts: { services?: readonly string[]; id?: string } = {}): Design {
  const b = new PatternBuilder(opts.id ?? 'design-deploy-e2e', 'Deploy test', 'Fargate services in an existing VPC (deploy tests).', { region: 'us-east-1' });
  const vpc = b.node('vpc', { vpcId: network.vpcId, name: 'default' });
  const subnets = network.subnetIds.map((id, i) => {
    const s = b.node('subnet', { subnetId: id, name: `default-${i + 1}` });
    b.connect(s, vpc);
    return s;
  });
  const sg = b.node('securityGroup', { groupName: 'deploy-e2e-tasks', description: 'Tasks of the deploy test' });
  b.connect(sg, vpc);
  const cluster = b.node('cluster', { clusterName: 'deploy-e2e', containerInsights: 'enabled' });
  const fargate = b.node('fargateCapacityProvider', { provider: 'FARGATE' });
  b.connect(fargate, cluster, { defaultWeight: 1 });
  const execRole = b.node('executionRole', { roleName: 'deploy-e2e-execution', managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'] });
  const logs = b.node('logGroup', { logGroupName: '/ecs/deploy-e2e', retentionInDays: 30 });
  const repo = b.node('ecrRepository', { repositoryName: 'deploy-e2e', scanOnPush: true });
  for (const name of opts.services ?? ['api']) {
    const td = b.node('taskDefinition', {
      family: `deploy-e2e-${name}`,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
    });
    b.connect(td, execRole);
    const app = b.node('container', { name, essential: true, imageTag: '1.0.0', readonlyRootFilesystem: true, portMappings: [{ containerPort: 8080, protocol: 'tcp' }] }, containerAt(td));
    b.connect(app, repo);
    b.connect(app, logs);
    const service = b.node('service', {
      serviceName: name,
      desiredCount: 1,
      launchType: 'FARGATE',
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    b.connect(service, cluster);
    b.connect(service, td);
    for (const s of subnets) b.connect(service, s);
    b.connect(service, sg);
  }
  return b.build();
}
