import type { NodeOf } from '../../model/nodes';
import { DOC } from '../docs';
import { designRule } from '../types';
import { ACTIONS, INSTANCE_ROLE_POLICY, rolePermissions } from './iam';
import type { DesignReader } from './reader';
import { launchPhrase, serviceInfo, serviceLabel, type Provider } from './service';

function providerLabel(p: Provider): string {
  return p.kind === 'fargateCapacityProvider' ? p.properties.provider : `capacity provider "${p.properties.name}"`;
}

export const strategyMixedRule = designRule({
  id: 'capacity/strategy-mixed',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'A strategy uses Fargate providers or Auto Scaling group providers, not both',
  description: 'A capacity provider strategy may contain FARGATE/FARGATE_SPOT or Auto Scaling group providers, never a mix.',
  docUrl: DOC.capacityProviders,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (info.launchSource === 'strategy' && info.launch === 'MIXED') {
      report({ nodeId: s.id }, `${serviceLabel(s)} mixes Fargate and EC2 Auto Scaling group capacity providers in one strategy (${info.strategy.map((x) => providerLabel(x.provider)).join(', ')}): AWS rejects it. Keep either the Fargate providers or the Auto Scaling group providers.`);
    }
  },
});

export const strategyWeightsRule = designRule({
  id: 'capacity/strategy-weights',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'Strategy weights include one above 0; base is set on at most one provider',
  description: 'In a capacity provider strategy at least one provider needs a weight above 0 (0–1000), and only one provider may have a base (0–100000).',
  docUrl: DOC.capacityProviders,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (info.strategy.length === 0) return;
    if (info.strategy.every((x) => (x.edge.properties?.weight ?? 1) === 0)) {
      report({ edgeId: info.strategy[0]!.edge.id, nodeId: s.id, path: ['properties', 'weight'] }, `${serviceLabel(s)}: every provider of its capacity provider strategy has weight 0, so no task can be placed. Give at least one provider a weight above 0.`);
    }
    const withBase = info.strategy.filter((x) => (x.edge.properties?.base ?? 0) > 0);
    if (withBase.length > 1) {
      report({ edgeId: withBase[1]!.edge.id, nodeId: s.id, path: ['properties', 'base'] }, `${serviceLabel(s)}: ${withBase.length} providers of its strategy set a base; only one provider may have a base. Remove the others.`);
    }
  },
});

export const providerInClusterRule = designRule({
  id: 'capacity/provider-not-in-cluster',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'Strategy providers are associated with the service\'s cluster',
  description: 'A service can use only capacity providers associated with its cluster (the cluster\'s capacity providers, FARGATE and FARGATE_SPOT included).',
  docUrl: DOC.capacityProviders,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.cluster) return;
    const cluster = info.cluster;
    for (const { edge, provider } of info.strategy) {
      const linked = r.out(provider.id, 'capacity-provider-cluster').some((e) => e.target === cluster.id);
      if (!linked) {
        report({ edgeId: edge.id, nodeId: s.id }, `${serviceLabel(s)} uses ${providerLabel(provider)}, which is not associated with cluster "${cluster.properties.clusterName}": AWS rejects the strategy. Connect the capacity provider to the cluster.`);
      }
    }
  },
});

export const fargateSpotLinuxRule = designRule({
  id: 'capacity/fargate-spot-linux',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'FARGATE_SPOT runs Linux tasks only',
  description: 'Fargate Spot does not support Windows containers.',
  docUrl: DOC.fargateCapacityProviders,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.resolved?.facts.windows) return;
    for (const p of info.providers) {
      if (p.kind === 'fargateCapacityProvider' && p.properties.provider === 'FARGATE_SPOT') {
        report({ nodeId: s.id }, `${serviceLabel(s)} runs Windows tasks (${info.resolved.facts.os ?? 'Windows'}) on FARGATE_SPOT, which supports Linux only. Use FARGATE for Windows tasks.`);
        return;
      }
    }
  },
});

/** ASG capacity providers of a cluster. */
function clusterAsgs(cluster: NodeOf<'cluster'>, r: DesignReader): NodeOf<'asgCapacityProvider'>[] {
  const res: NodeOf<'asgCapacityProvider'>[] = [];
  for (const p of r.sources(cluster.id, 'capacity-provider-cluster')) if (p.kind === 'asgCapacityProvider') res.push(p);
  return res;
}

/** The Auto Scaling groups an EC2 service places tasks on. */
function serviceAsgs(s: NodeOf<'service'>, r: DesignReader): NodeOf<'asgCapacityProvider'>[] {
  const info = serviceInfo(s, r);
  const fromStrategy = info.providers.filter((p): p is NodeOf<'asgCapacityProvider'> => p.kind === 'asgCapacityProvider');
  if (fromStrategy.length > 0 || info.launchSource === 'strategy') return fromStrategy;
  return info.cluster ? clusterAsgs(info.cluster, r) : [];
}

export const ec2ClusterCapacityRule = designRule({
  id: 'ec2/cluster-capacity',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'An EC2 service\'s cluster has EC2 capacity',
  description: 'Tasks on EC2 are placed on container instances registered in the cluster: the cluster needs an Auto Scaling group capacity provider (with an instance profile role and ECS_CLUSTER set), or the tasks never start.',
  docUrl: DOC.asgCapacityProviders,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.ec2 || !info.cluster || info.cluster.properties.existing === true) return;
    if (clusterAsgs(info.cluster, r).length === 0) {
      report({ nodeId: s.id }, `${serviceLabel(s)} runs on EC2 (${launchPhrase(info)}), but cluster "${info.cluster.properties.clusterName}" has no EC2 capacity: its tasks cannot be placed. Connect an EC2 Auto Scaling group capacity provider to the cluster, or run the service on Fargate.`);
    }
  },
});

export const ec2PlatformMatchRule = designRule({
  id: 'ec2/platform-mismatch',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'EC2 instances match the task\'s CPU architecture and operating system',
  description: 'A task whose runtimePlatform asks for ARM64 (or X86_64, or Windows) can only be placed on instances of that architecture and OS; an image for another architecture fails with "exec format error".',
  docUrl: DOC.runtimePlatform,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.ec2 || !info.resolved) return;
    const asgs = serviceAsgs(s, r);
    if (asgs.length === 0) return;
    const rp = info.resolved.json.runtimePlatform;
    const arch = rp?.cpuArchitecture === 'ARM64' ? 'arm64' : rp?.cpuArchitecture === 'X86_64' ? 'x86_64' : undefined;
    if (arch !== undefined && !asgs.some((a) => a.properties.architecture === arch)) {
      report({ nodeId: s.id }, `${serviceLabel(s)} runs ${rp?.cpuArchitecture} tasks, but its EC2 capacity (${asgs.map((a) => `"${a.properties.name}" ${a.properties.architecture}`).join(', ')}) has no ${arch} instances: the tasks cannot be placed. Use ${arch} instances or change the task's cpuArchitecture.`);
    }
    if (info.resolved.facts.windows) {
      report({ nodeId: s.id }, `${serviceLabel(s)} runs Windows tasks (${info.resolved.facts.os ?? ''}), but its EC2 capacity uses Linux ECS-optimized AMIs: the tasks cannot be placed. Use Windows container instances or Fargate.`);
    }
  },
});

export const managedScalingRule = designRule({
  id: 'ec2/managed-scaling',
  scope: 'design',
  anchor: ['service'],
  severity: 'warning',
  title: 'Service auto scaling on EC2 has instance scaling too',
  description: 'Service auto scaling changes the number of tasks, not instances: on EC2, capacity provider managed scaling must add instances for the new tasks, or they stay PENDING.',
  docUrl: DOC.managedScaling,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.ec2 || r.in(s.id, 'scalable-target-service').length === 0) return;
    const asgs = serviceAsgs(s, r);
    if (asgs.length > 0 && asgs.every((a) => a.properties.managedScaling.status === 'DISABLED')) {
      report({ nodeId: s.id }, `${serviceLabel(s)} auto scales its tasks on EC2, but managed scaling is off on ${asgs.map((a) => `"${a.properties.name}"`).join(', ')}: new tasks wait for instances nobody adds. Enable capacity provider managed scaling.`);
    }
  },
});

export const instanceProfileRoleRule = designRule({
  id: 'ec2/instance-profile-role',
  scope: 'design',
  anchor: ['asgCapacityProvider'],
  severity: 'error',
  title: 'EC2 capacity has an instance profile role',
  description: 'The ECS agent on a container instance registers with the cluster and pulls images with the instance profile role (AmazonEC2ContainerServiceforEC2Role); without it the instances never join.',
  docUrl: DOC.instanceRole,
  check(a, r, report) {
    const role = r.target(a.id, 'asg-instance-role');
    if (!role) {
      report({ nodeId: a.id }, `Auto Scaling group "${a.properties.name}" has no instance profile role: the ECS agent cannot register its instances with the cluster. Connect an instance profile role with AmazonEC2ContainerServiceforEC2Role.`);
      return;
    }
    if (role.kind !== 'instanceRole') return;
    const perms = rolePermissions(role);
    if (perms.known && !ACTIONS.ecsAgent.every((x) => perms.allows(x))) {
      report({ nodeId: role.id, path: ['properties', 'managedPolicyArns'] }, `instance role "${role.properties.roleName ?? role.id}" of Auto Scaling group "${a.properties.name}" does not allow ${ACTIONS.ecsAgent.join(', ')}: the ECS agent cannot register. Attach the ${INSTANCE_ROLE_POLICY} managed policy.`);
    }
  },
});

export const ecsClusterConfigRule = designRule({
  id: 'ec2/ecs-cluster-config',
  scope: 'design',
  anchor: ['asgCapacityProvider'],
  severity: 'error',
  title: 'ECS_CLUSTER in ecs.config names the cluster',
  description: 'Instances join the cluster named by ECS_CLUSTER in /etc/ecs/ecs.config (written by the launch template user data); without it they join "default".',
  docUrl: DOC.agentConfig,
  fixes: ['ec2/set-ecs-cluster'],
  check(a, r, report) {
    const clusters = r.targets(a.id, 'capacity-provider-cluster').filter((c): c is NodeOf<'cluster'> => c.kind === 'cluster');
    const cluster = clusters[0];
    if (!cluster) return;
    const name = cluster.properties.clusterName;
    const value = a.properties.ecsConfig['ECS_CLUSTER'];
    if (value === undefined) {
      report({ nodeId: a.id, path: ['properties', 'ecsConfig', 'ECS_CLUSTER'] }, `Auto Scaling group "${a.properties.name}" does not set ECS_CLUSTER in ecs.config: its instances join the "default" cluster, not "${name}". Set ECS_CLUSTER=${name}.`);
    } else if (value !== name) {
      report({ nodeId: a.id, path: ['properties', 'ecsConfig', 'ECS_CLUSTER'] }, `Auto Scaling group "${a.properties.name}" sets ECS_CLUSTER=${value}, but it is capacity of cluster "${name}": its instances register elsewhere and the cluster gets no capacity. Set ECS_CLUSTER=${name}.`);
    }
  },
});

export const asgOneClusterRule = designRule({
  id: 'capacity/asg-one-cluster',
  scope: 'design',
  anchor: ['asgCapacityProvider'],
  severity: 'error',
  title: 'An Auto Scaling group capacity provider belongs to one cluster',
  description: 'An Auto Scaling group capacity provider can be associated with only one cluster (its instances register with one cluster).',
  docUrl: DOC.asgCapacityProviders,
  check(a, r, report) {
    const clusters = r.targets(a.id, 'capacity-provider-cluster').filter((c): c is NodeOf<'cluster'> => c.kind === 'cluster');
    if (clusters.length > 1) {
      report({ nodeId: a.id }, `capacity provider "${a.properties.name}" is associated with ${clusters.length} clusters (${clusters.map((c) => `"${c.properties.clusterName}"`).join(', ')}): an Auto Scaling group capacity provider can serve only one cluster. Create one Auto Scaling group per cluster.`);
    }
  },
});

export const asgSizeRule = designRule({
  id: 'ec2/asg-size',
  scope: 'design',
  anchor: ['asgCapacityProvider'],
  severity: 'error',
  title: 'Auto Scaling group sizes: min ≤ desired ≤ max, max ≥ 1',
  description: 'An Auto Scaling group needs minSize ≤ desiredCapacity ≤ maxSize; a maxSize of 0 never launches an instance.',
  docUrl: DOC.asgCapacityProviders,
  check(a, _r, report) {
    const { minSize, maxSize, desiredCapacity } = a.properties;
    const at = { nodeId: a.id, path: ['properties', 'maxSize'] };
    if (maxSize === 0) report(at, `Auto Scaling group "${a.properties.name}" has maxSize 0: it can never launch an instance. Raise maxSize.`);
    if (minSize > maxSize) report(at, `Auto Scaling group "${a.properties.name}": minSize ${minSize} is greater than maxSize ${maxSize}.`);
    if (desiredCapacity !== undefined && (desiredCapacity < minSize || desiredCapacity > maxSize)) {
      report({ nodeId: a.id, path: ['properties', 'desiredCapacity'] }, `Auto Scaling group "${a.properties.name}": desiredCapacity ${desiredCapacity} is outside minSize ${minSize} – maxSize ${maxSize}.`);
    }
  },
});

export const asgNameRule = designRule({
  id: 'capacity/asg-name',
  scope: 'design',
  anchor: ['asgCapacityProvider'],
  severity: 'error',
  title: 'Capacity provider names do not start with aws, ecs or fargate',
  description: 'CreateCapacityProvider rejects names beginning with "aws", "ecs" or "fargate".',
  docUrl: DOC.asgCapacityProviders,
  check(a, _r, report) {
    if (/^(aws|ecs|fargate)/i.test(a.properties.name)) {
      report({ nodeId: a.id, path: ['properties', 'name'] }, `capacity provider name "${a.properties.name}" starts with a reserved prefix (aws, ecs, fargate): AWS rejects it. Rename it.`);
    }
  },
});

export const terminationProtectionRule = designRule({
  id: 'capacity/managed-termination-protection',
  scope: 'design',
  anchor: ['asgCapacityProvider'],
  severity: 'error',
  title: 'Managed termination protection needs managed scaling',
  description: 'Managed termination protection can be enabled only when managed scaling is enabled.',
  docUrl: DOC.managedScaling,
  check(a, _r, report) {
    if (a.properties.managedTerminationProtection === 'ENABLED' && a.properties.managedScaling.status !== 'ENABLED') {
      report({ nodeId: a.id, path: ['properties', 'managedTerminationProtection'] }, `capacity provider "${a.properties.name}" enables managed termination protection without managed scaling: AWS rejects it. Enable managed scaling or disable termination protection.`);
    }
  },
});

/** Graviton instance families: a1 and families whose generation digit is followed by "g" (t4g, m7g, c7gn, r8gd…). */
export function isGravitonInstanceType(instanceType: string): boolean {
  const family = instanceType.split('.')[0] ?? '';
  return family === 'a1' || /^[a-z]+\d+g[a-z]*$/.test(family);
}

export const instanceTypeArchitectureRule = designRule({
  id: 'ec2/instance-type-architecture',
  scope: 'design',
  anchor: ['asgCapacityProvider'],
  severity: 'error',
  title: 'The instance type matches the AMI architecture',
  description: 'Graviton instance types (t4g, m7g, c7gn…) need the arm64 ECS-optimized AMI; other types need x86_64. A mismatched AMI does not boot on the instance type.',
  docUrl: DOC.launchInstance,
  check(a, _r, report) {
    const graviton = isGravitonInstanceType(a.properties.instanceType);
    if (graviton && a.properties.architecture !== 'arm64') {
      report({ nodeId: a.id, path: ['properties', 'architecture'] }, `instance type ${a.properties.instanceType} is a Graviton (arm64) type but the AMI architecture is ${a.properties.architecture}: instances cannot launch. Set architecture to arm64.`);
    } else if (!graviton && a.properties.architecture === 'arm64') {
      report({ nodeId: a.id, path: ['properties', 'architecture'] }, `instance type ${a.properties.instanceType} is an x86_64 type but the AMI architecture is arm64: instances cannot launch. Use a Graviton type (e.g. t4g, m7g) or set architecture to x86_64.`);
    }
  },
});

export const CAPACITY_RULES = [
  strategyMixedRule,
  strategyWeightsRule,
  providerInClusterRule,
  fargateSpotLinuxRule,
  ec2ClusterCapacityRule,
  ec2PlatformMatchRule,
  managedScalingRule,
  instanceProfileRoleRule,
  ecsClusterConfigRule,
  asgOneClusterRule,
  asgSizeRule,
  asgNameRule,
  terminationProtectionRule,
  instanceTypeArchitectureRule,
];
