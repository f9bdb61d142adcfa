import { z } from 'zod';
import { isPlainObject } from '../json';
import { parseJsonLocated } from './jsonText';
import { makeNode } from '../model/catalog';
import { emptyDesign, type Design } from '../model/document';
import { EDGE_KINDS, type DesignEdge, type EdgeKind, type EdgeProps } from '../model/edges';
import { randomId, type IdGenerator } from '../model/ids';
import { PolicyStatementSchema } from '../model/kinds/iam';
import type { DesignNode, NodeKind, NodePropsInput } from '../model/nodes';
import { importTaskDefinition } from '../taskdef/import';
import { CfnResolver, importedExport, referencedResource, referencedResources } from './cfnIntrinsics';
import { awsName, mergeDuplicateResources } from './designBuild';
import { ReportBuilder, type ImportFailure, type ImportReportEntry } from './report';
import { parseCloudFormationYaml } from './yamlText';

export type CloudFormationImportOptions = { ids?: IdGenerator; designName?: string; stackName?: string };
export type CloudFormationImportResult = { ok: true; design: Design; report: ImportReportEntry[] } | ImportFailure;

const TemplateSchema = z.looseObject({
  Parameters: z.record(z.string(), z.unknown()).optional(),
  Mappings: z.record(z.string(), z.unknown()).optional(),
  Conditions: z.record(z.string(), z.unknown()).optional(),
  Resources: z.record(z.string(), z.looseObject({ Type: z.string(), Properties: z.unknown().optional(), Condition: z.string().optional() })),
});

/** Parses template text: JSON when it starts with `{`, YAML (with short-form intrinsic tags) otherwise. */
export function parseTemplateText(text: string): { ok: true; value: unknown } | ImportFailure {
  if (text.trimStart().startsWith('{')) {
    const j = parseJsonLocated(text);
    return j.ok ? j : { ok: false, format: 'cloudformation', message: `not valid JSON: ${j.message}`, ...(j.line === undefined ? {} : { line: j.line, column: j.column ?? 1 }) };
  }
  const y = parseCloudFormationYaml(text);
  return y.ok ? y : { ok: false, format: 'cloudformation', message: `not valid YAML: ${y.message}`, line: y.line, column: y.column };
}

/** Properties of a resource, with the keys the mapping used tracked so the rest can be reported. */
class Props {
  private readonly used = new Set<string>();
  constructor(
    readonly values: Record<string, unknown>,
    readonly path: string,
    private readonly report: ReportBuilder,
  ) {}
  get(key: string): unknown {
    this.used.add(key);
    return this.values[key];
  }
  str(key: string): string | undefined {
    const v = this.get(key);
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  }
  num(key: string): number | undefined {
    const v = this.get(key);
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
    if (n === undefined && v !== undefined) this.report.warn(`${this.path}.${key}`, `${JSON.stringify(v)} is not a number once resolved; not carried over`);
    return n;
  }
  bool(key: string): boolean | undefined {
    const v = this.get(key);
    return typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined;
  }
  list(key: string): unknown[] {
    const v = this.get(key);
    return Array.isArray(v) ? v : v === undefined ? [] : [v];
  }
  ignore(...keys: string[]): void {
    for (const k of keys) this.used.add(k);
  }
  unused(): string[] {
    return Object.keys(this.values).filter((k) => !this.used.has(k));
  }
}

type Res = { id: string; type: string; props: Props };

/** Tag lists (`Key`/`Value`) → the design's tag shape. */
function tags(v: unknown): { key: string; value: string }[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.flatMap((t) => (isPlainObject(t) && typeof t['Key'] === 'string' ? [{ key: t['Key'], value: String(t['Value'] ?? '') }] : []));
  return out.length > 0 ? out.slice(0, 50) : undefined;
}

/** CloudFormation PascalCase property names → the ECS API's camelCase names (RegisterTaskDefinition input). */
const SPECIAL_KEYS: Record<string, string> = {
  EFSVolumeConfiguration: 'efsVolumeConfiguration',
  FilesystemId: 'fileSystemId',
  FSxWindowsFileServerVolumeConfiguration: 'fsxWindowsFileServerVolumeConfiguration',
  ProxyConfigurationProperties: 'properties',
  IAM: 'iam',
};
/** Maps whose keys are user data (log options, labels), not property names. */
const VERBATIM_MAPS = new Set(['Options', 'DockerLabels', 'DriverOpts', 'Labels']);

export function cfnToApiCase(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cfnToApiCase);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const key = SPECIAL_KEYS[k] ?? k.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (m) => m.toLowerCase());
    out[key] = VERBATIM_MAPS.has(k) && isPlainObject(x) ? Object.fromEntries(Object.entries(x).map(([o, y]) => [o, typeof y === 'string' ? y : String(y)])) : cfnToApiCase(x);
  }
  return out;
}

/**
 * A CloudFormation template (YAML with short-form tags, or JSON) → a design. Intrinsics are evaluated with the
 * parameter defaults (cfnIntrinsics.ts). ECS, IAM, ECR, EFS, logs, ELBv2, Application Auto Scaling, CloudWatch
 * alarms of step policies, and VPC/subnet/security group resources map to nodes; references between them become
 * edges. Other resource types, properties the mapping does not carry, and unresolved values go to the report.
 */
export function importCloudFormation(text: string, opts: CloudFormationImportOptions = {}): CloudFormationImportResult {
  const parsed = parseTemplateText(text);
  if (!parsed.ok) return parsed;
  return importCloudFormationValue(parsed.value, opts);
}

/** importCloudFormation for a template already parsed (by parseTemplateText, or detectFormat). */
export function importCloudFormationValue(value: unknown, opts: CloudFormationImportOptions = {}): CloudFormationImportResult {
  if (!isPlainObject(value) || !isPlainObject(value['Resources'])) {
    return { ok: false, format: 'cloudformation', message: 'not a CloudFormation template: it has no "Resources" map' };
  }
  const checked = TemplateSchema.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const at = (issue?.path ?? []).join('.');
    return { ok: false, format: 'cloudformation', path: at, message: `${at}: ${issue?.message ?? 'invalid value'}` };
  }
  if (Object.keys(checked.data.Resources).length === 0) return { ok: false, format: 'cloudformation', message: 'the CloudFormation template defines no resources' };
  const report = new ReportBuilder();
  const mapper = new CfnMapper(checked.data as never, opts, report);
  return { ok: true, design: mapper.build(), report: report.entries };
}

class CfnMapper {
  private readonly ids: IdGenerator;
  private design: Design;
  private readonly resolver: CfnResolver;
  private readonly stackName: string;
  private readonly resources: Res[] = [];
  /** Logical id → node id. */
  private readonly nodeOf = new Map<string, string>();
  private readonly byKey = new Map<string, string>();
  private row = 0;
  /** Fargate providers named in a service strategy: associated with the service's cluster unless the template does it. */
  private readonly pendingFargate: { provider: string; service: string }[] = [];

  constructor(
    private readonly template: { Resources: Record<string, { Type: string; Properties?: unknown; Condition?: string }>; Parameters?: Record<string, unknown>; [key: string]: unknown },
    opts: CloudFormationImportOptions,
    private readonly report: ReportBuilder,
  ) {
    this.ids = opts.ids ?? randomId;
    const stack = opts.stackName ?? 'stack';
    this.stackName = stack;
    this.design = emptyDesign(this.ids('design'), opts.designName ?? stack);
    this.resolver = new CfnResolver(template as never, report, stack);
  }

  build(): Design {
    for (const key of Object.keys(this.template)) {
      if (['AWSTemplateFormatVersion', 'Description', 'Parameters', 'Mappings', 'Conditions', 'Resources'].includes(key)) continue;
      if (key === 'Transform') this.report.warn(key, 'macros and transforms (e.g. AWS::Serverless) are not expanded: resources they would create are missing');
      else if (key === 'Outputs') this.report.note(key, 'stack outputs are not part of a design');
      else this.report.note(key, 'not carried over');
    }
    for (const [id, r] of Object.entries(this.template.Resources)) {
      const path = `Resources.${id}`;
      for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
        const v = (r as Record<string, unknown>)[policy];
        if (v !== undefined && v !== 'Delete') this.report.note(`${path}.${policy}`, `${policy} ${String(v)} is not carried over: the generated infrastructure code uses its defaults`);
      }
      if (r.Condition !== undefined && !this.resolver.condition(r.Condition, path)) {
        this.report.note(path, `skipped: its condition ${r.Condition} is false with the parameter defaults`);
        continue;
      }
      const values = this.resolver.resolve(r.Properties ?? {}, `${path}.Properties`);
      this.resources.push({ id, type: r.Type, props: new Props(isPlainObject(values) ? values : {}, `${path}.Properties`, this.report) });
    }
    const roleUse = this.roleUsage();
    const order: Record<string, number> = { 'AWS::EC2::SecurityGroupIngress': 1, 'AWS::ECS::TaskDefinition': 1, 'AWS::ECS::Service': 2, 'AWS::ApplicationAutoScaling::ScalableTarget': 3, 'AWS::ApplicationAutoScaling::ScalingPolicy': 4 };
    const sorted = [...this.resources].sort((a, b) => (order[a.type] ?? 0) - (order[b.type] ?? 0));
    const handled = new Set<Res>();
    for (const r of sorted) if (this.map(r, roleUse)) handled.add(r);
    // Edges that need every node in place (listeners → target groups, mount targets, capacity providers).
    for (const r of sorted) if (handled.has(r)) this.link(r);
    for (const { provider, service } of this.pendingFargate) {
      if (this.design.edges.some((e) => e.kind === 'capacity-provider-cluster' && e.source === provider)) continue;
      const cluster = this.design.edges.find((e) => e.kind === 'service-cluster' && e.source === service)?.target;
      this.connect('capacity-provider-cluster', provider, cluster);
    }
    for (const r of this.resources) {
      if (!handled.has(r)) continue;
      for (const key of r.props.unused()) this.report.warn(`${r.props.path}.${key}`, `not carried over (${r.type})`);
    }
    return mergeDuplicateResources(this.design);
  }

  /** How task definitions and instance profiles use each IAM role: decides taskRole / executionRole / instanceRole. */
  private roleUsage(): Map<string, 'taskRole' | 'executionRole' | 'instanceRole'> {
    const use = new Map<string, 'taskRole' | 'executionRole' | 'instanceRole'>();
    for (const r of this.resources) {
      if (r.type === 'AWS::ECS::TaskDefinition') {
        const exec = referencedResource(r.props.values['ExecutionRoleArn'], this.resolver.resources);
        const task = referencedResource(r.props.values['TaskRoleArn'], this.resolver.resources);
        if (exec !== undefined) use.set(exec, 'executionRole');
        if (task !== undefined && !use.has(task)) use.set(task, 'taskRole');
        if (task !== undefined && task === exec) this.report.warn(`${r.props.path}.TaskRoleArn`, `${task} is both the task role and the execution role; imported as the execution role only`);
      }
      if (r.type === 'AWS::IAM::InstanceProfile') for (const role of r.props.values['Roles'] as unknown[] ?? []) {
        const id = referencedResource(role, this.resolver.resources);
        if (id !== undefined) use.set(id, 'instanceRole');
      }
    }
    return use;
  }

  private add<K extends NodeKind>(kind: K, logicalId: string | undefined, props: NodePropsInput<K>): string {
    const id = this.ids(kind);
    this.design = { ...this.design, nodes: [...this.design.nodes, makeNode(kind, id, props, { position: { x: 900, y: this.row++ * 110 } })] };
    if (logicalId !== undefined) this.nodeOf.set(logicalId, id);
    return id;
  }

  private connect<K extends EdgeKind>(kind: K, source: string | undefined, target: string | undefined, properties?: EdgeProps<K>): void {
    if (source === undefined || target === undefined) return;
    const s = this.design.nodes.find((n) => n.id === source);
    const t = this.design.nodes.find((n) => n.id === target);
    const spec = EDGE_KINDS[kind];
    if (!s || !t || !(spec.from as readonly string[]).includes(s.kind) || !(spec.to as readonly string[]).includes(t.kind)) return;
    if ('maxPerSource' in spec && this.design.edges.some((e) => e.kind === kind && e.source === source)) return;
    const edge = { id: this.ids('edge'), kind, source, target, ...(properties === undefined ? {} : { properties }) } as DesignEdge;
    this.design = { ...this.design, edges: [...this.design.edges, edge] };
  }

  /** The node a property value refers to: a template resource, or an existing resource by id/ARN (created once). */
  private target<K extends NodeKind>(value: unknown, path: string, existing?: { kind: K; props: (v: string) => NodePropsInput<K> }): string | undefined {
    const logical = referencedResource(value, this.resolver.resources);
    if (logical !== undefined) {
      const node = this.nodeOf.get(logical);
      if (node === undefined) this.report.warn(path, `refers to ${logical}, which is not part of the design`);
      return node;
    }
    if (typeof value !== 'string' || value === '') return undefined;
    const param = /^\$\{([A-Za-z0-9]+)\}$/.exec(value)?.[1];
    if (param !== undefined && this.template.Parameters?.[param] !== undefined && existing) {
      this.report.warn(path, `parameter ${param} has no value here: represented by an existing ${existing.kind} named after the parameter; set its real id`);
      return this.existing(existing.kind, param, existing.props);
    }
    const exported = importedExport(value);
    if (exported !== undefined && existing) {
      this.report.warn(path, `"${exported}" is an output of another stack: represented by an existing ${existing.kind} named after the export; set its real id`);
      return this.existing(existing.kind, exported, existing.props);
    }
    if (value.includes('${') || !existing) {
      this.report.warn(path, `"${value}" could not be resolved to a resource of the template; not carried over`);
      return undefined;
    }
    return this.existing(existing.kind, value, existing.props);
  }

  /** One node per resource outside the template (by id, ARN or export name). */
  private existing<K extends NodeKind>(kind: K, value: string, props: (v: string) => NodePropsInput<K>): string {
    const key = `${kind}\u0000${value}`;
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    const id = this.add(kind, undefined, props(value));
    this.byKey.set(key, id);
    return id;
  }

  private map(r: Res, roleUse: Map<string, 'taskRole' | 'executionRole' | 'instanceRole'>): boolean {
    const p = r.props;
    const name = (key: string, max = 255) => awsName(p.str(key) ?? r.id, max);
    switch (r.type) {
      case 'AWS::ECS::Cluster': {
        const insights = (p.list('ClusterSettings') as Record<string, unknown>[]).find((s) => s['Name'] === 'containerInsights')?.['Value'];
        this.add('cluster', r.id, { clusterName: name('ClusterName'), containerInsights: insights === 'enabled' || insights === 'enhanced' ? insights : 'disabled', ...(tags(p.get('Tags')) ? { tags: tags(p.get('Tags'))! } : {}) });
        return true;
      }
      case 'AWS::ECS::TaskDefinition':
        return this.taskDefinition(r);
      case 'AWS::ECS::Service':
        return this.service(r);
      case 'AWS::ECS::CapacityProvider': {
        const asg = p.get('AutoScalingGroupProvider') as Record<string, unknown> | undefined;
        const ms = asg?.['ManagedScaling'] as Record<string, unknown> | undefined;
        const props: NodePropsInput<'asgCapacityProvider'> = { name: name('Name') };
        if (ms) props.managedScaling = { status: ms['Status'] === 'DISABLED' ? 'DISABLED' : 'ENABLED', targetCapacity: Number(ms['TargetCapacity'] ?? 100) };
        if (asg?.['ManagedTerminationProtection'] === 'ENABLED') props.managedTerminationProtection = 'ENABLED';
        const group = this.autoScalingGroup(asg?.['AutoScalingGroupArn']);
        if (group) {
          const minSize = Number(group.props.values['MinSize']);
          const maxSize = Number(group.props.values['MaxSize']);
          const desired = Number(group.props.values['DesiredCapacity']);
          if (Number.isInteger(minSize) && minSize >= 0) props.minSize = minSize;
          if (Number.isInteger(maxSize) && maxSize >= 0) props.maxSize = maxSize;
          if (Number.isInteger(desired) && desired >= 0) props.desiredCapacity = desired;
          const type = group.launch?.['InstanceType'];
          if (typeof type === 'string' && !type.includes('${')) props.instanceType = type;
          this.report.note(`Resources.${group.id}`, `Auto Scaling group (and its launch template) → capacity provider ${props.name}: sizes, instance type, subnets and instance role; the AMI comes from the ECS-optimized SSM parameter`);
        } else if (asg?.['AutoScalingGroupArn'] !== undefined) {
          this.report.warn(`${p.path}.AutoScalingGroupProvider.AutoScalingGroupArn`, 'the Auto Scaling group is not in this template: set the instance type and sizes of the capacity provider by hand');
        }
        this.add('asgCapacityProvider', r.id, props);
        return true;
      }
      case 'AWS::AutoScaling::AutoScalingGroup':
      case 'AWS::EC2::LaunchTemplate':
      case 'AWS::AutoScaling::LaunchConfiguration': {
        const used = this.resources.some((cp) => cp.type === 'AWS::ECS::CapacityProvider' && this.autoScalingGroup((cp.props.values['AutoScalingGroupProvider'] as Record<string, unknown> | undefined)?.['AutoScalingGroupArn'])?.parts.includes(r.id));
        if (!used) {
          this.report.warn(`Resources.${r.id}`, `${r.type} not used by an ECS capacity provider of this template; not carried over`);
          return false;
        }
        p.ignore(...Object.keys(p.values));
        return true;
      }
      case 'AWS::EC2::InternetGateway':
      case 'AWS::EC2::VPCGatewayAttachment':
      case 'AWS::EC2::RouteTable':
      case 'AWS::EC2::Route':
      case 'AWS::EC2::NatGateway':
      case 'AWS::EC2::EIP':
      case 'AWS::EC2::SubnetRouteTableAssociation':
        this.report.note(`Resources.${r.id}`, `${r.type}: network plumbing is not modelled by the design (a subnet is public or private); not carried over`);
        return false;
      case 'AWS::EC2::SecurityGroupIngress': {
        const group = this.nodeOf.get(referencedResource(p.values['GroupId'], this.resolver.resources) ?? '');
        const node = this.design.nodes.find((n) => n.id === group);
        const proto = String(p.values['IpProtocol'] ?? 'tcp');
        const cidr = p.values['CidrIp'];
        if (node?.kind === 'securityGroup' && typeof cidr === 'string' && ['tcp', 'udp', 'icmp', '-1'].includes(proto)) {
          const rule = { protocol: proto as 'tcp', fromPort: Number(p.values['FromPort'] ?? -1), toPort: Number(p.values['ToPort'] ?? -1), cidr };
          this.design = { ...this.design, nodes: this.design.nodes.map((n) => (n === node ? ({ ...node, properties: { ...node.properties, ingress: [...(node.properties.ingress ?? []), rule] } } as DesignNode) : n)) };
        } else {
          this.report.note(`Resources.${r.id}`, 'ingress between security groups: the design derives these rules from the edges between the resources; not carried over as a rule');
        }
        p.ignore(...Object.keys(p.values));
        return true;
      }
      case 'AWS::ECS::ClusterCapacityProviderAssociations':
      case 'AWS::EFS::MountTarget':
      case 'AWS::ElasticLoadBalancingV2::ListenerRule':
      case 'AWS::IAM::InstanceProfile':
        return true; // edges only, in link()
      case 'AWS::IAM::Role': {
        const kind = roleUse.get(r.id);
        if (kind === undefined) {
          this.report.warn(`Resources.${r.id}`, 'IAM role not used as a task, execution or instance role; not carried over');
          return false;
        }
        const props: NodePropsInput<'taskRole'> = {};
        const roleName = p.str('RoleName');
        if (roleName !== undefined) props.roleName = roleName.slice(0, 64);
        else {
          // CloudFormation names it <stack>-<logical id>-<random>; the design needs a name to create the role.
          props.roleName = awsName(`${this.stackName}-${r.id}`, 64);
          this.report.note(`Resources.${r.id}.Properties.RoleName`, `no RoleName: CloudFormation would generate one; the design names the role "${props.roleName}"`);
        }
        const managed = p.list('ManagedPolicyArns').filter((a): a is string => typeof a === 'string');
        if (managed.length > 0) props.managedPolicyArns = managed.slice(0, 20);
        const inline: { policyName: string; statements: z.output<typeof PolicyStatementSchema>[] }[] = [];
        p.list('Policies').forEach((pol, i) => {
          const doc = isPlainObject(pol) ? pol['PolicyDocument'] : undefined;
          const st = isPlainObject(doc) ? doc['Statement'] : undefined;
          const parsed = z.array(PolicyStatementSchema).min(1).safeParse(Array.isArray(st) ? st : [st]);
          if (isPlainObject(pol) && parsed.success) inline.push({ policyName: String(pol['PolicyName'] ?? `policy-${i + 1}`).slice(0, 128), statements: parsed.data });
          else this.report.warn(`${p.path}.Policies[${i}]`, 'inline policy not carried over: its statements do not fit the design policy shape');
        });
        if (inline.length > 0) props.inlinePolicies = inline;
        p.ignore('AssumeRolePolicyDocument', 'Path');
        if (tags(p.get('Tags'))) props.tags = tags(p.values['Tags'])!;
        this.add(kind, r.id, props);
        this.report.note(`Resources.${r.id}`, `IAM role → ${kind} (by how the template uses it; the trust policy follows from the kind)`);
        return true;
      }
      case 'AWS::ECR::Repository': {
        const props: NodePropsInput<'ecrRepository'> = { repositoryName: (p.str('RepositoryName') ?? r.id.toLowerCase()).padEnd(2, '-') };
        const scan = (p.get('ImageScanningConfiguration') as Record<string, unknown> | undefined)?.['ScanOnPush'];
        if (scan !== undefined) props.scanOnPush = scan === true || scan === 'true';
        const mut = p.str('ImageTagMutability');
        if (mut === 'MUTABLE' || mut === 'IMMUTABLE') props.imageTagMutability = mut;
        this.add('ecrRepository', r.id, props);
        return true;
      }
      case 'AWS::EFS::FileSystem': {
        const props: NodePropsInput<'efsFileSystem'> = {};
        const nameTag = (p.list('FileSystemTags') as Record<string, unknown>[]).find((t) => t['Key'] === 'Name')?.['Value'];
        if (typeof nameTag === 'string') props.name = nameTag;
        const pm = p.str('PerformanceMode');
        if (pm === 'generalPurpose' || pm === 'maxIO') props.performanceMode = pm;
        const tm = p.str('ThroughputMode');
        if (tm === 'bursting' || tm === 'provisioned' || tm === 'elastic') props.throughputMode = tm;
        const enc = p.bool('Encrypted');
        if (enc !== undefined) props.encrypted = enc;
        this.add('efsFileSystem', r.id, props);
        return true;
      }
      case 'AWS::EFS::AccessPoint': {
        const props: NodePropsInput<'efsAccessPoint'> = {};
        const user = p.get('PosixUser') as Record<string, unknown> | undefined;
        if (user) props.posixUser = { uid: Number(user['Uid']), gid: Number(user['Gid']) };
        const root = p.get('RootDirectory') as Record<string, unknown> | undefined;
        if (root) {
          const ci = root['CreationInfo'] as Record<string, unknown> | undefined;
          props.rootDirectory = { path: String(root['Path'] ?? '/'), ...(ci ? { creationInfo: { ownerUid: Number(ci['OwnerUid']), ownerGid: Number(ci['OwnerGid']), permissions: String(ci['Permissions']) } } : {}) };
        }
        p.ignore('FileSystemId');
        this.add('efsAccessPoint', r.id, props);
        return true;
      }
      case 'AWS::Logs::LogGroup': {
        const props: NodePropsInput<'logGroup'> = { logGroupName: p.str('LogGroupName') ?? `/${r.id}` };
        const days = p.num('RetentionInDays');
        if (days !== undefined) props.retentionInDays = days as never;
        this.add('logGroup', r.id, props);
        return true;
      }
      case 'AWS::SecretsManager::Secret':
        this.add('secret', r.id, { store: 'secretsmanager', name: p.str('Name') ?? r.id });
        p.ignore('Description', 'GenerateSecretString', 'SecretString');
        return true;
      case 'AWS::SSM::Parameter':
        this.add('secret', r.id, { store: 'ssm', name: p.str('Name') ?? r.id });
        p.ignore('Type', 'Value', 'Description');
        return true;
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
        const type = p.str('Type');
        const scheme = p.str('Scheme');
        this.add('loadBalancer', r.id, { name: name('Name', 32), type: type === 'network' ? 'network' : 'application', scheme: scheme === 'internal' ? 'internal' : 'internet-facing' });
        p.ignore('Subnets', 'SecurityGroups');
        return true;
      }
      case 'AWS::ElasticLoadBalancingV2::Listener': {
        const protocol = p.str('Protocol');
        const props: NodePropsInput<'listener'> = { port: p.num('Port') ?? 80 };
        if (protocol === 'HTTP' || protocol === 'HTTPS' || protocol === 'TCP' || protocol === 'TLS' || protocol === 'UDP' || protocol === 'TCP_UDP') props.protocol = protocol;
        const cert = (p.list('Certificates')[0] as Record<string, unknown> | undefined)?.['CertificateArn'];
        if (typeof cert === 'string') props.certificateArn = cert;
        const ssl = p.str('SslPolicy');
        if (ssl !== undefined) props.sslPolicy = ssl;
        p.ignore('LoadBalancerArn', 'DefaultActions');
        this.add('listener', r.id, props);
        return true;
      }
      case 'AWS::ElasticLoadBalancingV2::TargetGroup': {
        const protocol = p.str('Protocol');
        const props: NodePropsInput<'targetGroup'> = { name: name('Name', 32), targetType: p.str('TargetType') === 'ip' ? 'ip' : 'instance', port: p.num('Port') ?? 80 };
        if (protocol === 'HTTP' || protocol === 'HTTPS' || protocol === 'TCP' || protocol === 'TLS' || protocol === 'UDP' || protocol === 'TCP_UDP') props.protocol = protocol;
        const hc: NonNullable<NodePropsInput<'targetGroup'>['healthCheck']> = {};
        const path = p.str('HealthCheckPath');
        if (path !== undefined) hc.path = path;
        const interval = p.num('HealthCheckIntervalSeconds');
        if (interval !== undefined) hc.intervalSeconds = interval;
        const timeout = p.num('HealthCheckTimeoutSeconds');
        if (timeout !== undefined) hc.timeoutSeconds = timeout;
        const healthy = p.num('HealthyThresholdCount');
        if (healthy !== undefined) hc.healthyThresholdCount = healthy;
        const unhealthy = p.num('UnhealthyThresholdCount');
        if (unhealthy !== undefined) hc.unhealthyThresholdCount = unhealthy;
        const matcher = (p.get('Matcher') as Record<string, unknown> | undefined)?.['HttpCode'];
        if (typeof matcher === 'string') hc.matcher = matcher;
        if (Object.keys(hc).length > 0) props.healthCheck = hc;
        const attrs = p.list('TargetGroupAttributes') as Record<string, unknown>[];
        const delay = attrs.find((a) => a['Key'] === 'deregistration_delay.timeout_seconds')?.['Value'];
        if (delay !== undefined) props.deregistrationDelaySeconds = Number(delay);
        p.ignore('VpcId');
        this.add('targetGroup', r.id, props);
        return true;
      }
      case 'AWS::ApplicationAutoScaling::ScalableTarget': {
        this.add('scalableTarget', r.id, { minCapacity: p.num('MinCapacity') ?? 0, maxCapacity: p.num('MaxCapacity') ?? 0 });
        p.ignore('ResourceId', 'ScalableDimension', 'ServiceNamespace', 'RoleARN');
        return true;
      }
      case 'AWS::ApplicationAutoScaling::ScalingPolicy':
        return this.scalingPolicy(r);
      case 'AWS::CloudWatch::Alarm':
        // Alarms that trigger a step scaling policy are part of that policy (scalingPolicy reads them).
        if (this.resources.some((o) => o.type === 'AWS::ApplicationAutoScaling::ScalingPolicy' && referencedResources(JSON.stringify(r.props.values['AlarmActions'] ?? []), new Set([o.id])).length > 0)) return true;
        this.report.warn(`Resources.${r.id}`, 'CloudWatch alarm not attached to a step scaling policy; not carried over');
        return false;
      case 'AWS::EC2::VPC':
        this.add('vpc', r.id, { cidrBlock: p.str('CidrBlock') ?? '10.0.0.0/16', ...(nameTag(p) ? { name: nameTag(p)! } : {}) });
        p.ignore('EnableDnsHostnames', 'EnableDnsSupport');
        return true;
      case 'AWS::EC2::Subnet': {
        const props: NodePropsInput<'subnet'> = { public: p.bool('MapPublicIpOnLaunch') ?? false };
        const cidr = p.str('CidrBlock');
        if (cidr !== undefined) props.cidrBlock = cidr;
        const az = p.str('AvailabilityZone');
        if (az !== undefined) props.availabilityZone = az;
        if (nameTag(p)) props.name = nameTag(p)!;
        p.ignore('VpcId');
        this.add('subnet', r.id, props);
        return true;
      }
      case 'AWS::EC2::SecurityGroup': {
        const props: NodePropsInput<'securityGroup'> = {};
        const desc = p.str('GroupDescription');
        if (desc !== undefined) props.description = desc;
        const gn = p.str('GroupName');
        if (gn !== undefined) props.groupName = gn;
        const ingress = (p.list('SecurityGroupIngress') as Record<string, unknown>[]).flatMap((rule, i) => {
          const proto = String(rule['IpProtocol'] ?? 'tcp');
          const cidr = rule['CidrIp'];
          if (typeof cidr !== 'string' || !['tcp', 'udp', 'icmp', '-1'].includes(proto)) {
            this.report.note(`${p.path}.SecurityGroupIngress[${i}]`, 'rule between security groups: expressed by the edges of the design, not as a CIDR rule');
            return [];
          }
          return [{ protocol: proto as 'tcp', fromPort: Number(rule['FromPort'] ?? -1), toPort: Number(rule['ToPort'] ?? -1), cidr }];
        });
        if (ingress.length > 0) props.ingress = ingress;
        p.ignore('VpcId', 'SecurityGroupEgress');
        this.add('securityGroup', r.id, props);
        return true;
      }
      default:
        this.report.warn(`Resources.${r.id}`, `${r.type} is not part of an ECS design; not carried over`);
        return false;
    }
  }

  /**
   * The Auto Scaling group a capacity provider names, with the launch template / configuration data it uses
   * (instance type, instance profile, security groups) and the logical ids involved.
   */
  private autoScalingGroup(value: unknown): { id: string; props: Props; launch: Record<string, unknown> | undefined; parts: string[] } | undefined {
    const byId = (v: unknown) => {
      const id = referencedResource(v, this.resolver.resources);
      return id === undefined ? undefined : this.resources.find((x) => x.id === id);
    };
    const group = byId(value);
    if (group?.type !== 'AWS::AutoScaling::AutoScalingGroup') return undefined;
    const parts = [group.id];
    const lt = group.props.values['LaunchTemplate'] as Record<string, unknown> | undefined;
    const template = byId(lt?.['LaunchTemplateId'] ?? lt?.['LaunchTemplateName']);
    const config = byId(group.props.values['LaunchConfigurationName']);
    let launch: Record<string, unknown> | undefined;
    if (template?.type === 'AWS::EC2::LaunchTemplate') {
      parts.push(template.id);
      launch = template.props.values['LaunchTemplateData'] as Record<string, unknown> | undefined;
    } else if (config?.type === 'AWS::AutoScaling::LaunchConfiguration') {
      parts.push(config.id);
      launch = config.props.values;
    }
    return { id: group.id, props: group.props, launch, parts };
  }

  /** The role of the instance profile a launch template / configuration uses (`IamInstanceProfile` by Ref, Arn or Name). */
  private instanceProfileRole(launch: Record<string, unknown> | undefined): string | undefined {
    const ipValue = launch?.['IamInstanceProfile'];
    const ref = isPlainObject(ipValue) ? (ipValue['Arn'] ?? ipValue['Name']) : ipValue;
    const profile = this.resources.find((x) => x.id === referencedResource(ref, this.resolver.resources));
    if (profile?.type !== 'AWS::IAM::InstanceProfile') return undefined;
    const role = referencedResource((profile.props.values['Roles'] as unknown[] | undefined)?.[0], this.resolver.resources);
    return role === undefined ? undefined : this.nodeOf.get(role);
  }

  private taskDefinition(r: Res): boolean {
    const p = r.props;
    const api = cfnToApiCase(p.values) as Record<string, unknown>;
    for (const k of Object.keys(p.values)) p.ignore(k);
    const task = referencedResource(api['taskRoleArn'], this.resolver.resources);
    const exec = referencedResource(api['executionRoleArn'], this.resolver.resources);
    if (task !== undefined) delete api['taskRoleArn'];
    if (exec !== undefined) delete api['executionRoleArn'];
    api['family'] ??= `${r.id}`;
    delete api['tags'];
    for (const c of (api['containerDefinitions'] as Record<string, unknown>[] | undefined) ?? []) {
      for (const e of (c['environment'] as Record<string, unknown>[] | undefined) ?? []) if (e['value'] !== undefined && typeof e['value'] !== 'string') e['value'] = String(e['value']);
    }
    coerceScalars(api['containerDefinitions']);
    coerceScalars(api['volumes']);
    for (const k of ['cpu', 'memory']) if (typeof api[k] === 'number') api[k] = String(api[k]);
    const before = new Set(this.design.nodes.map((n) => n.id));
    const imported = importTaskDefinition(api, { into: this.design, ids: this.ids, origin: { x: 0, y: this.row * 110 } });
    if (!imported.ok) {
      const f = imported.findings[0];
      this.report.warn(`Resources.${r.id}`, `task definition not carried over: ${f?.path ?? ''} ${f?.message ?? imported.message ?? ''}`.trim());
      return false;
    }
    this.design = imported.design;
    this.row += 4;
    const td = imported.taskDefinitionId;
    this.nodeOf.set(r.id, td);
    if (exec !== undefined) this.connect('execution-role', td, this.nodeOf.get(exec));
    if (task !== undefined && task !== exec) this.connect('task-role', td, this.nodeOf.get(task));
    this.redirectTokens(before, `Resources.${r.id}`);
    return true;
  }

  /**
   * importTaskDefinition made a node for every referenced resource; where the reference was a template resource
   * (`${LogGroup}`, `${Repo.RepositoryUri}:tag`, `${FileSystem}`), point the edges at that resource's node instead.
   */
  private redirectTokens(before: Set<string>, path: string): void {
    const replace = new Map<string, string>();
    for (const n of this.design.nodes) {
      if (before.has(n.id) || n.kind === 'taskDefinition' || n.kind === 'container') continue;
      const text = JSON.stringify(n.properties);
      const refs = referencedResources(text.replace(/\\"/g, ''), this.resolver.resources);
      const target = refs.map((id) => this.nodeOf.get(id)).find((id) => id !== undefined);
      if (target === undefined) {
        if (text.includes('${')) this.report.warn(path, `${n.kind} "${text.slice(0, 120)}" refers to something outside the design; kept as written`);
        continue;
      }
      replace.set(n.id, target);
    }
    if (replace.size === 0) return;
    const targetKind = new Map(this.design.nodes.map((n) => [n.id, n.kind]));
    this.design = {
      ...this.design,
      nodes: this.design.nodes
        .filter((n) => !replace.has(n.id))
        .map((n) => {
          if (n.kind !== 'container') return n;
          const edge = this.design.edges.find((e) => e.kind === 'container-image' && e.source === n.id && replace.has(e.target));
          const image = edge ? this.design.nodes.find((x) => x.id === edge.target) : undefined;
          const tag = image?.kind === 'externalImage' ? /\}:([\w][\w.-]{0,127})$/.exec(image.properties.image)?.[1] : undefined;
          return tag === undefined ? n : ({ ...n, properties: { ...n.properties, imageTag: tag } } as DesignNode);
        }),
      edges: this.design.edges.flatMap((e) => {
        const source = replace.get(e.source) ?? e.source;
        const target = replace.get(e.target) ?? e.target;
        if (source === e.source && target === e.target) return [e];
        const spec = EDGE_KINDS[e.kind];
        const fits = (spec.from as readonly string[]).includes(targetKind.get(source) ?? '') && (spec.to as readonly string[]).includes(targetKind.get(target) ?? '');
        return fits ? [{ ...e, source, target }] : [];
      }),
    };
  }

  private service(r: Res): boolean {
    const p = r.props;
    const props: NodePropsInput<'service'> = { serviceName: awsName(p.str('ServiceName') ?? r.id) };
    const desired = p.num('DesiredCount');
    if (desired !== undefined) props.desiredCount = desired;
    const lt = p.str('LaunchType');
    if (lt === 'FARGATE' || lt === 'EC2' || lt === 'EXTERNAL') props.launchType = lt;
    const pv = p.str('PlatformVersion');
    if (pv !== undefined) props.platformVersion = pv;
    if (p.str('SchedulingStrategy') === 'DAEMON') props.schedulingStrategy = 'DAEMON';
    const grace = p.num('HealthCheckGracePeriodSeconds');
    if (grace !== undefined) props.healthCheckGracePeriodSeconds = grace;
    const exec = p.bool('EnableExecuteCommand');
    if (exec !== undefined) props.enableExecuteCommand = exec;
    const managed = p.bool('EnableECSManagedTags');
    if (managed !== undefined) props.enableECSManagedTags = managed;
    const prop = p.str('PropagateTags');
    if (prop === 'TASK_DEFINITION' || prop === 'SERVICE' || prop === 'NONE') props.propagateTags = prop;
    const dc = p.get('DeploymentConfiguration') as Record<string, unknown> | undefined;
    if (dc) {
      const cb = dc['DeploymentCircuitBreaker'] as Record<string, unknown> | undefined;
      props.deploymentConfiguration = {
        ...(dc['MinimumHealthyPercent'] !== undefined ? { minimumHealthyPercent: Number(dc['MinimumHealthyPercent']) } : {}),
        ...(dc['MaximumPercent'] !== undefined ? { maximumPercent: Number(dc['MaximumPercent']) } : {}),
        ...(cb ? { deploymentCircuitBreaker: { enable: cb['Enable'] === true || cb['Enable'] === 'true', rollback: cb['Rollback'] === true || cb['Rollback'] === 'true' } } : {}),
      };
    }
    const ctl = (p.get('DeploymentController') as Record<string, unknown> | undefined)?.['Type'];
    if (ctl === 'ECS' || ctl === 'CODE_DEPLOY' || ctl === 'EXTERNAL') props.deploymentController = ctl;
    const net = ((p.get('NetworkConfiguration') as Record<string, unknown> | undefined)?.['AwsvpcConfiguration'] ?? undefined) as Record<string, unknown> | undefined;
    if (net?.['AssignPublicIp'] === 'ENABLED' || net?.['AssignPublicIp'] === 'DISABLED') props.assignPublicIp = net['AssignPublicIp'];
    const id = this.add('service', r.id, props);
    this.connect('service-cluster', id, this.target(p.get('Cluster'), `${p.path}.Cluster`, { kind: 'cluster', props: (v) => ({ clusterName: awsName(v.split('/').pop() ?? v), existing: true }) }));
    this.connect('service-task-definition', id, this.target(p.get('TaskDefinition'), `${p.path}.TaskDefinition`));
    for (const [i, s] of (Array.isArray(net?.['Subnets']) ? (net['Subnets'] as unknown[]) : []).entries()) {
      this.connect('service-subnet', id, this.target(s, `${p.path}.NetworkConfiguration.AwsvpcConfiguration.Subnets[${i}]`, { kind: 'subnet', props: (v) => ({ subnetId: v }) }));
    }
    for (const [i, s] of (Array.isArray(net?.['SecurityGroups']) ? (net['SecurityGroups'] as unknown[]) : []).entries()) {
      this.connect('service-security-group', id, this.target(s, `${p.path}.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[${i}]`, { kind: 'securityGroup', props: (v) => ({ groupId: v }) }));
    }
    p.list('LoadBalancers').forEach((lb, i) => {
      if (!isPlainObject(lb)) return;
      const tg = this.target(lb['TargetGroupArn'], `${p.path}.LoadBalancers[${i}].TargetGroupArn`, { kind: 'targetGroup', props: (v) => ({ name: awsName(v.split('/')[1] ?? 'target-group', 32), arn: v }) });
      this.connect('service-target-group', id, tg, { containerName: String(lb['ContainerName'] ?? ''), containerPort: Number(lb['ContainerPort'] ?? 80) });
    });
    p.list('CapacityProviderStrategy').forEach((s, i) => {
      if (!isPlainObject(s)) return;
      const cp = s['CapacityProvider'];
      const node =
        cp === 'FARGATE' || cp === 'FARGATE_SPOT'
          ? this.fargateProvider(cp)
          : this.target(cp, `${p.path}.CapacityProviderStrategy[${i}]`);
      const weight = Number(s['Weight'] ?? 1);
      this.connect('service-capacity-provider', id, node, { weight, ...(s['Base'] !== undefined ? { base: Number(s['Base']) } : {}) });
      if (node !== undefined && (cp === 'FARGATE' || cp === 'FARGATE_SPOT')) this.pendingFargate.push({ provider: node, service: id });
    });
    return true;
  }

  private fargateProvider(provider: 'FARGATE' | 'FARGATE_SPOT'): string {
    const key = `fargate\u0000${provider}`;
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    const id = this.add('fargateCapacityProvider', undefined, { provider });
    this.byKey.set(key, id);
    return id;
  }

  private scalingPolicy(r: Res): boolean {
    const p = r.props;
    const policyName = (p.str('PolicyName') ?? r.id).slice(0, 256);
    const tt = p.get('TargetTrackingScalingPolicyConfiguration') as Record<string, unknown> | undefined;
    const step = p.get('StepScalingPolicyConfiguration') as Record<string, unknown> | undefined;
    p.ignore('PolicyType', 'ScalingTargetId', 'ResourceId', 'ScalableDimension', 'ServiceNamespace');
    if (tt) {
      const metric = (tt['PredefinedMetricSpecification'] as Record<string, unknown> | undefined)?.['PredefinedMetricType'];
      if (metric !== 'ECSServiceAverageCPUUtilization' && metric !== 'ECSServiceAverageMemoryUtilization' && metric !== 'ALBRequestCountPerTarget') {
        this.report.warn(`${p.path}.TargetTrackingScalingPolicyConfiguration`, 'only the predefined ECS CPU, memory and ALB request count metrics are carried over; policy skipped');
        return false;
      }
      const props: NodePropsInput<'targetTrackingPolicy'> = { policyName, metric, targetValue: Number(tt['TargetValue'] ?? 50) };
      if (tt['ScaleInCooldown'] !== undefined) props.scaleInCooldown = Number(tt['ScaleInCooldown']);
      if (tt['ScaleOutCooldown'] !== undefined) props.scaleOutCooldown = Number(tt['ScaleOutCooldown']);
      if (tt['DisableScaleIn'] !== undefined) props.disableScaleIn = tt['DisableScaleIn'] === true;
      this.add('targetTrackingPolicy', r.id, props);
      return true;
    }
    if (step) {
      const alarm = this.resources.find((a) => a.type === 'AWS::CloudWatch::Alarm' && referencedResources(JSON.stringify(a.props.values['AlarmActions'] ?? []), new Set([r.id])).length > 0);
      if (!alarm) {
        this.report.warn(`Resources.${r.id}`, 'step scaling policy without a CloudWatch alarm in the template; not carried over');
        return false;
      }
      const a = alarm.props;
      const stat = a.str('Statistic');
      const cmp = a.str('ComparisonOperator');
      const dims = (a.list('Dimensions') as Record<string, unknown>[]).map((d) => ({ name: String(d['Name']), value: String(d['Value']) }));
      a.ignore('AlarmActions', 'AlarmDescription', 'OKActions', 'TreatMissingData');
      const adjustment = step['AdjustmentType'];
      this.add('stepScalingPolicy', r.id, {
        policyName,
        ...(adjustment === 'ChangeInCapacity' || adjustment === 'PercentChangeInCapacity' || adjustment === 'ExactCapacity' ? { adjustmentType: adjustment } : {}),
        ...(step['Cooldown'] !== undefined ? { cooldown: Number(step['Cooldown']) } : {}),
        stepAdjustments: ((step['StepAdjustments'] as Record<string, unknown>[] | undefined) ?? []).map((s) => ({
          ...(s['MetricIntervalLowerBound'] !== undefined ? { metricIntervalLowerBound: Number(s['MetricIntervalLowerBound']) } : {}),
          ...(s['MetricIntervalUpperBound'] !== undefined ? { metricIntervalUpperBound: Number(s['MetricIntervalUpperBound']) } : {}),
          scalingAdjustment: Number(s['ScalingAdjustment'] ?? 0),
        })),
        alarm: {
          ...(a.str('AlarmName') !== undefined ? { alarmName: a.str('AlarmName')! } : {}),
          namespace: a.str('Namespace') ?? 'AWS/ECS',
          metricName: a.str('MetricName') ?? 'CPUUtilization',
          ...(dims.length > 0 ? { dimensions: dims } : {}),
          ...(stat === 'Average' || stat === 'Sum' || stat === 'Minimum' || stat === 'Maximum' || stat === 'SampleCount' ? { statistic: stat } : {}),
          period: Math.max(10, a.num('Period') ?? 60),
          evaluationPeriods: Math.max(1, a.num('EvaluationPeriods') ?? 1),
          threshold: a.num('Threshold') ?? 0,
          comparisonOperator:
            cmp === 'GreaterThanOrEqualToThreshold' || cmp === 'GreaterThanThreshold' || cmp === 'LessThanThreshold' || cmp === 'LessThanOrEqualToThreshold' ? cmp : 'GreaterThanOrEqualToThreshold',
        },
      });
      this.nodeOf.set(alarm.id, this.nodeOf.get(r.id)!);
      return true;
    }
    this.report.warn(`Resources.${r.id}`, 'scaling policy without a target tracking or step configuration; not carried over');
    return false;
  }

  /** Edges between nodes that all exist now. */
  private link(r: Res): void {
    const p = r.props;
    const self = this.nodeOf.get(r.id);
    const v = p.values;
    const ref = (x: unknown) => {
      const id = referencedResource(x, this.resolver.resources);
      return id === undefined ? undefined : this.nodeOf.get(id);
    };
    switch (r.type) {
      case 'AWS::EC2::Subnet':
        this.connect('subnet-vpc', self, ref(v['VpcId']));
        break;
      case 'AWS::EC2::SecurityGroup':
        this.connect('security-group-vpc', self, ref(v['VpcId']));
        break;
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        this.connect('target-group-vpc', self, ref(v['VpcId']));
        break;
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
        for (const s of (v['Subnets'] as unknown[] | undefined) ?? []) this.connect('load-balancer-subnet', self, ref(s));
        for (const s of (v['SecurityGroups'] as unknown[] | undefined) ?? []) this.connect('load-balancer-security-group', self, ref(s));
        break;
      case 'AWS::ElasticLoadBalancingV2::Listener':
        this.connect('listener-load-balancer', self, ref(v['LoadBalancerArn']));
        for (const a of (v['DefaultActions'] as Record<string, unknown>[] | undefined) ?? []) this.connect('listener-target-group', self, ref(a['TargetGroupArn']));
        break;
      case 'AWS::ElasticLoadBalancingV2::ListenerRule':
        if (ref(v['ListenerArn']) === undefined) this.report.warn(`${p.path}.ListenerArn`, `the listener ${JSON.stringify(v['ListenerArn'])} is not part of this template: its target groups are not connected to a listener`);
        for (const a of (v['Actions'] as Record<string, unknown>[] | undefined) ?? []) this.connect('listener-target-group', ref(v['ListenerArn']), ref(a['TargetGroupArn']));
        p.ignore(...Object.keys(v));
        this.report.note(`Resources.${r.id}`, 'listener rule: its target group is connected to the listener; the conditions are not carried over');
        break;
      case 'AWS::EFS::AccessPoint':
        this.connect('access-point-file-system', self, ref(v['FileSystemId']));
        break;
      case 'AWS::EFS::MountTarget':
        this.connect('efs-subnet', ref(v['FileSystemId']), ref(v['SubnetId']));
        for (const s of (v['SecurityGroups'] as unknown[] | undefined) ?? []) this.connect('efs-security-group', ref(v['FileSystemId']), ref(s));
        p.ignore(...Object.keys(v));
        break;
      case 'AWS::ECS::ClusterCapacityProviderAssociations': {
        const cluster = ref(v['Cluster']);
        const providerNode = (cp: unknown) => (cp === 'FARGATE' || cp === 'FARGATE_SPOT' ? this.fargateProvider(cp) : ref(cp));
        const weights = new Map<string, number>();
        for (const s of (v['DefaultCapacityProviderStrategy'] as Record<string, unknown>[] | undefined) ?? []) {
          const node = providerNode(s['CapacityProvider']);
          if (node !== undefined) weights.set(node, Number(s['Weight'] ?? 1));
        }
        const listed = ((v['CapacityProviders'] as unknown[] | undefined) ?? []).map(providerNode);
        for (const node of new Set([...listed, ...weights.keys()])) {
          const weight = node === undefined ? undefined : weights.get(node);
          this.connect('capacity-provider-cluster', node, cluster, weight === undefined ? undefined : { defaultWeight: weight });
        }
        p.ignore(...Object.keys(v));
        break;
      }
      case 'AWS::ECS::Cluster':
        p.ignore('CapacityProviders', 'DefaultCapacityProviderStrategy');
        for (const cp of (v['CapacityProviders'] as unknown[] | undefined) ?? []) {
          if (cp === 'FARGATE' || cp === 'FARGATE_SPOT') this.connect('capacity-provider-cluster', this.fargateProvider(cp), self);
        }
        break;
      case 'AWS::IAM::InstanceProfile':
        p.ignore(...Object.keys(v));
        break;
      case 'AWS::ECS::CapacityProvider': {
        const group = this.autoScalingGroup((v['AutoScalingGroupProvider'] as Record<string, unknown> | undefined)?.['AutoScalingGroupArn']);
        if (!group) break;
        this.connect('asg-instance-role', self, this.instanceProfileRole(group.launch));
        const subnets = group.props.values['VPCZoneIdentifier'];
        for (const s of Array.isArray(subnets) ? subnets : []) this.connect('asg-subnet', self, ref(s));
        const sgs = group.launch?.['SecurityGroupIds'] ?? group.launch?.['SecurityGroups'];
        for (const s of Array.isArray(sgs) ? sgs : []) this.connect('asg-security-group', self, ref(s));
        break;
      }
      case 'AWS::ApplicationAutoScaling::ScalableTarget': {
        const services = referencedResources(String(v['ResourceId'] ?? ''), this.resolver.resources).filter((id) => this.resources.find((x) => x.id === id)?.type === 'AWS::ECS::Service');
        const svc = services[0] === undefined ? undefined : this.nodeOf.get(services[0]);
        if (svc === undefined) this.report.warn(`${p.path}.ResourceId`, `"${String(v['ResourceId'])}" is not a service of this template; the scalable target is not connected`);
        this.connect('scalable-target-service', self, svc);
        break;
      }
      case 'AWS::ApplicationAutoScaling::ScalingPolicy':
        this.connect('scaling-policy-target', self, ref(v['ScalingTargetId']));
        break;
      default:
        break;
    }
  }
}

const INTEGER_KEYS = new Set(['cpu', 'memory', 'memoryReservation', 'containerPort', 'hostPort', 'startTimeout', 'stopTimeout', 'interval', 'timeout', 'retries', 'startPeriod', 'softLimit', 'hardLimit', 'sizeInGiB', 'transitEncryptionPort', 'sharedMemorySize', 'maxSwap', 'swappiness', 'size', 'restartAttemptPeriod']);
const BOOLEAN_KEYS = new Set(['essential', 'readOnly', 'privileged', 'readonlyRootFilesystem', 'disableNetworking', 'interactive', 'pseudoTerminal', 'initProcessEnabled', 'autoprovision', 'enabled']);

/** CloudFormation accepts "256" and "true" for integer and boolean properties; the ECS API shapes do not. */
function coerceScalars(v: unknown): void {
  if (Array.isArray(v)) {
    v.forEach(coerceScalars);
    return;
  }
  if (!isPlainObject(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string' && INTEGER_KEYS.has(k) && /^-?\d+$/.test(x)) v[k] = Number(x);
    else if (typeof x === 'string' && BOOLEAN_KEYS.has(k) && (x === 'true' || x === 'false')) v[k] = x === 'true';
    else if (k !== 'options' && k !== 'dockerLabels') coerceScalars(x);
  }
}

function nameTag(p: Props): string | undefined {
  const t = (p.list('Tags') as Record<string, unknown>[]).find((x) => x['Key'] === 'Name')?.['Value'];
  return typeof t === 'string' ? t : undefined;
}
