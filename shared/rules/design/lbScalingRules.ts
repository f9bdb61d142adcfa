import type { NodeOf } from '../../model/nodes';
import { DOC } from '../docs';
import { designRule } from '../types';
import type { DesignReader } from './reader';
import { serviceInfo, serviceLabel } from './service';

export const loadBalancerContainerRule = designRule({
  id: 'service/load-balancer-container',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'The load balancer container and port exist in the task definition',
  description: 'Each load balancer attachment names a container of the service\'s task definition and one of its port mappings\' containerPort; CreateService rejects anything else.',
  docUrl: DOC.loadBalancing,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.resolved) return;
    const containers = info.resolved.json.containerDefinitions;
    for (const { edge, tg } of info.targetGroups) {
      const name = edge.properties?.containerName;
      const port = edge.properties?.containerPort;
      if (name === undefined || port === undefined) {
        report({ edgeId: edge.id, nodeId: s.id, path: ['properties'] }, `${serviceLabel(s)} registers in target group "${tg.properties.name}" without saying which container and port: set containerName and containerPort on the connection.`);
        continue;
      }
      const c = containers.find((x) => x.name === name);
      if (!c) {
        report({ edgeId: edge.id, nodeId: s.id, path: ['properties', 'containerName'] }, `${serviceLabel(s)} registers container "${name}" in target group "${tg.properties.name}", but task definition "${info.td?.properties.family ?? ''}" has no such container (it has ${containers.map((x) => `"${x.name ?? ''}"`).join(', ')}).`);
        continue;
      }
      const ports = (c.portMappings ?? []).map((p) => p.containerPort).filter((p): p is number => p !== undefined);
      if (!ports.includes(port)) {
        report({ edgeId: edge.id, nodeId: s.id, path: ['properties', 'containerPort'] }, `${serviceLabel(s)} registers port ${port} of container "${name}" in target group "${tg.properties.name}", but that container maps ${ports.length > 0 ? `only ${ports.join(', ')}` : 'no ports'}. Add a port mapping for ${port} or fix the port.`);
      }
    }
  },
});

export const targetTypeRule = designRule({
  id: 'loadbalancer/target-type',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'Target group type matches the network mode',
  description: 'awsvpc tasks register by IP (target type `ip`); bridge and host tasks register the container instance (target type `instance`).',
  docUrl: DOC.loadBalancing,
  fixes: ['loadbalancer/set-target-type'],
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.resolved) return;
    const mode = info.resolved.facts.networkMode;
    const want = mode === 'awsvpc' ? 'ip' : mode === 'bridge' || mode === 'host' || mode === 'default' ? 'instance' : undefined;
    if (want === undefined) return;
    for (const { tg } of info.targetGroups) {
      if (tg.properties.targetType !== want) {
        report({ nodeId: tg.id, path: ['properties', 'targetType'] }, `target group "${tg.properties.name}" has target type ${tg.properties.targetType}, but ${serviceLabel(s)} runs ${mode} tasks, which register as ${want} targets: CreateService fails. Set the target type to ${want}.`);
      }
    }
  },
});

export const dynamicPortHealthCheckRule = designRule({
  id: 'loadbalancer/dynamic-port-health-check',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'With dynamic host ports the health check uses traffic-port',
  description: 'Bridge tasks without a fixed hostPort get an ephemeral host port; the target group health check must use "traffic-port" (and the instances\' security group must allow the ephemeral range from the load balancer).',
  docUrl: DOC.targetGroupHealthChecks,
  fixes: ['loadbalancer/health-check-traffic-port'],
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.resolved || (info.resolved.facts.networkMode !== 'bridge' && info.resolved.facts.networkMode !== 'default')) return;
    for (const { edge, tg } of info.targetGroups) {
      const c = info.resolved.json.containerDefinitions.find((x) => x.name === edge.properties?.containerName);
      const pm = c?.portMappings?.find((p) => p.containerPort === edge.properties?.containerPort);
      if (!pm || (pm.hostPort !== undefined && pm.hostPort !== 0)) continue;
      const port = tg.properties.healthCheck?.port;
      if (port !== undefined && port !== 'traffic-port') {
        report({ nodeId: tg.id, path: ['properties', 'healthCheck', 'port'] }, `target group "${tg.properties.name}" health-checks port ${port}, but ${serviceLabel(s)} uses dynamic host ports: the check misses the tasks and they are marked unhealthy. Set the health check port to traffic-port.`);
      }
    }
  },
});

const EPHEMERAL = { from: 32768, to: 65535 };

export const dynamicPortSecurityGroupRule = designRule({
  id: 'loadbalancer/dynamic-port-security-group',
  scope: 'design',
  anchor: ['service'],
  severity: 'warning',
  title: 'With dynamic host ports the instances accept the ephemeral port range',
  description:
    'Bridge tasks without a fixed hostPort listen on ephemeral host ports (32768–65535); the container instances\' security group must allow that range from the load balancer. The generators add the rule between connected groups; an existing group must already allow it.',
  docUrl: DOC.loadBalancing,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.ec2 || !info.resolved || info.targetGroups.length === 0) return;
    const mode = info.resolved.facts.networkMode;
    if (mode !== 'bridge' && mode !== 'default') return;
    const dynamic = info.targetGroups.some(({ edge }) => {
      const c = info.resolved!.json.containerDefinitions.find((x) => x.name === edge.properties?.containerName);
      const pm = c?.portMappings?.find((p) => p.containerPort === edge.properties?.containerPort);
      return pm !== undefined && (pm.hostPort === undefined || pm.hostPort === 0);
    });
    if (!dynamic) return;
    const asgs = info.providers.length > 0 ? info.providers.filter((p) => p.kind === 'asgCapacityProvider') : info.cluster ? r.sources(info.cluster.id, 'capacity-provider-cluster').filter((p) => p.kind === 'asgCapacityProvider') : [];
    for (const asg of asgs) {
      for (const g of r.targets(asg.id, 'asg-security-group')) {
        if (g.kind !== 'securityGroup' || g.properties.groupId === undefined || (g.properties.ingress ?? []).length === 0) continue;
        const open = (g.properties.ingress ?? []).some((rule) => rule.protocol === '-1' || (rule.protocol === 'tcp' && rule.fromPort <= EPHEMERAL.from && rule.toPort >= EPHEMERAL.to));
        if (!open) {
          report({ nodeId: g.id, path: ['properties', 'ingress'] }, `${serviceLabel(s)} uses dynamic host ports, but security group "${g.properties.groupName ?? g.properties.groupId}" of its container instances does not allow TCP ${EPHEMERAL.from}–${EPHEMERAL.to}: the load balancer cannot reach the tasks. Allow that range from the load balancer's security group.`);
        }
      }
    }
  },
});

function listenersOf(tg: NodeOf<'targetGroup'>, r: DesignReader): { listener: NodeOf<'listener'>; lb: NodeOf<'loadBalancer'> | undefined }[] {
  const res: { listener: NodeOf<'listener'>; lb: NodeOf<'loadBalancer'> | undefined }[] = [];
  for (const l of r.sources(tg.id, 'listener-target-group')) {
    if (l.kind !== 'listener') continue;
    const lb = r.target(l.id, 'listener-load-balancer');
    res.push({ listener: l, lb: lb?.kind === 'loadBalancer' ? lb : undefined });
  }
  return res;
}

export const targetGroupListenerRule = designRule({
  id: 'loadbalancer/target-group-listener',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'The service\'s target group is attached to a load balancer',
  description: 'CreateService fails when a target group has no associated load balancer: connect a listener of a load balancer to it.',
  docUrl: DOC.loadBalancing,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    for (const { tg } of info.targetGroups) {
      if (tg.properties.arn !== undefined) continue;
      const ls = listenersOf(tg, r);
      if (ls.length === 0) {
        report({ nodeId: tg.id }, `target group "${tg.properties.name}" of ${serviceLabel(s)} is not behind any listener: AWS refuses to attach a target group without a load balancer, and no traffic would reach the tasks. Connect a load balancer listener to it.`);
      } else if (ls.every((x) => x.lb === undefined)) {
        report({ nodeId: ls[0]!.listener.id }, `listener ${ls[0]!.listener.properties.protocol}:${ls[0]!.listener.properties.port} forwarding to target group "${tg.properties.name}" is not on a load balancer: connect it to one.`);
      }
    }
  },
});

export const scalableTargetServiceRule = designRule({
  id: 'scaling/target-service',
  scope: 'design',
  anchor: ['scalableTarget'],
  severity: 'error',
  title: 'A scalable target scales a REPLICA service',
  description: 'Service auto scaling adjusts the desired count of one REPLICA service (ResourceId service/<cluster>/<service>, dimension ecs:service:DesiredCount); DAEMON services cannot be scaled.',
  docUrl: DOC.autoScaling,
  check(t, r, report) {
    const svc = r.target(t.id, 'scalable-target-service');
    if (!svc || svc.kind !== 'service') {
      report({ nodeId: t.id }, 'the scalable target is not connected to a service: it scales nothing. Connect it to the service whose task count it manages.');
      return;
    }
    if (svc.properties.schedulingStrategy === 'DAEMON') {
      report({ nodeId: t.id }, `the scalable target scales ${serviceLabel(svc)}, a DAEMON service: DAEMON runs one task per instance and has no desired count to scale. Remove the scaling or use REPLICA.`);
    }
  },
});

export const minDesiredMaxRule = designRule({
  id: 'scaling/min-desired-max',
  scope: 'design',
  anchor: ['scalableTarget'],
  severity: 'error',
  title: 'Scaling bounds: min ≤ desired ≤ max',
  description: 'The scalable target needs minCapacity ≤ maxCapacity, and the service desiredCount should lie between them (auto scaling otherwise moves it at once).',
  docUrl: DOC.autoScaling,
  check(t, r, report) {
    const { minCapacity: min, maxCapacity: max } = t.properties;
    if (min > max) {
      report({ nodeId: t.id, path: ['properties', 'minCapacity'] }, `scalable target: minCapacity ${min} is greater than maxCapacity ${max}: Application Auto Scaling rejects it. Swap or fix the bounds.`);
      return;
    }
    const svc = r.target(t.id, 'scalable-target-service');
    if (svc?.kind !== 'service') return;
    const d = svc.properties.desiredCount;
    if (d !== undefined && (d < min || d > max)) {
      report({ nodeId: svc.id, path: ['properties', 'desiredCount'] }, `${serviceLabel(svc)}: desiredCount ${d} is outside its auto scaling range ${min}–${max}: scaling overrides it immediately. Set desiredCount between ${min} and ${max}.`);
    }
  },
});

export const policyTargetRule = designRule({
  id: 'scaling/policy-target',
  scope: 'design',
  anchor: ['targetTrackingPolicy', 'stepScalingPolicy', 'scheduledAction'],
  severity: 'error',
  title: 'Scaling policies and scheduled actions act on a scalable target',
  description: 'A scaling policy or scheduled action needs a scalable target (the service\'s min/max) to act on.',
  docUrl: DOC.autoScaling,
  check(p, r, report) {
    if (!r.target(p.id, 'scaling-policy-target')) {
      const name = p.kind === 'scheduledAction' ? p.properties.scheduledActionName : p.properties.policyName;
      report({ nodeId: p.id }, `"${name}" is not connected to a scalable target: it scales nothing. Connect it to the service's scalable target.`);
    }
  },
});

export const albRequestCountRule = designRule({
  id: 'scaling/alb-request-count',
  scope: 'design',
  anchor: ['targetTrackingPolicy'],
  severity: 'error',
  title: 'ALBRequestCountPerTarget needs an ALB target group',
  description: 'The ALBRequestCountPerTarget metric is per target group (ResourceLabel app/<lb>/<id>/targetgroup/<tg>/<id>): the scaled service must be attached to a target group behind an Application Load Balancer, and it cannot be used with blue/green deployments.',
  docUrl: DOC.targetTracking,
  check(p, r, report) {
    if (p.properties.metric !== 'ALBRequestCountPerTarget') return;
    const target = r.target(p.id, 'scaling-policy-target');
    const svc = target ? r.target(target.id, 'scalable-target-service') : undefined;
    if (svc?.kind !== 'service') return;
    const at = { nodeId: p.id, path: ['properties', 'metric'] };
    const tgs = r.targets(svc.id, 'service-target-group').filter((n): n is NodeOf<'targetGroup'> => n.kind === 'targetGroup');
    if (tgs.length === 0) {
      report(at, `policy "${p.properties.policyName}" tracks ALBRequestCountPerTarget, but ${serviceLabel(svc)} is not attached to a target group: there is no request count to track. Attach the service to an ALB target group or track CPU/memory.`);
      return;
    }
    const behindAlb = tgs.some((tg) => listenersOf(tg, r).some((x) => x.lb?.properties.type === 'application') || (tg.properties.arn !== undefined && tg.properties.protocol.startsWith('HTTP')));
    if (!behindAlb) {
      report(at, `policy "${p.properties.policyName}" tracks ALBRequestCountPerTarget, but the target groups of ${serviceLabel(svc)} are not behind an Application Load Balancer (NLBs have no request count). Use an ALB or another metric.`);
    }
    const sp = svc.properties;
    if (sp.deploymentController === 'CODE_DEPLOY' || sp.deploymentConfiguration?.strategy === 'BLUE_GREEN') {
      report(at, `policy "${p.properties.policyName}" tracks ALBRequestCountPerTarget, which is not supported with blue/green deployments of ${serviceLabel(svc)}. Track CPU or memory instead.`);
    }
  },
});

function bound(v: number): string {
  return v === Infinity ? '+∞' : v === -Infinity ? '-∞' : String(v);
}

export const stepAdjustmentsRule = designRule({
  id: 'scaling/step-adjustments',
  scope: 'design',
  anchor: ['stepScalingPolicy'],
  severity: 'error',
  title: 'Step adjustments do not overlap and leave no gaps',
  description: 'Step intervals (relative to the alarm threshold) must not overlap or leave gaps; only one step may be open below and one above, and lower < upper.',
  docUrl: DOC.stepScaling,
  check(p, _r, report) {
    const steps = p.properties.stepAdjustments.map((s, i) => ({ lo: s.metricIntervalLowerBound ?? -Infinity, hi: s.metricIntervalUpperBound ?? Infinity, i }));
    for (const s of steps) {
      if (s.lo >= s.hi) {
        report({ nodeId: p.id, path: ['properties', 'stepAdjustments', s.i] }, `policy "${p.properties.policyName}": step ${s.i + 1} has lower bound ${bound(s.lo)} not below its upper bound ${bound(s.hi)}.`);
        return;
      }
    }
    const sorted = [...steps].sort((a, b) => a.lo - b.lo);
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const cur = sorted[k]!;
      if (cur.lo < prev.hi) {
        report({ nodeId: p.id, path: ['properties', 'stepAdjustments', cur.i] }, `policy "${p.properties.policyName}": steps ${prev.i + 1} and ${cur.i + 1} overlap (${bound(prev.lo)}…${bound(prev.hi)} and ${bound(cur.lo)}…${bound(cur.hi)}). Make each step start where the previous ends.`);
        return;
      }
      if (cur.lo > prev.hi) {
        report({ nodeId: p.id, path: ['properties', 'stepAdjustments', cur.i] }, `policy "${p.properties.policyName}": there is a gap between steps ${prev.i + 1} and ${cur.i + 1} (${bound(prev.hi)}…${bound(cur.lo)}). Make each step start where the previous ends.`);
        return;
      }
    }
  },
});

const CRON_FIELD = /^[0-9A-Za-z*?/,#LW-]+$/;
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;

/** Why a scheduled-scaling expression is invalid, or undefined. */
export function scheduleProblem(expr: string): string | undefined {
  const at = AT.exec(expr);
  if (at) {
    const [, y, mo, d, h, mi, s] = at.map(Number) as [number, number, number, number, number, number, number];
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return `"${expr}" is not a real date and time`;
    return undefined;
  }
  const rate = RATE.exec(expr);
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1) return `"${expr}": the rate value must be at least 1`;
    if ((n === 1) !== !rate[2]!.endsWith('s')) return `"${expr}": use the singular unit for 1 and the plural otherwise (rate(1 hour), rate(5 minutes))`;
    return undefined;
  }
  if (expr.startsWith('cron(') && expr.endsWith(')')) {
    const fields = expr.slice(5, -1).trim().split(/\s+/);
    if (fields.length !== 6) return `"${expr}" has ${fields.length} fields; cron expressions have 6 (minutes hours day-of-month month day-of-week year)`;
    if (!fields.every((f) => CRON_FIELD.test(f))) return `"${expr}" contains characters cron does not accept`;
    if (fields[2] !== '?' && fields[4] !== '?') return `"${expr}": either day-of-month or day-of-week must be "?"`;
    return undefined;
  }
  return `"${expr}" is not at(yyyy-mm-ddThh:mm:ss), rate(n unit) or cron(6 fields)`;
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const scheduleRule = designRule({
  id: 'scaling/schedule',
  scope: 'design',
  anchor: ['scheduledAction'],
  severity: 'error',
  title: 'Scheduled actions have a valid schedule and capacity',
  description: 'A scheduled action uses at(yyyy-mm-ddThh:mm:ss), rate(n unit) or cron(6 fields), an IANA time zone, and sets minCapacity and/or maxCapacity with min ≤ max.',
  docUrl: DOC.scheduleExpressions,
  check(a, _r, report) {
    const p = a.properties;
    const problem = scheduleProblem(p.schedule.trim());
    if (problem) report({ nodeId: a.id, path: ['properties', 'schedule'] }, `scheduled action "${p.scheduledActionName}": ${problem}.`);
    if (p.timezone !== undefined && !validTimeZone(p.timezone)) report({ nodeId: a.id, path: ['properties', 'timezone'] }, `scheduled action "${p.scheduledActionName}": "${p.timezone}" is not an IANA time zone (e.g. Europe/Budapest, UTC).`);
    if (p.minCapacity === undefined && p.maxCapacity === undefined) report({ nodeId: a.id, path: ['properties', 'minCapacity'] }, `scheduled action "${p.scheduledActionName}" sets neither minCapacity nor maxCapacity: it would change nothing. Set at least one.`);
    else if (p.minCapacity !== undefined && p.maxCapacity !== undefined && p.minCapacity > p.maxCapacity) report({ nodeId: a.id, path: ['properties', 'minCapacity'] }, `scheduled action "${p.scheduledActionName}": minCapacity ${p.minCapacity} is greater than maxCapacity ${p.maxCapacity}.`);
  },
});

export const LB_SCALING_RULES = [
  loadBalancerContainerRule,
  targetTypeRule,
  dynamicPortHealthCheckRule,
  dynamicPortSecurityGroupRule,
  targetGroupListenerRule,
  scalableTargetServiceRule,
  minDesiredMaxRule,
  policyTargetRule,
  albRequestCountRule,
  stepAdjustmentsRule,
  scheduleRule,
];
