import {
  ContainerDefinitionSchema,
  RegisterTaskDefinitionRequestSchema,
  type ContainerDefinition,
  type RegisterTaskDefinitionRequest,
} from '../aws/ecsModel.generated';
import { DesignIndex, type Design, type DesignSettings } from '../model/document';
import type { DesignNode, NodeOf } from '../model/nodes';
import { ecrRegistryHost, joinImage } from './imageRef';
import { formatSecretRef } from './secretRef';

/** Why a task definition cannot be written out, pointing at the node and property to fix. */
export type ExportError = { nodeId: string; path: string; message: string };

export type TaskDefinitionExport =
  | { ok: true; nodeId: string; family: string; input: RegisterTaskDefinitionRequest }
  | { ok: false; nodeId: string; family: string; errors: ExportError[] };

const TASK_KEY_ORDER = Object.keys(RegisterTaskDefinitionRequestSchema.shape);
const CONTAINER_KEY_ORDER = Object.keys(ContainerDefinitionSchema.shape);
const EFS_KEY_ORDER = ['fileSystemId', 'rootDirectory', 'transitEncryption', 'transitEncryptionPort', 'authorizationConfig'];
const AUTHORIZATION_KEY_ORDER = ['accessPointId', 'iam'];
/** Model properties that are not RegisterTaskDefinition members as they are (the export sets its own). */
const TASK_OMIT: ReadonlySet<string> = new Set(['volumes']);
const CONTAINER_OMIT: ReadonlySet<string> = new Set(['imageTag', 'image']);

/** Every task definition of a design as the RegisterTaskDefinition input `aws ecs register-task-definition --cli-input-json` takes. */
export function exportTaskDefinitions(design: Design, index = new DesignIndex(design), opts: ExportOptions = {}): TaskDefinitionExport[] {
  return index.ofKind('taskDefinition').map((td) => exportTaskDefinition(design, td.id, index, opts));
}

export type ExportOptions = {
  /**
   * For the validator: never fail; values that cannot be resolved yet (ARN of a role without a known account,
   * id of an EFS file system the design creates) become `<placeholder>` strings so every other field can be checked.
   */
  lenient?: boolean;
};

export function exportTaskDefinition(design: Design, taskDefinitionId: string, index = new DesignIndex(design), opts: ExportOptions = {}): TaskDefinitionExport {
  const td = index.node(taskDefinitionId);
  if (!td || td.kind !== 'taskDefinition') throw new Error(`no task definition "${taskDefinitionId}" in the design`);
  const ctx = new Resolver(design.settings, index, opts.lenient === true);
  // The task definition's properties but volumes, with these set over them (ordered in one copy, orderedMerge).
  const set: Record<string, unknown> = {};
  const taskRole = index.targetOf(td.id, 'task-role');
  if (taskRole) set['taskRoleArn'] = ctx.roleArn(taskRole);
  const executionRole = index.targetOf(td.id, 'execution-role');
  if (executionRole) set['executionRoleArn'] = ctx.roleArn(executionRole);

  set['containerDefinitions'] = index.containersOf(td.id).map((c) => ctx.container(c));
  const volumes = td.properties.volumes;
  if (volumes !== undefined) set['volumes'] = volumes.map((v) => ctx.volume(td, v));

  if (ctx.errors.length > 0) return { ok: false, nodeId: td.id, family: td.properties.family, errors: ctx.errors };
  const input = orderedMerge(td.properties, TASK_KEY_ORDER, set, TASK_OMIT) as RegisterTaskDefinitionRequest;
  return { ok: true, nodeId: td.id, family: td.properties.family, input };
}

type ModelVolume = NonNullable<NodeOf<'taskDefinition'>['properties']['volumes']>[number];

class Resolver {
  readonly errors: ExportError[] = [];
  private readonly partition: string;

  constructor(
    private readonly settings: DesignSettings,
    private readonly index: DesignIndex,
    private readonly lenient: boolean,
  ) {
    this.partition = settings.partition ?? 'aws';
  }

  private fail(node: DesignNode, path: string, message: string, placeholder = '<unresolved>'): string {
    if (this.lenient) return placeholder;
    this.errors.push({ nodeId: node.id, path: this.index.pointer(node.id, 'properties') + path, message });
    return '';
  }

  roleArn(role: DesignNode): string {
    if (role.kind !== 'taskRole' && role.kind !== 'executionRole' && role.kind !== 'instanceRole') throw new Error(`${role.id} is not a role`);
    const p = role.properties;
    if (p.arn !== undefined) return p.arn;
    if (p.roleName === undefined) return this.fail(role, '/roleName', 'the role has neither a name nor an ARN');
    // RegisterTaskDefinition takes a full ARN; build it when the account is known.
    if (this.settings.accountId === undefined) {
      return this.fail(
        role,
        '/roleName',
        `role "${p.roleName}" is created by the design: set the design account id (settings.accountId) to export its ARN, or give the ARN of an existing role`,
        `arn:${this.partition}:iam::<account>:role/${p.roleName}`,
      );
    }
    return `arn:${this.partition}:iam::${this.settings.accountId}:role/${p.roleName}`;
  }

  secretValueFrom(secret: NodeOf<'secret'>, key: { jsonKey?: string; versionStage?: string; versionId?: string } = {}): string {
    const p = secret.properties;
    if (p.arn === undefined && p.name === undefined) return this.fail(secret, '/name', 'the secret has neither a name nor an ARN');
    let base = p.arn;
    if (base === undefined && p.store === 'secretsmanager') {
      if (this.settings.accountId === undefined || this.settings.region === undefined) {
        return this.fail(
          secret,
          '/arn',
          `Secrets Manager secret "${p.name ?? ''}" needs its ARN, or the design account id and region to build it`,
          `arn:${this.partition}:secretsmanager:<region>:<account>:secret:${p.name ?? ''}`,
        );
      }
      base = `arn:${this.partition}:secretsmanager:${this.settings.region}:${this.settings.accountId}:secret:${p.name ?? ''}`;
    }
    const ref = { store: p.store, ...(base !== undefined ? { arn: base } : { name: p.name ?? '' }), ...key };
    return formatSecretRef(ref);
  }

  image(container: NodeOf<'container'>, source = this.index.targetOf(container.id, 'container-image')): string | undefined {
    if (!source) {
      if (container.properties.image === undefined) this.fail(container, '/image', `container "${container.properties.name ?? container.id}" has no image: connect an ECR repository or external image, or set image`);
      return container.properties.image;
    }
    if (source.kind === 'externalImage') return joinImage(source.properties.image, container.properties.imageTag);
    if (source.kind === 'ecrRepository') {
      const p = source.properties;
      const account = p.accountId ?? this.settings.accountId;
      const region = p.region ?? this.settings.region;
      if (account === undefined || region === undefined) {
        return this.fail(
          source,
          '/accountId',
          `ECR repository "${p.repositoryName}" needs an account id and region (on the repository or in the design settings) to form the image URI`,
          joinImage(`<account>.dkr.ecr.<region>.amazonaws.com/${p.repositoryName}`, container.properties.imageTag),
        );
      }
      return joinImage(`${ecrRegistryHost(account, region, p.registryDomain)}/${p.repositoryName}`, container.properties.imageTag);
    }
    return undefined;
  }

  container(c: NodeOf<'container'>): ContainerDefinition {
    // The container's properties but imageTag and image, with these set over them (ordered in one copy: this
    // runs for every container of every export).
    const out: Record<string, unknown> = {};
    const source = this.index.targetOf(c.id, 'container-image');
    const image = this.image(c, source);
    if (image !== undefined) out['image'] = image;

    if (source?.kind === 'externalImage') {
      const credentials = this.index.targetOf(source.id, 'image-credentials');
      if (credentials?.kind === 'secret') out['repositoryCredentials'] = { credentialsParameter: this.secretValueFrom(credentials) };
    }

    const secretEdges = this.index.outgoing(c.id, 'container-secret');
    if (secretEdges.length > 0) {
      out['secrets'] = secretEdges.map((e) => {
        const secret = this.index.node(e.target) as NodeOf<'secret'>;
        const { name, ...key } = e.properties ?? { name: '' };
        if (!name) this.fail(c, '/secrets', `a secret connected to container "${c.properties.name ?? c.id}" has no environment variable name`);
        return { name, valueFrom: this.secretValueFrom(secret, key) };
      });
    }

    const logGroup = this.index.targetOf(c.id, 'container-log-group');
    if (logGroup?.kind === 'logGroup') {
      const current = c.properties.logConfiguration;
      if (current === undefined) {
        const options: Record<string, string> = { 'awslogs-group': logGroup.properties.logGroupName };
        if (this.settings.region !== undefined) options['awslogs-region'] = this.settings.region;
        options['awslogs-stream-prefix'] = c.properties.name ?? 'ecs';
        out['logConfiguration'] = { logDriver: 'awslogs', options };
      } else if (current.logDriver === 'awslogs') {
        out['logConfiguration'] = { ...current, options: { ...current.options, 'awslogs-group': logGroup.properties.logGroupName } };
      }
    }
    return orderedMerge(c.properties, CONTAINER_KEY_ORDER, out, CONTAINER_OMIT) as ContainerDefinition;
  }

  volume(td: NodeOf<'taskDefinition'>, v: ModelVolume): Record<string, unknown> {
    if (v.efsVolumeConfiguration === undefined) return v;
    const efs = { ...v.efsVolumeConfiguration };
    const fsEdge = this.index.outgoing(td.id, 'volume-efs').find((e) => e.properties?.volume === v.name);
    const fsNode = fsEdge ? this.index.node(fsEdge.target) : undefined;
    if (fsNode?.kind === 'efsFileSystem') {
      if (fsNode.properties.fileSystemId === undefined) {
        efs.fileSystemId = this.fail(fsNode, '/fileSystemId', `EFS file system "${fsNode.properties.name ?? fsNode.id}" is created by the design, so its id is known only after deployment: export CloudFormation or Terraform, or set the id of an existing file system`, '<created-file-system>');
      } else efs.fileSystemId = fsNode.properties.fileSystemId;
    } else if (efs.fileSystemId === undefined) {
      this.fail(td, '/volumes', `EFS volume "${v.name ?? ''}" has no file system: connect an EFS file system to the task definition`);
    }
    const apEdge = this.index.outgoing(td.id, 'volume-access-point').find((e) => e.properties?.volume === v.name);
    const apNode = apEdge ? this.index.node(apEdge.target) : undefined;
    if (apNode?.kind === 'efsAccessPoint') {
      const accessPointId =
        apNode.properties.accessPointId ??
        this.fail(apNode, '/accessPointId', 'the EFS access point is created by the design, so its id is known only after deployment: export CloudFormation or Terraform, or set the id of an existing access point', '<created-access-point>');
      efs.authorizationConfig = orderKeys({ ...efs.authorizationConfig, accessPointId }, AUTHORIZATION_KEY_ORDER);
    }
    return { ...v, efsVolumeConfiguration: orderKeys(efs, EFS_KEY_ORDER) };
  }
}

/** Rank of each key of an order list, built once per list (the lists are module constants). */
const ranks = new WeakMap<readonly string[], ReadonlyMap<string, number>>();

function rankOf(order: readonly string[]): ReadonlyMap<string, number> {
  let rank = ranks.get(order);
  if (rank === undefined) {
    const m = new Map<string, number>();
    order.forEach((k, i) => {
      if (!m.has(k)) m.set(k, i);
    });
    rank = m;
    ranks.set(order, rank);
  }
  return rank;
}

/**
 * A copy of `obj` with keys in the AWS documentation order (keys not in `order` keep their place at the end).
 * Walks the keys `obj` has (a handful) rather than every key of `order` (about a hundred for a container).
 */
export function orderKeys(obj: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  return orderedMerge(obj, order, NOTHING, NONE);
}

const NOTHING: Record<string, unknown> = {};
const NONE: ReadonlySet<string> = new Set();
const hasOwn = (obj: object, k: string) => Object.prototype.hasOwnProperty.call(obj, k);

/**
 * `orderKeys` of a copy of `base` without its `omit` keys, with the members of `set` assigned over it, made as
 * one object (no copy to assign to first). Known keys are collected as their ranks, each placed by insertion as it
 * comes (keys mostly arrive in order already; a sort call would copy the list and look both ranks up on every
 * comparison); a list of unknown keys is made only when there is one.
 */
/** Inserts `r` into the ascending list `ranks` (short lists that mostly arrive in order). */
function insertRank(ranks: number[], r: number): void {
  let i = ranks.length;
  ranks.push(r);
  for (; i > 0 && ranks[i - 1]! > r; i--) ranks[i] = ranks[i - 1]!;
  ranks[i] = r;
}

function orderedMerge(base: object, order: readonly string[], set: Record<string, unknown>, omit: ReadonlySet<string>): Record<string, unknown> {
  const rank = rankOf(order);
  const from = base as Record<string, unknown>;
  const ranks: number[] = [];
  let rest: string[] | undefined;
  const place = (k: string) => {
    const r = rank.get(k);
    if (r === undefined) (rest ??= []).push(k);
    else insertRank(ranks, r);
  };
  // The copy's keys in its insertion order: those of `base` (a member of `set` keeps the place of the one it
  // replaces), then the new ones of `set`.
  for (const k in from) {
    if (hasOwn(from, k) && !omit.has(k) && (hasOwn(set, k) ? set[k] : from[k]) !== undefined) place(k);
  }
  for (const k in set) {
    if (hasOwn(set, k) && set[k] !== undefined && !(hasOwn(from, k) && !omit.has(k))) place(k);
  }
  const out: Record<string, unknown> = {};
  for (const r of ranks) {
    const k = order[r]!;
    out[k] = hasOwn(set, k) ? set[k] : from[k];
  }
  if (rest !== undefined) for (const k of rest) if (!(k in out)) out[k] = hasOwn(set, k) ? set[k] : from[k];
  return out;
}
