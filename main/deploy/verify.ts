/**
 * Verify: read-only checks of a design against the live account before anything changes (what ecspresso's
 * `verify` does, and more). Everything the design REFERENCES must exist and fit: an existing cluster, roles given
 * by ARN (and their trust), images in ECR repositories, secrets and parameters, existing log groups, existing
 * target groups (attached to a load balancer, protocol / target type / port matching the container), existing
 * VPCs, subnets and security groups (all of one user in one VPC). What the design CREATES must be creatable: the
 * names of created clusters, named roles, log groups and ECR repositories are free, or taken by our own resources
 * (our design tag, or a resource of our CloudFormation stack).
 *
 * Only Describe/List/Get calls are made. Findings have the validator's shape (rule id, node id, JSON path into the
 * design file) so they show on the nodes.
 */
import { DescribeClustersCommand, type Cluster } from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, DescribeRepositoriesCommand, ListTagsForResourceCommand } from '@aws-sdk/client-ecr';
import { DescribeLogGroupsCommand, ListTagsLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand } from '@aws-sdk/client-efs';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, type TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand } from '@aws-sdk/client-ssm';
import type { Finding } from '../../shared/findings';
import { DEPLOY_RULES } from '../../shared/rules/deployRules';
import { stackNameOf } from '../../shared/iac/index';
import type { IrTemplate } from '../../shared/iac/ir';
import { DesignIndex, type Design } from '../../shared/model/document';
import { TRUST_PRINCIPALS } from '../../shared/model/kinds/iam';
import type { DesignNode, NodeOf } from '../../shared/model/nodes';
import type { AwsTarget } from '../aws/clientConfig';
import { createDeployClients, type ApiCall, type DeployClientSet } from './clients';
import { stackPhysicalIds, targetEnv } from './status';
import { TAG_DESIGN } from './types';
import { awsMessage, errorName, tagsToRecord } from './values';

export interface VerifyOptions {
  readonly target: AwsTarget;
  /** The design's id: the ownership tag value (a created resource's name may be taken only by ours). */
  readonly designId: string;
  /** Template parameter values by id (existing network ids, cluster names, image tags); others take their defaults. */
  readonly parameters?: Record<string, string>;
  /** Sees every AWS API call (tests check that none changes anything). */
  readonly onCall?: (c: ApiCall) => void;
  /** The design's CloudFormation stack (default: named after the design): what it created is ours too. */
  readonly stackName?: string;
}

/** Every rule verify reports (the table lives in shared/rules for docs/rules.md and the renderer). */
export const VERIFY_RULES = DEPLOY_RULES.filter((r) => r.id !== 'deploy/apply-failed');

const SEVERITY = new Map(VERIFY_RULES.map((r) => [r.id, r.severity]));

type Any = DesignNode;

const lastSegment = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

function label(n: Any): string {
  const p = n.properties as Record<string, unknown>;
  const name = ['serviceName', 'clusterName', 'family', 'name', 'roleName', 'repositoryName', 'logGroupName', 'groupName'].map((k) => p[k]).find((v) => typeof v === 'string');
  const fallback = typeof p['arn'] === 'string' ? lastSegment(p['arn']) : n.id;
  return `${n.kind} "${typeof name === 'string' ? name : fallback}"`;
}

const arnAccount = (arn: string) => arn.split(':')[4] ?? '';
const arnRegion = (arn: string) => arn.split(':')[3] ?? '';

/** Whether a trust policy lets `service` assume the role (an Allow of sts:AssumeRole to that service principal). */
export function trusts(policyDocument: string | undefined, service: string): boolean {
  if (policyDocument === undefined) return false;
  let doc: unknown;
  try {
    doc = JSON.parse(decodeURIComponent(policyDocument));
  } catch {
    try {
      doc = JSON.parse(policyDocument);
    } catch {
      return false;
    }
  }
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  const statements = list((doc as { Statement?: unknown }).Statement);
  return statements.some((s) => {
    const st = s as { Effect?: string; Action?: unknown; Principal?: unknown };
    if (st.Effect !== 'Allow') return false;
    const actions = list(st.Action).filter((a): a is string => typeof a === 'string');
    if (!actions.some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*')) return false;
    const principal = st.Principal as { Service?: unknown } | string | undefined;
    if (principal === '*') return true;
    return typeof principal === 'object' && principal !== null && list(principal.Service).includes(service);
  });
}

/** An ECR image reference: account, region, repository and tag or digest. */
export function parseEcrImage(image: string): { account: string; region: string; repository: string; tag?: string; digest?: string } | undefined {
  const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[a-f0-9]+))?$/.exec(image);
  if (!m) return undefined;
  return { account: m[1]!, region: m[2]!, repository: m[3]!, ...(m[4] !== undefined ? { tag: m[4] } : {}), ...(m[5] !== undefined ? { digest: m[5] } : {}) };
}

/** The SSM parameter name in a parameter ARN ("arn:…:parameter/a/b" → "/a/b", "arn:…:parameter/a" → "a"). */
export function ssmNameOfArn(arn: string): string {
  const rest = arn.slice(arn.indexOf(':parameter') + ':parameter'.length);
  return rest.lastIndexOf('/') === 0 ? rest.slice(1) : rest;
}

class Verifier {
  readonly findings: Finding[] = [];
  readonly index: DesignIndex;
  /** Parameter value per node id (existing network ids, existing cluster name, container image tag). */
  readonly paramOf = new Map<string, string>();
  /** VPC of each vpc / subnet / security group node: "id:vpc-…" when known, "node:<vpc node id>" when created. */
  readonly vpcOf = new Map<string, string>();
  accountId = '';
  /** Physical ids of the resources of our CloudFormation stack (stack tags may not reach every resource). */
  stackIds = new Set<string>();

  constructor(
    readonly design: Design,
    readonly clients: DeployClientSet,
    readonly opts: VerifyOptions,
  ) {
    this.index = new DesignIndex(design);
  }

  add(rule: string, nodeId: string, path: (string | number)[], message: string): void {
    const severity = SEVERITY.get(rule);
    if (severity === undefined) throw new Error(`internal: verify rule ${rule} is not in VERIFY_RULES (shared/rules/deployRules.ts)`);
    this.findings.push({ rule, severity, message, nodeId, path: this.index.pointer(nodeId, ...path) });
  }

  warnIncomplete(n: Any, path: (string | number)[], what: string, e: unknown): void {
    this.add('deploy/verify-incomplete', n.id, path, `${label(n)}: could not check ${what}: ${awsMessage(e)}`);
  }

  nodes<K extends DesignNode['kind']>(kind: K): NodeOf<K>[] {
    return this.index.ofKind(kind);
  }

  // ── clusters ─────────────────────────────────────────────────────────────────────────────────────────

  async clusters(): Promise<void> {
    const nodes = this.nodes('cluster');
    if (nodes.length === 0) return;
    const nameOf = (n: NodeOf<'cluster'>) => (n.properties.existing === true ? (this.paramOf.get(n.id) ?? n.properties.clusterName) : n.properties.clusterName);
    const names = [...new Set(nodes.map(nameOf))];
    const live = new Map<string, Cluster>();
    try {
      for (let i = 0; i < names.length; i += 100) {
        const res = await this.clients.ecs.send(new DescribeClustersCommand({ clusters: names.slice(i, i + 100), include: ['TAGS'] }));
        for (const c of res.clusters ?? []) if (c.clusterName && c.status !== 'INACTIVE') live.set(c.clusterName, c);
      }
    } catch (e) {
      for (const n of nodes) this.warnIncomplete(n, ['properties', 'clusterName'], 'the cluster', e);
      return;
    }
    for (const n of nodes) {
      const name = nameOf(n);
      const c = live.get(name);
      if (n.properties.existing === true) {
        if (!c) this.add('deploy/cluster-missing', n.id, ['properties', 'clusterName'], `${label(n)}: the design uses an existing cluster "${name}", but there is no active cluster of that name in ${this.opts.target.region}`);
      } else if (c && tagsToRecord(c.tags)[TAG_DESIGN] !== this.opts.designId && !this.stackIds.has(name)) {
        this.add('deploy/cluster-name-taken', n.id, ['properties', 'clusterName'], `${label(n)}: a cluster named "${name}" already exists and is not from this design (no ${TAG_DESIGN} tag of it); rename the cluster, or mark it existing to run in it`);
      }
    }
  }

  // ── names of what the design creates ─────────────────────────────────────────────────────────────────

  private takenBy(tags: Readonly<Record<string, string>>, name: string): boolean {
    return tags[TAG_DESIGN] !== this.opts.designId && !this.stackIds.has(name);
  }

  private nameTaken(n: Any, prop: string, what: string): void {
    this.add('deploy/name-taken', n.id, ['properties', prop], `${label(n)}: ${what} already exists and is not from this design (no ${TAG_DESIGN} tag of it); the deploy would not take it over: rename it, or reference the existing one`);
  }

  /** Named roles, log groups and ECR repositories the design creates: the name is free, or the resource is ours. */
  async createdNames(): Promise<void> {
    for (const kind of ['taskRole', 'executionRole', 'instanceRole'] as const) {
      for (const n of this.nodes(kind)) {
        const name = n.properties.roleName;
        if (n.properties.arn !== undefined || name === undefined) continue;
        try {
          const role = (await this.clients.iam.send(new GetRoleCommand({ RoleName: name }))).Role;
          if (role && this.takenBy(tagsToRecord(role.Tags), name)) this.nameTaken(n, 'roleName', `a role named ${name}`);
        } catch (e) {
          if (errorName(e) !== 'NoSuchEntityException' && errorName(e) !== 'NoSuchEntity') this.warnIncomplete(n, ['properties', 'roleName'], 'whether the role name is free', e);
        }
      }
    }
    for (const n of this.nodes('logGroup')) {
      if (n.properties.existing === true) continue;
      const name = n.properties.logGroupName;
      try {
        const group = ((await this.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups ?? []).find((g) => g.logGroupName === name);
        if (!group) continue;
        const tags = (await this.clients.logs.send(new ListTagsLogGroupCommand({ logGroupName: name }))).tags ?? {};
        if (this.takenBy(tags, name)) this.nameTaken(n, 'logGroupName', `a log group named ${name}`);
      } catch (e) {
        this.warnIncomplete(n, ['properties', 'logGroupName'], 'whether the log group name is free', e);
      }
    }
    for (const n of this.nodes('ecrRepository')) {
      const p = n.properties;
      if (p.existing === true || (p.accountId !== undefined && p.accountId !== this.accountId) || (p.region !== undefined && p.region !== this.opts.target.region)) continue;
      try {
        const repo = (await this.clients.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [p.repositoryName] }))).repositories?.[0];
        if (!repo?.repositoryArn) continue;
        const tags = (await this.clients.ecr.send(new ListTagsForResourceCommand({ resourceArn: repo.repositoryArn }))).tags;
        if (this.takenBy(tagsToRecord(tags), p.repositoryName)) this.nameTaken(n, 'repositoryName', `a repository named ${p.repositoryName}`);
      } catch (e) {
        if (errorName(e) !== 'RepositoryNotFoundException') this.warnIncomplete(n, ['properties', 'repositoryName'], 'whether the repository name is free', e);
      }
    }
  }

  // ── roles ────────────────────────────────────────────────────────────────────────────────────────────

  async roles(): Promise<void> {
    for (const kind of ['taskRole', 'executionRole', 'instanceRole'] as const) {
      for (const n of this.nodes(kind)) {
        const arn = n.properties.arn;
        if (arn === undefined) continue;
        if (arnAccount(arn) !== '' && arnAccount(arn) !== this.accountId) {
          this.add('deploy/verify-incomplete', n.id, ['properties', 'arn'], `${label(n)}: the role is in account ${arnAccount(arn)}, not the target account ${this.accountId}; its existence and trust were not checked`);
          continue;
        }
        const principal = TRUST_PRINCIPALS[kind];
        try {
          const role = (await this.clients.iam.send(new GetRoleCommand({ RoleName: lastSegment(arn) }))).Role;
          if (!trusts(role?.AssumeRolePolicyDocument, principal)) {
            this.add('deploy/role-trust', n.id, ['properties', 'arn'], `${label(n)}: role ${lastSegment(arn)} does not trust ${principal} (its trust policy has no Allow of sts:AssumeRole for that service), so ${kind === 'instanceRole' ? 'EC2 instances' : 'ECS tasks'} cannot assume it`);
          }
        } catch (e) {
          if (errorName(e) === 'NoSuchEntityException' || errorName(e) === 'NoSuchEntity') this.add('deploy/role-missing', n.id, ['properties', 'arn'], `${label(n)}: role ${arn} does not exist`);
          else this.warnIncomplete(n, ['properties', 'arn'], 'the role', e);
        }
      }
    }
  }

  // ── images ───────────────────────────────────────────────────────────────────────────────────────────

  /** Whether the repository exists (undefined: could not tell; a finding says why). */
  private readonly repoCache = new Map<string, Promise<boolean | Error>>();

  private repositoryExists(name: string, registryId: string | undefined): Promise<boolean | Error> {
    const key = `${registryId ?? ''}/${name}`;
    let p = this.repoCache.get(key);
    if (!p) {
      p = this.clients.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name], ...(registryId ? { registryId } : {}) })).then(
        (r) => (r.repositories ?? []).length > 0,
        (e: unknown) => (errorName(e) === 'RepositoryNotFoundException' ? false : e instanceof Error ? e : new Error(String(e))),
      );
      this.repoCache.set(key, p);
    }
    return p;
  }

  private async imageExists(repository: string, registryId: string | undefined, ref: { tag?: string; digest?: string }): Promise<boolean | Error> {
    try {
      const res = await this.clients.ecr.send(
        new DescribeImagesCommand({ repositoryName: repository, ...(registryId ? { registryId } : {}), imageIds: [ref.digest !== undefined ? { imageDigest: ref.digest } : { imageTag: ref.tag ?? 'latest' }] }),
      );
      return (res.imageDetails ?? []).length > 0;
    } catch (e) {
      if (errorName(e) === 'ImageNotFoundException') return false;
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  async images(): Promise<void> {
    for (const c of this.nodes('container')) {
      const src = this.index.targetOf(c.id, 'container-image');
      const tagValue = this.paramOf.get(c.id) ?? c.properties.imageTag;
      const ref = tagValue === undefined ? { tag: 'latest' } : tagValue.startsWith('sha256:') ? { digest: tagValue } : { tag: tagValue };
      const shown = ref.digest ?? ref.tag;
      if (src?.kind === 'ecrRepository') {
        const repo = src as NodeOf<'ecrRepository'>;
        const p = repo.properties;
        const otherAccount = p.accountId !== undefined && p.accountId !== this.accountId;
        const otherRegion = p.region !== undefined && p.region !== this.opts.target.region;
        if (otherRegion) {
          this.add('deploy/verify-incomplete', c.id, ['properties', 'imageTag'], `${label(c)}: the image is in ${p.region}, not the target region; it was not checked`);
          continue;
        }
        const registryId = otherAccount ? p.accountId : undefined;
        const exists = await this.repositoryExists(p.repositoryName, registryId);
        if (exists instanceof Error) {
          this.warnIncomplete(c, ['properties', 'imageTag'], `repository ${p.repositoryName}`, exists);
          continue;
        }
        const created = p.existing !== true;
        if (!exists) {
          if (created) this.add('deploy/image-not-pushed', c.id, ['properties', 'imageTag'], `${label(c)}: the design creates repository ${p.repositoryName}; push ${p.repositoryName}:${shown} to it before the service starts, or its tasks stop with CannotPullContainerError`);
          else this.add('deploy/image-repository-missing', repo.id, ['properties', 'repositoryName'], `${label(repo)}: the existing repository ${p.repositoryName} does not exist${registryId ? ` in registry ${registryId}` : ''}`);
          continue;
        }
        const image = await this.imageExists(p.repositoryName, registryId, ref);
        if (image instanceof Error) this.warnIncomplete(c, ['properties', 'imageTag'], `image ${p.repositoryName}:${shown}`, image);
        else if (!image) {
          const message = `${label(c)}: repository ${p.repositoryName} has no image ${ref.digest !== undefined ? `with digest ${shown}` : `tagged ${shown}`}; tasks would stop with CannotPullContainerError`;
          // A repository the design creates may get the image pushed after it is created: advice, not a blocker.
          if (created) this.add('deploy/image-not-pushed', c.id, ['properties', 'imageTag'], message);
          else this.add('deploy/image-missing', c.id, ['properties', 'imageTag'], message);
        }
      } else if (src === undefined && c.properties.image !== undefined) {
        const ecr = parseEcrImage(c.properties.image);
        if (!ecr || ecr.account !== this.accountId || ecr.region !== this.opts.target.region) continue; // not a private ECR image of the target
        const exists = await this.repositoryExists(ecr.repository, undefined);
        if (exists instanceof Error) this.warnIncomplete(c, ['properties', 'image'], `repository ${ecr.repository}`, exists);
        else if (!exists) this.add('deploy/image-repository-missing', c.id, ['properties', 'image'], `${label(c)}: image ${c.properties.image} is in repository ${ecr.repository}, which does not exist`);
        else {
          const image = await this.imageExists(ecr.repository, undefined, ecr.digest !== undefined ? { digest: ecr.digest } : { tag: ecr.tag ?? 'latest' });
          if (image instanceof Error) this.warnIncomplete(c, ['properties', 'image'], `image ${c.properties.image}`, image);
          else if (!image) this.add('deploy/image-missing', c.id, ['properties', 'image'], `${label(c)}: image ${c.properties.image} is not in repository ${ecr.repository}; tasks would stop with CannotPullContainerError`);
        }
      }
    }
  }

  // ── secrets ──────────────────────────────────────────────────────────────────────────────────────────

  async secrets(): Promise<void> {
    for (const n of this.nodes('secret')) {
      const used = this.index.incoming(n.id, 'container-secret').length + this.index.incoming(n.id, 'image-credentials').length > 0;
      if (!used) continue;
      const p = n.properties;
      const key = p.arn !== undefined ? 'arn' : 'name';
      const ref = p.arn ?? p.name;
      if (ref === undefined) continue; // the validator reports a secret without ARN or name
      if (p.arn !== undefined && (arnRegion(p.arn) !== this.opts.target.region || arnAccount(p.arn) !== this.accountId)) {
        this.add('deploy/verify-incomplete', n.id, ['properties', 'arn'], `${label(n)}: ${p.arn} is in another account or region; it was not checked`);
        continue;
      }
      try {
        if (p.store === 'secretsmanager') {
          await this.clients.secrets.send(new DescribeSecretCommand({ SecretId: ref }));
        } else {
          const name = p.arn !== undefined ? ssmNameOfArn(p.arn) : ref;
          const res = await this.clients.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [name] }] }));
          if ((res.Parameters ?? []).length === 0) {
            this.add('deploy/secret-missing', n.id, ['properties', key], `${label(n)}: SSM parameter ${name} does not exist in ${this.opts.target.region}; the task would not start (ResourceInitializationError)`);
          }
        }
      } catch (e) {
        if (errorName(e) === 'ResourceNotFoundException') this.add('deploy/secret-missing', n.id, ['properties', key], `${label(n)}: secret ${ref} does not exist in Secrets Manager; the task would not start (ResourceInitializationError)`);
        else this.warnIncomplete(n, ['properties', key], 'the secret', e);
      }
    }
  }

  // ── log groups ───────────────────────────────────────────────────────────────────────────────────────

  async logGroups(): Promise<void> {
    for (const n of this.nodes('logGroup')) {
      if (n.properties.existing !== true) continue;
      const name = n.properties.logGroupName;
      try {
        const res = await this.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
        if (!(res.logGroups ?? []).some((g) => g.logGroupName === name)) {
          this.add('deploy/log-group-missing', n.id, ['properties', 'logGroupName'], `${label(n)}: the existing log group ${name} does not exist; containers logging to it would fail to start`);
        }
      } catch (e) {
        this.warnIncomplete(n, ['properties', 'logGroupName'], 'the log group', e);
      }
    }
  }

  // ── network ──────────────────────────────────────────────────────────────────────────────────────────

  async network(): Promise<void> {
    for (const n of this.nodes('vpc')) {
      if (n.properties.vpcId === undefined) {
        this.vpcOf.set(n.id, `node:${n.id}`);
        continue;
      }
      const id = this.paramOf.get(n.id) ?? n.properties.vpcId;
      try {
        const res = await this.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [id] }));
        if ((res.Vpcs ?? []).length === 0) throw Object.assign(new Error(id), { name: 'InvalidVpcID.NotFound' });
        this.vpcOf.set(n.id, `id:${id}`);
      } catch (e) {
        if (errorName(e) === 'InvalidVpcID.NotFound') this.add('deploy/vpc-missing', n.id, ['properties', 'vpcId'], `${label(n)}: VPC ${id} does not exist in ${this.opts.target.region}`);
        else this.warnIncomplete(n, ['properties', 'vpcId'], 'the VPC', e);
      }
    }
    const declaredVpc = (n: Any, edge: 'subnet-vpc' | 'security-group-vpc') => {
      const v = this.index.targetOf(n.id, edge);
      return v ? this.vpcOf.get(v.id) : undefined;
    };
    for (const n of this.nodes('subnet')) {
      if (n.properties.subnetId === undefined) {
        const v = declaredVpc(n, 'subnet-vpc');
        if (v) this.vpcOf.set(n.id, v);
        continue;
      }
      const id = this.paramOf.get(n.id) ?? n.properties.subnetId;
      try {
        const s = (await this.clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [id] }))).Subnets?.[0];
        if (!s) throw Object.assign(new Error(id), { name: 'InvalidSubnetID.NotFound' });
        this.setLiveVpc(n, 'subnet-vpc', ['properties', 'subnetId'], `subnet ${id}`, s.VpcId ?? '');
      } catch (e) {
        if (errorName(e) === 'InvalidSubnetID.NotFound') this.add('deploy/subnet-missing', n.id, ['properties', 'subnetId'], `${label(n)}: subnet ${id} does not exist in ${this.opts.target.region}`);
        else this.warnIncomplete(n, ['properties', 'subnetId'], 'the subnet', e);
      }
    }
    for (const n of this.nodes('securityGroup')) {
      if (n.properties.groupId === undefined) {
        const v = declaredVpc(n, 'security-group-vpc');
        if (v) this.vpcOf.set(n.id, v);
        continue;
      }
      const id = this.paramOf.get(n.id) ?? n.properties.groupId;
      try {
        const g = (await this.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups?.[0];
        if (!g) throw Object.assign(new Error(id), { name: 'InvalidGroup.NotFound' });
        this.setLiveVpc(n, 'security-group-vpc', ['properties', 'groupId'], `security group ${id}`, g.VpcId ?? '');
      } catch (e) {
        if (errorName(e) === 'InvalidGroup.NotFound' || errorName(e) === 'InvalidGroupId.Malformed') this.add('deploy/security-group-missing', n.id, ['properties', 'groupId'], `${label(n)}: security group ${id} does not exist in ${this.opts.target.region}`);
        else this.warnIncomplete(n, ['properties', 'groupId'], 'the security group', e);
      }
    }
  }

  private setLiveVpc(n: Any, edge: 'subnet-vpc' | 'security-group-vpc', path: string[], what: string, vpcId: string): void {
    const live = `id:${vpcId}`;
    this.vpcOf.set(n.id, live);
    const declared = this.index.targetOf(n.id, edge);
    const want = declared ? this.vpcOf.get(declared.id) : undefined;
    if (declared && want !== undefined && want !== live) {
      this.add('deploy/network-vpc-mismatch', n.id, path, `${label(n)}: ${what} is in VPC ${vpcId}, but the design connects it to ${label(declared)}${want.startsWith('id:') ? ` (${want.slice(3)})` : ', which the design creates'}`);
    }
  }

  /** Subnets, security groups (and target groups) of one user all in one VPC. */
  private checkOneVpc(user: Any, members: { what: string; vpc: string | undefined }[]): void {
    const known = members.filter((m): m is { what: string; vpc: string } => m.vpc !== undefined);
    const vpcs = new Set(known.map((m) => m.vpc));
    if (vpcs.size <= 1) return;
    const show = (v: string) => (v.startsWith('id:') ? v.slice(3) : `the VPC of node ${v.slice(5)} (created)`);
    const byVpc = [...vpcs].map((v) => `${show(v)}: ${known.filter((m) => m.vpc === v).map((m) => m.what).join(', ')}`);
    this.add('deploy/network-vpc-mismatch', user.id, [], `${label(user)}: its subnets, security groups and target groups must be in one VPC, but they are in ${vpcs.size}: ${byVpc.join('; ')}`);
  }

  private membersOf(user: Any, subnetEdge: 'service-subnet' | 'asg-subnet' | 'efs-subnet' | 'load-balancer-subnet', sgEdge: 'service-security-group' | 'asg-security-group' | 'efs-security-group' | 'load-balancer-security-group') {
    const out: { what: string; vpc: string | undefined }[] = [];
    for (const e of this.index.outgoing(user.id, subnetEdge)) {
      const s = this.index.node(e.target);
      if (s) out.push({ what: label(s), vpc: this.vpcOf.get(s.id) });
    }
    for (const e of this.index.outgoing(user.id, sgEdge)) {
      const s = this.index.node(e.target);
      if (s) out.push({ what: label(s), vpc: this.vpcOf.get(s.id) });
    }
    return out;
  }

  // ── load balancing ───────────────────────────────────────────────────────────────────────────────────

  async loadBalancing(): Promise<void> {
    const liveTg = new Map<string, TargetGroup>();
    for (const n of this.nodes('targetGroup')) {
      const arn = n.properties.arn;
      if (arn === undefined) continue;
      try {
        const tg = (await this.clients.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] }))).TargetGroups?.[0];
        if (!tg) throw Object.assign(new Error(arn), { name: 'TargetGroupNotFoundException' });
        liveTg.set(n.id, tg);
        if (tg.VpcId) this.vpcOf.set(n.id, `id:${tg.VpcId}`);
        const listened = this.index.incoming(n.id, 'listener-target-group').length > 0;
        if ((tg.LoadBalancerArns ?? []).length === 0 && !listened) {
          this.add('deploy/target-group-no-load-balancer', n.id, ['properties', 'arn'], `${label(n)}: target group ${tg.TargetGroupName ?? arn} is not attached to a load balancer, and no listener of the design forwards to it; a service cannot register in it (ECS refuses the service)`);
        }
        const p = n.properties;
        const diffs = [
          p.targetType !== undefined && tg.TargetType !== undefined && p.targetType !== tg.TargetType ? `target type ${p.targetType} (live ${tg.TargetType})` : undefined,
          p.protocol !== undefined && tg.Protocol !== undefined && p.protocol !== tg.Protocol ? `protocol ${p.protocol} (live ${tg.Protocol})` : undefined,
          p.port !== undefined && tg.Port !== undefined && p.port !== tg.Port ? `port ${p.port} (live ${tg.Port})` : undefined,
        ].filter((d): d is string => d !== undefined);
        if (diffs.length > 0) this.add('deploy/target-group-mismatch', n.id, ['properties'], `${label(n)}: the design describes the existing target group differently: ${diffs.join(', ')}; the checks use the live values`);
      } catch (e) {
        if (errorName(e) === 'TargetGroupNotFoundException' || errorName(e) === 'ValidationError') this.add('deploy/target-group-missing', n.id, ['properties', 'arn'], `${label(n)}: target group ${arn} does not exist in ${this.opts.target.region}`);
        else this.warnIncomplete(n, ['properties', 'arn'], 'the target group', e);
      }
    }
    for (const n of this.nodes('loadBalancer')) {
      const arn = n.properties.arn;
      if (arn === undefined) continue;
      try {
        const lb = (await this.clients.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers?.[0];
        if (!lb) throw Object.assign(new Error(arn), { name: 'LoadBalancerNotFoundException' });
        if (lb.VpcId) this.vpcOf.set(n.id, `id:${lb.VpcId}`);
      } catch (e) {
        if (errorName(e) === 'LoadBalancerNotFoundException' || errorName(e) === 'ValidationError') this.add('deploy/load-balancer-missing', n.id, ['properties', 'arn'], `${label(n)}: load balancer ${arn} does not exist in ${this.opts.target.region}`);
        else this.warnIncomplete(n, ['properties', 'arn'], 'the load balancer', e);
      }
    }
    // Existing target groups against the services that register in them.
    for (const svc of this.nodes('service')) {
      const td = this.index.targetOf(svc.id, 'service-task-definition');
      const containers = td?.kind === 'taskDefinition' ? this.index.containersOf(td.id) : [];
      const networkMode = td?.kind === 'taskDefinition' ? (td.properties.networkMode ?? ((td.properties.requiresCompatibilities ?? []).includes('FARGATE') ? 'awsvpc' : 'bridge')) : undefined;
      this.design.edges.forEach((e, edgeIndex) => {
        if (e.kind !== 'service-target-group' || e.source !== svc.id) return;
        const tgNode = this.index.node(e.target);
        const tg = tgNode ? liveTg.get(tgNode.id) : undefined;
        if (!tgNode || !tg) return;
        const props = (e.properties ?? {}) as { containerName?: string; containerPort?: number };
        const at = (msg: string) => `${label(svc)} → ${label(tgNode)}: ${msg}`;
        const push = (rule: string, message: string) => this.findings.push({ rule, severity: SEVERITY.get(rule) ?? 'error', message: at(message), nodeId: tgNode.id, path: `/edges/${edgeIndex}` });
        const wantType = networkMode === 'awsvpc' ? 'ip' : 'instance';
        if (networkMode !== undefined && tg.TargetType !== undefined && tg.TargetType !== 'alb' && tg.TargetType !== wantType) {
          push('deploy/target-group-target-type', `target group ${tg.TargetGroupName ?? ''} has target type ${tg.TargetType}; tasks in ${networkMode} network mode register as ${wantType} targets, so ECS refuses the service`);
        }
        const container = containers.find((c) => (c.properties.name ?? c.id) === props.containerName);
        const mapping = container?.properties.portMappings?.find((m) => m.containerPort === props.containerPort);
        if (container && !mapping) {
          push('deploy/target-group-port', `container ${props.containerName ?? ''} has no port mapping for container port ${props.containerPort ?? ''}, which the service registers in the target group`);
        } else if (mapping) {
          const udp = tg.Protocol === 'UDP' || tg.Protocol === 'TCP_UDP';
          const mappingProtocol = mapping.protocol ?? 'tcp';
          if (tg.Protocol !== undefined && (udp ? mappingProtocol !== 'udp' : mappingProtocol !== 'tcp')) {
            push('deploy/target-group-protocol', `target group ${tg.TargetGroupName ?? ''} uses ${tg.Protocol}, but container port ${mapping.containerPort ?? ''} is mapped as ${mappingProtocol}`);
          }
        }
      });
    }
    for (const n of this.nodes('efsFileSystem')) {
      const id = n.properties.fileSystemId;
      if (id === undefined) continue;
      try {
        const fs = (await this.clients.efs.send(new DescribeFileSystemsCommand({ FileSystemId: id }))).FileSystems?.[0];
        if (!fs) throw Object.assign(new Error(id), { name: 'FileSystemNotFound' });
      } catch (e) {
        if (errorName(e) === 'FileSystemNotFound') this.add('deploy/efs-missing', n.id, ['properties', 'fileSystemId'], `${label(n)}: file system ${id} does not exist in ${this.opts.target.region}`);
        else this.warnIncomplete(n, ['properties', 'fileSystemId'], 'the file system', e);
      }
    }
  }

  oneVpcEach(): void {
    for (const svc of this.nodes('service')) {
      const members = this.membersOf(svc, 'service-subnet', 'service-security-group');
      for (const e of this.index.outgoing(svc.id, 'service-target-group')) {
        const tg = this.index.node(e.target);
        if (tg) members.push({ what: label(tg), vpc: this.vpcOf.get(tg.id) ?? this.declaredTgVpc(tg) });
      }
      this.checkOneVpc(svc, members);
    }
    for (const n of this.nodes('asgCapacityProvider')) this.checkOneVpc(n, this.membersOf(n, 'asg-subnet', 'asg-security-group'));
    for (const n of this.nodes('efsFileSystem')) this.checkOneVpc(n, this.membersOf(n, 'efs-subnet', 'efs-security-group'));
    for (const n of this.nodes('loadBalancer')) {
      const members = this.membersOf(n, 'load-balancer-subnet', 'load-balancer-security-group');
      if (n.properties.arn !== undefined) members.push({ what: `${label(n)} itself`, vpc: this.vpcOf.get(n.id) });
      this.checkOneVpc(n, members);
    }
  }

  private declaredTgVpc(tg: Any): string | undefined {
    const v = this.index.targetOf(tg.id, 'target-group-vpc');
    return v ? this.vpcOf.get(v.id) : undefined;
  }
}

/**
 * Read-only checks of the design against the live account (see the file comment). `template` is the design's
 * resource IR (buildResourceGraph): its parameters give the values of existing ids, names and image tags.
 */
export async function verifyDesign(design: Design, template: IrTemplate, opts: VerifyOptions): Promise<Finding[]> {
  const clients = createDeployClients(opts.target, opts.onCall);
  try {
    const stackName = opts.stackName ?? stackNameOf(design);
    const env = await targetEnv(clients, template, { target: opts.target, stackName, ...(opts.parameters ? { parameters: opts.parameters } : {}) });
    const v = new Verifier(design, clients, opts);
    v.accountId = env.accountId;
    v.stackIds = new Set((await stackPhysicalIds(clients, stackName, opts.designId)).values());
    for (const p of template.parameters) {
      const value = env.parameters.get(p.id);
      if (p.nodeId !== undefined && typeof value === 'string') v.paramOf.set(p.nodeId, value);
    }
    await v.clusters();
    await v.createdNames();
    await v.roles();
    await v.images();
    await v.secrets();
    await v.logGroups();
    await v.network();
    await v.loadBalancing();
    v.oneVpcEach();
    return v.findings;
  } finally {
    clients.destroy();
  }
}
