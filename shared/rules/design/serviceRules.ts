import type { DesignNode } from '../../model/nodes';
import { DOC } from '../docs';
import { designRule } from '../types';
import { rolePermissions as rolePermissionsOf } from './iam';
import { platformVersion, launchPhrase, serviceInfo, serviceLabel, versionBelow } from './service';

export const serviceTaskDefinitionRule = designRule({
  id: 'service/task-definition',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'A service runs a task definition',
  description: 'CreateService needs a task definition: connect the service to one.',
  docUrl: DOC.serviceParams,
  check(s, r, report) {
    if (!r.target(s.id, 'service-task-definition')) report({ nodeId: s.id }, `${serviceLabel(s)} has no task definition: it has nothing to run. Connect it to a task definition.`);
  },
});

export const serviceClusterRule = designRule({
  id: 'service/cluster',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'A service runs in a cluster',
  description: 'Every service belongs to exactly one cluster: connect it to one.',
  docUrl: DOC.serviceParams,
  check(s, r, report) {
    if (!r.target(s.id, 'service-cluster')) report({ nodeId: s.id }, `${serviceLabel(s)} is not in a cluster: connect it to the cluster it runs in.`);
  },
});

export const launchTypeAndStrategyRule = designRule({
  id: 'service/launch-type-and-strategy',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'launchType and a capacity provider strategy are mutually exclusive',
  description: 'CreateService rejects a service that sets both `launchType` and `capacityProviderStrategy`.',
  docUrl: DOC.capacityProviders,
  check(s, r, report) {
    if (s.properties.launchType === undefined) return;
    const n = r.out(s.id, 'service-capacity-provider').length;
    if (n > 0) {
      report({ nodeId: s.id, path: ['properties', 'launchType'] }, `${serviceLabel(s)} sets launch type ${s.properties.launchType} and a capacity provider strategy (${n} provider${n > 1 ? 's' : ''}): AWS accepts only one of them. Remove the launch type or the strategy connections.`);
    }
  },
});

export const launchCompatibilityRule = designRule({
  id: 'service/launch-type-compatibility',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'The task definition is compatible with where the service runs it',
  description: 'A task definition must list FARGATE in `requiresCompatibilities` to run on Fargate, EC2 (or nothing) to run on EC2, EXTERNAL to run on ECS Anywhere.',
  docUrl: DOC.taskSizeParam,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.td || !info.resolved) return;
    const f = info.resolved.facts;
    const at = { nodeId: info.td.id, path: ['properties', 'requiresCompatibilities'] };
    const family = info.td.properties.family;
    if (info.fargate && !f.fargate) {
      report(at, `${serviceLabel(s)} runs on Fargate (${launchPhrase(info)}), but task definition "${family}" is not validated for Fargate: AWS refuses to start it. Add FARGATE to requiresCompatibilities.`);
    }
    if (info.ec2 && !f.ec2) {
      report(at, `${serviceLabel(s)} runs on EC2 (${launchPhrase(info)}), but task definition "${family}" requires ${(info.td.properties.requiresCompatibilities ?? []).join(', ')}: add EC2 to requiresCompatibilities or run the service on Fargate.`);
    }
    if (info.launch === 'EXTERNAL' && !f.external) {
      report(at, `${serviceLabel(s)} uses launch type EXTERNAL, but task definition "${family}" does not list EXTERNAL in requiresCompatibilities.`);
    }
  },
});

export const daemonFargateRule = designRule({
  id: 'service/daemon-fargate',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'DAEMON services do not run on Fargate',
  description: 'The DAEMON scheduling strategy places one task per container instance, so it needs EC2 (or EXTERNAL) capacity.',
  docUrl: DOC.daemon,
  check(s, r, report) {
    if (s.properties.schedulingStrategy !== 'DAEMON') return;
    const info = serviceInfo(s, r);
    if (info.fargate) report({ nodeId: s.id, path: ['properties', 'schedulingStrategy'] }, `${serviceLabel(s)} uses DAEMON scheduling on Fargate (${launchPhrase(info)}): Fargate has no container instances to run one task on each. Use REPLICA, or run it on EC2.`);
    if (info.strategy.length > 0) report({ nodeId: s.id, path: ['properties', 'schedulingStrategy'] }, `${serviceLabel(s)} uses DAEMON scheduling with a capacity provider strategy: DAEMON services do not support capacity providers. Use launch type EC2.`);
  },
});

export const desiredCountRule = designRule({
  id: 'service/desired-count',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'REPLICA services set desiredCount',
  description: 'A REPLICA service keeps `desiredCount` tasks running; CreateService requires it.',
  docUrl: DOC.serviceParams,
  check(s, _r, report) {
    if (s.properties.schedulingStrategy === 'REPLICA' && s.properties.desiredCount === undefined) {
      report({ nodeId: s.id, path: ['properties', 'desiredCount'] }, `${serviceLabel(s)} is a REPLICA service without desiredCount: set how many tasks it keeps running.`);
    }
  },
});

export const deploymentConfigurationRule = designRule({
  id: 'service/deployment-configuration',
  scope: 'design',
  anchor: ['service'],
  severity: 'warning',
  title: 'Rolling deployments have room to replace tasks',
  description:
    'ECS rounds minimumHealthyPercent up and maximumPercent down; when the two give the same task count, a rolling deployment can neither stop an old task nor start a new one and never finishes.',
  docUrl: DOC.deployment,
  check(s, _r, report) {
    const p = s.properties;
    if (p.schedulingStrategy === 'DAEMON' || (p.deploymentController !== undefined && p.deploymentController !== 'ECS')) return;
    const desired = p.desiredCount;
    if (desired === undefined || desired === 0) return;
    const min = p.deploymentConfiguration?.minimumHealthyPercent ?? 100;
    const max = p.deploymentConfiguration?.maximumPercent ?? 200;
    const keep = Math.ceil((desired * min) / 100);
    const cap = Math.floor((desired * max) / 100);
    if (cap <= keep) {
      report(
        { nodeId: s.id, path: ['properties', 'deploymentConfiguration'] },
        `${serviceLabel(s)}: with ${desired} task${desired > 1 ? 's' : ''}, minimumHealthyPercent ${min} keeps ${keep} running and maximumPercent ${max} allows at most ${cap}, so a deployment cannot replace any task. Lower minimumHealthyPercent or raise maximumPercent.`,
      );
    }
  },
});

export const circuitBreakerRule = designRule({
  id: 'service/circuit-breaker',
  scope: 'design',
  anchor: ['service'],
  severity: 'warning',
  title: 'Deployments use the circuit breaker with rollback',
  description: 'Without the deployment circuit breaker a deployment whose tasks keep failing retries forever; with rollback it returns to the last working deployment.',
  docUrl: DOC.circuitBreaker,
  fixes: ['service/enable-circuit-breaker'],
  check(s, _r, report) {
    const p = s.properties;
    if (p.deploymentController !== undefined && p.deploymentController !== 'ECS') return;
    if (p.deploymentConfiguration?.strategy === 'BLUE_GREEN') return;
    const cb = p.deploymentConfiguration?.deploymentCircuitBreaker;
    if (cb?.enable === true && cb.rollback === true) return;
    const what = cb?.enable === true ? 'the circuit breaker is on but rollback is off' : 'the deployment circuit breaker is off';
    report({ nodeId: s.id, path: ['properties', 'deploymentConfiguration', 'deploymentCircuitBreaker'] }, `${serviceLabel(s)}: ${what}, so a deployment whose tasks keep failing is not stopped and rolled back. Enable the circuit breaker with rollback.`);
  },
});

export const awsvpcNetworkConfigurationRule = designRule({
  id: 'service/awsvpc-network-configuration',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'awsvpc services have 1–16 subnets and at most 5 security groups',
  description: 'A service whose task definition uses awsvpc (every Fargate service) needs `networkConfiguration.awsvpcConfiguration` with 1–16 subnets and up to 5 security groups.',
  docUrl: DOC.serviceNetworking,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.resolved || info.resolved.facts.networkMode !== 'awsvpc') return;
    const n = info.subnets.length;
    if (n === 0) report({ nodeId: s.id }, `${serviceLabel(s)} runs awsvpc tasks${info.fargate ? ' on Fargate' : ''} but has no subnets: each task needs a network interface in one of the service subnets. Connect the service to 1–16 subnets.`);
    else if (n > 16) report({ nodeId: s.id }, `${serviceLabel(s)} has ${n} subnets; awsvpc services accept at most 16.`);
    if (info.securityGroups.length > 5) report({ nodeId: s.id }, `${serviceLabel(s)} has ${info.securityGroups.length} security groups; awsvpc services accept at most 5.`);
  },
});

export const networkConfigurationModeRule = designRule({
  id: 'service/network-configuration-mode',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'Only awsvpc services have a network configuration',
  description: 'Subnets, security groups and assignPublicIp belong to awsvpc tasks; CreateService rejects a network configuration for bridge or host tasks.',
  docUrl: DOC.serviceNetworking,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.resolved || info.resolved.facts.networkMode === 'awsvpc') return;
    const what: string[] = [];
    if (info.subnets.length > 0) what.push('subnets');
    if (info.securityGroups.length > 0) what.push('security groups');
    if (s.properties.assignPublicIp !== undefined) what.push('assignPublicIp');
    if (what.length > 0) {
      report({ nodeId: s.id }, `${serviceLabel(s)} has ${what.join(', ')}, but its task definition uses ${info.resolved.facts.networkMode} network mode: a network configuration is valid only for awsvpc. Remove them, or switch the task definition to awsvpc.`);
    }
  },
});

function memberLabel(n: DesignNode): string {
  if (n.kind === 'subnet') return `subnet ${n.properties.name ?? n.properties.subnetId ?? n.id}`;
  if (n.kind === 'securityGroup') return `security group ${n.properties.groupName ?? n.properties.groupId ?? n.id}`;
  if (n.kind === 'targetGroup') return `target group ${n.properties.name}`;
  return n.id;
}

export const sameVpcRule = designRule({
  id: 'network/same-vpc',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'A service\'s subnets, security groups and target groups are in one VPC',
  description: 'The subnets and security groups of an awsvpc service, and ip target groups it registers in, must belong to the same VPC.',
  docUrl: DOC.serviceNetworking,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    const vpcs = new Map<string, DesignNode>();
    for (const { subnet } of info.subnets) {
      const vpc = r.target(subnet.id, 'subnet-vpc');
      if (vpc && !vpcs.has(vpc.id)) vpcs.set(vpc.id, subnet);
    }
    for (const { group } of info.securityGroups) {
      const vpc = r.target(group.id, 'security-group-vpc');
      if (vpc && !vpcs.has(vpc.id)) vpcs.set(vpc.id, group);
    }
    for (const { tg } of info.targetGroups) {
      const vpc = r.target(tg.id, 'target-group-vpc');
      if (vpc && !vpcs.has(vpc.id)) vpcs.set(vpc.id, tg);
    }
    if (vpcs.size > 1) {
      report({ nodeId: s.id }, `${serviceLabel(s)} spans ${vpcs.size} VPCs (${[...vpcs.values()].map(memberLabel).join(', ')} are in different VPCs): its subnets, security groups and target groups must share one VPC.`);
    }
  },
});

export const publicIpSubnetRule = designRule({
  id: 'network/public-ip-subnet',
  scope: 'design',
  anchor: ['service'],
  severity: 'warning',
  title: 'Fargate tasks can reach the image registry',
  description:
    'A Fargate task in a public subnet needs a public IP to pull images (there is no NAT gateway there); a public IP in a private subnet does nothing, and the task then needs a NAT gateway or VPC endpoints.',
  docUrl: DOC.publicIp,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.fargate || info.subnets.length === 0) return;
    const allPublic = info.subnets.every((x) => x.subnet.properties.public);
    const allPrivate = info.subnets.every((x) => !x.subnet.properties.public);
    const ip = s.properties.assignPublicIp === 'ENABLED';
    if (allPublic && !ip) {
      report({ nodeId: s.id, path: ['properties', 'assignPublicIp'] }, `${serviceLabel(s)} runs Fargate tasks in public subnets without a public IP: they cannot reach the registry to pull images (CannotPullContainerError). Set assignPublicIp to ENABLED, or use private subnets with a NAT gateway or VPC endpoints.`);
    } else if (allPrivate && ip) {
      report({ nodeId: s.id, path: ['properties', 'assignPublicIp'] }, `${serviceLabel(s)} assigns public IPs but its subnets are private (no internet gateway route): the IPs are useless, and the tasks pull images only through a NAT gateway or VPC endpoints. Set assignPublicIp to DISABLED.`);
    }
  },
});

export const publicIpSecurityRule = designRule({
  id: 'security/public-ip',
  scope: 'design',
  anchor: ['service'],
  severity: 'warning',
  title: 'Tasks do not get public IPs',
  description: 'With `assignPublicIp: ENABLED` every task is reachable from the internet subject only to its security groups; prefer private subnets behind a load balancer.',
  docUrl: DOC.securityTasks,
  check(s, _r, report) {
    if (s.properties.assignPublicIp === 'ENABLED') {
      report({ nodeId: s.id, path: ['properties', 'assignPublicIp'] }, `${serviceLabel(s)} gives each task a public IP: the tasks are exposed to the internet, guarded only by their security groups. Run them in private subnets (NAT or VPC endpoints for egress) behind a load balancer.`);
    }
  },
});

export const gracePeriodRule = designRule({
  id: 'service/grace-period',
  scope: 'design',
  anchor: ['service'],
  severity: 'warning',
  title: 'healthCheckGracePeriodSeconds has a health check to apply to',
  description: 'The grace period delays load balancer and container health checks; without either it has no effect.',
  docUrl: DOC.serviceParams,
  check(s, r, report) {
    if (s.properties.healthCheckGracePeriodSeconds === undefined) return;
    const info = serviceInfo(s, r);
    if (info.targetGroups.length > 0) return;
    if (info.resolved?.json.containerDefinitions.some((c) => c.healthCheck !== undefined)) return;
    report({ nodeId: s.id, path: ['properties', 'healthCheckGracePeriodSeconds'] }, `${serviceLabel(s)} sets healthCheckGracePeriodSeconds but has no load balancer target group and no container health check: it has no effect. Remove it or add a health check.`);
  },
});

export const execCommandRule = designRule({
  id: 'service/execute-command-task-role',
  scope: 'design',
  anchor: ['service'],
  severity: 'warning',
  title: 'ECS Exec has a task role with ssmmessages permissions',
  description: 'With `enableExecuteCommand` the SSM agent in the task opens channels with the task role: it needs a task role allowing ssmmessages:CreateControlChannel/CreateDataChannel/OpenControlChannel/OpenDataChannel.',
  docUrl: DOC.ecsExec,
  check(s, r, report) {
    if (s.properties.enableExecuteCommand !== true) return;
    const info = serviceInfo(s, r);
    if (!info.td) return;
    const role = r.target(info.td.id, 'task-role');
    if (!role || role.kind !== 'taskRole') {
      report({ nodeId: s.id, path: ['properties', 'enableExecuteCommand'] }, `${serviceLabel(s)} enables ECS Exec, but task definition "${info.td.properties.family}" has no task role: exec sessions will fail. Add a task role allowing the ssmmessages actions.`);
      return;
    }
    const rp = rolePermissionsOf(role);
    if (rp.known && !['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'].every((a) => rp.allows(a))) {
      report({ nodeId: role.id, path: ['properties', 'inlinePolicies'] }, `${serviceLabel(s)} enables ECS Exec, but task role "${role.properties.roleName ?? role.id}" does not allow ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel: exec sessions will fail. Add them to the task role.`);
    }
  },
});

export const platformVersionFeaturesRule = designRule({
  id: 'fargate/platform-version',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'The Fargate platform version supports the task\'s features',
  description: 'On Fargate Linux, EFS volumes, ephemeralStorage and 8/16 vCPU tasks need platform version 1.4.0 or later (LATEST is).',
  docUrl: DOC.linuxPlatform,
  fixes: ['service/platform-latest'],
  check(s, r, report) {
    const info = serviceInfo(s, r);
    const v = platformVersion(s.properties.platformVersion);
    if (!info.fargate || !v || !info.resolved || info.resolved.facts.windows || !versionBelow(v, [1, 4, 0])) return;
    const json = info.resolved.json;
    const needs: string[] = [];
    if ((json.volumes ?? []).some((x) => x.efsVolumeConfiguration !== undefined)) needs.push('EFS volumes');
    if (json.ephemeralStorage !== undefined) needs.push('ephemeralStorage');
    const cpu = info.resolved.facts.cpu;
    if (cpu.state === 'ok' && cpu.value >= 8192) needs.push(`${cpu.value / 1024} vCPU`);
    if (needs.length > 0) {
      report({ nodeId: s.id, path: ['properties', 'platformVersion'] }, `${serviceLabel(s)} pins Fargate platform ${s.properties.platformVersion}, but its task uses ${needs.join(', ')}, which need 1.4.0 or later: tasks fail to start. Use LATEST (or 1.4.0).`);
    }
  },
});

export const platformPinnedRule = designRule({
  id: 'security/platform-version-pinned',
  scope: 'design',
  anchor: ['service'],
  severity: 'warning',
  title: 'Fargate services use the LATEST platform version',
  description: 'A pinned platform version misses the security patches and features of newer platform versions.',
  docUrl: DOC.linuxPlatform,
  fixes: ['service/platform-latest'],
  check(s, r, report) {
    const pv = s.properties.platformVersion;
    if (pv === undefined || pv === 'LATEST') return;
    if (!serviceInfo(s, r).fargate) return;
    report({ nodeId: s.id, path: ['properties', 'platformVersion'] }, `${serviceLabel(s)} pins Fargate platform version ${pv}: new platform versions bring security fixes and features. Use LATEST unless you need this version.`);
  },
});


export const SERVICE_RULES = [
  serviceTaskDefinitionRule,
  serviceClusterRule,
  launchTypeAndStrategyRule,
  launchCompatibilityRule,
  daemonFargateRule,
  desiredCountRule,
  deploymentConfigurationRule,
  circuitBreakerRule,
  awsvpcNetworkConfigurationRule,
  networkConfigurationModeRule,
  sameVpcRule,
  publicIpSubnetRule,
  publicIpSecurityRule,
  gracePeriodRule,
  execCommandRule,
  platformVersionFeaturesRule,
  platformPinnedRule,
];
