/**
 * Design builders for the rule tests and the validation benchmark (pure: no node imports, so the benchmark script
 * and tests share them). Not used by the app.
 */
import { makeNode } from '../../model/catalog';
import type { Design } from '../../model/document';
import type { DesignEdge, EdgeKind, EdgeProps } from '../../model/edges';
import type { DesignNode, NodeKind, NodePropsInput } from '../../model/nodes';

export class DesignBuilder {
  readonly nodes: DesignNode[] = [];
  readonly edges: DesignEdge[] = [];
  private edgeCount = 0;

  constructor(
    readonly id = 'design-1',
    readonly settings: Design['settings'] = { region: 'eu-central-1', accountId: '123456789012' },
  ) {}

  node<K extends NodeKind>(kind: K, id: string, props: NodePropsInput<K>, parentId?: string): string {
    this.nodes.push(makeNode(kind, id, props, { position: { x: this.nodes.length * 10, y: 0 }, ...(parentId === undefined ? {} : { parentId }) }));
    return id;
  }

  edge<K extends EdgeKind>(kind: K, source: string, target: string, properties?: EdgeProps<K>): string {
    const id = `e${++this.edgeCount}`;
    this.edges.push({ id, kind, source, target, ...(properties === undefined ? {} : { properties }) } as DesignEdge);
    return id;
  }

  build(): Design {
    return { schemaVersion: 1, id: this.id, name: 'test design', settings: this.settings, nodes: [...this.nodes], edges: [...this.edges] };
  }
}

/** Shared infrastructure of the sample designs: cluster, VPC, private subnets, security group, ALB. */
export function addInfrastructure(b: DesignBuilder): { cluster: string; subnets: string[]; sg: string; lb: string; vpc: string } {
  const cluster = b.node('cluster', 'cluster', { clusterName: 'app', containerInsights: 'enabled' });
  const vpc = b.node('vpc', 'vpc', { cidrBlock: '10.0.0.0/16', name: 'app' });
  const subnets = ['a', 'b'].map((az, i) => {
    const id = b.node('subnet', `subnet-${az}`, { cidrBlock: `10.0.${i + 1}.0/24`, availabilityZone: `eu-central-1${az}`, public: false, name: `private-${az}` });
    b.edge('subnet-vpc', id, vpc);
    return id;
  });
  const publicSubnets = ['a', 'b'].map((az, i) => {
    const id = b.node('subnet', `public-${az}`, { cidrBlock: `10.0.${i + 101}.0/24`, availabilityZone: `eu-central-1${az}`, public: true, name: `public-${az}` });
    b.edge('subnet-vpc', id, vpc);
    return id;
  });
  const sg = b.node('securityGroup', 'sg-tasks', { groupName: 'tasks' });
  b.edge('security-group-vpc', sg, vpc);
  const lb = b.node('loadBalancer', 'alb', { name: 'app-alb', type: 'application', scheme: 'internet-facing' });
  for (const s of publicSubnets) b.edge('load-balancer-subnet', lb, s);
  const fargate = b.node('fargateCapacityProvider', 'fargate', { provider: 'FARGATE' });
  b.edge('capacity-provider-cluster', fargate, cluster, { defaultWeight: 1 });
  return { cluster, subnets, sg, lb, vpc };
}

/**
 * One complete, clean Fargate service: task definition with 3 containers (app, sidecar, init), task and execution
 * roles, a log group, an ECR repository, a secret, a target group behind a listener, and auto scaling.
 */
export function addFargateService(b: DesignBuilder, infra: ReturnType<typeof addInfrastructure>, i: number): { service: string; td: string; containers: string[] } {
  const p = `s${i}`;
  const td = b.node('taskDefinition', `${p}-td`, {
    family: `svc-${i}`,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '512',
    memory: '1024',
    runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
  });
  const repo = b.node('ecrRepository', `${p}-repo`, { repositoryName: `team/svc-${i}`, scanOnPush: true, imageTagMutability: 'IMMUTABLE' });
  const log = b.node('logGroup', `${p}-logs`, { logGroupName: `/ecs/svc-${i}`, retentionInDays: 30 });
  const secret = b.node('secret', `${p}-secret`, { store: 'secretsmanager', name: `svc-${i}/db-password` });
  const app = b.node(
    'container',
    `${p}-app`,
    {
      name: 'app',
      essential: true,
      imageTag: '1.4.2',
      cpu: 256,
      memory: 512,
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], interval: 30, timeout: 5, retries: 3 },
      dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
      environment: [{ name: 'PORT', value: '8080' }],
    },
    td,
  );
  const sidecar = b.node(
    'container',
    `${p}-sidecar`,
    { name: 'sidecar', essential: true, image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0', cpu: 128, memory: 256, readonlyRootFilesystem: true },
    td,
  );
  const init = b.node('container', `${p}-init`, { name: 'init', essential: false, imageTag: '1.4.2', command: ['migrate'], cpu: 128, memory: 128, readonlyRootFilesystem: true }, td);
  for (const c of [app, init]) b.edge('container-image', c, repo);
  for (const c of [app, sidecar, init]) b.edge('container-log-group', c, log);
  b.edge('container-secret', app, secret, { name: 'DB_PASSWORD' });
  const taskRole = b.node('taskRole', `${p}-task-role`, { roleName: `svc-${i}-task` });
  const execRole = b.node('executionRole', `${p}-exec-role`, {
    roleName: `svc-${i}-exec`,
    managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
    inlinePolicies: [{ policyName: 'secrets', statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }],
  });
  b.edge('task-role', td, taskRole);
  b.edge('execution-role', td, execRole);
  const service = b.node('service', `${p}-service`, {
    serviceName: `svc-${i}`,
    desiredCount: 2,
    launchType: 'FARGATE',
    deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
  });
  b.edge('service-cluster', service, infra.cluster);
  b.edge('service-task-definition', service, td);
  for (const s of infra.subnets) b.edge('service-subnet', service, s);
  b.edge('service-security-group', service, infra.sg);
  const tg = b.node('targetGroup', `${p}-tg`, { name: `svc-${i}`, targetType: 'ip', protocol: 'HTTP', port: 8080, healthCheck: { path: '/health' } });
  b.edge('target-group-vpc', tg, infra.vpc);
  b.edge('service-target-group', service, tg, { containerName: 'app', containerPort: 8080 });
  const listener = b.node('listener', `${p}-listener`, { port: 10000 + (i % 50000), protocol: 'HTTP' });
  b.edge('listener-load-balancer', listener, infra.lb);
  b.edge('listener-target-group', listener, tg);
  const target = b.node('scalableTarget', `${p}-scaling`, { minCapacity: 2, maxCapacity: 10 });
  b.edge('scalable-target-service', target, service);
  const policy = b.node('targetTrackingPolicy', `${p}-cpu`, { policyName: `svc-${i}-cpu`, metric: 'ECSServiceAverageCPUUtilization', targetValue: 60 });
  b.edge('scaling-policy-target', policy, target);
  return { service, td, containers: [app, sidecar, init] };
}

/** A clean design with `n` Fargate services. */
export function serviceDesign(n: number): Design {
  const b = new DesignBuilder();
  const infra = addInfrastructure(b);
  for (let i = 0; i < n; i++) addFargateService(b, infra, i);
  return b.build();
}

/** A clean EC2 service: bridge task definition on an Auto Scaling group capacity provider behind an instance target group. */
export function ec2ServiceDesign(): Design {
  const b = new DesignBuilder();
  const infra = addInfrastructure(b);
  const role = b.node('instanceRole', 'instance-role', {
    roleName: 'ecs-instance',
    managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role'],
  });
  const asg = b.node('asgCapacityProvider', 'asg', { name: 'app-capacity', instanceType: 'm7i.large', architecture: 'x86_64', minSize: 1, maxSize: 4, ecsConfig: { ECS_CLUSTER: 'app' } });
  b.edge('asg-instance-role', asg, role);
  b.edge('capacity-provider-cluster', asg, infra.cluster);
  for (const s of infra.subnets) b.edge('asg-subnet', asg, s);
  const td = b.node('taskDefinition', 'ec2-td', { family: 'web-ec2', networkMode: 'bridge', requiresCompatibilities: ['EC2'] });
  const log = b.node('logGroup', 'ec2-logs', { logGroupName: '/ecs/web-ec2' });
  const web = b.node(
    'container',
    'ec2-web',
    { name: 'web', essential: true, image: 'public.ecr.aws/nginx/nginx:1.27', memory: 256, cpu: 256, readonlyRootFilesystem: true, portMappings: [{ containerPort: 80, protocol: 'tcp' }] },
    td,
  );
  b.edge('container-log-group', web, log);
  b.edge('task-role', td, b.node('taskRole', 'ec2-task-role', { roleName: 'web-ec2-task' }));
  const service = b.node('service', 'ec2-service', {
    serviceName: 'web-ec2',
    desiredCount: 2,
    launchType: 'EC2',
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
  });
  b.edge('service-cluster', service, infra.cluster);
  b.edge('service-task-definition', service, td);
  const tg = b.node('targetGroup', 'ec2-tg', { name: 'web-ec2', targetType: 'instance', protocol: 'HTTP', port: 80, healthCheck: { path: '/', port: 'traffic-port' } });
  b.edge('target-group-vpc', tg, infra.vpc);
  b.edge('service-target-group', service, tg, { containerName: 'web', containerPort: 80 });
  const listener = b.node('listener', 'ec2-listener', { port: 80, protocol: 'HTTP' });
  b.edge('listener-load-balancer', listener, infra.lb);
  b.edge('listener-target-group', listener, tg);
  const target = b.node('scalableTarget', 'ec2-scaling', { minCapacity: 1, maxCapacity: 6 });
  b.edge('scalable-target-service', target, service);
  b.edge('scaling-policy-target', b.node('targetTrackingPolicy', 'ec2-cpu', { policyName: 'cpu', metric: 'ECSServiceAverageCPUUtilization', targetValue: 60 }), target);
  return b.build();
}

// ── Edits for tests: pure design → design helpers ──────────────────────────────────────────────────────────

/** Shallow-merges `patch` into a node's properties (`undefined` removes a property). */
export function setProps(design: Design, id: string, patch: Record<string, unknown>): Design {
  return {
    ...design,
    nodes: design.nodes.map((n) => {
      if (n.id !== id) return n;
      const props: Record<string, unknown> = { ...(n.properties as Record<string, unknown>) };
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete props[k];
        else props[k] = v;
      }
      return { ...n, properties: props } as DesignNode;
    }),
  };
}

/** Replaces a node wholesale (e.g. to set `ignore`). */
export function updateNode(design: Design, id: string, f: (n: DesignNode) => DesignNode): Design {
  return { ...design, nodes: design.nodes.map((n) => (n.id === id ? f(n) : n)) };
}

export function props(design: Design, id: string): Record<string, unknown> {
  const n = design.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n.properties as Record<string, unknown>;
}

export function removeEdges(design: Design, pred: (e: DesignEdge) => boolean): Design {
  return { ...design, edges: design.edges.filter((e) => !pred(e)) };
}

export function removeNodes(design: Design, ids: readonly string[]): Design {
  const gone = new Set(ids);
  return { ...design, nodes: design.nodes.filter((n) => !gone.has(n.id)), edges: design.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)) };
}

let extraEdges = 0;

export function addEdge<K extends EdgeKind>(design: Design, kind: K, source: string, target: string, properties?: EdgeProps<K>): Design {
  const edge = { id: `x${++extraEdges}`, kind, source, target, ...(properties === undefined ? {} : { properties }) } as DesignEdge;
  return { ...design, edges: [...design.edges, edge] };
}

export function addNode<K extends NodeKind>(design: Design, kind: K, id: string, p: NodePropsInput<K>, parentId?: string): Design {
  return { ...design, nodes: [...design.nodes, makeNode(kind, id, p, parentId === undefined ? {} : { parentId })] };
}
