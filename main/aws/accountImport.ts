import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  type ScalableTarget,
  type ScalingPolicy,
  type ScheduledAction,
} from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeLaunchTemplateVersionsCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  type DescribeTaskDefinitionCommandOutput,
  ListServicesCommand,
  type Cluster,
  type Service,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { makeNode } from '../../shared/model/catalog';
import { emptyDesign, type Design } from '../../shared/model/document';
import type { DesignEdge, EdgeKind, EdgeProps } from '../../shared/model/edges';
import { randomId, type IdGenerator } from '../../shared/model/ids';
import type { DesignNode, NodeKind, NodePropsInput } from '../../shared/model/nodes';
import { arrange } from '../../shared/patterns/builder';
import { importTaskDefinition } from '../../shared/taskdef/import';
import { AccountImportError, AwsCalls, chunks, describeTarget, mapLimit } from './accountImportCalls';
import { compact, dropAwsFilledDefaults, fitProps, type AccountImportWarning } from './accountImportFit';
import { awsClientConfig, checkAwsTarget, type AwsTarget } from './clientConfig';

export { AccountImportError } from './accountImportCalls';
export type { AccountImportWarning } from './accountImportFit';

/**
 * Live account → design: one ECS cluster with its services, task definitions (through the same
 * importTaskDefinition path as a JSON file, so roles, images, secrets, log groups and EFS become nodes and edges),
 * IAM roles and their policies, target groups / load balancers / listeners, service auto scaling and capacity
 * providers; subnets, security groups and VPCs as references to the existing ids.
 *
 * Read-only: only Describe/List/Get calls. Everything read that the design cannot carry is a report entry.
 * Credentials stay inside the SDK (see clientConfig.ts); nothing here reads, logs or stores them.
 */

export interface AccountImportOptions {
  readonly ids?: IdGenerator;
  /** Name of the design (default: the cluster name). */
  readonly designName?: string;
}

export interface AccountImportReport {
  readonly cluster: string;
  readonly region: string;
  readonly endpointUrl?: string;
  /** One line per node created, e.g. `service: web`. */
  readonly created: string[];
  readonly warnings: AccountImportWarning[];
  /** AWS API calls made (each page counts). */
  readonly apiCalls: number;
  /** How the design was laid out. */
  readonly layout: string;
}

export interface AccountImportResult {
  readonly design: Design;
  readonly report: AccountImportReport;
}

/** Independent reads in flight at once (task definitions, scaling details): fast without tripping API throttling. */
const PARALLEL_READS = 5;

const LAYOUT_NOTE = 'column layout by kind (the deterministic layout of the pattern designs); use Auto Layout in the app to re-flow it';

type Clients = {
  ecs: ECSClient;
  iam: IAMClient;
  elb: ElasticLoadBalancingV2Client;
  aas: ApplicationAutoScalingClient;
  asg: AutoScalingClient;
  ec2: EC2Client;
  logs: CloudWatchLogsClient;
  ecr: ECRClient;
  cw: CloudWatchClient;
};

function lastSegment(arnOrName: string): string {
  const tail = arnOrName.includes(':') ? arnOrName.slice(arnOrName.lastIndexOf(':') + 1) : arnOrName;
  return tail.slice(tail.lastIndexOf('/') + 1);
}

/** `family:revision` of a task definition ARN. */
function taskDefinitionLabel(arn: string): string {
  const i = arn.indexOf('task-definition/');
  return i >= 0 ? arn.slice(i + 'task-definition/'.length) : arn;
}

function accountOf(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/** URL-encoded (IAM) or plain JSON policy document → object, or undefined. */
function policyDocument(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  for (const candidate of [text, safeDecode(text)]) {
    try {
      return JSON.parse(candidate);
    } catch {
      /* try the next form */
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function tagsOf(list: readonly { key?: string | undefined; value?: string | undefined }[] | undefined): { key: string; value: string }[] | undefined {
  const tags = (list ?? []).filter((t) => t.key !== undefined).map((t) => ({ key: t.key!, value: t.value ?? '' }));
  return tags.length > 0 ? tags : undefined;
}

function pascalTags(list: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined) {
  return tagsOf(list?.map((t) => ({ key: t.Key, value: t.Value })));
}

class Builder {
  nodes: DesignNode[] = [];
  edges: DesignEdge[] = [];
  readonly created: string[] = [];
  readonly warnings: AccountImportWarning[] = [];
  private readonly byKey = new Map<string, string>();

  constructor(private readonly ids: IdGenerator) {}

  warn(resource: string, message: string): void {
    this.warnings.push({ resource, message });
  }

  /** The node of `kind` known by `key` (an ARN or id), created from `props` on first use. */
  node<K extends NodeKind>(kind: K, key: string, props: Record<string, unknown>, label: string): string | undefined {
    const k = `${kind}\u0000${key}`;
    const existing = this.byKey.get(k);
    if (existing !== undefined) return existing;
    const fitted = fitProps(kind, compact(props), `${kind} ${label}`, this.warnings);
    if (fitted === undefined) return undefined;
    const id = this.ids(kind);
    this.nodes.push(makeNode(kind, id, fitted as NodePropsInput<K>));
    this.byKey.set(k, id);
    this.created.push(`${kind}: ${label}`);
    return id;
  }

  find(kind: NodeKind, key: string): string | undefined {
    return this.byKey.get(`${kind}\u0000${key}`);
  }

  /** Adds properties read later (IAM details, log retention…) to a node, dropping what the schema refuses. */
  update<K extends NodeKind>(id: string, kind: K, extra: Record<string, unknown>, label: string): void {
    const i = this.nodes.findIndex((n) => n.id === id);
    const node = this.nodes[i];
    if (!node || node.kind !== kind) return;
    const fitted = fitProps(kind, { ...(node.properties as Record<string, unknown>), ...compact(extra) }, `${kind} ${label}`, this.warnings);
    if (fitted === undefined) return;
    this.nodes[i] = makeNode(kind, id, fitted, { position: node.position, ...(node.parentId === undefined ? {} : { parentId: node.parentId }) });
  }

  connect<K extends EdgeKind>(kind: K, source: string | undefined, target: string | undefined, properties?: EdgeProps<K>): void {
    if (source === undefined || target === undefined) return;
    const key = JSON.stringify([kind, source, target, properties ?? null]);
    if (this.edges.some((e) => JSON.stringify([e.kind, e.source, e.target, e.properties ?? null]) === key)) return;
    this.edges.push({ id: this.ids('edge'), kind, source, target, ...(properties === undefined ? {} : { properties }) } as DesignEdge);
  }
}

/** Imports one cluster of the account that `target` points at. Throws AccountImportError with a clear message. */
export async function importFromAccount(target: AwsTarget, clusterName: string, opts: AccountImportOptions = {}): Promise<AccountImportResult> {
  try {
    checkAwsTarget(target);
  } catch (e) {
    throw new AccountImportError('target', e instanceof Error ? e.message : String(e));
  }
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(clusterName) && !clusterName.startsWith('arn:')) {
    throw new AccountImportError('target', `cluster: "${clusterName}" is not a cluster name (1–255 letters, digits, hyphens, underscores) or ARN`);
  }
  const config = awsClientConfig(target);
  const clients: Clients = {
    ecs: new ECSClient(config),
    iam: new IAMClient(config),
    elb: new ElasticLoadBalancingV2Client(config),
    aas: new ApplicationAutoScalingClient(config),
    asg: new AutoScalingClient(config),
    ec2: new EC2Client(config),
    logs: new CloudWatchLogsClient(config),
    ecr: new ECRClient(config),
    cw: new CloudWatchClient(config),
  };
  try {
    return await new AccountImport(target, clients, opts).run(clusterName);
  } finally {
    for (const c of Object.values(clients)) c.destroy();
  }
}

class AccountImport {
  private readonly calls: AwsCalls;
  private readonly b: Builder;
  private readonly ids: IdGenerator;
  private design!: Design;
  private clusterArn = '';
  private clusterNameResolved = '';

  constructor(
    private readonly target: AwsTarget,
    private readonly c: Clients,
    private readonly opts: AccountImportOptions,
  ) {
    this.calls = new AwsCalls(target);
    this.ids = opts.ids ?? randomId;
    this.b = new Builder(this.ids);
  }

  async run(clusterName: string): Promise<AccountImportResult> {
    const cluster = await this.cluster(clusterName);
    const clusterId = this.clusterNode(cluster);
    await this.capacityProviders(cluster, clusterId);

    const serviceArns = await this.calls.all('ecs:ListServices', async (nextToken) => {
      const r = await this.c.ecs.send(new ListServicesCommand({ cluster: this.clusterArn, nextToken, maxResults: 100 }));
      return { items: r.serviceArns, next: r.nextToken };
    });
    const services: Service[] = [];
    for (const batch of chunks(serviceArns, 10)) {
      const r = await this.calls.call('ecs:DescribeServices', () => this.c.ecs.send(new DescribeServicesCommand({ cluster: this.clusterArn, services: batch, include: ['TAGS'] })));
      for (const f of r.failures ?? []) this.b.warn(`service ${f.arn ?? '?'}`, `DescribeServices failed: ${f.reason ?? 'unknown reason'}${f.detail ? ` (${f.detail})` : ''}`);
      services.push(...(r.services ?? []));
    }
    services.sort((a, b) => (a.serviceName ?? '').localeCompare(b.serviceName ?? ''));

    this.design = { ...emptyDesign(this.ids('design'), this.opts.designName ?? this.clusterNameResolved) };
    const region = this.target.region;
    const account = accountOf(this.clusterArn);
    this.design.settings = { ...(/^[a-z]{2}(-[a-z]+)+-\d$/.test(region) ? { region } : {}), ...(account ? { accountId: account } : {}) };

    // Task definitions first (importTaskDefinition builds their part of the graph), then the rest around them.
    // Reads run a few at a time; the design is built in service order, so the result does not depend on timing.
    const tdArns = [...new Set(services.map((s) => s.taskDefinition).filter((a): a is string => a !== undefined))];
    const described = await mapLimit(tdArns, PARALLEL_READS, (arn) =>
      this.calls.call('ecs:DescribeTaskDefinition', () => this.c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }))),
    );
    const tdIds = new Map<string, string>();
    tdArns.forEach((arn, i) => {
      const id = this.taskDefinition(arn, described[i]!);
      if (id !== undefined) tdIds.set(arn, id);
    });
    this.mergeTaskDefinitionGraph();
    await this.prefetchScaling(services.map((s) => s.serviceName).filter((n): n is string => n !== undefined));

    for (const svc of services) await this.service(svc, clusterId, tdIds);
    await this.roles();
    await this.logGroupsAndRepositories();
    await this.networkReferences();

    const design = arrange({ ...this.design, nodes: [...this.design.nodes, ...this.b.nodes], edges: [...this.design.edges, ...this.b.edges] });
    return {
      design,
      report: {
        cluster: this.clusterNameResolved,
        region: this.target.region,
        ...(this.target.endpointUrl !== undefined ? { endpointUrl: this.target.endpointUrl } : {}),
        created: [...this.tdCreated, ...this.b.created],
        warnings: this.b.warnings,
        apiCalls: this.calls.count,
        layout: LAYOUT_NOTE,
      },
    };
  }

  // ── cluster and capacity ────────────────────────────────────────────────────────────────────────────────────

  private async cluster(name: string): Promise<Cluster> {
    const r = await this.calls.call('ecs:DescribeClusters', () =>
      this.c.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['SETTINGS', 'CONFIGURATIONS', 'TAGS'] })),
    );
    const cluster = r.clusters?.find((c) => c.status !== 'INACTIVE');
    if (!cluster) {
      const inactive = r.clusters?.some((c) => c.status === 'INACTIVE');
      throw new AccountImportError('cluster-not-found', `cluster "${name}" ${inactive ? 'is INACTIVE (deleted)' : 'was not found'} in ${describeTarget(this.target)}`);
    }
    this.clusterArn = cluster.clusterArn ?? name;
    this.clusterNameResolved = cluster.clusterName ?? lastSegment(name);
    return cluster;
  }

  private clusterNode(cluster: Cluster): string {
    const name = this.clusterNameResolved;
    const insights = cluster.settings?.find((s) => s.name === 'containerInsights')?.value;
    const props: Record<string, unknown> = {
      clusterName: name,
      containerInsights: insights ?? 'disabled',
      executeCommandLogging: cluster.configuration?.executeCommandConfiguration?.logging,
      tags: tagsOf(cluster.tags),
    };
    const exec = cluster.configuration?.executeCommandConfiguration;
    if (exec?.kmsKeyId !== undefined || exec?.logConfiguration !== undefined) this.b.warn(`cluster ${name}`, 'ECS Exec KMS key / log destination settings are not part of the design model; not imported');
    if (cluster.serviceConnectDefaults?.namespace !== undefined) this.b.warn(`cluster ${name}`, `Service Connect default namespace ${cluster.serviceConnectDefaults.namespace} is not part of the design model; not imported`);
    const id = this.b.node('cluster', cluster.clusterArn ?? name, props, name);
    if (id === undefined) throw new AccountImportError('aws', `cluster "${name}" could not be represented in a design`);
    return id;
  }

  private async capacityProviders(cluster: Cluster, clusterId: string): Promise<void> {
    const names = cluster.capacityProviders ?? [];
    const strategy = new Map((cluster.defaultCapacityProviderStrategy ?? []).map((s) => [s.capacityProvider ?? '', s]));
    const custom = names.filter((n) => n !== 'FARGATE' && n !== 'FARGATE_SPOT');
    const details = new Map<string, { autoScalingGroupArn?: string; provider: Record<string, unknown> }>();
    for (const batch of chunks(custom, 10)) {
      const r = await this.calls.call('ecs:DescribeCapacityProviders', () => this.c.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: batch, include: ['TAGS'] })));
      for (const f of r.failures ?? []) this.b.warn(`capacity provider ${f.arn ?? '?'}`, `DescribeCapacityProviders failed: ${f.reason ?? 'unknown reason'}`);
      for (const cp of r.capacityProviders ?? []) {
        const asg = cp.autoScalingGroupProvider;
        if (!asg) {
          this.b.warn(`capacity provider ${cp.name ?? '?'}`, 'not an Auto Scaling group provider (e.g. ECS Managed Instances); not imported');
          continue;
        }
        details.set(cp.name ?? '', {
          ...(asg.autoScalingGroupArn !== undefined ? { autoScalingGroupArn: asg.autoScalingGroupArn } : {}),
          provider: {
            name: cp.name,
            managedScaling: asg.managedScaling
              ? {
                  status: asg.managedScaling.status,
                  targetCapacity: asg.managedScaling.targetCapacity,
                  minimumScalingStepSize: asg.managedScaling.minimumScalingStepSize,
                  maximumScalingStepSize: asg.managedScaling.maximumScalingStepSize,
                  instanceWarmupPeriod: asg.managedScaling.instanceWarmupPeriod,
                }
              : undefined,
            managedTerminationProtection: asg.managedTerminationProtection,
            managedDraining: asg.managedDraining,
            tags: tagsOf(cp.tags),
          },
        });
      }
    }
    for (const name of names) {
      const s = strategy.get(name);
      const edgeProps = s ? compact({ defaultWeight: s.weight, defaultBase: s.base }) : {};
      if (name === 'FARGATE' || name === 'FARGATE_SPOT') {
        const id = this.b.node('fargateCapacityProvider', name, { provider: name }, name);
        this.b.connect('capacity-provider-cluster', id, clusterId, edgeProps);
        continue;
      }
      const d = details.get(name);
      if (!d) continue;
      const asgProps = d.autoScalingGroupArn !== undefined ? await this.autoScalingGroup(name, d.autoScalingGroupArn) : {};
      const id = this.b.node('asgCapacityProvider', name, { ...d.provider, ...asgProps.props }, name);
      this.b.connect('capacity-provider-cluster', id, clusterId, edgeProps);
      for (const subnet of asgProps.subnets ?? []) this.b.connect('asg-subnet', id, this.subnet(subnet));
      for (const sg of asgProps.securityGroups ?? []) this.b.connect('asg-security-group', id, this.securityGroup(sg));
    }
  }

  /** What the Auto Scaling group (and its launch template, when visible) says about a capacity provider. */
  private async autoScalingGroup(provider: string, asgArn: string): Promise<{ props?: Record<string, unknown>; subnets?: string[]; securityGroups?: string[] }> {
    const resource = `capacity provider ${provider}`;
    const groupName = asgArn.includes('autoScalingGroupName/') ? asgArn.slice(asgArn.indexOf('autoScalingGroupName/') + 'autoScalingGroupName/'.length) : lastSegment(asgArn);
    const r = await this.calls.call('autoscaling:DescribeAutoScalingGroups', () => this.c.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] })));
    const group = r.AutoScalingGroups?.[0];
    if (!group) {
      this.b.warn(resource, `Auto Scaling group ${groupName} is not visible; its sizes and instance type are the design defaults`);
      return {};
    }
    const props: Record<string, unknown> = { minSize: group.MinSize, maxSize: group.MaxSize, desiredCapacity: group.DesiredCapacity };
    const subnets = (group.VPCZoneIdentifier ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    let securityGroups: string[] = [];
    const lt = group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
    if (group.MixedInstancesPolicy) this.b.warn(resource, 'the Auto Scaling group uses a mixed instances policy; only its launch template is imported');
    if (lt?.LaunchTemplateId !== undefined || lt?.LaunchTemplateName !== undefined) {
      const v = await this.calls.call('ec2:DescribeLaunchTemplateVersions', () =>
        this.c.ec2.send(
          new DescribeLaunchTemplateVersionsCommand({
            ...(lt.LaunchTemplateId !== undefined ? { LaunchTemplateId: lt.LaunchTemplateId } : { LaunchTemplateName: lt.LaunchTemplateName }),
            Versions: [lt.Version ?? '$Default'],
          }),
        ),
      );
      const data = v.LaunchTemplateVersions?.[0]?.LaunchTemplateData;
      if (data) {
        if (data.InstanceType !== undefined) {
          props['instanceType'] = data.InstanceType;
          // Graviton families carry a "g" after the generation (m7g, c6gn, t4g, x2gd): the ECS-optimized AMI is arm64.
          if (/^[a-z]+\d+[a-z-]*g[a-z-]*\./.test(data.InstanceType) && !/^(g|p|inf|trn|dl)\d/.test(data.InstanceType)) props['architecture'] = 'arm64';
        } else this.b.warn(resource, 'the launch template sets no instance type; the design default is kept');
        if (data.KeyName !== undefined) props['keyName'] = data.KeyName;
        securityGroups = [...(data.SecurityGroupIds ?? []), ...(data.NetworkInterfaces ?? []).flatMap((ni) => ni.Groups ?? [])];
        const ecsConfig = parseEcsConfig(data.UserData);
        if (Object.keys(ecsConfig).length > 0) props['ecsConfig'] = ecsConfig;
        if (data.IamInstanceProfile?.Arn !== undefined || data.IamInstanceProfile?.Name !== undefined) {
          this.b.warn(resource, `instance profile ${data.IamInstanceProfile.Arn ?? data.IamInstanceProfile.Name}: instance roles are not imported; connect an instance role`);
        }
        this.b.warn(resource, `the AMI (${data.ImageId ?? 'unknown'}) is not mapped to an AMI family; the design default (al2023) is kept`);
      }
    } else {
      this.b.warn(resource, 'the Auto Scaling group has no launch template (a launch configuration?); instance type and AMI are the design defaults');
    }
    return { props, subnets, securityGroups };
  }

  // ── task definitions ────────────────────────────────────────────────────────────────────────────────────────

  private tdCreated: string[] = [];

  private taskDefinition(arn: string, r: DescribeTaskDefinitionCommandOutput): string | undefined {
    const family = r.taskDefinition?.family ?? lastSegment(arn);
    const result = importTaskDefinition(dropAwsFilledDefaults(compact({ taskDefinition: r.taskDefinition, tags: r.tags })), { into: this.design, ids: this.ids });
    if (!result.ok) {
      const problems = result.findings.map((f) => `${f.path}: ${f.message}`).join('; ');
      this.b.warn(`task definition ${family}`, `not imported: ${problems || result.message || 'not a valid task definition'}`);
      return undefined;
    }
    this.design = result.design;
    this.tdCreated.push(`taskDefinition: ${taskDefinitionLabel(arn)}`, ...result.report.created);
    return result.taskDefinitionId;
  }

  /**
   * Each importTaskDefinition call deduplicates only its own resources: merge the nodes two task definitions share
   * (same kind, same properties — one execution role, one log group…), pointing edges at the survivor.
   */
  private mergeTaskDefinitionGraph(): void {
    const keep = new Map<string, string>();
    const replaced = new Map<string, string>();
    const nodes: DesignNode[] = [];
    for (const n of this.design.nodes) {
      if (n.parentId !== undefined || n.kind === 'taskDefinition') {
        nodes.push(n);
        continue;
      }
      const key = `${n.kind}\u0000${JSON.stringify(n.properties)}`;
      const survivor = keep.get(key);
      if (survivor !== undefined) replaced.set(n.id, survivor);
      else {
        keep.set(key, n.id);
        nodes.push(n);
      }
    }
    const seen = new Set<string>();
    const edges: DesignEdge[] = [];
    for (const e of this.design.edges) {
      const edge = { ...e, source: replaced.get(e.source) ?? e.source, target: replaced.get(e.target) ?? e.target } as DesignEdge;
      const key = JSON.stringify([edge.kind, edge.source, edge.target, edge.properties ?? null]);
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push(edge);
    }
    this.design = { ...this.design, nodes, edges };
    const dup = new Set<string>();
    this.tdCreated = this.tdCreated.filter((line) => (dup.has(line) ? false : (dup.add(line), true)));
  }

  // ── services ────────────────────────────────────────────────────────────────────────────────────────────────

  private async service(svc: Service, clusterId: string, tdIds: ReadonlyMap<string, string>): Promise<void> {
    const name = svc.serviceName ?? lastSegment(svc.serviceArn ?? '?');
    const resource = `service ${name}`;
    const dc = svc.deploymentConfiguration;
    const strategy = svc.capacityProviderStrategy ?? [];
    const vpc = svc.networkConfiguration?.awsvpcConfiguration;
    const props: Record<string, unknown> = {
      serviceName: name,
      schedulingStrategy: svc.schedulingStrategy,
      desiredCount: svc.schedulingStrategy === 'DAEMON' ? undefined : svc.desiredCount,
      launchType: strategy.length > 0 ? undefined : svc.launchType,
      platformVersion: svc.platformVersion,
      deploymentConfiguration: dc
        ? {
            minimumHealthyPercent: dc.minimumHealthyPercent,
            maximumPercent: dc.maximumPercent,
            deploymentCircuitBreaker: dc.deploymentCircuitBreaker,
            strategy: dc.strategy,
          }
        : undefined,
      deploymentController: svc.deploymentController?.type,
      assignPublicIp: vpc?.assignPublicIp,
      healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds,
      enableExecuteCommand: svc.enableExecuteCommand,
      enableECSManagedTags: svc.enableECSManagedTags,
      propagateTags: svc.propagateTags,
      availabilityZoneRebalancing: svc.availabilityZoneRebalancing,
      placementStrategy: svc.placementStrategy?.length ? svc.placementStrategy : undefined,
      placementConstraints: svc.placementConstraints?.length ? svc.placementConstraints : undefined,
      tags: tagsOf(svc.tags),
    };
    if (dc?.alarms?.enable) this.b.warn(resource, `deployment alarms (${(dc.alarms.alarmNames ?? []).join(', ')}) are not part of the design model; not imported`);
    if (dc?.bakeTimeInMinutes !== undefined || (dc?.lifecycleHooks?.length ?? 0) > 0) this.b.warn(resource, 'blue/green bake time and lifecycle hooks are not part of the design model; not imported');
    if ((svc.serviceRegistries?.length ?? 0) > 0) this.b.warn(resource, 'service discovery registries (Cloud Map) are not part of the design model; not imported');
    if ((svc.deployments ?? []).some((d) => d.serviceConnectConfiguration?.enabled)) this.b.warn(resource, 'Service Connect configuration is not part of the design model; not imported');
    if ((svc.deployments ?? []).some((d) => (d.volumeConfigurations?.length ?? 0) > 0)) this.b.warn(resource, 'EBS volume configurations are not part of the design model; not imported');
    if (svc.status !== undefined && svc.status !== 'ACTIVE') this.b.warn(resource, `status is ${svc.status}`);

    const id = this.b.node('service', svc.serviceArn ?? name, props, name);
    if (id === undefined) return;
    this.b.connect('service-cluster', id, clusterId);
    const tdArn = svc.taskDefinition;
    if (tdArn !== undefined) {
      const td = tdIds.get(tdArn);
      if (td === undefined) this.b.warn(resource, `its task definition ${taskDefinitionLabel(tdArn)} was not imported, so the service runs nothing in the design`);
      this.b.connect('service-task-definition', id, td);
    }
    for (const subnet of vpc?.subnets ?? []) this.b.connect('service-subnet', id, this.subnet(subnet));
    for (const sg of vpc?.securityGroups ?? []) this.b.connect('service-security-group', id, this.securityGroup(sg));

    for (const s of strategy) {
      const providerName = s.capacityProvider ?? '';
      const provider = providerName === 'FARGATE' || providerName === 'FARGATE_SPOT' ? this.b.node('fargateCapacityProvider', providerName, { provider: providerName }, providerName) : this.b.find('asgCapacityProvider', providerName);
      if (provider === undefined) {
        this.b.warn(resource, `capacity provider ${providerName} of its strategy was not imported`);
        continue;
      }
      this.b.connect('service-capacity-provider', id, provider, compact({ weight: s.weight ?? 0, base: s.base }));
    }

    for (const lb of svc.loadBalancers ?? []) {
      if (lb.targetGroupArn === undefined) {
        this.b.warn(resource, `classic load balancer ${lb.loadBalancerName ?? '?'} is not part of the design model; not imported`);
        continue;
      }
      const tg = await this.targetGroup(lb.targetGroupArn);
      if (tg === undefined) continue;
      if (lb.containerName === undefined || lb.containerPort === undefined) {
        this.b.warn(resource, `its target group ${lastSegment(lb.targetGroupArn)} names no container and port; connection not imported`);
        continue;
      }
      this.b.connect('service-target-group', id, tg, { containerName: lb.containerName, containerPort: lb.containerPort });
    }

    await this.scaling(name, id);
  }

  // ── load balancing ──────────────────────────────────────────────────────────────────────────────────────────

  private async targetGroup(arn: string): Promise<string | undefined> {
    const known = this.b.find('targetGroup', arn);
    if (known !== undefined) return known;
    const r = await this.calls.optional('elasticloadbalancing:DescribeTargetGroups', ['TargetGroupNotFoundException', 'TargetGroupNotFound'], () =>
      this.c.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] })),
    );
    const tg: TargetGroup | undefined = r?.TargetGroups?.[0];
    if (!tg) {
      this.b.warn(`target group ${lastSegment(arn)}`, 'not found (deleted?); not imported');
      return undefined;
    }
    const name = tg.TargetGroupName ?? lastSegment(arn);
    const attrs = await this.calls.call('elasticloadbalancing:DescribeTargetGroupAttributes', () => this.c.elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn })));
    const delay = attrs.Attributes?.find((a) => a.Key === 'deregistration_delay.timeout_seconds')?.Value;
    if (tg.TargetType !== undefined && tg.TargetType !== 'ip' && tg.TargetType !== 'instance') this.b.warn(`target group ${name}`, `target type ${tg.TargetType} is not part of the design model`);
    const id = this.b.node(
      'targetGroup',
      arn,
      {
        name,
        arn,
        targetType: tg.TargetType,
        protocol: tg.Protocol,
        port: tg.Port,
        protocolVersion: tg.ProtocolVersion,
        deregistrationDelaySeconds: delay !== undefined ? Number(delay) : undefined,
        healthCheck: {
          path: tg.HealthCheckPath,
          port: tg.HealthCheckPort,
          protocol: tg.HealthCheckProtocol,
          intervalSeconds: tg.HealthCheckIntervalSeconds,
          timeoutSeconds: tg.HealthCheckTimeoutSeconds,
          healthyThresholdCount: tg.HealthyThresholdCount,
          unhealthyThresholdCount: tg.UnhealthyThresholdCount,
          matcher: tg.Matcher?.HttpCode ?? tg.Matcher?.GrpcCode,
        },
      },
      name,
    );
    if (id === undefined) return undefined;
    if (tg.VpcId !== undefined) this.b.connect('target-group-vpc', id, this.vpc(tg.VpcId));
    for (const lbArn of tg.LoadBalancerArns ?? []) await this.loadBalancer(lbArn);
    if ((tg.LoadBalancerArns ?? []).length === 0) this.b.warn(`target group ${name}`, 'is not attached to a load balancer');
    return id;
  }

  private async loadBalancer(arn: string): Promise<void> {
    if (this.b.find('loadBalancer', arn) !== undefined) return;
    const r = await this.calls.call('elasticloadbalancing:DescribeLoadBalancers', () => this.c.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] })));
    const lb: LoadBalancer | undefined = r.LoadBalancers?.[0];
    if (!lb) return;
    const name = lb.LoadBalancerName ?? lastSegment(arn);
    if (lb.Type !== 'application' && lb.Type !== 'network') {
      this.b.warn(`load balancer ${name}`, `type ${lb.Type ?? 'unknown'} is not part of the design model; not imported`);
      return;
    }
    const attrs = await this.calls.call('elasticloadbalancing:DescribeLoadBalancerAttributes', () => this.c.elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn })));
    const idle = attrs.Attributes?.find((a) => a.Key === 'idle_timeout.timeout_seconds')?.Value;
    const id = this.b.node(
      'loadBalancer',
      arn,
      { name, type: lb.Type, scheme: lb.Scheme, arn, idleTimeoutSeconds: lb.Type === 'application' && idle !== undefined ? Number(idle) : undefined },
      name,
    );
    if (id === undefined) return;
    for (const az of lb.AvailabilityZones ?? []) if (az.SubnetId !== undefined) this.b.connect('load-balancer-subnet', id, this.subnet(az.SubnetId));
    for (const sg of lb.SecurityGroups ?? []) this.b.connect('load-balancer-security-group', id, this.securityGroup(sg));

    const listeners = await this.calls.all('elasticloadbalancing:DescribeListeners', async (Marker) => {
      const page = await this.c.elb.send(new DescribeListenersCommand({ LoadBalancerArn: arn, Marker }));
      return { items: page.Listeners, next: page.NextMarker };
    });
    for (const l of listeners) {
      const label = `${name}:${l.Port ?? '?'}`;
      const listenerId = this.b.node(
        'listener',
        l.ListenerArn ?? label,
        {
          port: l.Port,
          protocol: l.Protocol,
          certificateArn: l.Certificates?.[0]?.CertificateArn,
          // Only secure listeners have a security policy (some emulators report one on plain HTTP too).
          sslPolicy: l.Protocol === 'HTTPS' || l.Protocol === 'TLS' ? l.SslPolicy : undefined,
          arn: l.ListenerArn,
        },
        label,
      );
      if (listenerId === undefined) continue;
      this.b.connect('listener-load-balancer', listenerId, id);
      if ((l.Certificates?.length ?? 0) > 1) this.b.warn(`listener ${label}`, 'only the first certificate is imported');
      const action = l.DefaultActions?.find((a) => a.Type === 'forward');
      const forwardTargets = action?.ForwardConfig?.TargetGroups?.map((t) => t.TargetGroupArn).filter((a): a is string => a !== undefined) ?? (action?.TargetGroupArn !== undefined ? [action.TargetGroupArn] : []);
      if (!action) this.b.warn(`listener ${label}`, `default action ${l.DefaultActions?.map((a) => a.Type).join(', ') || 'none'} is not a forward; not imported`);
      if (forwardTargets.length > 1) this.b.warn(`listener ${label}`, 'weighted forward to several target groups: only the first is connected');
      const first = forwardTargets[0];
      if (first !== undefined) {
        const tg = this.b.find('targetGroup', first) ?? (await this.targetGroup(first));
        this.b.connect('listener-target-group', listenerId, tg);
      }
      if (l.ListenerArn !== undefined) {
        const rules = await this.calls.all('elasticloadbalancing:DescribeRules', async (Marker) => {
          const page = await this.c.elb.send(new DescribeRulesCommand({ ListenerArn: l.ListenerArn, Marker }));
          return { items: page.Rules, next: page.NextMarker };
        });
        const extra = rules.filter((rule) => !rule.IsDefault);
        if (extra.length > 0) this.b.warn(`listener ${label}`, `${extra.length} listener rule(s) besides the default action are not part of the design model; not imported`);
      }
    }
  }

  // ── service auto scaling ────────────────────────────────────────────────────────────────────────────────────

  private readonly scalingByResource = new Map<string, { target: ScalableTarget; policies: ScalingPolicy[]; actions: ScheduledAction[] }>();

  /** Scalable targets of all services in batches of 50; policies and scheduled actions of the scaled ones. */
  private async prefetchScaling(serviceNames: readonly string[]): Promise<void> {
    const resourceIds = serviceNames.map((n) => `service/${this.clusterNameResolved}/${n}`);
    const targets: ScalableTarget[] = [];
    for (const batch of chunks(resourceIds, 50)) {
      targets.push(
        ...(await this.calls.all('application-autoscaling:DescribeScalableTargets', async (NextToken) => {
          const r = await this.c.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: batch, ScalableDimension: 'ecs:service:DesiredCount', NextToken }));
          return { items: r.ScalableTargets, next: r.NextToken };
        })),
      );
    }
    const scaled = targets.filter((t) => t.ScalableDimension === 'ecs:service:DesiredCount' && t.ResourceId !== undefined && resourceIds.includes(t.ResourceId));
    const details = await mapLimit(scaled, PARALLEL_READS, async (target) => {
      const ResourceId = target.ResourceId!;
      const policies = await this.calls.all('application-autoscaling:DescribeScalingPolicies', async (NextToken) => {
        const r = await this.c.aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId, ScalableDimension: 'ecs:service:DesiredCount', NextToken }));
        return { items: r.ScalingPolicies, next: r.NextToken };
      });
      const actions = await this.calls.all('application-autoscaling:DescribeScheduledActions', async (NextToken) => {
        const r = await this.c.aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'ecs', ResourceId, ScalableDimension: 'ecs:service:DesiredCount', NextToken }));
        return { items: r.ScheduledActions, next: r.NextToken };
      });
      return { target, policies, actions };
    });
    for (const d of details) this.scalingByResource.set(d.target.ResourceId!, d);
  }

  private async scaling(serviceName: string, serviceId: string): Promise<void> {
    const resourceId = `service/${this.clusterNameResolved}/${serviceName}`;
    const scaling = this.scalingByResource.get(resourceId);
    if (!scaling) return;
    const { target, policies, actions } = scaling;
    const label = serviceName;
    const targetId = this.b.node(
      'scalableTarget',
      resourceId,
      { minCapacity: target.MinCapacity, maxCapacity: target.MaxCapacity, suspendScaleIn: target.SuspendedState?.DynamicScalingInSuspended || undefined },
      label,
    );
    if (targetId === undefined) return;
    this.b.connect('scalable-target-service', targetId, serviceId);
    if (target.SuspendedState?.DynamicScalingOutSuspended || target.SuspendedState?.ScheduledScalingSuspended) {
      this.b.warn(`scalable target ${label}`, 'suspended scale-out / scheduled scaling is not part of the design model; not imported');
    }

    for (const p of policies) await this.policy(p, targetId, label);
    for (const a of actions) {
      const id = this.b.node(
        'scheduledAction',
        a.ScheduledActionARN ?? `${resourceId}/${a.ScheduledActionName ?? '?'}`,
        {
          scheduledActionName: a.ScheduledActionName,
          schedule: a.Schedule,
          timezone: a.Timezone,
          minCapacity: a.ScalableTargetAction?.MinCapacity,
          maxCapacity: a.ScalableTargetAction?.MaxCapacity,
          startTime: a.StartTime?.toISOString(),
          endTime: a.EndTime?.toISOString(),
        },
        `${label}/${a.ScheduledActionName ?? '?'}`,
      );
      this.b.connect('scaling-policy-target', id, targetId);
    }
  }

  private async policy(p: ScalingPolicy, targetId: string, serviceLabel: string): Promise<void> {
    const label = `${serviceLabel}/${p.PolicyName ?? '?'}`;
    const key = p.PolicyARN ?? label;
    if (p.PolicyType === 'TargetTrackingScaling') {
      const c = p.TargetTrackingScalingPolicyConfiguration;
      const metric = c?.PredefinedMetricSpecification?.PredefinedMetricType;
      if (metric === undefined) {
        this.b.warn(`scaling policy ${label}`, 'target tracking on a customized metric is not part of the design model; not imported');
        return;
      }
      const id = this.b.node(
        'targetTrackingPolicy',
        key,
        { policyName: p.PolicyName, metric, targetValue: c?.TargetValue, scaleInCooldown: c?.ScaleInCooldown, scaleOutCooldown: c?.ScaleOutCooldown, disableScaleIn: c?.DisableScaleIn },
        label,
      );
      this.b.connect('scaling-policy-target', id, targetId);
      return;
    }
    if (p.PolicyType === 'StepScaling') {
      const c = p.StepScalingPolicyConfiguration;
      const alarmName = p.Alarms?.[0]?.AlarmName;
      if ((p.Alarms?.length ?? 0) > 1) this.b.warn(`scaling policy ${label}`, 'only the first of its CloudWatch alarms is imported');
      if (alarmName === undefined) {
        this.b.warn(`scaling policy ${label}`, 'step scaling without a CloudWatch alarm; not imported');
        return;
      }
      const r = await this.calls.call('cloudwatch:DescribeAlarms', () => this.c.cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] })));
      const alarm = r.MetricAlarms?.[0];
      if (!alarm) {
        this.b.warn(`scaling policy ${label}`, `its alarm ${alarmName} is not visible; not imported`);
        return;
      }
      const id = this.b.node(
        'stepScalingPolicy',
        key,
        {
          policyName: p.PolicyName,
          adjustmentType: c?.AdjustmentType,
          cooldown: c?.Cooldown,
          metricAggregationType: c?.MetricAggregationType,
          minAdjustmentMagnitude: c?.MinAdjustmentMagnitude,
          stepAdjustments: c?.StepAdjustments?.map((s) => ({ metricIntervalLowerBound: s.MetricIntervalLowerBound, metricIntervalUpperBound: s.MetricIntervalUpperBound, scalingAdjustment: s.ScalingAdjustment })),
          alarm: {
            alarmName,
            namespace: alarm.Namespace,
            metricName: alarm.MetricName,
            dimensions: alarm.Dimensions?.map((d) => ({ name: d.Name, value: d.Value })),
            statistic: alarm.Statistic,
            period: alarm.Period,
            evaluationPeriods: alarm.EvaluationPeriods,
            threshold: alarm.Threshold,
            comparisonOperator: alarm.ComparisonOperator,
          },
        },
        label,
      );
      this.b.connect('scaling-policy-target', id, targetId);
      return;
    }
    this.b.warn(`scaling policy ${label}`, `policy type ${p.PolicyType ?? 'unknown'} is not part of the design model; not imported`);
  }

  // ── IAM, logs, ECR ──────────────────────────────────────────────────────────────────────────────────────────

  private async roles(): Promise<void> {
    const roles = this.design.nodes.filter((n) => n.kind === 'taskRole' || n.kind === 'executionRole');
    const byArn = new Map<string, Record<string, unknown> | null>();
    for (const node of roles) {
      const arn = (node.properties as { arn?: string }).arn;
      if (arn === undefined) continue;
      let details = byArn.get(arn);
      if (details === undefined) {
        details = await this.roleDetails(arn, node.kind);
        byArn.set(arn, details);
      }
      if (details !== null) this.updateDesignNode(node.id, node.kind, details, lastSegment(arn));
    }
  }

  private async roleDetails(arn: string, kind: 'taskRole' | 'executionRole'): Promise<Record<string, unknown> | null> {
    const roleName = lastSegment(arn);
    const resource = `${kind} ${roleName}`;
    const r = await this.calls.optional('iam:GetRole', ['NoSuchEntityException', 'NoSuchEntity'], () => this.c.iam.send(new GetRoleCommand({ RoleName: roleName })));
    if (!r?.Role) {
      this.b.warn(resource, `role ${arn} does not exist in the account; the task definition references a missing role`);
      return null;
    }
    const trust = policyDocument(r.Role.AssumeRolePolicyDocument) as { Statement?: unknown } | undefined;
    const statements = trust?.Statement === undefined ? [] : Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement];
    const trustsEcsTasks = statements.some((s) => {
      const st = s as { Effect?: string; Principal?: { Service?: string | string[] } };
      const svc = st.Principal?.Service;
      return st.Effect === 'Allow' && (Array.isArray(svc) ? svc : [svc]).includes('ecs-tasks.amazonaws.com');
    });
    if (!trustsEcsTasks) this.b.warn(resource, 'its trust policy does not let ecs-tasks.amazonaws.com assume it: tasks cannot use it');

    const attached = await this.calls.all('iam:ListAttachedRolePolicies', async (Marker) => {
      const page = await this.c.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker }));
      return { items: page.AttachedPolicies, next: page.IsTruncated ? page.Marker : undefined };
    });
    const inlineNames = await this.calls.all('iam:ListRolePolicies', async (Marker) => {
      const page = await this.c.iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker }));
      return { items: page.PolicyNames, next: page.IsTruncated ? page.Marker : undefined };
    });
    const inlinePolicies: { policyName: string; statements: unknown[] }[] = [];
    for (const policyName of inlineNames.sort()) {
      const p = await this.calls.call('iam:GetRolePolicy', () => this.c.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })));
      const doc = policyDocument(p.PolicyDocument) as { Statement?: unknown } | undefined;
      const list = doc?.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
      const unsupported = list.some((s) => typeof s !== 'object' || s === null || Object.keys(s).some((k) => !['Sid', 'Effect', 'Action', 'Resource', 'Condition'].includes(k)));
      if (unsupported || list.length === 0) {
        this.b.warn(resource, `inline policy ${policyName} uses elements the design model does not carry (NotAction, NotResource, Principal…); not imported`);
        continue;
      }
      inlinePolicies.push({ policyName, statements: list });
    }
    if (r.Role.PermissionsBoundary?.PermissionsBoundaryArn !== undefined) this.b.warn(resource, 'its permissions boundary is not part of the design model; not imported');
    return {
      roleName: r.Role.RoleName,
      managedPolicyArns: attached.length > 0 ? attached.map((a) => a.PolicyArn).filter((a): a is string => a !== undefined).sort() : undefined,
      inlinePolicies: inlinePolicies.length > 0 ? inlinePolicies : undefined,
      tags: pascalTags(r.Role.Tags),
    };
  }

  private updateDesignNode(id: string, kind: NodeKind, extra: Record<string, unknown>, label: string): void {
    const i = this.design.nodes.findIndex((n) => n.id === id);
    const node = this.design.nodes[i];
    if (!node) return;
    const fitted = fitProps(kind, { ...(node.properties as Record<string, unknown>), ...compact(extra) }, `${kind} ${label}`, this.b.warnings);
    if (fitted === undefined) return;
    const nodes = [...this.design.nodes];
    nodes[i] = makeNode(kind, id, fitted, { position: node.position, ...(node.parentId === undefined ? {} : { parentId: node.parentId }) });
    this.design = { ...this.design, nodes };
  }

  private async logGroupsAndRepositories(): Promise<void> {
    for (const node of this.design.nodes) {
      if (node.kind === 'logGroup') {
        const name = node.properties.logGroupName;
        const groups = await this.calls.all('logs:DescribeLogGroups', async (nextToken) => {
          const r = await this.c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken }));
          return { items: r.logGroups, next: r.nextToken };
        });
        const group = groups.find((g) => g.logGroupName === name);
        if (!group) {
          this.b.warn(`logGroup ${name}`, 'does not exist in the account: awslogs creates it only with awslogs-create-group');
          continue;
        }
        this.updateDesignNode(node.id, 'logGroup', { retentionInDays: group.retentionInDays, kmsKeyId: group.kmsKeyId }, name);
      } else if (node.kind === 'ecrRepository') {
        const p = node.properties;
        const ownAccount = this.design.settings.accountId;
        if ((p.accountId !== undefined && ownAccount !== undefined && p.accountId !== ownAccount) || (p.region !== undefined && p.region !== this.target.region)) {
          this.b.warn(`ecrRepository ${p.repositoryName}`, 'in another account or region: its settings were not read');
          continue;
        }
        const r = await this.calls.optional('ecr:DescribeRepositories', ['RepositoryNotFoundException'], () =>
          this.c.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [p.repositoryName], ...(p.accountId !== undefined ? { registryId: p.accountId } : {}) })),
        );
        const repo = r?.repositories?.[0];
        if (!repo) {
          this.b.warn(`ecrRepository ${p.repositoryName}`, 'does not exist in the account: tasks cannot pull its images');
          continue;
        }
        this.updateDesignNode(
          node.id,
          'ecrRepository',
          {
            scanOnPush: repo.imageScanningConfiguration?.scanOnPush ?? false,
            imageTagMutability: repo.imageTagMutability === 'IMMUTABLE' || repo.imageTagMutability === 'MUTABLE' ? repo.imageTagMutability : undefined,
            encryption: repo.encryptionConfiguration?.encryptionType === 'KMS' ? 'KMS' : repo.encryptionConfiguration?.encryptionType === 'AES256' ? 'AES256' : undefined,
          },
          p.repositoryName,
        );
      }
    }
  }

  // ── network references ──────────────────────────────────────────────────────────────────────────────────────

  private subnet(id: string): string | undefined {
    return this.b.node('subnet', id, { subnetId: id }, id);
  }

  private securityGroup(id: string): string | undefined {
    return this.b.node('securityGroup', id, { groupId: id }, id);
  }

  private vpc(id: string): string | undefined {
    return this.b.node('vpc', id, { vpcId: id }, id);
  }

  /** Subnets and security groups stay references to existing ids; their VPC, zone and names are read when visible. */
  private async networkReferences(): Promise<void> {
    const subnets = this.b.nodes.filter((n) => n.kind === 'subnet');
    const ids = subnets.map((n) => (n.kind === 'subnet' ? n.properties.subnetId : undefined)).filter((s): s is string => s !== undefined);
    for (const batch of chunks(ids, 100)) {
      const r = await this.calls.optional('ec2:DescribeSubnets', ['InvalidSubnetID.NotFound'], () => this.c.ec2.send(new DescribeSubnetsCommand({ SubnetIds: batch })));
      if (r === undefined) {
        this.b.warn('subnets', `some of ${batch.join(', ')} do not exist; kept as references`);
        continue;
      }
      for (const s of r.Subnets ?? []) {
        const node = this.b.find('subnet', s.SubnetId ?? '');
        if (node === undefined) continue;
        const name = s.Tags?.find((t) => t.Key === 'Name')?.Value;
        this.b.update(node, 'subnet', { availabilityZone: s.AvailabilityZone, cidrBlock: s.CidrBlock, public: s.MapPublicIpOnLaunch ?? false, name }, s.SubnetId ?? '');
        if (s.VpcId !== undefined) this.b.connect('subnet-vpc', node, this.vpc(s.VpcId));
      }
    }
    const groups = this.b.nodes.filter((n) => n.kind === 'securityGroup').map((n) => (n.kind === 'securityGroup' ? n.properties.groupId : undefined)).filter((s): s is string => s !== undefined);
    for (const batch of chunks(groups, 100)) {
      const r = await this.calls.optional('ec2:DescribeSecurityGroups', ['InvalidGroup.NotFound', 'InvalidGroupId.Malformed'], () => this.c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: batch })));
      if (r === undefined) {
        this.b.warn('security groups', `some of ${batch.join(', ')} do not exist; kept as references`);
        continue;
      }
      for (const g of r.SecurityGroups ?? []) {
        const node = this.b.find('securityGroup', g.GroupId ?? '');
        if (node === undefined) continue;
        this.b.update(node, 'securityGroup', { groupName: g.GroupName, description: g.Description }, g.GroupId ?? '');
        if (g.VpcId !== undefined) this.b.connect('security-group-vpc', node, this.vpc(g.VpcId));
        if ((g.IpPermissions?.length ?? 0) > 0) this.b.warn(`securityGroup ${g.GroupId ?? ''}`, 'an existing group: its rules are not imported (the design does not change existing groups)');
      }
    }
    // VPCs last: subnets and security groups may have added some.
    const vpcs = this.b.nodes.filter((n) => n.kind === 'vpc').map((n) => (n.kind === 'vpc' ? n.properties.vpcId : undefined)).filter((s): s is string => s !== undefined);
    for (const batch of chunks(vpcs, 100)) {
      const r = await this.calls.optional('ec2:DescribeVpcs', ['InvalidVpcID.NotFound'], () => this.c.ec2.send(new DescribeVpcsCommand({ VpcIds: batch })));
      for (const v of r?.Vpcs ?? []) {
        const node = this.b.find('vpc', v.VpcId ?? '');
        if (node === undefined) continue;
        this.b.update(node, 'vpc', { cidrBlock: v.CidrBlock, name: v.Tags?.find((t) => t.Key === 'Name')?.Value }, v.VpcId ?? '');
      }
    }
  }
}

/** `ECS_CLUSTER=x` lines of launch template user data (base64), for the capacity provider's ecsConfig. */
export function parseEcsConfig(userData: string | undefined): Record<string, string> {
  if (userData === undefined) return {};
  let text: string;
  try {
    text = Buffer.from(userData, 'base64').toString('utf8');
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/\b(ECS_[A-Z0-9_]+)=("?)([^"\n>]*)\2/g)) out[m[1]!] = m[3]!.trim();
  return out;
}
