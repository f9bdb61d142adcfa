import type { Design, DesignSettings } from '../model/document';
import { containerAt, PatternBuilder } from '../patterns/builder';

/**
 * Designs built programmatically for the infrastructure-as-code tests and the benchmark: every node kind at once
 * (in a "created" and an "existing" variant), and a large design of many services.
 */

const EXEC_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';

export type EveryKindOptions = {
  /** Reference existing VPC, subnets, security groups, cluster, repositories, log groups, roles, EFS and load balancing instead of creating them. */
  existing?: boolean;
  settings?: DesignSettings;
};

/** One design that uses all 26 node kinds and every edge kind. */
export function everyKindDesign(opts: EveryKindOptions = {}): Design {
  const ex = opts.existing === true;
  const b = new PatternBuilder(ex ? 'design-every-kind-existing' : 'design-every-kind', ex ? 'Every kind (existing)' : 'Every kind', 'All node kinds at once', opts.settings ?? {});
  const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;

  const vpc = b.node('vpc', ex ? { vpcId: 'vpc-0a1b2c3d4e5f67890', name: 'shared' } : { cidrBlock: '10.20.0.0/16', name: 'main' });
  const subnet = (name: string, i: number, isPublic: boolean) => {
    const s = b.node('subnet', ex ? { subnetId: `subnet-0${i}a1b2c3d4e5f6789`, name, public: isPublic } : { cidrBlock: `10.20.${i}.0/24`, name, public: isPublic });
    b.connect(s, vpc);
    return s;
  };
  const privateSubnets = [subnet('private-a', 1, false), subnet('private-b', 2, false)];
  const publicSubnets = [subnet('public-a', 11, true), subnet('public-b', 12, true)];
  const sg = (groupName: string, i: number, ingress?: { protocol: 'tcp'; fromPort: number; toPort: number; cidr: string }[]) => {
    const g = b.node('securityGroup', ex ? { groupId: `sg-0${i}a1b2c3d4e5f6789`, groupName } : { groupName, description: `${groupName} group`, ...(ingress ? { ingress } : {}) });
    b.connect(g, vpc);
    return g;
  };
  const albSg = sg('alb', 1, [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '0.0.0.0/0' }]);
  const taskSg = sg('api-tasks', 2);
  const efsSg = sg('efs', 3);
  const instanceSg = sg('instances', 4);

  const cluster = b.node('cluster', ex ? { clusterName: 'platform', existing: true } : { clusterName: 'platform', containerInsights: 'enhanced', executeCommandLogging: 'DEFAULT' });
  const fargate = b.node('fargateCapacityProvider', { provider: 'FARGATE' });
  const spot = b.node('fargateCapacityProvider', { provider: 'FARGATE_SPOT' });
  b.connect(fargate, cluster, { defaultWeight: 1, defaultBase: 1 });
  b.connect(spot, cluster, { defaultWeight: 3 });
  const asg = b.node('asgCapacityProvider', {
    name: 'graviton',
    instanceType: 'm7g.large',
    amiFamily: 'al2023',
    architecture: 'arm64',
    minSize: 0,
    maxSize: 8,
    desiredCapacity: 1,
    managedScaling: { status: 'ENABLED', targetCapacity: 80, minimumScalingStepSize: 1, maximumScalingStepSize: 4, instanceWarmupPeriod: 120 },
    managedTerminationProtection: 'ENABLED',
    managedDraining: 'ENABLED',
    ecsConfig: { ECS_CLUSTER: 'platform', ECS_ENABLE_TASK_IAM_ROLE: 'true', ECS_CONTAINER_STOP_TIMEOUT: '60s' },
  });
  b.connect(asg, cluster);
  const instanceRole = b.node(
    'instanceRole',
    ex ? { arn: `arn:aws:iam::${ACCOUNT}:role/platform/ecs-instance` } : { roleName: 'platform-instance', managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role'] },
  );
  b.connect(asg, instanceRole);
  b.connect(asg, instanceSg);
  for (const s of privateSubnets) b.connect(asg, s);

  // Task definition "api" on Fargate: two containers, secrets, an external image with registry credentials, EFS.
  const td = b.node('taskDefinition', {
    family: 'api',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '1024',
    memory: '2048',
    runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
  });
  const taskRole = b.node('taskRole', ex ? { arn: `arn:aws:iam::${ACCOUNT}:role/api-task` } : { roleName: 'api-task' });
  const execRole = b.node('executionRole', ex ? { arn: `arn:aws:iam::${ACCOUNT}:role/api-execution` } : { roleName: 'api-execution', managedPolicyArns: [EXEC_POLICY] });
  b.connect(td, taskRole);
  b.connect(td, execRole);
  const logs = b.node('logGroup', ex ? { logGroupName: '/ecs/api', existing: true } : { logGroupName: '/ecs/api', retentionInDays: 14 });
  const repo = b.node(
    'ecrRepository',
    ex
      ? { repositoryName: 'team/api', existing: true, accountId: ACCOUNT, region: REGION }
      : {
          repositoryName: 'team/api',
          encryption: 'AES256',
          lifecycleRules: [
            { rulePriority: 1, description: 'untagged', tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7, countUnit: 'days' },
            { rulePriority: 2, tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 50 },
          ],
        },
  );
  const app = b.node(
    'container',
    { name: 'app', essential: true, imageTag: '2.3.1', portMappings: [{ containerPort: 8080, protocol: 'tcp' }], readonlyRootFilesystem: true, dockerLabels: { 'com.example.team': 'api' } },
    containerAt(td),
  );
  b.connect(app, repo);
  b.connect(app, logs);
  const dbSecret = b.node('secret', { store: 'secretsmanager', arn: arn('secretsmanager', 'secret:api/db-AbCdEf'), kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' });
  const flag = b.node('secret', { store: 'ssm', name: '/api/feature-flag' });
  b.connect(app, dbSecret, { name: 'DB_PASSWORD', jsonKey: 'password' });
  b.connect(app, flag, { name: 'FEATURE_FLAG' });
  const proxyImage = b.node('externalImage', { image: 'ghcr.io/example/proxy', registry: 'other' });
  const ghcrToken = b.node('secret', { store: 'secretsmanager', name: 'ghcr-token' });
  b.connect(proxyImage, ghcrToken);
  const proxy = b.node('container', { name: 'proxy', essential: false, imageTag: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', memoryReservation: 64 }, containerAt(td, 1));
  b.connect(proxy, proxyImage);
  b.connect(proxy, logs);

  const fs = b.node('efsFileSystem', ex ? { fileSystemId: 'fs-0123456789abcdef0', name: 'shared' } : { name: 'shared', throughputMode: 'provisioned', provisionedThroughputInMibps: 10, lifecyclePolicy: 'AFTER_7_DAYS' });
  const ap = b.node('efsAccessPoint', ex ? { accessPointId: 'fsap-0123456789abcdef0' } : { posixUser: { uid: 1000, gid: 1000, secondaryGids: [2000] }, rootDirectory: { path: '/api', creationInfo: { ownerUid: 1000, ownerGid: 1000, permissions: '0750' } } });
  b.connect(ap, fs);
  b.connect(td, fs);
  b.connect(td, ap);
  b.connect(fs, efsSg);
  for (const s of privateSubnets) b.connect(fs, s);
  const volume = b.design.nodes.find((n) => n.id === td);
  const volumeName = volume?.kind === 'taskDefinition' ? volume.properties.volumes?.[0]?.name : undefined;
  if (volumeName !== undefined) {
    b.setProps(td, (p) => ({
      ...p,
      volumes: (p['volumes'] as { efsVolumeConfiguration?: object }[]).map((v) => ({
        ...v,
        efsVolumeConfiguration: { ...v.efsVolumeConfiguration, transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } },
      })),
    }));
    b.setProps(app, (p) => ({ ...p, mountPoints: [{ sourceVolume: volumeName, containerPath: '/data', readOnly: false }] }));
  }

  const bucket = b.node('s3Bucket', { bucketName: ex ? 'example-existing-uploads' : 'example-api-uploads', existing: ex, versioning: true });
  const archive = b.node('s3Bucket', { bucketName: 'example-archive', existing: true });
  b.connect(taskRole, bucket, { access: 'read-write' });
  b.connect(taskRole, archive, { access: 'read' });

  // ALB (HTTPS) → target group → service "api".
  const alb = b.node('loadBalancer', ex ? { name: 'platform-alb', arn: arn('elasticloadbalancing', 'loadbalancer/app/platform-alb/50dc6c495c0c9188') } : { name: 'platform-alb', idleTimeoutSeconds: 120 });
  if (!ex) {
    for (const s of publicSubnets) b.connect(alb, s);
    b.connect(alb, albSg);
  }
  const listener = b.node(
    'listener',
    ex ? { port: 443, protocol: 'HTTPS', arn: arn('elasticloadbalancing', 'listener/app/platform-alb/50dc6c495c0c9188/f2f7dc8efc522ab2') } : { port: 443, protocol: 'HTTPS', certificateArn: arn('acm', 'certificate/12345678-1234-1234-1234-123456789012'), sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
  );
  b.connect(listener, alb);
  const tg = b.node(
    'targetGroup',
    ex
      ? { name: 'api-tg', arn: arn('elasticloadbalancing', 'targetgroup/api-tg/73e2d6bc24d8a067'), port: 8080 }
      : { name: 'api-tg', port: 8080, protocolVersion: 'HTTP1', deregistrationDelaySeconds: 30, healthCheck: { path: '/health', intervalSeconds: 15, timeoutSeconds: 5, healthyThresholdCount: 2, unhealthyThresholdCount: 3, matcher: '200' } },
  );
  b.connect(listener, tg);
  if (!ex) b.connect(tg, vpc);
  const api = b.node('service', {
    serviceName: 'api',
    desiredCount: 3,
    platformVersion: 'LATEST',
    healthCheckGracePeriodSeconds: 30,
    enableExecuteCommand: true,
    propagateTags: 'SERVICE',
    deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
    tags: [{ key: 'team', value: 'api' }],
  });
  b.connect(api, cluster);
  b.connect(api, td);
  b.connect(api, tg, { containerName: 'app', containerPort: 8080 });
  b.connect(api, fargate, { weight: 1, base: 1 });
  b.connect(api, spot, { weight: 3 });
  for (const s of privateSubnets) b.connect(api, s);
  b.connect(api, taskSg);

  const target = b.node('scalableTarget', { minCapacity: 2, maxCapacity: 20 });
  b.connect(target, api);
  const requests = b.node('targetTrackingPolicy', { policyName: 'api-requests', metric: 'ALBRequestCountPerTarget', targetValue: 500, scaleInCooldown: 120, scaleOutCooldown: 30 });
  b.connect(requests, target);
  const stepPolicy = b.node('stepScalingPolicy', {
    policyName: 'api-latency',
    adjustmentType: 'PercentChangeInCapacity',
    minAdjustmentMagnitude: 1,
    stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 50 }],
    alarm: { namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', statistic: 'Average', period: 60, evaluationPeriods: 3, threshold: 1, comparisonOperator: 'GreaterThanThreshold' },
  });
  b.connect(stepPolicy, target);
  const nightly = b.node('scheduledAction', { scheduledActionName: 'api-night', schedule: 'cron(0 22 * * ? *)', timezone: 'Europe/Berlin', minCapacity: 1, maxCapacity: 4 });
  b.connect(nightly, target);

  // Service "ingest" on the EC2 capacity provider behind a network load balancer.
  const td2 = b.node('taskDefinition', { family: 'ingest', networkMode: 'awsvpc', requiresCompatibilities: ['EC2'], cpu: '512', memory: '1024' });
  b.connect(td2, execRole);
  const ingest = b.node('container', { name: 'ingest', essential: true, image: 'public.ecr.aws/docker/library/busybox:1.36', portMappings: [{ containerPort: 9000, protocol: 'tcp' }] }, containerAt(td2));
  b.connect(ingest, logs);
  const nlb = b.node('loadBalancer', { name: 'ingest-nlb', type: 'network', scheme: 'internal' });
  for (const s of privateSubnets) b.connect(nlb, s);
  const nlbListener = b.node('listener', { port: 9000, protocol: 'TCP' });
  const nlbTg = b.node('targetGroup', { name: 'ingest-tg', protocol: 'TCP', port: 9000, targetType: 'ip', healthCheck: { protocol: 'TCP' } });
  b.connect(nlbListener, nlb);
  b.connect(nlbListener, nlbTg);
  b.connect(nlbTg, vpc);
  const ingestSvc = b.node('service', {
    serviceName: 'ingest',
    desiredCount: 2,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
    placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    placementConstraints: [{ type: 'distinctInstance' }],
  });
  b.connect(ingestSvc, cluster);
  b.connect(ingestSvc, td2);
  b.connect(ingestSvc, asg, { weight: 1 });
  b.connect(ingestSvc, nlbTg, { containerName: 'ingest', containerPort: 9000 });
  for (const s of privateSubnets) b.connect(ingestSvc, s);
  b.connect(ingestSvc, taskSg);
  return b.build();
}

/** A design of `services` Fargate services behind one ALB (a listener rule-free layout: one target group per service). */
export function manyServicesDesign(services: number): Design {
  const b = new PatternBuilder('design-many', `${services} services`, 'Benchmark design', { region: REGION, accountId: ACCOUNT });
  const vpc = b.node('vpc', { cidrBlock: '10.0.0.0/16', name: 'bench' });
  const subnets = ['a', 'b'].map((x, i) => {
    const s = b.node('subnet', { cidrBlock: `10.0.${i}.0/24`, name: `private-${x}` });
    b.connect(s, vpc);
    return s;
  });
  const sg = b.node('securityGroup', { groupName: 'tasks', description: 'tasks' });
  b.connect(sg, vpc);
  const cluster = b.node('cluster', { clusterName: 'bench' });
  const fargate = b.node('fargateCapacityProvider', { provider: 'FARGATE' });
  b.connect(fargate, cluster, { defaultWeight: 1 });
  const execRole = b.node('executionRole', { roleName: 'bench-execution' });
  const logs = b.node('logGroup', { logGroupName: '/ecs/bench', retentionInDays: 7 });
  for (let i = 0; i < services; i++) {
    const name = `svc-${i}`;
    const td = b.node('taskDefinition', { family: name, networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' });
    b.connect(td, execRole);
    const repo = b.node('ecrRepository', { repositoryName: `bench/${name}` });
    const c = b.node('container', { name: 'app', essential: true, imageTag: '1.0.0', portMappings: [{ containerPort: 8080, protocol: 'tcp' }] }, containerAt(td));
    b.connect(c, repo);
    b.connect(c, logs);
    const svc = b.node('service', { serviceName: name, desiredCount: 1, launchType: 'FARGATE', deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } });
    b.connect(svc, cluster);
    b.connect(svc, td);
    for (const s of subnets) b.connect(svc, s);
    b.connect(svc, sg);
  }
  return b.design;
}
