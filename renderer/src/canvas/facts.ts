import type { DesignNode, NodeKind } from '../../../shared/model/nodes';

/** The short facts a node card shows under its title ("0.25 vCPU · 512 MiB · awsvpc"). Pure: derived from the node. */
export function nodeFacts(node: DesignNode): string {
  switch (node.kind) {
    case 'taskDefinition': {
      const p = node.properties;
      const cpu = p.cpu === undefined ? undefined : cpuLabel(p.cpu);
      const mem = p.memory === undefined ? undefined : memoryLabel(p.memory);
      return join([cpu, mem, p.networkMode ?? 'bridge', p.requiresCompatibilities?.includes('FARGATE') ? undefined : p.requiresCompatibilities?.join('/')]);
    }
    case 'service': {
      const p = node.properties;
      const count = p.schedulingStrategy === 'DAEMON' ? 'daemon' : `${p.desiredCount ?? 1} ${p.desiredCount === 1 ? 'task' : 'tasks'}`;
      return join([count, p.launchType ?? 'capacity providers']);
    }
    case 'container': {
      const p = node.properties;
      const ports = (p.portMappings ?? []).map((m) => m.containerPort).filter((x): x is number => x !== undefined);
      const image = p.image ?? (p.imageTag === undefined ? undefined : `:${p.imageTag}`);
      return join([image ?? 'no image', ports.length > 0 ? `port ${ports.join(', ')}` : undefined, p.essential === false ? 'non-essential' : undefined]);
    }
    case 'cluster':
      return node.properties.existing ? 'existing cluster' : `Container Insights ${node.properties.containerInsights ?? 'off'}`;
    case 'fargateCapacityProvider':
      return node.properties.provider === 'FARGATE_SPOT' ? 'Spot · interruptible' : 'on demand';
    case 'asgCapacityProvider': {
      const p = node.properties;
      return join([p.instanceType, `${p.minSize}–${p.maxSize} instances`]);
    }
    case 'scalableTarget':
      return `${node.properties.minCapacity}–${node.properties.maxCapacity} tasks`;
    case 'targetTrackingPolicy':
      return `${node.properties.metric} → ${node.properties.targetValue}`;
    case 'stepScalingPolicy': {
      const a = node.properties.alarm;
      return a ? `${a.metricName} ${a.comparisonOperator.includes('Greater') ? '≥' : '≤'} ${a.threshold}` : 'step scaling';
    }
    case 'scheduledAction':
      return join([node.properties.schedule, `${node.properties.minCapacity ?? '?'}–${node.properties.maxCapacity ?? '?'}`]);
    case 'loadBalancer':
      return join([node.properties.type === 'network' ? 'NLB' : 'ALB', node.properties.scheme]);
    case 'listener':
      return `${node.properties.protocol} ${node.properties.port}`;
    case 'targetGroup':
      return join([`${node.properties.protocol ?? ''} ${node.properties.port ?? ''}`.trim() || undefined, `target ${node.properties.targetType}`]);
    case 'logGroup':
      return node.properties.retentionInDays === undefined ? 'kept forever' : `${node.properties.retentionInDays} days retention`;
    case 'secret':
      return node.properties.store === 'ssm' ? 'SSM parameter' : 'Secrets Manager';
    case 'ecrRepository':
      return join([node.properties.imageTagMutability?.toLowerCase(), node.properties.scanOnPush ? 'scan on push' : undefined]);
    case 'externalImage':
      return node.properties.registry ?? 'registry';
    case 'vpc':
      return node.properties.cidrBlock ?? node.properties.vpcId ?? '';
    case 'subnet':
      return join([node.properties.cidrBlock, node.properties.public ? 'public' : 'private']);
    case 'securityGroup':
      return node.properties.groupId ?? 'new group';
    case 'efsFileSystem':
      return node.properties.encrypted ? 'encrypted' : 'not encrypted';
    case 'efsAccessPoint':
      return node.properties.rootDirectory?.path ?? '/';
    case 's3Bucket':
      return 'via the task role';
    case 'taskRole':
    case 'executionRole':
    case 'instanceRole':
      return node.properties.arn === undefined ? 'IAM role' : 'existing role';
  }
}

function join(parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(' · ');
}

export function cpuLabel(cpu: string): string {
  const units = Number(cpu);
  if (Number.isFinite(units)) return `${units / 1024} vCPU`;
  return cpu;
}

export function memoryLabel(memory: string): string {
  const n = Number(memory);
  if (!Number.isFinite(n)) return memory;
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024} GB` : `${n} MiB`;
}

/** The property that holds a node's display name, for rename in place (none for kinds named by other facts). */
export const NAME_FIELD: Partial<Record<NodeKind, string>> = {
  cluster: 'clusterName',
  asgCapacityProvider: 'name',
  service: 'serviceName',
  taskDefinition: 'family',
  container: 'name',
  taskRole: 'roleName',
  executionRole: 'roleName',
  instanceRole: 'roleName',
  ecrRepository: 'repositoryName',
  externalImage: 'image',
  efsFileSystem: 'name',
  s3Bucket: 'bucketName',
  secret: 'name',
  logGroup: 'logGroupName',
  vpc: 'name',
  subnet: 'name',
  securityGroup: 'groupName',
  loadBalancer: 'name',
  targetGroup: 'name',
  targetTrackingPolicy: 'policyName',
  stepScalingPolicy: 'policyName',
  scheduledAction: 'scheduledActionName',
};
