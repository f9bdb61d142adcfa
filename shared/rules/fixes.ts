import type { Finding } from '../findings';
import { parseJsonPointer } from '../jsonPointer';
import type { Design } from '../model/document';
import type { DesignEdge } from '../model/edges';
import type { DesignNode, NodeKind, NodeOf } from '../model/nodes';
import { EXECUTION_ROLE_POLICY_ARN } from './design/iam';
import { parseCpu, parseMemory, snapFargateSize } from './taskdef/facts';
import type { QuickFix } from './types';

type Props<K extends NodeKind> = NodeOf<K>['properties'];

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The design with one node's properties replaced; the same design when the node is missing or of another kind. */
function updateProps<K extends NodeKind>(design: Design, id: string | undefined, kind: K, f: (props: Props<K>) => Props<K> | undefined): Design {
  if (id === undefined) return design;
  const i = design.nodes.findIndex((n) => n.id === id);
  const node = design.nodes[i];
  if (!node || node.kind !== kind) return design;
  const next = f(clone(node.properties as Props<K>));
  if (next === undefined) return design;
  const nodes = design.nodes.slice();
  nodes[i] = { ...node, properties: next } as DesignNode;
  return { ...design, nodes };
}

/** The path of a finding under `/nodes/<i>/properties/`, or undefined. */
function propertyPath(finding: Finding): (string | number)[] | undefined {
  let segs: string[];
  try {
    segs = parseJsonPointer(finding.path);
  } catch {
    return undefined;
  }
  if (segs[0] !== 'nodes' || segs[2] !== 'properties') return undefined;
  return segs.slice(3).map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

function uniqueId(design: Design, base: string): string {
  const taken = new Set<string>([...design.nodes.map((n) => n.id), ...design.edges.map((e) => e.id)]);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

const snapTaskSize: QuickFix = {
  id: 'fargate/snap-task-size',
  label: 'Snap task cpu/memory to the nearest valid Fargate size',
  ruleIds: ['fargate/task-size', 'fargate/task-size-required', 'fargate/windows-unsupported', 'container/cpu-sum', 'container/memory-sum'],
  apply(design, finding) {
    const containers = design.nodes.filter((n): n is NodeOf<'container'> => n.kind === 'container' && n.parentId === finding.nodeId);
    return updateProps(design, finding.nodeId, 'taskDefinition', (p) => {
      if (!(p.requiresCompatibilities ?? []).includes('FARGATE')) return undefined;
      const cpu = parseCpu(p.cpu);
      const memory = parseMemory(p.memory);
      let cpuSum = 0;
      let memSum = 0;
      for (const c of containers) {
        cpuSum += c.properties.cpu ?? 0;
        memSum += c.properties.memory ?? c.properties.memoryReservation ?? 0;
      }
      const windows = p.runtimePlatform?.operatingSystemFamily?.startsWith('WINDOWS') ?? false;
      const snap = snapFargateSize(Math.max(cpu.state === 'ok' ? cpu.value : 0, cpuSum), Math.max(memory.state === 'ok' ? memory.value : 0, memSum), windows);
      if (p.cpu === String(snap.cpu) && p.memory === String(snap.memory)) return undefined;
      return { ...p, cpu: String(snap.cpu), memory: String(snap.memory) };
    });
  },
};

const setAwsvpc: QuickFix = {
  id: 'network/set-awsvpc',
  label: 'Use the awsvpc network mode',
  ruleIds: ['network/fargate-awsvpc'],
  apply: (design, finding) => updateProps(design, finding.nodeId, 'taskDefinition', (p) => (p.networkMode === 'awsvpc' ? undefined : { ...p, networkMode: 'awsvpc' })),
};

const hostPortToContainerPort: QuickFix = {
  id: 'network/host-port-to-container-port',
  label: 'Remove hostPort (awsvpc and host mode use the containerPort)',
  ruleIds: ['network/awsvpc-host-port'],
  apply(design, finding) {
    const path = propertyPath(finding);
    const j = path?.[1];
    if (path?.[0] !== 'portMappings' || typeof j !== 'number') return design;
    return updateProps(design, finding.nodeId, 'container', (p) => {
      const pm = p.portMappings?.[j];
      if (!pm || pm.hostPort === undefined) return undefined;
      delete pm.hostPort;
      return p;
    });
  },
};

const enableTransitEncryption: QuickFix = {
  id: 'efs/enable-transit-encryption',
  label: 'Enable EFS transit encryption',
  ruleIds: ['efs/transit-encryption', 'security/efs-transit-encryption'],
  apply(design, finding) {
    const path = propertyPath(finding);
    const v = path?.[1];
    if (path?.[0] !== 'volumes' || typeof v !== 'number') return design;
    return updateProps(design, finding.nodeId, 'taskDefinition', (p) => {
      const efs = p.volumes?.[v]?.efsVolumeConfiguration;
      if (!efs || efs.transitEncryption === 'ENABLED') return undefined;
      efs.transitEncryption = 'ENABLED';
      return p;
    });
  },
};

type Statement = { Effect: 'Allow'; Action: string[]; Resource: string[] };

/** Inline statements an execution role needs for the secrets, KMS keys and log-group creation of a task definition. */
function executionStatements(design: Design, tdId: string): Statement[] {
  const partition = design.settings.partition ?? 'aws';
  const region = design.settings.region ?? '*';
  const account = design.settings.accountId ?? '*';
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const containers = design.nodes.filter((n): n is NodeOf<'container'> => n.kind === 'container' && n.parentId === tdId);
  const ids = new Set(containers.map((c) => c.id));
  const secrets: NodeOf<'secret'>[] = [];
  for (const e of design.edges) {
    if (e.kind === 'container-secret' && ids.has(e.source)) {
      const s = byId.get(e.target);
      if (s?.kind === 'secret') secrets.push(s);
    }
  }
  for (const e of design.edges) {
    if (e.kind !== 'container-image' || !ids.has(e.source)) continue;
    for (const c of design.edges) {
      if (c.kind === 'image-credentials' && c.source === e.target) {
        const s = byId.get(c.target);
        if (s?.kind === 'secret') secrets.push(s);
      }
    }
  }
  const sm: string[] = [];
  const ssm: string[] = [];
  const kms: string[] = [];
  for (const s of secrets) {
    const p = s.properties;
    if (p.store === 'secretsmanager') sm.push(p.arn ?? `arn:${partition}:secretsmanager:${region}:${account}:secret:${p.name ?? '*'}-*`);
    else ssm.push(p.arn ?? `arn:${partition}:ssm:${region}:${account}:parameter/${(p.name ?? '*').replace(/^\//, '')}`);
    if (p.kmsKeyId !== undefined) kms.push(p.kmsKeyId.startsWith('arn:') ? p.kmsKeyId : `arn:${partition}:kms:${region}:${account}:key/${p.kmsKeyId}`);
  }
  for (const c of containers) {
    for (const so of c.properties.logConfiguration?.secretOptions ?? []) {
      if (/^arn:[^:]+:secretsmanager:/.test(so.valueFrom)) sm.push(so.valueFrom);
      else ssm.push(so.valueFrom.startsWith('arn:') ? so.valueFrom : `arn:${partition}:ssm:${region}:${account}:parameter/${so.valueFrom.replace(/^\//, '')}`);
    }
  }
  const statements: Statement[] = [];
  const uniq = (a: string[]) => [...new Set(a)];
  if (sm.length > 0) statements.push({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: uniq(sm) });
  if (ssm.length > 0) statements.push({ Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: uniq(ssm) });
  if (kms.length > 0) statements.push({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: uniq(kms) });
  const createsGroup = containers.some((c) => c.properties.logConfiguration?.logDriver === 'awslogs' && /^true$/i.test(c.properties.logConfiguration.options?.['awslogs-create-group'] ?? ''));
  if (createsGroup) statements.push({ Effect: 'Allow', Action: ['logs:CreateLogGroup'], Resource: [`arn:${partition}:logs:${region}:${account}:log-group:*`] });
  return statements;
}

function executionPolicyArn(design: Design): string {
  return EXECUTION_ROLE_POLICY_ARN.replace('arn:aws:', `arn:${design.settings.partition ?? 'aws'}:`);
}

const addExecutionRole: QuickFix = {
  id: 'role/add-execution-role',
  label: 'Add a task execution role',
  ruleIds: ['role/execution-role-missing'],
  apply(design, finding) {
    const td = design.nodes.find((n) => n.id === finding.nodeId);
    if (td?.kind !== 'taskDefinition') return design;
    if (design.edges.some((e) => e.kind === 'execution-role' && e.source === td.id)) return design;
    const id = uniqueId(design, `${td.id}-execution-role`);
    const statements = executionStatements(design, td.id);
    const role: NodeOf<'executionRole'> = {
      id,
      kind: 'executionRole',
      position: { x: td.position.x + 320, y: td.position.y - 140 },
      properties: {
        roleName: `${td.properties.family}-execution-role`.slice(0, 64),
        managedPolicyArns: [executionPolicyArn(design)],
        ...(statements.length > 0 ? { inlinePolicies: [{ policyName: 'task-startup', statements }] } : {}),
      },
    };
    const edge: DesignEdge = { id: uniqueId({ ...design, nodes: [...design.nodes, role] }, `${td.id}-execution-role-edge`), kind: 'execution-role', source: td.id, target: id };
    return { ...design, nodes: [...design.nodes, role], edges: [...design.edges, edge] };
  },
};

const grantExecutionPermissions: QuickFix = {
  id: 'role/grant-execution-permissions',
  label: 'Grant the execution role what the task needs',
  ruleIds: ['role/execution-role-permissions'],
  apply(design, finding) {
    const role = design.nodes.find((n) => n.id === finding.nodeId);
    if (role?.kind !== 'executionRole') return design;
    const tds = design.edges.filter((e) => e.kind === 'execution-role' && e.target === role.id).map((e) => e.source);
    const statements = tds.flatMap((td) => executionStatements(design, td));
    return updateProps(design, role.id, 'executionRole', (p) => {
      const arn = executionPolicyArn(design);
      const managed = p.managedPolicyArns ?? [];
      const next = { ...p };
      let changed = false;
      if (!managed.some((m) => m.endsWith('/AmazonECSTaskExecutionRolePolicy'))) {
        next.managedPolicyArns = [...managed, arn];
        changed = true;
      }
      if (statements.length > 0) {
        const inline = (p.inlinePolicies ?? []).filter((x) => x.policyName !== 'task-startup');
        next.inlinePolicies = [...inline, { policyName: 'task-startup', statements }];
        changed = changed || JSON.stringify(p.inlinePolicies) !== JSON.stringify(next.inlinePolicies);
      }
      return changed ? next : undefined;
    });
  },
};

const addStreamPrefix: QuickFix = {
  id: 'logs/add-stream-prefix',
  label: 'Add awslogs-stream-prefix',
  ruleIds: ['logs/awslogs-stream-prefix'],
  apply: (design, finding) =>
    updateProps(design, finding.nodeId, 'container', (p) => {
      const lc = p.logConfiguration;
      if (lc?.logDriver !== 'awslogs') return undefined;
      if ((lc.options?.['awslogs-stream-prefix'] ?? '') !== '') return undefined;
      lc.options = { ...lc.options, 'awslogs-stream-prefix': p.name ?? 'ecs' };
      return p;
    }),
};

const enableCircuitBreaker: QuickFix = {
  id: 'service/enable-circuit-breaker',
  label: 'Enable the deployment circuit breaker with rollback',
  ruleIds: ['service/circuit-breaker'],
  apply: (design, finding) =>
    updateProps(design, finding.nodeId, 'service', (p) => {
      const cb = p.deploymentConfiguration?.deploymentCircuitBreaker;
      if (cb?.enable === true && cb.rollback === true) return undefined;
      return { ...p, deploymentConfiguration: { ...p.deploymentConfiguration, deploymentCircuitBreaker: { enable: true, rollback: true } } };
    }),
};

const setEcsCluster: QuickFix = {
  id: 'ec2/set-ecs-cluster',
  label: 'Set ECS_CLUSTER to the cluster name',
  ruleIds: ['ec2/ecs-cluster-config'],
  apply(design, finding) {
    const edge = design.edges.find((e) => e.kind === 'capacity-provider-cluster' && e.source === finding.nodeId);
    const cluster = edge ? design.nodes.find((n) => n.id === edge.target) : undefined;
    if (cluster?.kind !== 'cluster') return design;
    const name = cluster.properties.clusterName;
    return updateProps(design, finding.nodeId, 'asgCapacityProvider', (p) => (p.ecsConfig['ECS_CLUSTER'] === name ? undefined : { ...p, ecsConfig: { ...p.ecsConfig, ECS_CLUSTER: name } }));
  },
};

const setEssential: QuickFix = {
  id: 'container/set-essential',
  label: 'Mark the container essential',
  ruleIds: ['container/essential'],
  apply: (design, finding) => updateProps(design, finding.nodeId, 'container', (p) => (p.essential === true ? undefined : { ...p, essential: true })),
};

const addCmdPrefix: QuickFix = {
  id: 'healthcheck/add-cmd-prefix',
  label: 'Prefix the health check command with CMD / CMD-SHELL',
  ruleIds: ['healthcheck/command'],
  apply: (design, finding) =>
    updateProps(design, finding.nodeId, 'container', (p) => {
      const hc = p.healthCheck;
      const cmd = hc?.command;
      if (!hc || !cmd || cmd.length === 0 || cmd[0] === 'CMD' || cmd[0] === 'CMD-SHELL') return undefined;
      hc.command = cmd.length === 1 ? ['CMD-SHELL', cmd[0]!] : ['CMD', ...cmd];
      return p;
    }),
};

const platformLatest: QuickFix = {
  id: 'service/platform-latest',
  label: 'Use the LATEST Fargate platform version',
  ruleIds: ['fargate/platform-version', 'security/platform-version-pinned'],
  apply: (design, finding) => updateProps(design, finding.nodeId, 'service', (p) => (p.platformVersion === 'LATEST' ? undefined : { ...p, platformVersion: 'LATEST' })),
};

const setTargetType: QuickFix = {
  id: 'loadbalancer/set-target-type',
  label: 'Match the target type to the network mode',
  ruleIds: ['loadbalancer/target-type'],
  apply(design, finding) {
    const svcEdge = design.edges.find((e) => e.kind === 'service-target-group' && e.target === finding.nodeId);
    const tdEdge = svcEdge ? design.edges.find((e) => e.kind === 'service-task-definition' && e.source === svcEdge.source) : undefined;
    const td = tdEdge ? design.nodes.find((n) => n.id === tdEdge.target) : undefined;
    if (td?.kind !== 'taskDefinition') return design;
    const mode = td.properties.networkMode;
    const want = mode === 'awsvpc' ? 'ip' : mode === 'none' ? undefined : 'instance';
    if (want === undefined) return design;
    return updateProps(design, finding.nodeId, 'targetGroup', (p) => (p.targetType === want ? undefined : { ...p, targetType: want }));
  },
};

const healthCheckTrafficPort: QuickFix = {
  id: 'loadbalancer/health-check-traffic-port',
  label: 'Health-check the traffic port',
  ruleIds: ['loadbalancer/dynamic-port-health-check'],
  apply: (design, finding) =>
    updateProps(design, finding.nodeId, 'targetGroup', (p) => (p.healthCheck?.port === 'traffic-port' ? undefined : { ...p, healthCheck: { ...p.healthCheck, port: 'traffic-port' } })),
};

const enableContainerInsights: QuickFix = {
  id: 'cluster/enable-container-insights',
  label: 'Enable Container Insights',
  ruleIds: ['security/container-insights'],
  apply: (design, finding) => updateProps(design, finding.nodeId, 'cluster', (p) => (p.containerInsights !== 'disabled' ? undefined : { ...p, containerInsights: 'enabled' })),
};

/** The quick fixes: pure design → design commands the UI offers on findings and the CLI applies with --fix. */
export const QUICK_FIXES: readonly QuickFix[] = [
  snapTaskSize,
  setAwsvpc,
  hostPortToContainerPort,
  enableTransitEncryption,
  addExecutionRole,
  grantExecutionPermissions,
  addStreamPrefix,
  enableCircuitBreaker,
  setEcsCluster,
  setEssential,
  addCmdPrefix,
  platformLatest,
  setTargetType,
  healthCheckTrafficPort,
  enableContainerInsights,
];

export const QUICK_FIX_BY_ID: ReadonlyMap<string, QuickFix> = new Map(QUICK_FIXES.map((f) => [f.id, f]));

/** Applies a quick fix by id; the same design when the fix is unknown or does not apply. */
export function applyQuickFix(design: Design, fixId: string, finding: Finding): Design {
  const fix = QUICK_FIX_BY_ID.get(fixId);
  return fix ? fix.apply(design, finding) : design;
}
