import type { Design, DesignSettings } from '../model/document';
import { containerAt, PatternBuilder } from './builder';

export type PatternOptions = {
  /** Design name (default: the pattern's title). */
  name?: string;
  /** AWS region and account of the design (awslogs region, ARNs of created roles). */
  settings?: DesignSettings;
};

export type Pattern = {
  /** Stable name used by the CLI (`ecs-designer new --pattern NAME`) and the command palette. */
  id: string;
  title: string;
  description: string;
  build: (opts?: PatternOptions) => Design;
};

const EXEC_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

type Network = { vpc: string; privateSubnets: string[]; publicSubnets: string[] };

/** A VPC with two private (and optionally two public) subnets in two Availability Zones. */
function network(b: PatternBuilder, region: string | undefined, withPublic: boolean): Network {
  const vpc = b.node('vpc', { cidrBlock: '10.0.0.0/16', name: 'app-vpc' });
  const az = (x: string) => (region === undefined ? {} : { availabilityZone: `${region}${x}` });
  const privateSubnets = ['a', 'b'].map((x, i) => {
    const s = b.node('subnet', { cidrBlock: `10.0.${i + 1}.0/24`, public: false, name: `private-${x}`, ...az(x) });
    b.connect(s, vpc);
    return s;
  });
  const publicSubnets = withPublic
    ? ['a', 'b'].map((x, i) => {
        const s = b.node('subnet', { cidrBlock: `10.0.${i + 101}.0/24`, public: true, name: `public-${x}`, ...az(x) });
        b.connect(s, vpc);
        return s;
      })
    : [];
  return { vpc, privateSubnets, publicSubnets };
}

/** The task definition, roles and log group every pattern shares; returns the ids. */
function taskDefinition(
  b: PatternBuilder,
  family: string,
  size: { cpu: string; memory: string },
  compat: 'FARGATE' | 'EC2' = 'FARGATE',
): { td: string; taskRole: string; execRole: string; logs: string } {
  const td = b.node(
    'taskDefinition',
    {
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: [compat],
      cpu: size.cpu,
      memory: size.memory,
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
    },
  );
  const taskRole = b.node('taskRole', { roleName: `${family}-task` });
  const execRole = b.node('executionRole', { roleName: `${family}-execution`, managedPolicyArns: [EXEC_POLICY] });
  b.connect(td, taskRole);
  b.connect(td, execRole);
  const logs = b.node('logGroup', { logGroupName: `/ecs/${family}`, retentionInDays: 30 });
  return { td, taskRole, execRole, logs };
}

function builder(id: string, title: string, description: string, opts: PatternOptions): PatternBuilder {
  return new PatternBuilder(`design-${id}`, opts.name ?? title, description, opts.settings ?? {});
}

/** Internet-facing ALB → target group → Fargate service (2–10 tasks, CPU target tracking) in private subnets. */
export function loadBalancedWebService(opts: PatternOptions = {}): Design {
  const b = builder('web', 'Load-balanced web service on Fargate', 'An Application Load Balancer in public subnets forwards HTTP to a Fargate service in private subnets; the image comes from ECR, logs go to CloudWatch, the service scales on CPU.', opts);
  const region = opts.settings?.region;
  const net = network(b, region, true);
  const cluster = b.node('cluster', { clusterName: 'web-cluster', containerInsights: 'enabled' });
  const fargate = b.node('fargateCapacityProvider', { provider: 'FARGATE' });
  b.connect(fargate, cluster, { defaultWeight: 1 });
  const { td, logs } = taskDefinition(b, 'web', { cpu: '512', memory: '1024' });
  const repo = b.node('ecrRepository', { repositoryName: 'web', scanOnPush: true, imageTagMutability: 'IMMUTABLE' });
  const app = b.node(
    'container',
    {
      name: 'web',
      essential: true,
      imageTag: '1.0.0',
      portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      readonlyRootFilesystem: true,
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], interval: 30, timeout: 5, retries: 3 },
      environment: [{ name: 'PORT', value: '8080' }],
    },
    containerAt(td),
  );
  b.connect(app, repo);
  b.connect(app, logs);
  const albSg = b.node('securityGroup', { groupName: 'web-alb', description: 'Load balancer: HTTP from the internet', ingress: [{ protocol: 'tcp', fromPort: 80, toPort: 80, cidr: '0.0.0.0/0', description: 'HTTP' }] });
  const taskSg = b.node('securityGroup', { groupName: 'web-tasks', description: 'Tasks of the web service' });
  b.connect(albSg, net.vpc);
  b.connect(taskSg, net.vpc);
  const alb = b.node('loadBalancer', { name: 'web-alb', type: 'application', scheme: 'internet-facing' });
  for (const s of net.publicSubnets) b.connect(alb, s);
  b.connect(alb, albSg);
  const listener = b.node('listener', { port: 80, protocol: 'HTTP' });
  b.connect(listener, alb);
  const tg = b.node('targetGroup', { name: 'web-tg', targetType: 'ip', protocol: 'HTTP', port: 8080, healthCheck: { path: '/health', matcher: '200-399' } });
  b.connect(listener, tg);
  b.connect(tg, net.vpc);
  const service = b.node(
    'service',
    {
      serviceName: 'web',
      desiredCount: 2,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      healthCheckGracePeriodSeconds: 60,
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
    },
  );
  b.connect(service, cluster);
  b.connect(service, td);
  b.connect(service, tg, { containerName: 'web', containerPort: 8080 });
  for (const s of net.privateSubnets) b.connect(service, s);
  b.connect(service, taskSg);
  const target = b.node('scalableTarget', { minCapacity: 2, maxCapacity: 10 });
  b.connect(target, service);
  const cpu = b.node('targetTrackingPolicy', { policyName: 'web-cpu-60', metric: 'ECSServiceAverageCPUUtilization', targetValue: 60 });
  b.connect(cpu, target);
  return b.build();
}

/** A queue worker on Fargate Spot (with an on-demand base), scaled in steps on the SQS queue depth. */
export function spotQueueWorker(opts: PatternOptions = {}): Design {
  const b = builder('worker', 'Queue worker on Fargate Spot', 'A worker service without a load balancer runs mostly on Fargate Spot (one on-demand task as a base) and scales in steps on the number of visible SQS messages.', opts);
  const region = opts.settings?.region;
  const net = network(b, region, false);
  const cluster = b.node('cluster', { clusterName: 'workers', containerInsights: 'enabled' });
  const spot = b.node('fargateCapacityProvider', { provider: 'FARGATE_SPOT' });
  const onDemand = b.node('fargateCapacityProvider', { provider: 'FARGATE' });
  b.connect(spot, cluster, { defaultWeight: 4 });
  b.connect(onDemand, cluster, { defaultWeight: 1, defaultBase: 1 });
  const { td, logs } = taskDefinition(b, 'worker', { cpu: '256', memory: '512' });
  const repo = b.node('ecrRepository', { repositoryName: 'worker', scanOnPush: true, imageTagMutability: 'IMMUTABLE' });
  const app = b.node(
    'container',
    { name: 'worker', essential: true, imageTag: '1.0.0', readonlyRootFilesystem: true, environment: [{ name: 'QUEUE_NAME', value: 'jobs' }], stopTimeout: 110 },
    containerAt(td),
  );
  b.connect(app, repo);
  b.connect(app, logs);
  const sg = b.node('securityGroup', { groupName: 'worker-tasks', description: 'Worker tasks: no inbound traffic' });
  b.connect(sg, net.vpc);
  const service = b.node(
    'service',
    {
      serviceName: 'worker',
      desiredCount: 1,
      platformVersion: 'LATEST',
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
    },
  );
  b.connect(service, cluster);
  b.connect(service, td);
  b.connect(service, spot, { weight: 4 });
  b.connect(service, onDemand, { weight: 1, base: 1 });
  for (const s of net.privateSubnets) b.connect(service, s);
  b.connect(service, sg);
  const target = b.node('scalableTarget', { minCapacity: 1, maxCapacity: 20 });
  b.connect(target, service);
  const alarm = { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: [{ name: 'QueueName', value: 'jobs' }], statistic: 'Average' as const, period: 60, evaluationPeriods: 2 };
  const out = b.node(
    'stepScalingPolicy',
    {
      policyName: 'worker-queue-scale-out',
      adjustmentType: 'ChangeInCapacity',
      cooldown: 60,
      metricAggregationType: 'Average',
      stepAdjustments: [
        { metricIntervalLowerBound: 0, metricIntervalUpperBound: 400, scalingAdjustment: 1 },
        { metricIntervalLowerBound: 400, scalingAdjustment: 4 },
      ],
      alarm: { ...alarm, alarmName: 'worker-queue-high', threshold: 100, comparisonOperator: 'GreaterThanOrEqualToThreshold' },
    },
  );
  const scaleIn = b.node(
    'stepScalingPolicy',
    {
      policyName: 'worker-queue-scale-in',
      adjustmentType: 'ChangeInCapacity',
      cooldown: 120,
      metricAggregationType: 'Average',
      stepAdjustments: [{ metricIntervalUpperBound: 0, scalingAdjustment: -1 }],
      alarm: { ...alarm, alarmName: 'worker-queue-low', threshold: 10, comparisonOperator: 'LessThanOrEqualToThreshold' },
    },
  );
  b.connect(out, target);
  b.connect(scaleIn, target);
  return b.build();
}

/**
 * A batch job that runs on a schedule: a Fargate service kept at zero tasks, scaled to one task at 02:00 and back
 * to zero at 04:00 by scheduled actions.
 */
export function scheduledTask(opts: PatternOptions = {}): Design {
  const b = builder('scheduled', 'Scheduled task on Fargate', 'A nightly batch job: its service normally runs no task; scheduled actions scale it to one task at 02:00 and back to zero at 04:00 (UTC).', opts);
  const region = opts.settings?.region;
  const net = network(b, region, false);
  const cluster = b.node('cluster', { clusterName: 'batch', containerInsights: 'enabled' });
  const fargate = b.node('fargateCapacityProvider', { provider: 'FARGATE' });
  b.connect(fargate, cluster, { defaultWeight: 1 });
  const { td, logs } = taskDefinition(b, 'nightly-report', { cpu: '1024', memory: '2048' });
  const repo = b.node('ecrRepository', { repositoryName: 'nightly-report', scanOnPush: true, imageTagMutability: 'IMMUTABLE' });
  const job = b.node('container', { name: 'report', essential: true, imageTag: '1.0.0', readonlyRootFilesystem: true, command: ['run-report'] }, containerAt(td));
  b.connect(job, repo);
  b.connect(job, logs);
  const sg = b.node('securityGroup', { groupName: 'batch-tasks', description: 'Batch tasks: no inbound traffic' });
  b.connect(sg, net.vpc);
  const service = b.node(
    'service',
    {
      serviceName: 'nightly-report',
      desiredCount: 0,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true } },
    },
  );
  b.connect(service, cluster);
  b.connect(service, td);
  for (const s of net.privateSubnets) b.connect(service, s);
  b.connect(service, sg);
  const target = b.node('scalableTarget', { minCapacity: 0, maxCapacity: 1 });
  b.connect(target, service);
  const start = b.node('scheduledAction', { scheduledActionName: 'start-nightly-report', schedule: 'cron(0 2 * * ? *)', timezone: 'UTC', minCapacity: 1, maxCapacity: 1 });
  const stop = b.node('scheduledAction', { scheduledActionName: 'stop-nightly-report', schedule: 'cron(0 4 * * ? *)', timezone: 'UTC', minCapacity: 0, maxCapacity: 0 });
  b.connect(start, target);
  b.connect(stop, target);
  return b.build();
}

/** An EC2 cluster: an Auto Scaling group capacity provider with managed scaling, its instance role and ecs.config. */
export function ec2Cluster(opts: PatternOptions = {}): Design {
  const b = builder('ec2', 'EC2 cluster with an Auto Scaling group', 'ECS-optimized instances in an Auto Scaling group joined to the cluster through ecs.config, scaled by capacity provider managed scaling; a service places its tasks there.', opts);
  const region = opts.settings?.region;
  const net = network(b, region, false);
  const clusterName = 'ec2-cluster';
  const cluster = b.node('cluster', { clusterName, containerInsights: 'enabled' });
  const asg = b.node(
    'asgCapacityProvider',
    {
      name: 'ec2-capacity',
      instanceType: 't3.medium',
      minSize: 1,
      maxSize: 6,
      managedScaling: { status: 'ENABLED', targetCapacity: 90 },
      managedTerminationProtection: 'DISABLED',
      managedDraining: 'ENABLED',
      ecsConfig: { ECS_CLUSTER: clusterName, ECS_ENABLE_CONTAINER_METADATA: 'true' },
    },
  );
  b.connect(asg, cluster, { defaultWeight: 1 });
  const instanceRole = b.node('instanceRole', { roleName: 'ecs-instance-role', managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role', 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'] });
  b.connect(asg, instanceRole);
  const instanceSg = b.node('securityGroup', { groupName: 'ecs-instances', description: 'Container instances: no inbound traffic' });
  b.connect(instanceSg, net.vpc);
  b.connect(asg, instanceSg);
  for (const s of net.privateSubnets) b.connect(asg, s);
  const { td, logs } = taskDefinition(b, 'api', { cpu: '512', memory: '1024' }, 'EC2');
  const repo = b.node('ecrRepository', { repositoryName: 'api', scanOnPush: true, imageTagMutability: 'IMMUTABLE' });
  const app = b.node('container', { name: 'api', essential: true, imageTag: '1.0.0', portMappings: [{ containerPort: 8080, protocol: 'tcp' }], readonlyRootFilesystem: true }, containerAt(td));
  b.connect(app, repo);
  b.connect(app, logs);
  const taskSg = b.node('securityGroup', { groupName: 'api-tasks', description: 'Tasks of the api service' });
  b.connect(taskSg, net.vpc);
  const service = b.node(
    'service',
    {
      serviceName: 'api',
      desiredCount: 2,
      deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
    },
  );
  b.connect(service, cluster);
  b.connect(service, td);
  b.connect(service, asg, { weight: 1 });
  for (const s of net.privateSubnets) b.connect(service, s);
  b.connect(service, taskSg);
  return b.build();
}

/** A Fargate service whose tasks share an encrypted EFS file system through an access point. */
export function efsService(opts: PatternOptions = {}): Design {
  const b = builder('efs', 'Fargate service with EFS storage', 'A Fargate service mounts an encrypted EFS file system through an access point (IAM authorization, encryption in transit); mount targets sit in the task subnets behind an NFS security group.', opts);
  const region = opts.settings?.region;
  const net = network(b, region, false);
  const cluster = b.node('cluster', { clusterName: 'files', containerInsights: 'enabled' });
  const fargate = b.node('fargateCapacityProvider', { provider: 'FARGATE' });
  b.connect(fargate, cluster, { defaultWeight: 1 });
  const { td, logs, taskRole } = taskDefinition(b, 'files', { cpu: '512', memory: '1024' });
  const repo = b.node('ecrRepository', { repositoryName: 'files', scanOnPush: true, imageTagMutability: 'IMMUTABLE' });
  const app = b.node('container', { name: 'files', essential: true, imageTag: '1.0.0', readonlyRootFilesystem: true, portMappings: [{ containerPort: 8080, protocol: 'tcp' }] }, containerAt(td));
  b.connect(app, repo);
  b.connect(app, logs);
  const fs = b.node('efsFileSystem', { name: 'shared-files', encrypted: true, performanceMode: 'generalPurpose', throughputMode: 'elastic', lifecyclePolicy: 'AFTER_30_DAYS' });
  const ap = b.node('efsAccessPoint', { posixUser: { uid: 1000, gid: 1000 }, rootDirectory: { path: '/files', creationInfo: { ownerUid: 1000, ownerGid: 1000, permissions: '750' } } });
  b.connect(ap, fs);
  b.connect(td, fs);
  b.connect(td, ap);
  const taskSg = b.node('securityGroup', { groupName: 'files-tasks', description: 'Tasks of the files service' });
  const nfsSg = b.node('securityGroup', { groupName: 'files-efs', description: 'EFS mount targets: NFS from the tasks', ingress: [{ protocol: 'tcp', fromPort: 2049, toPort: 2049, cidr: '10.0.0.0/16', description: 'NFS from the VPC' }] });
  b.connect(taskSg, net.vpc);
  b.connect(nfsSg, net.vpc);
  b.connect(fs, nfsSg);
  for (const s of net.privateSubnets) b.connect(fs, s);
  void taskRole;
  // The container mounts the task definition volume that connecting EFS created.
  const volume = b.design.nodes.find((n) => n.id === td && n.kind === 'taskDefinition');
  const volumeName = volume?.kind === 'taskDefinition' ? volume.properties.volumes?.[0]?.name : undefined;
  if (volumeName !== undefined) b.setProps(app, (p) => ({ ...p, mountPoints: [{ sourceVolume: volumeName, containerPath: '/mnt/files', readOnly: false }] }));
  const service = b.node(
    'service',
    {
      serviceName: 'files',
      desiredCount: 2,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
    },
  );
  b.connect(service, cluster);
  b.connect(service, td);
  for (const s of net.privateSubnets) b.connect(service, s);
  b.connect(service, taskSg);
  return b.build();
}

/** Every pattern, in menu order. */
export const PATTERNS: readonly Pattern[] = [
  { id: 'web-service', title: 'Load-balanced web service on Fargate', description: 'ALB → target group → Fargate service with ECR image, logs and CPU auto scaling.', build: loadBalancedWebService },
  { id: 'queue-worker', title: 'Queue worker on Fargate Spot', description: 'Worker service on Fargate Spot with SQS queue-depth step scaling.', build: spotQueueWorker },
  { id: 'scheduled-task', title: 'Scheduled task on Fargate', description: 'Nightly batch job scaled from 0 to 1 task by scheduled actions.', build: scheduledTask },
  { id: 'ec2-cluster', title: 'EC2 cluster with an Auto Scaling group', description: 'ASG capacity provider with managed scaling, instance profile role and ecs.config.', build: ec2Cluster },
  { id: 'efs-service', title: 'Fargate service with EFS storage', description: 'Service mounting an encrypted EFS file system through an access point.', build: efsService },
];

export function findPattern(id: string): Pattern | undefined {
  return PATTERNS.find((p) => p.id === id);
}
