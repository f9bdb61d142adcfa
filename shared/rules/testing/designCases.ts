/** For every design rule: a design that triggers it and a near miss that must not (test fixtures). */
import type { Design } from '../../model/document';
import { addEdge, addNode, ec2ServiceDesign, removeEdges, removeNodes, serviceDesign, setProps } from './designs';

export type DesignCase = {
  trigger: () => Design;
  /** Node the finding is attached to, when the test should pin it. */
  nodeId?: string;
  /** A near miss the rule must not flag (default: the clean base design). */
  clean?: () => Design;
};

const fg = () => serviceDesign(1);
const ec2 = ec2ServiceDesign;
const EXEC_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

/** A Fargate service with an EFS volume mounted by its app container. */
export function withEfs(d: Design = fg(), fsProps: Record<string, unknown> = { name: 'shared' }, mountTargets = true): Design {
  let x = addNode(d, 'efsFileSystem', 'fs', fsProps as never);
  x = setProps(x, 's0-td', { volumes: [{ name: 'data', efsVolumeConfiguration: { transitEncryption: 'ENABLED' } }] });
  x = setProps(x, 's0-app', { mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] });
  x = addEdge(x, 'volume-efs', 's0-td', 'fs', { volume: 'data' });
  if (mountTargets) {
    x = addEdge(x, 'efs-subnet', 'fs', 'subnet-a');
    x = addEdge(x, 'efs-subnet', 'fs', 'subnet-b');
    x = addNode(x, 'securityGroup', 'sg-efs', { groupName: 'efs' });
    x = addEdge(x, 'efs-security-group', 'fs', 'sg-efs');
  }
  return x;
}

/** Fargate service s0 with a capacity provider strategy instead of a launch type. */
function withStrategy(d: Design, ...providers: [string, { weight: number; base?: number }][]): Design {
  let x = setProps(d, 's0-service', { launchType: undefined });
  for (const [p, w] of providers) x = addEdge(x, 'service-capacity-provider', 's0-service', p, w);
  return x;
}

function withSpot(d: Design = fg()): Design {
  let x = addNode(d, 'fargateCapacityProvider', 'spot', { provider: 'FARGATE_SPOT' });
  x = addEdge(x, 'capacity-provider-cluster', 'spot', 'cluster');
  return x;
}

/** For EVERY design rule: a case that triggers it and one that must not. */
export const DESIGN_CASES: Record<string, DesignCase> = {
  'service/task-definition': { trigger: () => removeEdges(fg(), (e) => e.kind === 'service-task-definition'), nodeId: 's0-service' },
  'service/cluster': { trigger: () => removeEdges(fg(), (e) => e.kind === 'service-cluster'), nodeId: 's0-service' },
  'service/launch-type-and-strategy': { trigger: () => addEdge(fg(), 'service-capacity-provider', 's0-service', 'fargate', { weight: 1 }), nodeId: 's0-service', clean: () => withStrategy(fg(), ['fargate', { weight: 1 }]) },
  'service/launch-type-compatibility': {
    trigger: () => setProps(fg(), 's0-td', { requiresCompatibilities: ['EC2'] }),
    nodeId: 's0-td',
    clean: () => setProps(fg(), 's0-td', { requiresCompatibilities: ['EC2', 'FARGATE'] }),
  },
  'service/daemon-fargate': { trigger: () => setProps(fg(), 's0-service', { schedulingStrategy: 'DAEMON', desiredCount: undefined }), nodeId: 's0-service', clean: () => setProps(ec2(), 'ec2-service', { schedulingStrategy: 'DAEMON', desiredCount: undefined }) },
  'service/desired-count': { trigger: () => setProps(fg(), 's0-service', { desiredCount: undefined }), nodeId: 's0-service' },
  'service/deployment-configuration': {
    trigger: () => setProps(fg(), 's0-service', { deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true } } }),
    nodeId: 's0-service',
    clean: () => setProps(fg(), 's0-service', { deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true } } }),
  },
  'service/circuit-breaker': { trigger: () => setProps(fg(), 's0-service', { deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 } }), nodeId: 's0-service', clean: () => setProps(fg(), 's0-service', { deploymentController: 'CODE_DEPLOY' }) },
  'service/awsvpc-network-configuration': { trigger: () => removeEdges(fg(), (e) => e.kind === 'service-subnet'), nodeId: 's0-service' },
  'service/network-configuration-mode': { trigger: () => addEdge(ec2(), 'service-subnet', 'ec2-service', 'subnet-a'), nodeId: 'ec2-service' },
  'network/same-vpc': {
    trigger: () => {
      let x = addNode(fg(), 'vpc', 'vpc-2', { cidrBlock: '10.1.0.0/16' });
      x = removeEdges(x, (e) => e.kind === 'security-group-vpc');
      return addEdge(x, 'security-group-vpc', 'sg-tasks', 'vpc-2');
    },
    nodeId: 's0-service',
  },
  'network/public-ip-subnet': {
    trigger: () => {
      const x = removeEdges(fg(), (e) => e.kind === 'service-subnet');
      return addEdge(addEdge(x, 'service-subnet', 's0-service', 'public-a'), 'service-subnet', 's0-service', 'public-b');
    },
    nodeId: 's0-service',
    clean: () => {
      const x = setProps(removeEdges(fg(), (e) => e.kind === 'service-subnet'), 's0-service', { assignPublicIp: 'ENABLED' });
      return addEdge(x, 'service-subnet', 's0-service', 'public-a');
    },
  },
  'security/public-ip': { trigger: () => setProps(fg(), 's0-service', { assignPublicIp: 'ENABLED' }), nodeId: 's0-service', clean: () => setProps(fg(), 's0-service', { assignPublicIp: 'DISABLED' }) },
  'service/grace-period': {
    trigger: () => setProps(setProps(removeEdges(fg(), (e) => e.kind === 'service-target-group'), 's0-app', { healthCheck: undefined }), 's0-service', { healthCheckGracePeriodSeconds: 60 }),
    nodeId: 's0-service',
    clean: () => setProps(removeEdges(fg(), (e) => e.kind === 'service-target-group'), 's0-service', { healthCheckGracePeriodSeconds: 60 }),
  },
  'service/execute-command-task-role': {
    trigger: () => setProps(removeEdges(fg(), (e) => e.kind === 'task-role'), 's0-service', { enableExecuteCommand: true }),
    nodeId: 's0-service',
    clean: () =>
      setProps(setProps(fg(), 's0-service', { enableExecuteCommand: true }), 's0-task-role', {
        inlinePolicies: [{ policyName: 'exec', statements: [{ Effect: 'Allow', Action: 'ssmmessages:*', Resource: '*' }] }],
      }),
  },
  'fargate/platform-version': { trigger: () => setProps(withEfs(), 's0-service', { platformVersion: '1.3.0' }), nodeId: 's0-service', clean: () => setProps(withEfs(), 's0-service', { platformVersion: '1.4.0' }) },
  'security/platform-version-pinned': { trigger: () => setProps(fg(), 's0-service', { platformVersion: '1.4.0' }), nodeId: 's0-service', clean: () => setProps(fg(), 's0-service', { platformVersion: 'LATEST' }) },
  'capacity/strategy-mixed': { trigger: () => withStrategy(ec2ServiceWithFargateTd(), ['fargate', { weight: 1 }], ['asg', { weight: 1 }]), nodeId: 's0-service', clean: () => withStrategy(withSpot(), ['fargate', { weight: 1 }], ['spot', { weight: 3 }]) },
  'capacity/strategy-weights': { trigger: () => withStrategy(withSpot(), ['fargate', { weight: 0, base: 1 }], ['spot', { weight: 0 }]), nodeId: 's0-service', clean: () => withStrategy(withSpot(), ['fargate', { weight: 0, base: 2 }], ['spot', { weight: 1 }]) },
  'capacity/provider-not-in-cluster': {
    trigger: () => withStrategy(addNode(fg(), 'fargateCapacityProvider', 'spot', { provider: 'FARGATE_SPOT' }), ['spot', { weight: 1 }]),
    nodeId: 's0-service',
    clean: () => withStrategy(withSpot(), ['spot', { weight: 1 }]),
  },
  'capacity/fargate-spot-linux': {
    trigger: () => withStrategy(withSpot(windowsFargate()), ['spot', { weight: 1 }]),
    nodeId: 's0-service',
    clean: () => withStrategy(withSpot(windowsFargate()), ['fargate', { weight: 1 }]),
  },
  'ec2/cluster-capacity': { trigger: () => removeEdges(ec2(), (e) => e.kind === 'capacity-provider-cluster' && e.source === 'asg'), nodeId: 'ec2-service' },
  'ec2/platform-mismatch': {
    trigger: () => setProps(ec2(), 'ec2-td', { runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' } }),
    nodeId: 'ec2-service',
    clean: () => setProps(setProps(ec2(), 'ec2-td', { runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' } }), 'asg', { architecture: 'arm64', instanceType: 'm7g.large' }),
  },
  'ec2/managed-scaling': { trigger: () => setProps(ec2(), 'asg', { managedScaling: { status: 'DISABLED', targetCapacity: 100 } }), nodeId: 'ec2-service' },
  'ec2/instance-profile-role': { trigger: () => removeEdges(ec2(), (e) => e.kind === 'asg-instance-role'), nodeId: 'asg', clean: () => setProps(ec2(), 'instance-role', { managedPolicyArns: ['arn:aws:iam::123456789012:policy/custom'] }) },
  'ec2/ecs-cluster-config': { trigger: () => setProps(ec2(), 'asg', { ecsConfig: { ECS_CLUSTER: 'default' } }), nodeId: 'asg' },
  'capacity/asg-one-cluster': {
    trigger: () => addEdge(addNode(ec2(), 'cluster', 'cluster-2', { clusterName: 'batch' }), 'capacity-provider-cluster', 'asg', 'cluster-2'),
    nodeId: 'asg',
    clean: () => addEdge(addNode(ec2(), 'cluster', 'cluster-2', { clusterName: 'batch' }), 'capacity-provider-cluster', 'fargate', 'cluster-2'),
  },
  'ec2/asg-size': { trigger: () => setProps(ec2(), 'asg', { minSize: 5, maxSize: 4 }), nodeId: 'asg', clean: () => setProps(ec2(), 'asg', { minSize: 0, maxSize: 4, desiredCapacity: 2 }) },
  'capacity/asg-name': { trigger: () => setProps(ec2(), 'asg', { name: 'ecs-capacity' }), nodeId: 'asg', clean: () => setProps(ec2(), 'asg', { name: 'app-ecs-capacity' }) },
  'capacity/managed-termination-protection': {
    trigger: () => setProps(ec2(), 'asg', { managedTerminationProtection: 'ENABLED', managedScaling: { status: 'DISABLED', targetCapacity: 100 } }),
    nodeId: 'asg',
    clean: () => setProps(ec2(), 'asg', { managedTerminationProtection: 'ENABLED' }),
  },
  'ec2/instance-type-architecture': { trigger: () => setProps(ec2(), 'asg', { instanceType: 't4g.large' }), nodeId: 'asg', clean: () => setProps(ec2(), 'asg', { instanceType: 't4g.large', architecture: 'arm64' }) },
  'service/load-balancer-container': {
    trigger: () => ({ ...fg(), edges: fg().edges.map((e) => (e.kind === 'service-target-group' ? { ...e, properties: { containerName: 'app', containerPort: 9090 } } : e)) }),
    nodeId: 's0-service',
  },
  'loadbalancer/target-type': { trigger: () => setProps(fg(), 's0-tg', { targetType: 'instance' }), nodeId: 's0-tg', clean: () => setProps(ec2(), 'ec2-tg', { targetType: 'instance' }) },
  'loadbalancer/dynamic-port-health-check': { trigger: () => setProps(ec2(), 'ec2-tg', { healthCheck: { path: '/', port: '80' } }), nodeId: 'ec2-tg', clean: () => setProps(fg(), 's0-tg', { healthCheck: { port: '8080' } }) },
  'loadbalancer/dynamic-port-security-group': {
    trigger: () => addEdge(addNode(ec2(), 'securityGroup', 'sg-instances', { groupId: 'sg-0abc', ingress: [{ protocol: 'tcp', fromPort: 80, toPort: 80, cidr: '10.0.0.0/16' }] }), 'asg-security-group', 'asg', 'sg-instances'),
    nodeId: 'sg-instances',
    clean: () => addEdge(addNode(ec2(), 'securityGroup', 'sg-instances', { groupId: 'sg-0abc', ingress: [{ protocol: 'tcp', fromPort: 32768, toPort: 65535, cidr: '10.0.0.0/16' }] }), 'asg-security-group', 'asg', 'sg-instances'),
  },
  'loadbalancer/target-group-listener': { trigger: () => removeNodes(fg(), ['s0-listener']), nodeId: 's0-tg', clean: () => setProps(removeNodes(fg(), ['s0-listener']), 's0-tg', { arn: 'arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/x/1' }) },
  'scaling/target-service': { trigger: () => removeEdges(fg(), (e) => e.kind === 'scalable-target-service'), nodeId: 's0-scaling' },
  'scaling/min-desired-max': { trigger: () => setProps(fg(), 's0-scaling', { minCapacity: 12, maxCapacity: 10 }), nodeId: 's0-scaling', clean: () => setProps(fg(), 's0-scaling', { minCapacity: 0, maxCapacity: 2 }) },
  'scaling/policy-target': { trigger: () => removeEdges(fg(), (e) => e.kind === 'scaling-policy-target'), nodeId: 's0-cpu' },
  'scaling/alb-request-count': {
    trigger: () => setProps(removeEdges(fg(), (e) => e.kind === 'service-target-group'), 's0-cpu', { metric: 'ALBRequestCountPerTarget', targetValue: 1000 }),
    nodeId: 's0-cpu',
    clean: () => setProps(fg(), 's0-cpu', { metric: 'ALBRequestCountPerTarget', targetValue: 1000 }),
  },
  'scaling/step-adjustments': {
    trigger: () => withStep([{ metricIntervalLowerBound: 0, metricIntervalUpperBound: 20, scalingAdjustment: 1 }, { metricIntervalLowerBound: 10, scalingAdjustment: 3 }]),
    nodeId: 'step',
    clean: () => withStep([{ metricIntervalUpperBound: 0, scalingAdjustment: -1 }, { metricIntervalLowerBound: 0, metricIntervalUpperBound: 20, scalingAdjustment: 1 }, { metricIntervalLowerBound: 20, scalingAdjustment: 3 }]),
  },
  'scaling/schedule': {
    trigger: () => withSchedule({ scheduledActionName: 'night', schedule: 'cron(0 22 * * *)', minCapacity: 1 }),
    nodeId: 'night',
    clean: () => withSchedule({ scheduledActionName: 'night', schedule: 'cron(0 22 ? * MON-FRI *)', timezone: 'Europe/Budapest', minCapacity: 1, maxCapacity: 4 }),
  },
  'role/execution-role-permissions': {
    trigger: () => setProps(fg(), 's0-exec-role', { managedPolicyArns: [EXEC_POLICY], inlinePolicies: undefined }),
    nodeId: 's0-exec-role',
    clean: () => setProps(fg(), 's0-exec-role', { arn: 'arn:aws:iam::123456789012:role/existing', managedPolicyArns: undefined, inlinePolicies: undefined }),
  },
  'role/task-role-shared': {
    trigger: () => addEdge(removeEdges(serviceDesign(2), (e) => e.kind === 'task-role' && e.source === 's1-td'), 'task-role', 's1-td', 's0-task-role'),
    nodeId: 's0-task-role',
  },
  'efs/mount-targets': { trigger: () => withEfs(fg(), { name: 'shared' }, false), nodeId: 'fs', clean: () => withEfs(fg(), { fileSystemId: 'fs-12345678' }, false) },
  'efs/nfs-security-group': {
    trigger: () => removeEdges(withEfs(), (e) => e.kind === 'efs-security-group'),
    nodeId: 'fs',
    clean: () => setProps(withEfs(), 'sg-efs', { groupId: 'sg-0123', ingress: [{ protocol: 'tcp', fromPort: 2049, toPort: 2049, cidr: '10.0.0.0/16' }] }),
  },
  'security/efs-encryption': { trigger: () => withEfs(fg(), { name: 'shared', encrypted: false }), nodeId: 'fs' },
  'security/efs-access-point': {
    trigger: () => addNode(fg(), 'efsAccessPoint', 'ap', { rootDirectory: { path: '/' }, posixUser: { uid: 1000, gid: 1000 } }),
    nodeId: 'ap',
    clean: () => addNode(fg(), 'efsAccessPoint', 'ap', { rootDirectory: { path: '/app' }, posixUser: { uid: 1000, gid: 1000 } }),
  },
  'security/container-insights': { trigger: () => setProps(fg(), 'cluster', { containerInsights: 'disabled' }), nodeId: 'cluster', clean: () => setProps(fg(), 'cluster', { containerInsights: 'enhanced' }) },
  'volume/s3-not-a-volume': {
    trigger: () => addEdge(addNode(fg(), 's3Bucket', 'bucket', { bucketName: 'app-data' }), 'volume-efs', 's0-td', 'bucket', { volume: 'data' }),
    nodeId: 'bucket',
    clean: () => addEdge(addNode(fg(), 's3Bucket', 'bucket', { bucketName: 'app-data' }), 'task-role-s3', 's0-task-role', 'bucket', { access: 'read' }),
  },
};

/** The Fargate sample whose cluster also has the EC2 capacity of the EC2 sample. */
function ec2ServiceWithFargateTd(): Design {
  let x = fg();
  const e = ec2();
  for (const id of ['asg', 'instance-role']) x = { ...x, nodes: [...x.nodes, e.nodes.find((n) => n.id === id)!] };
  x = addEdge(x, 'asg-instance-role', 'asg', 'instance-role');
  return addEdge(x, 'capacity-provider-cluster', 'asg', 'cluster');
}

function windowsFargate(): Design {
  let x = setProps(fg(), 's0-td', { runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }, cpu: '1024', memory: '2048' });
  for (const c of ['s0-app', 's0-sidecar', 's0-init']) x = setProps(x, c, { readonlyRootFilesystem: undefined });
  return x;
}

function withStep(steps: unknown[]): Design {
  let x = addNode(fg(), 'stepScalingPolicy', 'step', {
    policyName: 'queue',
    stepAdjustments: [{ scalingAdjustment: 1 }],
    alarm: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', threshold: 100, comparisonOperator: 'GreaterThanOrEqualToThreshold' },
  });
  x = setProps(x, 'step', { stepAdjustments: steps });
  return addEdge(x, 'scaling-policy-target', 'step', 's0-scaling');
}

function withSchedule(p: Record<string, unknown>): Design {
  const x = addNode(fg(), 'scheduledAction', 'night', { scheduledActionName: 'night', schedule: 'rate(1 hour)' });
  return addEdge(setProps(x, 'night', p), 'scaling-policy-target', 'night', 's0-scaling');
}

