import { NODE_PROPERTY_SCHEMAS, type DesignNode, type NodeKind, type NodeOf, type NodePropsInput } from './nodes';

export type KindGroup = 'compute' | 'images' | 'storage' | 'security' | 'networking' | 'scaling' | 'observability';

export type KindInfo<K extends NodeKind> = {
  label: string;
  group: KindGroup;
  description: string;
  docUrl: string;
  /** Display name of a node of this kind. */
  title: (props: NodeOf<K>['properties']) => string;
  /** Properties of a new node dropped from the palette. */
  defaults: () => NodePropsInput<K>;
};

const DOCS = 'https://docs.aws.amazon.com';

/** What the product knows about each node kind besides its schema: labels, palette groups, docs, defaults. */
export const KIND_INFO: { [K in NodeKind]: KindInfo<K> } = {
  cluster: {
    label: 'Cluster',
    group: 'compute',
    description: 'Logical grouping of services and tasks that share capacity providers.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/clusters.html`,
    title: (p) => p.clusterName,
    defaults: () => ({ clusterName: 'app-cluster', containerInsights: 'enabled' }),
  },
  fargateCapacityProvider: {
    label: 'Fargate capacity',
    group: 'compute',
    description: 'Serverless capacity: FARGATE (on demand) or FARGATE_SPOT (discounted, interruptible).',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/fargate-capacity-providers.html`,
    title: (p) => p.provider,
    defaults: () => ({ provider: 'FARGATE' }),
  },
  asgCapacityProvider: {
    label: 'EC2 Auto Scaling group',
    group: 'compute',
    description: 'EC2 container instances running the ECS agent, scaled by capacity provider managed scaling.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/asg-capacity-providers.html`,
    title: (p) => p.name,
    defaults: () => ({ name: 'ec2-capacity', instanceType: 't3.medium', minSize: 0, maxSize: 4, ecsConfig: {} }),
  },
  service: {
    label: 'Service',
    group: 'compute',
    description: 'Keeps a number of tasks of a task definition running, replaces failed ones, registers them in load balancers.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/ecs_services.html`,
    title: (p) => p.serviceName,
    defaults: () => ({
      serviceName: 'web',
      desiredCount: 2,
      launchType: 'FARGATE',
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
    }),
  },
  taskDefinition: {
    label: 'Task definition',
    group: 'compute',
    description: 'Blueprint of a task: its containers, size, network mode, roles and volumes.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/task_definitions.html`,
    title: (p) => p.family,
    defaults: () => ({ family: 'web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' }),
  },
  container: {
    label: 'Container',
    group: 'compute',
    description: 'One container of a task definition: image, ports, environment, health check, logs.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definitions`,
    title: (p) => p.name ?? 'container',
    defaults: () => ({ name: 'app', essential: true, portMappings: [{ containerPort: 80, protocol: 'tcp' }] }),
  },
  taskRole: {
    label: 'Task role',
    group: 'security',
    description: 'IAM role the application code in the task uses to call AWS services.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/task-iam-roles.html`,
    title: (p) => p.roleName ?? arnTail(p.arn) ?? 'task role',
    defaults: () => ({ roleName: 'web-task-role' }),
  },
  executionRole: {
    label: 'Task execution role',
    group: 'security',
    description: 'IAM role ECS uses to start the task: pull private images, send logs, read secrets.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/task_execution_IAM_role.html`,
    title: (p) => p.roleName ?? arnTail(p.arn) ?? 'execution role',
    defaults: () => ({ roleName: 'web-execution-role', managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'] }),
  },
  instanceRole: {
    label: 'Instance profile role',
    group: 'security',
    description: 'IAM role of the EC2 container instances (ECS agent), passed through an instance profile.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/instance_IAM_role.html`,
    title: (p) => p.roleName ?? arnTail(p.arn) ?? 'instance role',
    defaults: () => ({
      roleName: 'ecs-instance-role',
      managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role'],
    }),
  },
  ecrRepository: {
    label: 'ECR repository',
    group: 'images',
    description: 'Private Amazon ECR repository holding the container images.',
    docUrl: `${DOCS}/AmazonECR/latest/userguide/Repositories.html`,
    title: (p) => p.repositoryName,
    defaults: () => ({ repositoryName: 'web', scanOnPush: true, imageTagMutability: 'IMMUTABLE' }),
  },
  externalImage: {
    label: 'External image',
    group: 'images',
    description: 'Image from Docker Hub, the ECR Public Gallery or another registry.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/private-auth.html`,
    title: (p) => p.image,
    defaults: () => ({ image: 'public.ecr.aws/nginx/nginx', registry: 'ecr-public' }),
  },
  efsFileSystem: {
    label: 'EFS file system',
    group: 'storage',
    description: 'Elastic File System: shared, persistent storage mountable by tasks on Fargate and EC2.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/efs-volumes.html`,
    title: (p) => p.name ?? p.fileSystemId ?? 'file system',
    defaults: () => ({ name: 'shared-data', encrypted: true }),
  },
  efsAccessPoint: {
    label: 'EFS access point',
    group: 'storage',
    description: 'Application entry point into an EFS file system with its own POSIX user and root directory.',
    docUrl: `${DOCS}/efs/latest/ug/efs-access-points.html`,
    title: (p) => p.accessPointId ?? p.rootDirectory?.path ?? 'access point',
    defaults: () => ({
      posixUser: { uid: 1000, gid: 1000 },
      rootDirectory: { path: '/data', creationInfo: { ownerUid: 1000, ownerGid: 1000, permissions: '750' } },
    }),
  },
  s3Bucket: {
    label: 'S3 bucket',
    group: 'storage',
    description: 'Object storage reached through the task role and the S3 API (it cannot be mounted by a task).',
    docUrl: `${DOCS}/AmazonS3/latest/userguide/UsingBucket.html`,
    title: (p) => p.bucketName,
    defaults: () => ({ bucketName: 'app-bucket' }),
  },
  secret: {
    label: 'Secret',
    group: 'security',
    description: 'Secrets Manager secret or SSM parameter injected into containers as environment variables.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/specifying-sensitive-data.html`,
    title: (p) => p.name ?? arnTail(p.arn) ?? 'secret',
    defaults: () => ({ store: 'secretsmanager', name: 'app/db-password' }),
  },
  logGroup: {
    label: 'Log group',
    group: 'observability',
    description: 'CloudWatch Logs log group receiving container output through the awslogs driver.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/using_awslogs.html`,
    title: (p) => p.logGroupName,
    defaults: () => ({ logGroupName: '/ecs/web', retentionInDays: 30 }),
  },
  vpc: {
    label: 'VPC',
    group: 'networking',
    description: 'Virtual private cloud holding the subnets of tasks, load balancers and EFS mount targets.',
    docUrl: `${DOCS}/vpc/latest/userguide/what-is-amazon-vpc.html`,
    title: (p) => p.name ?? p.vpcId ?? p.cidrBlock,
    defaults: () => ({ cidrBlock: '10.0.0.0/16', name: 'app-vpc' }),
  },
  subnet: {
    label: 'Subnet',
    group: 'networking',
    description: 'Subnet of a VPC in one Availability Zone.',
    docUrl: `${DOCS}/vpc/latest/userguide/configure-subnets.html`,
    title: (p) => p.name ?? p.subnetId ?? p.cidrBlock ?? 'subnet',
    defaults: () => ({ cidrBlock: '10.0.1.0/24', public: false, name: 'private-a' }),
  },
  securityGroup: {
    label: 'Security group',
    group: 'security',
    description: 'Stateful firewall of tasks, load balancers and mount targets.',
    docUrl: `${DOCS}/vpc/latest/userguide/vpc-security-groups.html`,
    title: (p) => p.groupName ?? p.groupId ?? 'security group',
    defaults: () => ({ groupName: 'web-tasks', description: 'Tasks of the web service' }),
  },
  loadBalancer: {
    label: 'Load balancer',
    group: 'networking',
    description: 'Application or Network Load Balancer in front of the service tasks.',
    docUrl: `${DOCS}/elasticloadbalancing/latest/application/introduction.html`,
    title: (p) => p.name,
    defaults: () => ({ name: 'web-alb', type: 'application', scheme: 'internet-facing' }),
  },
  listener: {
    label: 'Listener',
    group: 'networking',
    description: 'Port and protocol on which the load balancer accepts connections.',
    docUrl: `${DOCS}/elasticloadbalancing/latest/application/load-balancer-listeners.html`,
    title: (p) => `${p.protocol}:${p.port}`,
    defaults: () => ({ port: 80, protocol: 'HTTP' }),
  },
  targetGroup: {
    label: 'Target group',
    group: 'networking',
    description: 'Set of task IPs (awsvpc) or instance ports (bridge/host) the load balancer routes to.',
    docUrl: `${DOCS}/elasticloadbalancing/latest/application/load-balancer-target-groups.html`,
    title: (p) => p.name,
    defaults: () => ({ name: 'web-tg', targetType: 'ip', protocol: 'HTTP', port: 80, healthCheck: { path: '/', matcher: '200-399' } }),
  },
  scalableTarget: {
    label: 'Scalable target',
    group: 'scaling',
    description: 'Service auto scaling range of the desired task count.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/service-auto-scaling.html`,
    title: (p) => `${p.minCapacity}–${p.maxCapacity} tasks`,
    defaults: () => ({ minCapacity: 2, maxCapacity: 10 }),
  },
  targetTrackingPolicy: {
    label: 'Target tracking',
    group: 'scaling',
    description: 'Keeps a metric (CPU, memory, ALB requests per target) near a target value.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html`,
    title: (p) => p.policyName,
    defaults: () => ({ policyName: 'cpu-70', metric: 'ECSServiceAverageCPUUtilization', targetValue: 70 }),
  },
  stepScalingPolicy: {
    label: 'Step scaling + alarm',
    group: 'scaling',
    description: 'Scales in steps when a CloudWatch alarm fires.',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/service-autoscaling-stepscaling.html`,
    title: (p) => p.policyName,
    defaults: () => ({
      policyName: 'queue-depth',
      adjustmentType: 'ChangeInCapacity',
      stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
      alarm: {
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        statistic: 'Average',
        period: 60,
        evaluationPeriods: 1,
        threshold: 100,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
      },
    }),
  },
  scheduledAction: {
    label: 'Scheduled action',
    group: 'scaling',
    description: 'Changes the scaling range at a given time (at, rate or cron schedule).',
    docUrl: `${DOCS}/AmazonECS/latest/developerguide/service-autoscaling-schedulescaling.html`,
    title: (p) => p.scheduledActionName,
    defaults: () => ({ scheduledActionName: 'business-hours', schedule: 'cron(0 8 ? * MON-FRI *)', timezone: 'UTC', minCapacity: 2, maxCapacity: 10 }),
  },
};

function arnTail(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const tail = arn.split(/[/:]/).pop();
  return tail === '' ? arn : tail;
}

export function nodeTitle(node: DesignNode): string {
  return (KIND_INFO[node.kind].title as (p: unknown) => string)(node.properties);
}

export type NewNodeOptions = { position?: { x: number; y: number }; parentId?: string };

/**
 * Builds a node of a kind from (possibly partial) properties, filling defaults through the kind's schema.
 * Throws if the properties are invalid: callers build nodes from validated input or from catalog defaults.
 */
export function makeNode<K extends NodeKind>(kind: K, id: string, props: NodePropsInput<K>, opts: NewNodeOptions = {}): NodeOf<K> {
  const parsed = NODE_PROPERTY_SCHEMAS[kind].safeParse(props);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`invalid ${kind} properties at /${first?.path.join('/') ?? ''}: ${first?.message ?? 'unknown error'}`);
  }
  // Same key order as the node schema, so a saved design is byte-stable through load and save.
  return {
    id,
    kind,
    position: opts.position ?? { x: 0, y: 0 },
    ...(opts.parentId === undefined ? {} : { parentId: opts.parentId }),
    properties: parsed.data,
  } as unknown as NodeOf<K>;
}
