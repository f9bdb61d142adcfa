import { DesignIndex, type Design } from '../model/document';
import { TRUST_PRINCIPALS } from '../model/kinds/iam';
import type { DesignNode, NodeKind, NodeOf } from '../model/nodes';
import { exportTaskDefinition } from '../taskdef/export';
import { formatSecretRef } from '../taskdef/secretRef';
import { cat } from './buildExpr';
import { CfnMemberNames, cfnTaskDefinitionProperties } from './cfnTaskDefinition';
import { executionRoleStatements, taskRoleStatements, trustPolicy, type ArnResolver, type IamStatement } from './iam';
import { ir, type IrExpr, type IrObject, type IrOutput, type IrParameter, type IrResource, type IrTemplate, type IrValue } from './ir';
import { LogicalIds } from './logicalIds';

/**
 * Design → resource IR. The one place that walks a design for infrastructure as code; the CloudFormation,
 * Terraform and CDK renderers only read the IR it returns.
 *
 * Nodes that reference something that already exists (an id, an ARN or `existing`) become parameters (ids of
 * VPCs, subnets, security groups, names of clusters) or literal ARNs (roles, load balancers, secrets); everything
 * else becomes resources, and references between them are Ref/GetAtt expressions.
 */

/** A design that cannot be turned into a template (names the node and what to fix). */
export class IacBuildError extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
  ) {
    super(message);
    this.name = 'IacBuildError';
  }
}

/** Public SSM parameter of the ECS-optimized AMI for a family and architecture. */
export function ecsOptimizedAmiParameter(family: 'al2023' | 'al2' | 'bottlerocket', arch: 'x86_64' | 'arm64'): string {
  switch (family) {
    case 'al2023':
      return `/aws/service/ecs/optimized-ami/amazon-linux-2023/${arch === 'arm64' ? 'arm64/' : ''}recommended/image_id`;
    case 'al2':
      return `/aws/service/ecs/optimized-ami/amazon-linux-2/${arch === 'arm64' ? 'arm64/' : ''}recommended/image_id`;
    case 'bottlerocket':
      return `/aws/service/bottlerocket/aws-ecs-2/${arch}/latest/image_id`;
  }
}

/** The user data script of an ECS container instance: joins the cluster and writes the agent settings. */
export function ecsUserData(family: 'al2023' | 'al2' | 'bottlerocket', cluster: IrValue, ecsConfig: Readonly<Record<string, string>>): string | IrExpr {
  if (family === 'bottlerocket') {
    // Bottlerocket has no /etc/ecs/ecs.config: the agent reads its settings from TOML user data.
    return cat('[settings.ecs]\n', 'cluster = "', cluster, '"\n');
  }
  const lines: (IrValue | string)[] = ['ECS_CLUSTER=', cluster, '\n'];
  for (const [key, value] of Object.entries(ecsConfig)) {
    if (key === 'ECS_CLUSTER') continue; // always the connected cluster
    lines.push(`${key}=${value}\n`);
  }
  return cat('#!/bin/bash\n', "cat >> /etc/ecs/ecs.config <<'EOF'\n", ...lines, 'EOF\n');
}

const P = ir.pseudo('AWS::Partition');
const R = ir.pseudo('AWS::Region');
const A = ir.pseudo('AWS::AccountId');

function tags(list: readonly { key: string; value: string }[] | undefined, name?: string): IrObject[] | undefined {
  const out: IrObject[] = [];
  if (name !== undefined && !(list ?? []).some((t) => t.key === 'Name')) out.push({ Key: 'Name', Value: name });
  for (const t of list ?? []) out.push({ Key: t.key, Value: t.value });
  return out.length > 0 ? out : undefined;
}

/**
 * Drops undefined members (the IR has no undefined). `obj` is a literal made for this call: without undefined
 * members it is the result itself, else a copy is made from the first undefined member on.
 */
function props(obj: Record<string, IrValue | undefined>): IrObject {
  let out: IrObject | undefined;
  for (const k in obj) {
    const v = obj[k];
    if (v === undefined) {
      if (out === undefined) {
        out = {};
        for (const before in obj) {
          if (before === k) break;
          out[before] = obj[before]!;
        }
      }
    } else if (out !== undefined) out[k] = v;
  }
  return out ?? (obj as IrObject);
}

/** A copy of an inline policy statement as IR (what a JSON round trip gives, without writing JSON text). */
function statementCopy(statement: Readonly<Record<string, unknown>>): IrObject {
  const out: IrObject = {};
  for (const k in statement) {
    const v = statement[k];
    if (v === undefined) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = [...(v as string[])];
    else out[k] = JSON.parse(JSON.stringify(v)) as IrValue; // Condition: any JSON
  }
  return out;
}

/** A string property of a node, if it is one. */
function str(p: Record<string, unknown>, key: string): string | undefined {
  const v = p[key];
  return typeof v === 'string' ? v : undefined;
}

function roleNameFromArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** "arn:…:loadbalancer/app/name/id" → "app/name/id" (what CloudWatch dimensions use). */
function arnSuffix(arn: string, marker: string): string {
  const at = arn.indexOf(marker);
  return at >= 0 ? arn.slice(at + marker.length) : arn;
}

class GraphBuilder implements ArnResolver {
  readonly index: DesignIndex;
  readonly ids = new LogicalIds();
  readonly parameters: IrParameter[] = [];
  readonly resources: IrResource[] = [];
  readonly outputs: IrOutput[] = [];
  /** Primary logical id (resource or parameter) of each node that has one, and whether the template creates the node. */
  private readonly logical = new Map<string, { id: string; created: boolean }>();

  /** Nodes of each kind in document order, grouped once (the build walks ~20 kinds). */
  private readonly byKind = new Map<string, DesignNode[]>();
  /** Logical ids of the mount targets of each file system node, in creation order. */
  private readonly mountTargets = new Map<string, string[]>();

  constructor(readonly design: Design) {
    this.index = new DesignIndex(design);
    for (const n of design.nodes) {
      const list = this.byKind.get(n.kind);
      if (list) list.push(n);
      else this.byKind.set(n.kind, [n]);
    }
  }

  private ofKind<K extends NodeKind>(kind: K): NodeOf<K>[] {
    return (this.byKind.get(kind) ?? []) as NodeOf<K>[];
  }

  // ── naming ───────────────────────────────────────────────────────────────────────────────────────────

  private nodeName(n: DesignNode): string {
    const p = n.properties as Record<string, unknown>;
    switch (n.kind) {
      case 'cluster':
        return str(p, 'clusterName') ?? n.id;
      case 'asgCapacityProvider':
      case 'loadBalancer':
      case 'targetGroup':
        return str(p, 'name') ?? n.id;
      case 'service':
        return str(p, 'serviceName') ?? n.id;
      case 'taskDefinition':
        return str(p, 'family') ?? n.id;
      case 'taskRole':
      case 'executionRole':
      case 'instanceRole':
        return str(p, 'roleName') ?? (str(p, 'arn') !== undefined ? roleNameFromArn(str(p, 'arn') ?? '') : n.id);
      case 'ecrRepository':
        return str(p, 'repositoryName') ?? n.id;
      case 'logGroup':
        return (str(p, 'logGroupName') ?? n.id).replace(/^\/?ecs\//, '');
      case 's3Bucket':
        return str(p, 'bucketName') ?? n.id;
      case 'securityGroup':
        return str(p, 'groupName') ?? str(p, 'groupId') ?? n.id;
      case 'efsFileSystem':
      case 'vpc':
      case 'subnet':
        return str(p, 'name') ?? str(p, 'fileSystemId') ?? str(p, 'vpcId') ?? str(p, 'subnetId') ?? n.id;
      case 'efsAccessPoint': {
        const fs = this.index.targetOf(n.id, 'access-point-file-system');
        return fs ? this.nodeName(fs) : n.id;
      }
      case 'listener': {
        const lb = this.index.targetOf(n.id, 'listener-load-balancer');
        const port = (n.properties as { port?: number }).port ?? 80;
        return `${lb ? this.nodeName(lb) : n.id} ${port}`;
      }
      case 'scalableTarget': {
        const svc = this.index.targetOf(n.id, 'scalable-target-service');
        return svc ? this.nodeName(svc) : n.id;
      }
      case 'targetTrackingPolicy':
      case 'stepScalingPolicy':
        return str(p, 'policyName') ?? n.id;
      default:
        return n.id;
    }
  }

  private static readonly SUFFIX: Partial<Record<NodeKind, string>> = {
    cluster: 'Cluster',
    asgCapacityProvider: 'CapacityProvider',
    service: 'Service',
    taskDefinition: 'TaskDefinition',
    taskRole: 'TaskRole',
    executionRole: 'ExecutionRole',
    instanceRole: 'InstanceRole',
    ecrRepository: 'Repository',
    efsFileSystem: 'FileSystem',
    efsAccessPoint: 'AccessPoint',
    s3Bucket: 'Bucket',
    logGroup: 'LogGroup',
    vpc: 'Vpc',
    subnet: 'Subnet',
    securityGroup: 'SecurityGroup',
    loadBalancer: 'LoadBalancer',
    listener: 'Listener',
    targetGroup: 'TargetGroup',
    scalableTarget: 'ScalableTarget',
    targetTrackingPolicy: 'Policy',
    stepScalingPolicy: 'Policy',
  };

  /** Whether the template creates this node (as opposed to referencing an existing one). */
  isCreated(n: DesignNode): boolean {
    const p = n.properties as Record<string, unknown>;
    switch (n.kind) {
      case 'cluster':
      case 'ecrRepository':
      case 's3Bucket':
      case 'logGroup':
        return p['existing'] !== true;
      case 'taskRole':
      case 'executionRole':
      case 'instanceRole':
      case 'loadBalancer':
      case 'listener':
      case 'targetGroup':
        return p['arn'] === undefined;
      case 'vpc':
        return p['vpcId'] === undefined;
      case 'subnet':
        return p['subnetId'] === undefined;
      case 'securityGroup':
        return p['groupId'] === undefined;
      case 'efsFileSystem':
        return p['fileSystemId'] === undefined;
      case 'efsAccessPoint':
        return p['accessPointId'] === undefined;
      case 'asgCapacityProvider':
      case 'service':
      case 'taskDefinition':
      case 'scalableTarget':
      case 'targetTrackingPolicy':
      case 'stepScalingPolicy':
        return true;
      default:
        return false;
    }
  }

  private assignIds(): void {
    for (const n of this.design.nodes) {
      const suffix = GraphBuilder.SUFFIX[n.kind];
      if (suffix === undefined) continue;
      const created = this.isCreated(n);
      // Existing network ids and cluster names are parameters; existing roles, LBs, … are literal ARNs (no id).
      const asParameter = !created && (n.kind === 'vpc' || n.kind === 'subnet' || n.kind === 'securityGroup' || n.kind === 'cluster');
      if (!created && !asParameter) continue;
      const id = this.ids.take(this.nodeName(n), asParameter ? `${suffix}${n.kind === 'cluster' ? 'Name' : 'Id'}` : suffix);
      if (!this.index.repeatedNodeIds) this.logical.set(n.id, { id, created });
      else {
        // Nodes of the same id: the last one's logical id, created when any of them is.
        const before = this.logical.get(n.id);
        this.logical.set(n.id, { id, created: created || before?.created === true });
      }
      if (!created) this.existing.push(n);
    }
  }

  /** Nodes that stand for something that exists (parameters), in document order. */
  private readonly existing: DesignNode[] = [];

  private id(n: DesignNode): string {
    const logical = this.logical.get(n.id);
    if (logical === undefined) throw new Error(`internal: node ${n.id} (${n.kind}) has no logical id`);
    return logical.id;
  }

  /** Whether the template creates the node of this id. */
  private isCreatedId(nodeId: string): boolean {
    return this.logical.get(nodeId)?.created === true;
  }

  /** The logical id of a node the template creates; undefined for any other node. */
  private createdId(n: DesignNode): string | undefined {
    const logical = this.logical.get(n.id);
    return logical?.created === true ? logical.id : undefined;
  }

  private add(r: IrResource): void {
    this.resources.push(r);
    if (r.type === 'AWS::EFS::MountTarget' && r.nodeId !== undefined) {
      const list = this.mountTargets.get(r.nodeId);
      if (list) list.push(r.id);
      else this.mountTargets.set(r.nodeId, [r.id]);
    }
  }

  // ── references ───────────────────────────────────────────────────────────────────────────────────────

  /** Parameters (of existing nodes) something refers to; every reference to them goes through `ref`. */
  private readonly usedParameters = new Set<string>();

  /** Ref of a created node or its parameter. */
  private ref(n: DesignNode): IrExpr {
    const logical = this.logical.get(n.id);
    if (logical === undefined) throw new Error(`internal: node ${n.id} (${n.kind}) has no logical id`);
    if (!logical.created) this.usedParameters.add(logical.id);
    return ir.ref(logical.id);
  }

  clusterName(c: NodeOf<'cluster'>): IrValue {
    return this.ref(c);
  }

  roleArn(role: NodeOf<'taskRole'> | NodeOf<'executionRole'> | NodeOf<'instanceRole'>): IrValue {
    if (role.properties.arn !== undefined) return role.properties.arn;
    return ir.getAtt(this.id(role), 'Arn');
  }

  /**
   * ARNs of repositories, log groups and secrets, one value per node: every container that uses the node refers
   * to the same value, so IAM statements drop repeats by identity (no JSON text of each).
   */
  private readonly arns = new Map<string, IrValue>();

  ecrRepositoryArn(repo: NodeOf<'ecrRepository'>): IrValue {
    let arn = this.arns.get(repo.id);
    if (arn === undefined) {
      if (this.isCreatedId(repo.id)) arn = ir.getAtt(this.id(repo), 'Arn');
      else {
        const p = repo.properties;
        arn = cat('arn:', P, ':ecr:', p.region ?? R, ':', p.accountId ?? A, ':repository/', p.repositoryName);
      }
      this.arns.set(repo.id, arn);
    }
    return arn;
  }

  private ecrRepositoryUri(repo: NodeOf<'ecrRepository'>): IrValue {
    if (this.isCreatedId(repo.id)) return ir.getAtt(this.id(repo), 'RepositoryUri');
    const p = repo.properties;
    return cat(p.accountId ?? A, '.dkr.ecr.', p.region ?? R, '.', p.registryDomain ?? ir.pseudo('AWS::URLSuffix'), '/', p.repositoryName);
  }

  logGroupArn(group: NodeOf<'logGroup'>): IrValue {
    let arn = this.arns.get(group.id);
    if (arn === undefined) {
      const name = this.isCreatedId(group.id) ? this.ref(group) : group.properties.logGroupName;
      arn = cat('arn:', P, ':logs:', R, ':', A, ':log-group:', name, ':*');
      this.arns.set(group.id, arn);
    }
    return arn;
  }

  secretArn(secret: NodeOf<'secret'>): IrValue {
    let arn = this.arns.get(secret.id);
    if (arn === undefined) {
      const p = secret.properties;
      const name = p.name ?? '';
      if (p.arn !== undefined) arn = p.arn;
      else if (p.store === 'secretsmanager') arn = cat('arn:', P, ':secretsmanager:', R, ':', A, ':secret:', name, '-??????');
      else arn = cat('arn:', P, ':ssm:', R, ':', A, ':parameter', name.startsWith('/') ? name : `/${name}`);
      this.arns.set(secret.id, arn);
    }
    return arn;
  }

  /** `valueFrom` of a secret reference in a task definition. */
  private secretValueFrom(secret: NodeOf<'secret'>, key: { jsonKey?: string; versionStage?: string; versionId?: string }): IrValue {
    const p = secret.properties;
    const suffix = formatSecretRef({ store: p.store, arn: '', ...key });
    if (p.arn !== undefined) return `${p.arn}${suffix}`;
    if (p.store === 'ssm') return p.name ?? '';
    return cat('arn:', P, ':secretsmanager:', R, ':', A, ':secret:', p.name ?? '', suffix);
  }

  kmsKeyArn(keyId: string): IrValue {
    if (keyId.startsWith('arn:')) return keyId;
    return cat('arn:', P, ':kms:', R, ':', A, ':', keyId.startsWith('alias/') ? keyId : `key/${keyId}`);
  }

  bucketArn(bucket: NodeOf<'s3Bucket'>): IrValue {
    if (this.isCreatedId(bucket.id)) return ir.getAtt(this.id(bucket), 'Arn');
    return cat('arn:', P, ':s3:::', bucket.properties.bucketName);
  }

  fileSystemArn(fs: NodeOf<'efsFileSystem'>): IrValue {
    if (this.isCreatedId(fs.id)) return ir.getAtt(this.id(fs), 'Arn');
    return cat('arn:', P, ':elasticfilesystem:', R, ':', A, ':file-system/', fs.properties.fileSystemId ?? '');
  }

  private fileSystemId(fs: NodeOf<'efsFileSystem'>): IrValue {
    return this.isCreatedId(fs.id) ? this.ref(fs) : (fs.properties.fileSystemId ?? '');
  }

  private loadBalancerArn(lb: NodeOf<'loadBalancer'>): IrValue {
    return lb.properties.arn ?? this.ref(lb);
  }

  private targetGroupArn(tg: NodeOf<'targetGroup'>): IrValue {
    return tg.properties.arn ?? this.ref(tg);
  }

  /** Ids of VPC, subnets and security groups: Ref of the resource or parameter. */
  private netRef(n: DesignNode): IrExpr {
    return this.ref(n);
  }

  private nodesVia<K extends NodeKind>(nodeId: string, edge: Parameters<DesignIndex['outgoing']>[1], kind: K): NodeOf<K>[] {
    return this.index.targetsOf(nodeId, edge).filter((n): n is NodeOf<K> => n.kind === kind);
  }

  // ── build ────────────────────────────────────────────────────────────────────────────────────────────

  build(): IrTemplate {
    this.assignIds();
    for (const n of this.existing) this.parameterFor(n);
    this.network();
    for (const n of this.ofKind('logGroup')) this.logGroup(n);
    for (const n of this.ofKind('ecrRepository')) this.ecrRepository(n);
    for (const n of this.ofKind('s3Bucket')) this.bucket(n);
    for (const n of this.ofKind('efsFileSystem')) this.fileSystem(n);
    for (const n of this.ofKind('efsAccessPoint')) this.accessPoint(n);
    for (const n of this.ofKind('executionRole')) this.role(n);
    for (const n of this.ofKind('taskRole')) this.role(n);
    for (const n of this.ofKind('instanceRole')) this.role(n);
    for (const n of this.ofKind('cluster')) this.cluster(n);
    for (const n of this.ofKind('asgCapacityProvider')) this.asgCapacityProvider(n);
    for (const n of this.ofKind('cluster')) this.capacityProviderAssociations(n);
    for (const n of this.ofKind('loadBalancer')) this.loadBalancer(n);
    for (const n of this.ofKind('targetGroup')) this.targetGroup(n);
    for (const n of this.ofKind('listener')) this.listener(n);
    for (const n of this.ofKind('taskDefinition')) this.taskDefinition(n);
    for (const n of this.ofKind('service')) this.service(n);
    this.derivedIngress();
    for (const n of this.ofKind('scalableTarget')) this.scalableTarget(n);
    for (const n of this.ofKind('targetTrackingPolicy')) this.targetTracking(n);
    for (const n of this.ofKind('stepScalingPolicy')) this.stepScaling(n);
    const name = this.design.name.trim();
    // An existing VPC, subnet or security group nothing in the template uses needs no parameter.
    const used = this.usedParameters;
    return {
      // ASCII only: V8 keeps a text with a character beyond Latin-1 (an em dash was here) two bytes a character, and
      // the description is written into every format, so the whole 10 MB of a large export was two-byte.
      description: `${name.length > 0 ? name : this.design.id} - generated by ECS Designer from design ${this.design.id}`,
      parameters: this.parameters.filter((p) => !this.optionalParameters.has(p.id) || used.has(p.id)),
      resources: this.resources,
      outputs: this.outputs,
    };
  }

  /** Parameters that stand for existing nodes: left out when nothing refers to them. */
  private readonly optionalParameters = new Set<string>();

  private parameterFor(n: DesignNode): void {
    if (this.isCreatedId(n.id)) return; // a repeated node id, created by another node of that id
    const id = this.id(n);
    this.optionalParameters.add(id);
    if (n.kind === 'vpc') {
      this.parameters.push({ id, type: 'AWS::EC2::VPC::Id', description: `Existing VPC ${n.properties.name ?? ''}`.trim(), default: n.properties.vpcId ?? '', nodeId: n.id });
    } else if (n.kind === 'subnet') {
      this.parameters.push({ id, type: 'AWS::EC2::Subnet::Id', description: `Existing subnet ${n.properties.name ?? ''}`.trim(), default: n.properties.subnetId ?? '', nodeId: n.id });
    } else if (n.kind === 'securityGroup') {
      this.parameters.push({
        id,
        type: 'AWS::EC2::SecurityGroup::Id',
        description: `Existing security group ${n.properties.groupName ?? ''}`.trim(),
        default: n.properties.groupId ?? '',
        nodeId: n.id,
      });
    } else if (n.kind === 'cluster') {
      this.parameters.push({ id, type: 'String', description: 'Name of the existing ECS cluster', default: n.properties.clusterName, nodeId: n.id });
    }
  }

  // ── networking ───────────────────────────────────────────────────────────────────────────────────────

  private network(): void {
    for (const vpc of this.ofKind('vpc')) {
      if (!this.isCreatedId(vpc.id)) continue;
      const vpcId = this.id(vpc);
      this.add({
        id: vpcId,
        type: 'AWS::EC2::VPC',
        nodeId: vpc.id,
        properties: props({ CidrBlock: vpc.properties.cidrBlock, EnableDnsHostnames: true, EnableDnsSupport: true, Tags: tags(vpc.properties.tags, vpc.properties.name) }),
      });
      const subnets = this.index.incoming(vpc.id, 'subnet-vpc').map((e) => this.index.node(e.source)).filter((s): s is NodeOf<'subnet'> => s?.kind === 'subnet');
      const createdSubnets = subnets.filter((s) => this.isCreatedId(s.id));
      const cidrs = this.subnetCidrs(vpc, createdSubnets);
      createdSubnets.forEach((s, i) => {
        this.add({
          id: this.id(s),
          type: 'AWS::EC2::Subnet',
          nodeId: s.id,
          properties: props({
            VpcId: ir.ref(vpcId),
            CidrBlock: cidrs[i],
            AvailabilityZone: s.properties.availabilityZone ?? ir.select(i % 2, ir.azs()),
            MapPublicIpOnLaunch: s.properties.public ? true : undefined,
            Tags: tags(s.properties.tags, s.properties.name),
          }),
        });
      });
      // Public subnets route to an internet gateway; private ones through a NAT gateway in the first public subnet.
      const publicSubnets = createdSubnets.filter((s) => s.properties.public);
      const privateSubnets = createdSubnets.filter((s) => !s.properties.public);
      if (publicSubnets.length === 0) continue;
      const igw = this.ids.take(`${this.nodeName(vpc)} InternetGateway`);
      const attach = this.ids.take(`${this.nodeName(vpc)} GatewayAttachment`);
      const publicRt = this.ids.take(`${this.nodeName(vpc)} PublicRouteTable`);
      this.add({ id: igw, type: 'AWS::EC2::InternetGateway', nodeId: vpc.id, properties: {}, comment: 'Internet access of the public subnets' });
      this.add({ id: attach, type: 'AWS::EC2::VPCGatewayAttachment', nodeId: vpc.id, properties: { VpcId: ir.ref(vpcId), InternetGatewayId: ir.ref(igw) } });
      this.add({ id: publicRt, type: 'AWS::EC2::RouteTable', nodeId: vpc.id, properties: { VpcId: ir.ref(vpcId) } });
      this.add({
        id: this.ids.take(`${this.nodeName(vpc)} PublicDefaultRoute`),
        type: 'AWS::EC2::Route',
        nodeId: vpc.id,
        dependsOn: [attach],
        properties: { RouteTableId: ir.ref(publicRt), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ir.ref(igw) },
      });
      for (const s of publicSubnets) {
        this.add({
          id: this.ids.take(`${this.nodeName(s)} RouteTableAssociation`),
          type: 'AWS::EC2::SubnetRouteTableAssociation',
          nodeId: s.id,
          properties: { SubnetId: this.netRef(s), RouteTableId: ir.ref(publicRt) },
        });
      }
      if (privateSubnets.length === 0) continue;
      const eip = this.ids.take(`${this.nodeName(vpc)} NatEip`);
      const nat = this.ids.take(`${this.nodeName(vpc)} NatGateway`);
      const privateRt = this.ids.take(`${this.nodeName(vpc)} PrivateRouteTable`);
      this.add({ id: eip, type: 'AWS::EC2::EIP', nodeId: vpc.id, dependsOn: [attach], properties: { Domain: 'vpc' } });
      this.add({
        id: nat,
        type: 'AWS::EC2::NatGateway',
        nodeId: vpc.id,
        properties: { AllocationId: ir.getAtt(eip, 'AllocationId'), SubnetId: this.netRef(publicSubnets[0]!) },
        comment: 'Outbound access of the private subnets (image pulls, logs, AWS APIs)',
      });
      this.add({ id: privateRt, type: 'AWS::EC2::RouteTable', nodeId: vpc.id, properties: { VpcId: ir.ref(vpcId) } });
      this.add({
        id: this.ids.take(`${this.nodeName(vpc)} PrivateDefaultRoute`),
        type: 'AWS::EC2::Route',
        nodeId: vpc.id,
        properties: { RouteTableId: ir.ref(privateRt), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ir.ref(nat) },
      });
      for (const s of privateSubnets) {
        this.add({
          id: this.ids.take(`${this.nodeName(s)} RouteTableAssociation`),
          type: 'AWS::EC2::SubnetRouteTableAssociation',
          nodeId: s.id,
          properties: { SubnetId: this.netRef(s), RouteTableId: ir.ref(privateRt) },
        });
      }
    }
    for (const s of this.ofKind('subnet')) {
      if (this.isCreatedId(s.id) && !this.index.targetOf(s.id, 'subnet-vpc')) {
        throw new IacBuildError(s.id, `subnet "${this.nodeName(s)}" is created by the design but belongs to no VPC: connect it to a VPC`);
      }
    }
    for (const sg of this.ofKind('securityGroup')) {
      if (!this.isCreatedId(sg.id)) continue;
      const vpc = this.index.targetOf(sg.id, 'security-group-vpc');
      const p = sg.properties;
      this.add({
        id: this.id(sg),
        type: 'AWS::EC2::SecurityGroup',
        nodeId: sg.id,
        properties: props({
          GroupDescription: p.description ?? `Security group ${p.groupName ?? this.nodeName(sg)}`,
          GroupName: p.groupName,
          VpcId: vpc ? this.netRef(vpc) : undefined,
          SecurityGroupIngress:
            p.ingress && p.ingress.length > 0
              ? p.ingress.map((r) =>
                  props({ IpProtocol: r.protocol, FromPort: r.fromPort, ToPort: r.toPort, CidrIp: r.cidr ?? '0.0.0.0/0', Description: r.description }),
                )
              : undefined,
          Tags: tags(p.tags, p.groupName),
        }),
      });
    }
  }

  /** CIDR of each created subnet: its own, or the next free /24 of the VPC range. */
  private subnetCidrs(vpc: NodeOf<'vpc'>, subnets: readonly NodeOf<'subnet'>[]): string[] {
    const taken = new Set(subnets.flatMap((s) => (s.properties.cidrBlock ? [s.properties.cidrBlock] : [])));
    const m = /^(\d+)\.(\d+)\.\d+\.\d+\/(\d+)$/.exec(vpc.properties.cidrBlock);
    let next = 0;
    return subnets.map((s) => {
      if (s.properties.cidrBlock) return s.properties.cidrBlock;
      if (!m || Number(m[3]) > 16) {
        throw new IacBuildError(s.id, `subnet "${this.nodeName(s)}" has no CIDR block and none can be derived from the VPC range ${vpc.properties.cidrBlock}: set cidrBlock`);
      }
      let cidr: string;
      do cidr = `${m[1]}.${m[2]}.${next++}.0/24`;
      while (taken.has(cidr));
      taken.add(cidr);
      return cidr;
    });
  }

  // ── storage, images, logs ────────────────────────────────────────────────────────────────────────────

  private logGroup(n: NodeOf<'logGroup'>): void {
    const id = this.createdId(n);
    if (id === undefined) return;
    const p = n.properties;
    this.add({
      id,
      type: 'AWS::Logs::LogGroup',
      nodeId: n.id,
      properties: props({ LogGroupName: p.logGroupName, RetentionInDays: p.retentionInDays, KmsKeyId: p.kmsKeyId !== undefined ? this.kmsKeyArn(p.kmsKeyId) : undefined, Tags: tags(p.tags) }),
    });
  }

  private ecrRepository(n: NodeOf<'ecrRepository'>): void {
    const id = this.createdId(n);
    if (id === undefined) return;
    const p = n.properties;
    const lifecycle =
      p.lifecycleRules && p.lifecycleRules.length > 0
        ? {
            LifecyclePolicyText: JSON.stringify({
              rules: p.lifecycleRules.map((r) => ({
                rulePriority: r.rulePriority,
                ...(r.description !== undefined ? { description: r.description } : {}),
                selection: {
                  tagStatus: r.tagStatus,
                  ...(r.tagPrefixList !== undefined ? { tagPrefixList: r.tagPrefixList } : {}),
                  countType: r.countType,
                  ...(r.countType === 'sinceImagePushed' ? { countUnit: r.countUnit ?? 'days' } : {}),
                  countNumber: r.countNumber,
                },
                action: { type: 'expire' },
              })),
            }),
          }
        : undefined;
    this.add({
      id,
      type: 'AWS::ECR::Repository',
      nodeId: n.id,
      properties: props({
        RepositoryName: p.repositoryName,
        ImageScanningConfiguration: { ScanOnPush: p.scanOnPush },
        ImageTagMutability: p.imageTagMutability,
        EncryptionConfiguration: p.encryption !== undefined ? { EncryptionType: p.encryption } : undefined,
        LifecyclePolicy: lifecycle,
        Tags: tags(p.tags),
      }),
    });
  }

  private bucket(n: NodeOf<'s3Bucket'>): void {
    const id = this.createdId(n);
    if (id === undefined) return;
    const p = n.properties;
    this.add({
      id,
      type: 'AWS::S3::Bucket',
      nodeId: n.id,
      properties: props({
        BucketName: p.bucketName,
        VersioningConfiguration: p.versioning === true ? { Status: 'Enabled' } : undefined,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        Tags: tags(p.tags),
      }),
    });
  }

  private fileSystem(n: NodeOf<'efsFileSystem'>): void {
    const id = this.createdId(n);
    if (id === undefined) return;
    const p = n.properties;
    this.add({
      id,
      type: 'AWS::EFS::FileSystem',
      nodeId: n.id,
      properties: props({
        PerformanceMode: p.performanceMode,
        ThroughputMode: p.throughputMode,
        ProvisionedThroughputInMibps: p.throughputMode === 'provisioned' ? p.provisionedThroughputInMibps : undefined,
        Encrypted: p.encrypted,
        KmsKeyId: p.kmsKeyId,
        LifecyclePolicies: p.lifecyclePolicy !== undefined ? [{ TransitionToIA: p.lifecyclePolicy }] : undefined,
        FileSystemTags: tags(p.tags, p.name),
      }),
    });
    let groups: IrValue[] = this.nodesVia(n.id, 'efs-security-group', 'securityGroup').map((sg) => this.netRef(sg));
    const subnets = this.nodesVia(n.id, 'efs-subnet', 'subnet');
    if (groups.length === 0 && subnets.length > 0) {
      // Mount targets need a security group; create one in the subnets' VPC that the NFS rules below open.
      const vpc = this.index.targetOf(subnets[0]!.id, 'subnet-vpc');
      const sgId = this.ids.take(`${this.nodeName(n)} MountTargetSecurityGroup`);
      this.add({
        id: sgId,
        type: 'AWS::EC2::SecurityGroup',
        nodeId: n.id,
        properties: props({ GroupDescription: `EFS mount targets of ${this.nodeName(n)}`, VpcId: vpc ? this.netRef(vpc) : undefined }),
      });
      groups = [ir.ref(sgId)];
      this.efsGroups.set(n.id, groups);
    } else this.efsGroups.set(n.id, groups);
    for (const s of subnets) {
      this.add({
        id: this.ids.take(`${this.nodeName(n)} MountTarget ${this.nodeName(s)}`),
        type: 'AWS::EFS::MountTarget',
        nodeId: n.id,
        properties: { FileSystemId: ir.ref(id), SubnetId: this.netRef(s), SecurityGroups: groups },
      });
    }
  }

  private readonly efsGroups = new Map<string, IrValue[]>();

  /** Member names of task definitions converted to CloudFormation's (see cfnTaskDefinitionProperties). */
  private readonly taskDefinitionNames = new CfnMemberNames();

  private accessPoint(n: NodeOf<'efsAccessPoint'>): void {
    const id = this.createdId(n);
    if (id === undefined) return;
    const fs = this.index.targetOf(n.id, 'access-point-file-system');
    if (fs?.kind !== 'efsFileSystem') throw new IacBuildError(n.id, 'the EFS access point belongs to no file system: connect it to an EFS file system');
    const p = n.properties;
    this.add({
      id,
      type: 'AWS::EFS::AccessPoint',
      nodeId: n.id,
      properties: props({
        FileSystemId: this.fileSystemId(fs),
        PosixUser: p.posixUser
          ? props({ Uid: String(p.posixUser.uid), Gid: String(p.posixUser.gid), SecondaryGids: p.posixUser.secondaryGids?.map(String) })
          : undefined,
        RootDirectory: p.rootDirectory
          ? props({
              Path: p.rootDirectory.path,
              CreationInfo: p.rootDirectory.creationInfo
                ? { OwnerUid: String(p.rootDirectory.creationInfo.ownerUid), OwnerGid: String(p.rootDirectory.creationInfo.ownerGid), Permissions: p.rootDirectory.creationInfo.permissions }
                : undefined,
            })
          : undefined,
        AccessPointTags: tags(p.tags),
      }),
    });
  }

  // ── IAM ──────────────────────────────────────────────────────────────────────────────────────────────

  private role(n: NodeOf<'taskRole'> | NodeOf<'executionRole'> | NodeOf<'instanceRole'>): void {
    const p = n.properties;
    if (this.isCreatedId(n.id)) {
      const derived: IamStatement[] =
        n.kind === 'executionRole' ? executionRoleStatements(this.index, n, this) : n.kind === 'taskRole' ? taskRoleStatements(this.index, n, this) : [];
      const policies: IrObject[] = [];
      if (derived.length > 0) policies.push({ PolicyName: `${this.nodeName(n)}-derived`.slice(0, 128), PolicyDocument: { Version: '2012-10-17', Statement: derived } });
      for (const ip of p.inlinePolicies ?? []) {
        policies.push({
          PolicyName: ip.policyName,
          PolicyDocument: { Version: '2012-10-17', Statement: ip.statements.map(statementCopy) },
        });
      }
      this.add({
        id: this.id(n),
        type: 'AWS::IAM::Role',
        nodeId: n.id,
        comment: n.kind === 'executionRole' ? 'Starts the tasks: image pulls, logs and secrets of the connected nodes only' : undefined,
        properties: props({
          RoleName: p.roleName,
          AssumeRolePolicyDocument: trustPolicy(TRUST_PRINCIPALS[n.kind]),
          ManagedPolicyArns: p.managedPolicyArns && p.managedPolicyArns.length > 0 ? [...p.managedPolicyArns] : undefined,
          Policies: policies.length > 0 ? policies : undefined,
          Tags: tags(p.tags),
        }),
      });
    }
    if (n.kind === 'instanceRole' && this.index.incoming(n.id, 'asg-instance-role').length > 0) {
      const profileId = this.ids.take(this.nodeName(n), 'InstanceProfile');
      this.instanceProfiles.set(n.id, profileId);
      this.add({
        id: profileId,
        type: 'AWS::IAM::InstanceProfile',
        nodeId: n.id,
        properties: props({
          InstanceProfileName: n.properties.instanceProfileName,
          Roles: [p.arn !== undefined ? roleNameFromArn(p.arn) : this.ref(n)],
        }),
      });
    }
  }

  private readonly instanceProfiles = new Map<string, string>();

  // ── ECS ──────────────────────────────────────────────────────────────────────────────────────────────

  private cluster(n: NodeOf<'cluster'>): void {
    const p = n.properties;
    if (this.isCreatedId(n.id)) {
      this.add({
        id: this.id(n),
        type: 'AWS::ECS::Cluster',
        nodeId: n.id,
        properties: props({
          ClusterName: p.clusterName,
          ClusterSettings: [{ Name: 'containerInsights', Value: p.containerInsights }],
          Configuration: p.executeCommandLogging !== undefined ? { ExecuteCommandConfiguration: { Logging: p.executeCommandLogging } } : undefined,
          Tags: tags(p.tags),
        }),
      });
    }
    this.outputs.push({ id: this.ids.take(p.clusterName, 'ClusterName'), description: `Name of cluster ${p.clusterName}`, value: this.ref(n) });
  }

  private providerName(cp: DesignNode): IrValue {
    if (cp.kind === 'fargateCapacityProvider') return cp.properties.provider;
    return this.ref(cp);
  }

  private asgCapacityProvider(n: NodeOf<'asgCapacityProvider'>): void {
    const p = n.properties;
    const name = this.nodeName(n);
    const cluster = this.index.targetOf(n.id, 'capacity-provider-cluster');
    if (cluster?.kind !== 'cluster') throw new IacBuildError(n.id, `capacity provider "${p.name}" is associated with no cluster: connect it to a cluster`);
    const role = this.index.targetOf(n.id, 'asg-instance-role');
    if (role?.kind !== 'instanceRole') throw new IacBuildError(n.id, `capacity provider "${p.name}" has no instance role: connect an instance role (its instance profile lets the ECS agent register)`);
    const subnets = this.nodesVia(n.id, 'asg-subnet', 'subnet');
    if (subnets.length === 0) throw new IacBuildError(n.id, `capacity provider "${p.name}" has no subnets: connect the subnets its instances run in`);
    const ami = this.ids.take(name, 'AmiId');
    this.parameters.push({
      id: ami,
      type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
      description: `ECS-optimized AMI (${p.amiFamily}, ${p.architecture}) of capacity provider ${p.name}, from the public SSM parameter`,
      default: ecsOptimizedAmiParameter(p.amiFamily, p.architecture),
      nodeId: n.id,
    });
    const lt = this.ids.take(name, 'LaunchTemplate');
    const profile = this.instanceProfiles.get(role.id);
    if (profile === undefined) throw new Error(`internal: no instance profile for ${role.id}`);
    const groups = this.nodesVia(n.id, 'asg-security-group', 'securityGroup').map((sg) => this.netRef(sg));
    this.add({
      id: lt,
      type: 'AWS::EC2::LaunchTemplate',
      nodeId: n.id,
      properties: {
        LaunchTemplateData: props({
          ImageId: ir.ref(ami),
          InstanceType: p.instanceType,
          IamInstanceProfile: { Arn: ir.getAtt(profile, 'Arn') },
          SecurityGroupIds: groups.length > 0 ? groups : undefined,
          KeyName: p.keyName,
          MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
          UserData: ir.base64(ecsUserData(p.amiFamily, this.clusterName(cluster), p.ecsConfig)),
        }),
      },
    });
    const asg = this.ids.take(name, 'AutoScalingGroup');
    this.add({
      id: asg,
      type: 'AWS::AutoScaling::AutoScalingGroup',
      nodeId: n.id,
      properties: props({
        MinSize: String(p.minSize),
        MaxSize: String(p.maxSize),
        DesiredCapacity: p.desiredCapacity !== undefined ? String(p.desiredCapacity) : undefined,
        VPCZoneIdentifier: subnets.map((s) => this.netRef(s)),
        LaunchTemplate: { LaunchTemplateId: ir.ref(lt), Version: ir.getAtt(lt, 'LatestVersionNumber') },
        NewInstancesProtectedFromScaleIn: p.managedTerminationProtection === 'ENABLED' ? true : undefined,
        Tags: [{ Key: 'Name', Value: p.name, PropagateAtLaunch: true }, ...(p.tags ?? []).map((t) => ({ Key: t.key, Value: t.value, PropagateAtLaunch: true }))],
      }),
    });
    const ms = p.managedScaling;
    this.add({
      id: this.id(n),
      type: 'AWS::ECS::CapacityProvider',
      nodeId: n.id,
      properties: props({
        Name: p.name,
        AutoScalingGroupProvider: props({
          AutoScalingGroupArn: ir.ref(asg),
          ManagedScaling: props({
            Status: ms.status,
            TargetCapacity: ms.targetCapacity,
            MinimumScalingStepSize: ms.minimumScalingStepSize,
            MaximumScalingStepSize: ms.maximumScalingStepSize,
            InstanceWarmupPeriod: ms.instanceWarmupPeriod,
          }),
          ManagedTerminationProtection: p.managedTerminationProtection,
          ManagedDraining: p.managedDraining,
        }),
        Tags: tags(p.tags),
      }),
    });
  }

  private readonly associations = new Map<string, string>();

  private capacityProviderAssociations(n: NodeOf<'cluster'>): void {
    const edges = this.index.incoming(n.id, 'capacity-provider-cluster');
    if (edges.length === 0) return;
    const providers: IrValue[] = [];
    const strategy: IrObject[] = [];
    const seen = new Set<string>();
    for (const e of edges) {
      const cp = this.index.node(e.source);
      if (!cp) continue;
      const provider = this.providerName(cp);
      const key = JSON.stringify(provider);
      if (seen.has(key)) continue;
      seen.add(key);
      providers.push(provider);
      if (e.properties?.defaultWeight !== undefined) {
        strategy.push(props({ CapacityProvider: provider, Weight: e.properties.defaultWeight, Base: e.properties.defaultBase }));
      }
    }
    // CloudFormation requires a default strategy; without one in the design, the first provider takes all tasks.
    if (strategy.length === 0) strategy.push({ CapacityProvider: providers[0]!, Weight: 1 });
    const id = this.ids.take(this.nodeName(n), 'CapacityProviders');
    this.associations.set(n.id, id);
    this.add({
      id,
      type: 'AWS::ECS::ClusterCapacityProviderAssociations',
      nodeId: n.id,
      properties: { Cluster: this.clusterName(n), CapacityProviders: providers, DefaultCapacityProviderStrategy: strategy },
    });
  }

  private taskDefinition(n: NodeOf<'taskDefinition'>): void {
    const exported = exportTaskDefinition(this.design, n.id, this.index, { lenient: true });
    if (!exported.ok) throw new IacBuildError(n.id, exported.errors.map((e) => e.message).join('; '));
    const input = exported.input as unknown as Record<string, unknown>;
    const cfn = cfnTaskDefinitionProperties(input, this.taskDefinitionNames);
    const taskRole = this.index.targetOf(n.id, 'task-role');
    if (taskRole?.kind === 'taskRole') cfn['TaskRoleArn'] = this.roleArn(taskRole);
    const execRole = this.index.targetOf(n.id, 'execution-role');
    if (execRole?.kind === 'executionRole') cfn['ExecutionRoleArn'] = this.roleArn(execRole);

    const containers = this.index.containersOf(n.id);
    const defs = (cfn['ContainerDefinitions'] ?? []) as IrObject[];
    containers.forEach((c, i) => {
      const def = defs[i];
      if (def === undefined) return;
      const src = this.index.targetOf(c.id, 'container-image');
      const image = this.containerImage(n, c, src);
      if (image !== undefined) def['Image'] = image;
      const secretEdges = this.index.outgoing(c.id, 'container-secret');
      if (secretEdges.length > 0) {
        def['Secrets'] = secretEdges.map((e) => {
          const secret = this.index.node(e.target) as NodeOf<'secret'>;
          const { name, ...key } = e.properties ?? { name: '' };
          return { Name: name, ValueFrom: this.secretValueFrom(secret, key) };
        });
      }
      if (src?.kind === 'externalImage') {
        const credentials = this.index.targetOf(src.id, 'image-credentials');
        if (credentials?.kind === 'secret') def['RepositoryCredentials'] = { CredentialsParameter: this.secretValueFrom(credentials, {}) };
      }
      const logGroup = this.index.targetOf(c.id, 'container-log-group');
      const logConfig = def['LogConfiguration'] as IrObject | undefined;
      if (logGroup?.kind === 'logGroup' && logConfig !== undefined && logConfig['LogDriver'] === 'awslogs') {
        // Changed in place: the conversion above made these objects for this template alone.
        const options = (logConfig['Options'] ?? {}) as IrObject;
        if (this.isCreatedId(logGroup.id)) options['awslogs-group'] = this.ref(logGroup);
        if (options['awslogs-region'] === undefined || this.isCreatedId(logGroup.id)) options['awslogs-region'] = R;
        logConfig['Options'] = options;
      }
    });

    // EFS volumes: file systems and access points the template creates are referenced, not literal ids.
    const volumes = (cfn['Volumes'] ?? []) as IrObject[];
    (n.properties.volumes ?? []).forEach((v, i) => {
      const vol = volumes[i];
      const efs = vol?.['EFSVolumeConfiguration'] as IrObject | undefined;
      if (vol === undefined || efs === undefined) return;
      const fsEdge = this.index.outgoing(n.id, 'volume-efs').find((e) => e.properties?.volume === v.name);
      const fs = fsEdge ? this.index.node(fsEdge.target) : undefined;
      if (fs?.kind === 'efsFileSystem') efs['FilesystemId'] = this.fileSystemId(fs);
      const apEdge = this.index.outgoing(n.id, 'volume-access-point').find((e) => e.properties?.volume === v.name);
      const ap = apEdge ? this.index.node(apEdge.target) : undefined;
      if (ap?.kind === 'efsAccessPoint') {
        const auth = { ...((efs['AuthorizationConfig'] ?? {}) as IrObject) };
        auth['AccessPointId'] = this.isCreatedId(ap.id) ? this.ref(ap) : (ap.properties.accessPointId ?? '');
        efs['AuthorizationConfig'] = auth;
      }
    });
    // Mount targets must exist before a task mounts the file system.
    const fileSystems = this.index.targetsOf(n.id, 'volume-efs');
    const dependsOn =
      fileSystems.length === 0
        ? []
        : [
            ...new Set(
              fileSystems
                .filter((fs): fs is NodeOf<'efsFileSystem'> => fs.kind === 'efsFileSystem' && this.isCreatedId(fs.id))
                .flatMap((fs) => this.mountTargets.get(fs.id) ?? []),
            ),
          ];
    this.add({ id: this.id(n), type: 'AWS::ECS::TaskDefinition', nodeId: n.id, properties: cfn, ...(dependsOn.length > 0 ? { dependsOn } : {}) });
  }

  /** The image of a container (`src`: the node its container-image edge leads to): repository URI (Ref/GetAtt when created) and a tag parameter. */
  private containerImage(td: NodeOf<'taskDefinition'>, c: NodeOf<'container'>, src: DesignNode | undefined): IrValue | undefined {
    if (src === undefined) return undefined;
    const repo = src.kind === 'ecrRepository' ? this.ecrRepositoryUri(src) : src.kind === 'externalImage' ? src.properties.image : undefined;
    if (repo === undefined) return undefined;
    const tag = c.properties.imageTag;
    if (tag === undefined) return repo;
    const containerName = c.properties.name ?? c.id;
    const param = this.ids.take(containerName === td.properties.family ? containerName : `${td.properties.family} ${containerName}`, 'ImageTag');
    this.parameters.push({ id: param, type: 'String', description: `Image tag (or digest) of container ${c.properties.name ?? c.id} in ${td.properties.family}`, default: tag, nodeId: c.id });
    const digestOnly = tag.includes(':') && !tag.includes('@');
    return cat(repo, digestOnly ? '@' : ':', ir.ref(param));
  }

  private service(n: NodeOf<'service'>): void {
    const p = n.properties;
    const cluster = this.index.targetOf(n.id, 'service-cluster');
    if (cluster?.kind !== 'cluster') throw new IacBuildError(n.id, `service "${p.serviceName}" runs in no cluster: connect it to a cluster`);
    const td = this.index.targetOf(n.id, 'service-task-definition');
    if (td?.kind !== 'taskDefinition') throw new IacBuildError(n.id, `service "${p.serviceName}" has no task definition: connect one`);
    const dependsOn: string[] = [];
    const loadBalancers: IrObject[] = [];
    for (const e of this.index.outgoing(n.id, 'service-target-group')) {
      const tg = this.index.node(e.target);
      if (tg?.kind !== 'targetGroup') continue;
      loadBalancers.push({ TargetGroupArn: this.targetGroupArn(tg), ContainerName: e.properties?.containerName ?? '', ContainerPort: e.properties?.containerPort ?? tg.properties.port });
      // The target group must be attached to a load balancer (through its listener) before the service registers in it.
      for (const listener of this.index.sourcesOf(tg.id, 'listener-target-group')) {
        if (this.isCreatedId(listener.id)) dependsOn.push(this.id(listener));
      }
    }
    const strategy: IrObject[] = this.index.outgoing(n.id, 'service-capacity-provider').flatMap((e) => {
      const cp = this.index.node(e.target);
      return cp ? [props({ CapacityProvider: this.providerName(cp), Weight: e.properties?.weight ?? 1, Base: e.properties?.base })] : [];
    });
    const association = this.associations.get(cluster.id);
    if (association !== undefined) dependsOn.push(association);
    const awsvpc = td.properties.networkMode === 'awsvpc';
    const subnets = this.nodesVia(n.id, 'service-subnet', 'subnet').map((s) => this.netRef(s));
    const groups = this.nodesVia(n.id, 'service-security-group', 'securityGroup').map((sg) => this.netRef(sg));
    const dc = p.deploymentConfiguration;
    const id = this.id(n);
    this.add({
      id,
      type: 'AWS::ECS::Service',
      nodeId: n.id,
      dependsOn: dependsOn.length > 0 ? [...new Set(dependsOn)] : undefined,
      properties: props({
        ServiceName: p.serviceName,
        Cluster: this.clusterName(cluster),
        TaskDefinition: this.ref(td),
        SchedulingStrategy: p.schedulingStrategy,
        DesiredCount: p.schedulingStrategy === 'DAEMON' ? undefined : p.desiredCount,
        LaunchType: strategy.length > 0 ? undefined : p.launchType,
        PlatformVersion: p.platformVersion,
        CapacityProviderStrategy: strategy.length > 0 ? strategy : undefined,
        DeploymentConfiguration: dc
          ? props({
              MinimumHealthyPercent: dc.minimumHealthyPercent,
              MaximumPercent: dc.maximumPercent,
              DeploymentCircuitBreaker: dc.deploymentCircuitBreaker ? { Enable: dc.deploymentCircuitBreaker.enable, Rollback: dc.deploymentCircuitBreaker.rollback } : undefined,
              Strategy: dc.strategy,
            })
          : undefined,
        DeploymentController: p.deploymentController !== undefined ? { Type: p.deploymentController } : undefined,
        NetworkConfiguration:
          awsvpc && subnets.length > 0
            ? { AwsvpcConfiguration: props({ Subnets: subnets, SecurityGroups: groups.length > 0 ? groups : undefined, AssignPublicIp: p.assignPublicIp }) }
            : undefined,
        LoadBalancers: loadBalancers.length > 0 ? loadBalancers : undefined,
        HealthCheckGracePeriodSeconds: loadBalancers.length > 0 ? p.healthCheckGracePeriodSeconds : undefined,
        EnableExecuteCommand: p.enableExecuteCommand,
        EnableECSManagedTags: p.enableECSManagedTags,
        PropagateTags: p.propagateTags,
        AvailabilityZoneRebalancing: p.availabilityZoneRebalancing,
        PlacementStrategies: p.placementStrategy?.map((s) => props({ Type: s.type, Field: s.field })),
        PlacementConstraints: p.placementConstraints?.map((c) => props({ Type: c.type, Expression: c.expression })),
        Tags: tags(p.tags),
      }),
    });
    this.outputs.push({ id: this.ids.take(p.serviceName, 'ServiceName'), description: `Name of service ${p.serviceName}`, value: ir.getAtt(id, 'Name') });
  }

  /** Security group rules the edges imply: load balancer → tasks on the container port, tasks → EFS on NFS 2049. */
  private derivedIngress(): void {
    const seen = new Set<string>();
    const rule = (name: string, target: IrValue, source: IrValue, port: number, description: string, nodeId: string) => {
      const key = JSON.stringify([target, source, port]);
      if (seen.has(key)) return;
      seen.add(key);
      this.add({
        id: this.ids.take(name),
        type: 'AWS::EC2::SecurityGroupIngress',
        nodeId,
        properties: { GroupId: target, SourceSecurityGroupId: source, IpProtocol: 'tcp', FromPort: port, ToPort: port, Description: description },
      });
    };
    for (const svc of this.ofKind('service')) {
      const taskGroups = this.nodesVia(svc.id, 'service-security-group', 'securityGroup');
      for (const e of this.index.outgoing(svc.id, 'service-target-group')) {
        const port = e.properties?.containerPort;
        if (port === undefined) continue;
        for (const l of this.index.incoming(e.target, 'listener-target-group')) {
          const lb = this.index.targetOf(l.source, 'listener-load-balancer');
          if (lb?.kind !== 'loadBalancer') continue;
          for (const lbSg of this.nodesVia(lb.id, 'load-balancer-security-group', 'securityGroup')) {
            for (const sg of taskGroups) {
              rule(`${this.nodeName(sg)} From ${this.nodeName(lbSg)} Ingress`, this.netRef(sg), this.netRef(lbSg), port, `Port ${port} from load balancer ${lb.properties.name}`, svc.id);
            }
          }
        }
      }
      const td = this.index.targetOf(svc.id, 'service-task-definition');
      if (td?.kind !== 'taskDefinition') continue;
      for (const fs of this.index.targetsOf(td.id, 'volume-efs')) {
        if (fs.kind !== 'efsFileSystem' || !this.isCreatedId(fs.id)) continue;
        for (const efsSg of this.efsGroups.get(fs.id) ?? []) {
          for (const sg of taskGroups) {
            rule(`${this.nodeName(fs)} Nfs From ${this.nodeName(sg)}`, efsSg, this.netRef(sg), 2049, `NFS from the tasks of service ${svc.properties.serviceName}`, fs.id);
          }
        }
      }
    }
  }

  // ── load balancing ───────────────────────────────────────────────────────────────────────────────────

  private loadBalancer(n: NodeOf<'loadBalancer'>): void {
    const id = this.createdId(n);
    if (id === undefined) return;
    const p = n.properties;
    const subnets = this.nodesVia(n.id, 'load-balancer-subnet', 'subnet').map((s) => this.netRef(s));
    const groups = this.nodesVia(n.id, 'load-balancer-security-group', 'securityGroup').map((sg) => this.netRef(sg));
    this.add({
      id,
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      nodeId: n.id,
      properties: props({
        Name: p.name,
        Type: p.type,
        Scheme: p.scheme,
        Subnets: subnets.length > 0 ? subnets : undefined,
        SecurityGroups: groups.length > 0 ? groups : undefined,
        LoadBalancerAttributes:
          p.idleTimeoutSeconds !== undefined && p.type === 'application' ? [{ Key: 'idle_timeout.timeout_seconds', Value: String(p.idleTimeoutSeconds) }] : undefined,
        Tags: tags(p.tags),
      }),
    });
    this.outputs.push({ id: this.ids.take(p.name, 'DnsName'), description: `DNS name of load balancer ${p.name}`, value: ir.getAtt(id, 'DNSName') });
  }

  private targetGroup(n: NodeOf<'targetGroup'>): void {
    const id = this.createdId(n);
    if (id === undefined) return;
    const p = n.properties;
    const vpc = this.index.targetOf(n.id, 'target-group-vpc');
    const hc = p.healthCheck;
    const http = p.protocol === 'HTTP' || p.protocol === 'HTTPS';
    this.add({
      id,
      type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      nodeId: n.id,
      properties: props({
        Name: p.name,
        TargetType: p.targetType,
        Protocol: p.protocol,
        Port: p.port,
        ProtocolVersion: http ? p.protocolVersion : undefined,
        VpcId: vpc ? this.netRef(vpc) : undefined,
        HealthCheckPath: hc?.path,
        HealthCheckPort: hc?.port,
        HealthCheckProtocol: hc?.protocol,
        HealthCheckIntervalSeconds: hc?.intervalSeconds,
        HealthCheckTimeoutSeconds: hc?.timeoutSeconds,
        HealthyThresholdCount: hc?.healthyThresholdCount,
        UnhealthyThresholdCount: hc?.unhealthyThresholdCount,
        Matcher: hc?.matcher !== undefined ? (p.protocolVersion === 'GRPC' ? { GrpcCode: hc.matcher } : { HttpCode: hc.matcher }) : undefined,
        TargetGroupAttributes:
          p.deregistrationDelaySeconds !== undefined ? [{ Key: 'deregistration_delay.timeout_seconds', Value: String(p.deregistrationDelaySeconds) }] : undefined,
        Tags: tags(p.tags),
      }),
    });
  }

  private listener(n: NodeOf<'listener'>): void {
    const id = this.createdId(n);
    if (id === undefined) return;
    const p = n.properties;
    const lb = this.index.targetOf(n.id, 'listener-load-balancer');
    if (lb?.kind !== 'loadBalancer') throw new IacBuildError(n.id, `listener on port ${p.port} belongs to no load balancer: connect it to one`);
    const tg = this.index.targetOf(n.id, 'listener-target-group');
    const action: IrObject =
      tg?.kind === 'targetGroup'
        ? { Type: 'forward', TargetGroupArn: this.targetGroupArn(tg) }
        : { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not found' } };
    if (tg === undefined && lb.properties.type === 'network') {
      throw new IacBuildError(n.id, `listener on port ${p.port} of network load balancer ${lb.properties.name} forwards nowhere: connect a target group`);
    }
    this.add({
      id,
      type: 'AWS::ElasticLoadBalancingV2::Listener',
      nodeId: n.id,
      properties: props({
        LoadBalancerArn: this.loadBalancerArn(lb),
        Port: p.port,
        Protocol: p.protocol,
        Certificates: p.certificateArn !== undefined ? [{ CertificateArn: p.certificateArn }] : undefined,
        SslPolicy: p.sslPolicy,
        DefaultActions: [action],
      }),
    });
  }

  // ── service auto scaling ─────────────────────────────────────────────────────────────────────────────

  private scalableTarget(n: NodeOf<'scalableTarget'>): void {
    const svc = this.index.targetOf(n.id, 'scalable-target-service');
    if (svc?.kind !== 'service') throw new IacBuildError(n.id, 'the scalable target scales no service: connect it to a service');
    const cluster = this.index.targetOf(svc.id, 'service-cluster');
    if (cluster?.kind !== 'cluster') throw new IacBuildError(svc.id, `service "${svc.properties.serviceName}" runs in no cluster: connect it to a cluster`);
    const p = n.properties;
    const scheduled = this.index
      .incoming(n.id, 'scaling-policy-target')
      .map((e) => this.index.node(e.source))
      .filter((x): x is NodeOf<'scheduledAction'> => x?.kind === 'scheduledAction')
      .map((a) =>
        props({
          ScheduledActionName: a.properties.scheduledActionName,
          Schedule: a.properties.schedule,
          Timezone: a.properties.timezone,
          StartTime: a.properties.startTime,
          EndTime: a.properties.endTime,
          ScalableTargetAction: props({ MinCapacity: a.properties.minCapacity, MaxCapacity: a.properties.maxCapacity }),
        }),
      );
    this.add({
      id: this.id(n),
      type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      nodeId: n.id,
      properties: props({
        ServiceNamespace: 'ecs',
        ScalableDimension: 'ecs:service:DesiredCount',
        ResourceId: cat('service/', this.clusterName(cluster), '/', ir.getAtt(this.id(svc), 'Name')),
        MinCapacity: p.minCapacity,
        MaxCapacity: p.maxCapacity,
        SuspendedState: p.suspendScaleIn !== undefined ? { DynamicScalingInSuspended: p.suspendScaleIn } : undefined,
        ScheduledActions: scheduled.length > 0 ? scheduled : undefined,
      }),
    });
  }

  private policyTarget(n: DesignNode): NodeOf<'scalableTarget'> {
    const t = this.index.targetOf(n.id, 'scaling-policy-target');
    if (t?.kind !== 'scalableTarget') throw new IacBuildError(n.id, 'the scaling policy acts on no scalable target: connect it to one');
    return t;
  }

  private targetTracking(n: NodeOf<'targetTrackingPolicy'>): void {
    const target = this.policyTarget(n);
    const p = n.properties;
    let resourceLabel: IrValue | undefined;
    if (p.metric === 'ALBRequestCountPerTarget') {
      const svc = this.index.targetOf(target.id, 'scalable-target-service');
      const tg = svc ? this.nodesVia(svc.id, 'service-target-group', 'targetGroup')[0] : undefined;
      const listener = tg ? this.index.incoming(tg.id, 'listener-target-group')[0] : undefined;
      const lb = listener ? this.index.targetOf(listener.source, 'listener-load-balancer') : undefined;
      if (tg === undefined || lb?.kind !== 'loadBalancer') {
        throw new IacBuildError(n.id, `policy "${p.policyName}" tracks ALBRequestCountPerTarget but the service is not behind a load balancer target group`);
      }
      const lbName = lb.properties.arn !== undefined ? arnSuffix(lb.properties.arn, ':loadbalancer/') : ir.getAtt(this.id(lb), 'LoadBalancerFullName');
      const tgName = tg.properties.arn !== undefined ? arnSuffix(tg.properties.arn, ':') : ir.getAtt(this.id(tg), 'TargetGroupFullName');
      resourceLabel = cat(lbName, '/', typeof tgName === 'string' ? tgName.slice(tgName.indexOf('targetgroup/')) : tgName);
    }
    this.add({
      id: this.id(n),
      type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      nodeId: n.id,
      properties: {
        PolicyName: p.policyName,
        PolicyType: 'TargetTrackingScaling',
        ScalingTargetId: ir.ref(this.id(target)),
        TargetTrackingScalingPolicyConfiguration: props({
          TargetValue: p.targetValue,
          PredefinedMetricSpecification: props({ PredefinedMetricType: p.metric, ResourceLabel: resourceLabel }),
          ScaleInCooldown: p.scaleInCooldown,
          ScaleOutCooldown: p.scaleOutCooldown,
          DisableScaleIn: p.disableScaleIn,
        }),
      },
    });
  }

  private stepScaling(n: NodeOf<'stepScalingPolicy'>): void {
    const target = this.policyTarget(n);
    const p = n.properties;
    const id = this.id(n);
    this.add({
      id,
      type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      nodeId: n.id,
      properties: {
        PolicyName: p.policyName,
        PolicyType: 'StepScaling',
        ScalingTargetId: ir.ref(this.id(target)),
        StepScalingPolicyConfiguration: props({
          AdjustmentType: p.adjustmentType,
          Cooldown: p.cooldown,
          MetricAggregationType: p.metricAggregationType,
          MinAdjustmentMagnitude: p.adjustmentType === 'PercentChangeInCapacity' ? p.minAdjustmentMagnitude : undefined,
          StepAdjustments: p.stepAdjustments.map((s) =>
            props({ MetricIntervalLowerBound: s.metricIntervalLowerBound, MetricIntervalUpperBound: s.metricIntervalUpperBound, ScalingAdjustment: s.scalingAdjustment }),
          ),
        }),
      },
    });
    const a = p.alarm;
    this.add({
      id: this.ids.take(a.alarmName ?? p.policyName, 'Alarm'),
      type: 'AWS::CloudWatch::Alarm',
      nodeId: n.id,
      comment: `Triggers step scaling policy ${p.policyName}`,
      properties: props({
        AlarmName: a.alarmName,
        Namespace: a.namespace,
        MetricName: a.metricName,
        Dimensions: a.dimensions && a.dimensions.length > 0 ? a.dimensions.map((d) => ({ Name: d.name, Value: d.value })) : undefined,
        Statistic: a.statistic,
        Period: a.period,
        EvaluationPeriods: a.evaluationPeriods,
        Threshold: a.threshold,
        ComparisonOperator: a.comparisonOperator,
        AlarmActions: [ir.ref(id)],
      }),
    });
  }
}

/** The resource graph of a design. Throws IacBuildError when a node lacks what its resource needs. */
export function buildResourceGraph(design: Design): IrTemplate {
  return new GraphBuilder(design).build();
}
