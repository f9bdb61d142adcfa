import type { EdgeOf } from '../../model/edges';
import type { NodeOf } from '../../model/nodes';
import type { DesignReader, ResolvedTaskDef } from './reader';

export type Provider = NodeOf<'fargateCapacityProvider'> | NodeOf<'asgCapacityProvider'>;

/** Where a service's tasks run: from its launch type, its capacity provider strategy, the cluster default, or the AWS default (EC2). */
export type Launch = 'FARGATE' | 'EC2' | 'EXTERNAL' | 'MIXED';

export type ServiceInfo = {
  service: NodeOf<'service'>;
  td: NodeOf<'taskDefinition'> | undefined;
  resolved: ResolvedTaskDef | undefined;
  cluster: NodeOf<'cluster'> | undefined;
  strategy: { edge: EdgeOf<'service-capacity-provider'>; provider: Provider }[];
  /** The providers the tasks are placed on: the service strategy, else the cluster default strategy. */
  providers: Provider[];
  launch: Launch;
  launchSource: 'launchType' | 'strategy' | 'cluster-default' | 'default';
  fargate: boolean;
  ec2: boolean;
  subnets: { edge: EdgeOf<'service-subnet'>; subnet: NodeOf<'subnet'> }[];
  securityGroups: { edge: EdgeOf<'service-security-group'>; group: NodeOf<'securityGroup'> }[];
  targetGroups: { edge: EdgeOf<'service-target-group'>; tg: NodeOf<'targetGroup'> }[];
};

function classify(providers: Provider[]): Launch {
  const f = providers.some((p) => p.kind === 'fargateCapacityProvider');
  const e = providers.some((p) => p.kind === 'asgCapacityProvider');
  return f && e ? 'MIXED' : f ? 'FARGATE' : 'EC2';
}

export function serviceInfo(service: NodeOf<'service'>, r: DesignReader): ServiceInfo {
  return r.memo(computeServiceInfo, service);
}

function computeServiceInfo(service: NodeOf<'service'>, r: DesignReader): ServiceInfo {
  {
    const tdNode = r.target(service.id, 'service-task-definition');
    const td = tdNode?.kind === 'taskDefinition' ? tdNode : undefined;
    const resolved = td ? r.taskDef(td.id) : undefined;
    const clusterNode = r.target(service.id, 'service-cluster');
    const cluster = clusterNode?.kind === 'cluster' ? clusterNode : undefined;
    const strategy: ServiceInfo['strategy'] = [];
    for (const { edge, node: p } of r.linked(service.id, 'service-capacity-provider')) {
      if (p.kind === 'fargateCapacityProvider' || p.kind === 'asgCapacityProvider') strategy.push({ edge, provider: p });
    }
    let providers: Provider[] = strategy.map((s) => s.provider);
    let launch: Launch;
    let launchSource: ServiceInfo['launchSource'];
    if (service.properties.launchType !== undefined) {
      launch = service.properties.launchType;
      launchSource = 'launchType';
      providers = [];
    } else if (strategy.length > 0) {
      launch = classify(providers);
      launchSource = 'strategy';
    } else {
      const defaults: Provider[] = [];
      if (cluster) {
        for (const e of r.in(cluster.id, 'capacity-provider-cluster')) {
          if (e.properties?.defaultWeight === undefined) continue;
          const p = r.node(e.source);
          if (p?.kind === 'fargateCapacityProvider' || p?.kind === 'asgCapacityProvider') defaults.push(p);
        }
      }
      providers = defaults;
      launch = defaults.length > 0 ? classify(defaults) : 'EC2';
      launchSource = defaults.length > 0 ? 'cluster-default' : 'default';
    }
    const subnets: ServiceInfo['subnets'] = [];
    for (const { edge, node: n } of r.linked(service.id, 'service-subnet')) {
      if (n.kind === 'subnet') subnets.push({ edge, subnet: n });
    }
    const securityGroups: ServiceInfo['securityGroups'] = [];
    for (const { edge, node: n } of r.linked(service.id, 'service-security-group')) {
      if (n.kind === 'securityGroup') securityGroups.push({ edge, group: n });
    }
    const targetGroups: ServiceInfo['targetGroups'] = [];
    for (const { edge, node: n } of r.linked(service.id, 'service-target-group')) {
      if (n.kind === 'targetGroup') targetGroups.push({ edge, tg: n });
    }
    return {
      service,
      td,
      resolved,
      cluster,
      strategy,
      providers,
      launch,
      launchSource,
      fargate: launch === 'FARGATE' || launch === 'MIXED',
      ec2: launch === 'EC2' || launch === 'MIXED',
      subnets,
      securityGroups,
      targetGroups,
    };
  }
}

/** "launch type FARGATE" / "its capacity provider strategy" … for messages. */
export function launchPhrase(info: ServiceInfo): string {
  switch (info.launchSource) {
    case 'launchType':
      return `launch type ${info.launch}`;
    case 'strategy':
      return 'its capacity provider strategy';
    case 'cluster-default':
      return 'the cluster default capacity provider strategy';
    case 'default':
      return 'the default EC2 launch type (no launch type or capacity provider strategy is set)';
  }
}

export function serviceLabel(s: NodeOf<'service'>): string {
  return `service "${s.properties.serviceName}"`;
}

/** Parses "1.4.0" → [1,4,0]; LATEST/undefined → undefined. */
export function platformVersion(v: string | undefined): number[] | undefined {
  if (v === undefined || v === 'LATEST') return undefined;
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function versionBelow(v: number[], min: readonly number[]): boolean {
  for (let i = 0; i < min.length; i++) {
    const a = v[i] ?? 0;
    const b = min[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}
