/**
 * Service status after a deploy or on demand: per ECS service of the design, desired/running/pending counts,
 * deployments, recent service events and why recent tasks stopped. Read-only (Describe/List/Get calls only).
 *
 * Which live service a resource of the template is: the physical ids of our CloudFormation stack when the design
 * was deployed as one (the stack carries our design tag), else the names the SDK engine gives (cluster and service
 * names from the template, parameters resolved).
 */
import { DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand, type Service, type Task } from '@aws-sdk/client-ecs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { IrPseudo, IrTemplate } from '../../shared/iac/ir';
import type { AwsTarget } from '../aws/clientConfig';
import { createDeployClients, type ApiCall, type DeployClientSet } from './clients';
import { resolveParameters, resolveValue, type ResolveEnv } from './resolve';
import { TAG_DESIGN, type LiveResource } from './types';
import { awsMessage, containsUnknown, errorName, generatedName, tagsToRecord } from './values';

export interface ServiceDeployment {
  readonly id: string;
  /** PRIMARY (the newest), ACTIVE (being replaced), INACTIVE. */
  readonly status: string;
  readonly taskDefinition: string;
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  readonly failed: number;
  /** IN_PROGRESS, COMPLETED or FAILED, with the reason (circuit breaker…), where ECS reports it. */
  readonly rolloutState?: string;
  readonly rolloutStateReason?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface StoppedTask {
  readonly taskArn: string;
  readonly stoppedAt?: string;
  readonly stoppedReason: string;
  readonly stopCode?: string;
  readonly containers: readonly { readonly name: string; readonly reason?: string; readonly exitCode?: number }[];
}

export interface ServiceStatus {
  readonly nodeId?: string;
  readonly logicalId: string;
  readonly cluster: string;
  readonly service: string;
  /** ACTIVE, DRAINING, INACTIVE; MISSING when no such service exists (not deployed yet); UNKNOWN when it cannot be resolved. */
  readonly status: string;
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  readonly taskDefinition: string;
  readonly deployments: readonly ServiceDeployment[];
  /** Newest first, at most `eventLimit`. */
  readonly events: readonly { readonly at: string; readonly message: string }[];
  /** Recently stopped tasks, newest first, at most `stoppedTaskLimit`. */
  readonly stoppedTasks: readonly StoppedTask[];
  /** Why the status could not be read (cluster missing, unresolved name, AWS error). */
  readonly error?: string;
}

export interface StatusOptions {
  readonly target: AwsTarget;
  readonly designId: string;
  /** Value of AWS::StackName, and the stack looked up for physical ids. */
  readonly stackName: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly onCall?: (call: ApiCall) => void;
  /** Service events per service (default 10) and stopped tasks per service (default 5, at most 100). */
  readonly eventLimit?: number;
  readonly stoppedTaskLimit?: number;
}

/** Parameters, pseudo parameters and caller identity of the target: what resolves template values to names. */
export async function targetEnv(clients: DeployClientSet, template: IrTemplate, opts: { target: AwsTarget; stackName: string; parameters?: Readonly<Record<string, string>> }): Promise<Omit<ResolveEnv, 'resources'> & { accountId: string; partition: string }> {
  const parameters = resolveParameters(template, opts.parameters ?? {});
  const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
  const accountId = identity.Account ?? '';
  const partition = identity.Arn?.split(':')[1] ?? 'aws';
  const pseudo: Record<IrPseudo, string> = {
    'AWS::Region': opts.target.region,
    'AWS::AccountId': accountId,
    'AWS::Partition': partition,
    'AWS::StackName': opts.stackName,
    'AWS::URLSuffix': partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
  };
  return { parameters, pseudo, azs: [], accountId, partition };
}

/** Physical ids of our stack's resources by logical id; empty when there is no stack of that name carrying our tag. */
export async function stackPhysicalIds(clients: DeployClientSet, stackName: string, designId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  try {
    const stack = (await clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    if (!stack || tagsToRecord(stack.Tags)[TAG_DESIGN] !== designId || stack.StackStatus === 'REVIEW_IN_PROGRESS') return out;
    const res = await clients.cloudformation.send(new DescribeStackResourcesCommand({ StackName: stack.StackId ?? stackName }));
    for (const r of res.StackResources ?? []) if (r.LogicalResourceId && r.PhysicalResourceId) out.set(r.LogicalResourceId, r.PhysicalResourceId);
  } catch (e) {
    if (errorName(e) === 'ValidationError' && /does not exist/i.test(awsMessage(e))) return out;
    throw e;
  }
  return out;
}

const lastSegment = (arnOrName: string) => arnOrName.split('/').pop() ?? arnOrName;

/**
 * Live stand-ins for the template's clusters (what Ref of a cluster returns: its name), from the stack or the
 * names the engine gives (ClusterName, else the generated name).
 */
function clusterRefs(template: IrTemplate, env: Omit<ResolveEnv, 'resources'>, physical: ReadonlyMap<string, string>, designId: string): Map<string, LiveResource> {
  const out = new Map<string, LiveResource>();
  for (const r of template.resources) {
    if (r.type !== 'AWS::ECS::Cluster') continue;
    let name = physical.get(r.id);
    if (name === undefined) {
      const v = resolveValue(r.properties['ClusterName'] ?? '', { ...env, resources: new Map() });
      name = typeof v === 'string' && v !== '' && !containsUnknown(v) ? v : generatedName(designId, r.id, 255);
    }
    out.set(r.id, { type: r.type, physicalId: name, name, attributes: { Arn: name }, tags: {}, properties: {} });
  }
  return out;
}

function iso(d: Date | undefined): string | undefined {
  return d ? d.toISOString() : undefined;
}

function stoppedTask(t: Task): StoppedTask {
  const stoppedAt = iso(t.stoppedAt);
  return {
    taskArn: t.taskArn ?? '',
    ...(stoppedAt ? { stoppedAt } : {}),
    stoppedReason: t.stoppedReason ?? '',
    ...(t.stopCode ? { stopCode: t.stopCode } : {}),
    containers: (t.containers ?? []).map((c) => ({ name: c.name ?? '', ...(c.reason ? { reason: c.reason } : {}), ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}) })),
  };
}

async function stoppedTasks(clients: DeployClientSet, cluster: string, service: string, limit: number): Promise<StoppedTask[]> {
  if (limit <= 0) return [];
  const list = await clients.ecs.send(new ListTasksCommand({ cluster, serviceName: service, desiredStatus: 'STOPPED', maxResults: Math.min(100, limit) }));
  const arns = (list.taskArns ?? []).slice(0, limit);
  if (arns.length === 0) return [];
  const tasks = (await clients.ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }))).tasks ?? [];
  // Tasks a service starts are in the group "service:<name>" (the list filter is checked again on the tasks).
  return tasks
    .filter((t) => t.group === undefined || t.group === `service:${service}`)
    .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0)).map(stoppedTask);
}

function fromService(base: Pick<ServiceStatus, 'logicalId' | 'cluster' | 'service'> & { nodeId?: string }, s: Service, eventLimit: number): Omit<ServiceStatus, 'stoppedTasks'> {
  return {
    ...base,
    status: s.status ?? 'UNKNOWN',
    desired: s.desiredCount ?? 0,
    running: s.runningCount ?? 0,
    pending: s.pendingCount ?? 0,
    taskDefinition: s.taskDefinition ?? '',
    deployments: (s.deployments ?? []).map((d) => {
      const createdAt = iso(d.createdAt);
      const updatedAt = iso(d.updatedAt);
      return {
        id: d.id ?? '',
        status: d.status ?? '',
        taskDefinition: d.taskDefinition ?? '',
        desired: d.desiredCount ?? 0,
        running: d.runningCount ?? 0,
        pending: d.pendingCount ?? 0,
        failed: d.failedTasks ?? 0,
        ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
        ...(d.rolloutStateReason ? { rolloutStateReason: d.rolloutStateReason } : {}),
        ...(createdAt ? { createdAt } : {}),
        ...(updatedAt ? { updatedAt } : {}),
      };
    }),
    events: (s.events ?? [])
      .slice()
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
      .slice(0, eventLimit)
      .map((e) => ({ at: iso(e.createdAt) ?? '', message: e.message ?? '' })),
  };
}

const empty = { status: 'MISSING', desired: 0, running: 0, pending: 0, taskDefinition: '', deployments: [], events: [], stoppedTasks: [] } as const;

/** Status of every ECS service of the template, in template order. */
export async function serviceStatus(template: IrTemplate, opts: StatusOptions): Promise<ServiceStatus[]> {
  const services = template.resources.filter((r) => r.type === 'AWS::ECS::Service');
  if (services.length === 0) return [];
  const eventLimit = opts.eventLimit ?? 10;
  const stoppedLimit = Math.min(100, opts.stoppedTaskLimit ?? 5);
  const clients = createDeployClients(opts.target, opts.onCall);
  try {
    const env = await targetEnv(clients, template, opts);
    const physical = await stackPhysicalIds(clients, opts.stackName, opts.designId);
    const resources = clusterRefs(template, env, physical, opts.designId);
    const out: ServiceStatus[] = [];
    // Resolve every service to (cluster, name), then describe per cluster in batches of 10 (the API limit).
    const wanted: { base: Pick<ServiceStatus, 'logicalId' | 'cluster' | 'service'> & { nodeId?: string }; unresolved?: string }[] = [];
    for (const r of services) {
      const nodeId = r.nodeId !== undefined ? { nodeId: r.nodeId } : {};
      const cluster = resolveValue(r.properties['Cluster'] ?? 'default', { ...env, resources });
      const fromStack = physical.get(r.id);
      const name = fromStack !== undefined ? lastSegment(fromStack) : resolveValue(r.properties['ServiceName'] ?? '', { ...env, resources });
      const c = typeof cluster === 'string' ? lastSegment(cluster) : '';
      const n = typeof name === 'string' ? name : '';
      const unresolved = c === '' || containsUnknown(c) ? 'the cluster name cannot be resolved' : n === '' || containsUnknown(n) ? 'the service has no name in the template (not deployed as a stack)' : undefined;
      wanted.push({ base: { logicalId: r.id, ...nodeId, cluster: c, service: n }, ...(unresolved ? { unresolved } : {}) });
    }
    const byCluster = new Map<string, string[]>();
    for (const w of wanted) if (!w.unresolved) byCluster.set(w.base.cluster, [...(byCluster.get(w.base.cluster) ?? []), w.base.service]);
    const live = new Map<string, Service>();
    const clusterErrors = new Map<string, string>();
    for (const [cluster, names] of byCluster) {
      const unique = [...new Set(names)];
      try {
        for (let i = 0; i < unique.length; i += 10) {
          const res = await clients.ecs.send(new DescribeServicesCommand({ cluster, services: unique.slice(i, i + 10) }));
          for (const s of res.services ?? []) if (s.serviceName && s.status !== 'INACTIVE') live.set(`${cluster}\u0000${s.serviceName}`, s);
        }
      } catch (e) {
        clusterErrors.set(cluster, errorName(e) === 'ClusterNotFoundException' ? `cluster ${cluster} does not exist` : awsMessage(e));
      }
    }
    for (const w of wanted) {
      if (w.unresolved) {
        out.push({ ...w.base, ...empty, status: 'UNKNOWN', error: w.unresolved });
        continue;
      }
      const clusterError = clusterErrors.get(w.base.cluster);
      if (clusterError) {
        out.push({ ...w.base, ...empty, error: clusterError });
        continue;
      }
      const s = live.get(`${w.base.cluster}\u0000${w.base.service}`);
      if (!s) {
        out.push({ ...w.base, ...empty });
        continue;
      }
      out.push({ ...fromService(w.base, s, eventLimit), stoppedTasks: await stoppedTasks(clients, w.base.cluster, w.base.service, stoppedLimit) });
    }
    return out;
  } finally {
    clients.destroy();
  }
}
