import type { ContainerDefinition, RegisterTaskDefinitionRequest } from '../aws/ecsModel.generated';
import { unwrapTaskDefinitionJson, validateRegisterTaskDefinition, type SchemaFinding } from '../aws/taskDefinition';
import { makeNode } from '../model/catalog';
import { emptyDesign, type Design } from '../model/document';
import type { DesignEdge, EdgeKind, EdgeProps } from '../model/edges';
import { randomId, type IdGenerator } from '../model/ids';
import type { DesignNode, NodeKind, NodePropsInput } from '../model/nodes';
import { classifyRegistry, imageSuffix, joinImage, parseEcrRegistry, parseImageRef } from './imageRef';
import { formatSecretRef, parseSecretRef, type SecretRef } from './secretRef';

export type TaskDefinitionImportReport = {
  /** Read-only fields of describe-task-definition output that were dropped. */
  droppedReadOnly: string[];
  /** Nodes created for the referenced resources, e.g. `executionRole: arn:aws:iam::…`. */
  created: string[];
};

export type TaskDefinitionImportResult =
  | { ok: true; design: Design; taskDefinitionId: string; report: TaskDefinitionImportReport }
  | { ok: false; message?: string; findings: SchemaFinding[] };

export type TaskDefinitionImportOptions = {
  /** Add to this design instead of a new one (it is not modified; a new design is returned). */
  into?: Design;
  ids?: IdGenerator;
  /** Top-left corner of the imported group on the canvas. */
  origin?: { x: number; y: number };
  designName?: string;
};

/**
 * A task definition JSON (RegisterTaskDefinition input or describe-task-definition output) → design nodes:
 * the task definition, its containers, and one node per referenced resource (roles, image sources, log groups,
 * secrets, EFS file systems and access points), deduplicated, joined by typed edges.
 * exportTaskDefinition() gives back the same JSON minus read-only fields (the round trip is lossless).
 */
export function importTaskDefinition(raw: unknown, opts: TaskDefinitionImportOptions = {}): TaskDefinitionImportResult {
  const unwrapped = unwrapTaskDefinitionJson(raw);
  if (!unwrapped.ok) return { ok: false, message: unwrapped.message, findings: [{ rule: 'schema/not-a-task-definition', severity: 'error', message: unwrapped.message, path: '' }] };
  const validated = validateRegisterTaskDefinition(unwrapped.input, unwrapped.basePointer);
  if (!validated.ok) return { ok: false, findings: validated.findings };
  try {
    return { ok: true, ...buildDesign(validated.value, unwrapped.droppedReadOnly, opts) };
  } catch (e) {
    // A value the AWS schema accepts but a design node does not (e.g. an over-long name): report, never crash.
    const message = `cannot import: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, message, findings: [{ rule: 'schema/invalid-value', severity: 'error', message, path: unwrapped.basePointer }] };
  }
}

function buildDesign(input: RegisterTaskDefinitionRequest, droppedReadOnly: string[], opts: TaskDefinitionImportOptions) {
  const ids = opts.ids ?? randomId;
  const base = opts.into ?? emptyDesign(ids('design'), opts.designName ?? input.family);
  const nodes: DesignNode[] = [...base.nodes];
  const edges: DesignEdge[] = [...base.edges];
  const created: string[] = [];
  const origin = opts.origin ?? { x: 0, y: 0 };
  let resourceRow = 0;

  const byKey = new Map<string, string>();
  const add = <K extends NodeKind>(kind: K, props: NodePropsInput<K>, position: { x: number; y: number }, parentId?: string): string => {
    const id = ids(kind);
    nodes.push(makeNode(kind, id, props, parentId === undefined ? { position } : { position, parentId }));
    return id;
  };
  /** One node per distinct referenced resource, placed in a column right of the task definition. */
  const resource = <K extends NodeKind>(kind: K, key: string, props: NodePropsInput<K>, label: string): string => {
    const k = `${kind}\u0000${key}`;
    const existing = byKey.get(k);
    if (existing !== undefined) return existing;
    const id = add(kind, props, { x: origin.x + 560, y: origin.y + resourceRow++ * 110 });
    byKey.set(k, id);
    created.push(`${kind}: ${label}`);
    return id;
  };
  const connect = <K extends EdgeKind>(kind: K, source: string, target: string, properties?: EdgeProps<K>): void => {
    edges.push({ id: ids('edge'), kind, source, target, ...(properties === undefined ? {} : { properties }) } as DesignEdge);
  };

  const { containerDefinitions, taskRoleArn, executionRoleArn, volumes, ...taskProps } = input;
  const modelVolumes = volumes?.map((v) => {
    if (v.efsVolumeConfiguration === undefined) return v;
    const { fileSystemId: _fs, ...efs } = v.efsVolumeConfiguration;
    if (efs.authorizationConfig?.accessPointId !== undefined) {
      const { accessPointId: _ap, ...auth } = efs.authorizationConfig;
      return { ...v, efsVolumeConfiguration: { ...efs, authorizationConfig: auth } };
    }
    return { ...v, efsVolumeConfiguration: efs };
  });
  const tdId = add('taskDefinition', { ...taskProps, ...(modelVolumes === undefined ? {} : { volumes: modelVolumes }) }, origin);

  if (taskRoleArn !== undefined) connect('task-role', tdId, resource('taskRole', taskRoleArn, { arn: taskRoleArn }, taskRoleArn));
  if (executionRoleArn !== undefined) connect('execution-role', tdId, resource('executionRole', executionRoleArn, { arn: executionRoleArn }, executionRoleArn));

  for (const v of volumes ?? []) {
    const efs = v.efsVolumeConfiguration;
    if (efs === undefined || v.name === undefined) continue;
    const fsId = resource('efsFileSystem', efs.fileSystemId, { fileSystemId: efs.fileSystemId }, efs.fileSystemId);
    connect('volume-efs', tdId, fsId, { volume: v.name });
    const apId = efs.authorizationConfig?.accessPointId;
    if (apId !== undefined) {
      const before = edges.length;
      const ap = resource('efsAccessPoint', apId, { accessPointId: apId }, apId);
      connect('volume-access-point', tdId, ap, { volume: v.name });
      if (!edges.slice(0, before).some((e) => e.kind === 'access-point-file-system' && e.source === ap)) connect('access-point-file-system', ap, fsId);
    }
  }

  const secretNode = (ref: SecretRef): string => {
    const base: SecretRef = ref.arn !== undefined ? { store: ref.store, arn: ref.arn } : { store: ref.store, name: ref.name ?? '' };
    const text = formatSecretRef(base);
    return resource('secret', text, ref.arn !== undefined ? { store: ref.store, arn: ref.arn } : { store: ref.store, name: ref.name ?? '' }, text);
  };

  containerDefinitions.forEach((c, i) => {
    const { secrets, repositoryCredentials, image, ...containerProps } = c;
    const props: Record<string, unknown> = { ...containerProps };
    const source = imageSource(image, repositoryCredentials?.credentialsParameter);
    if (source.imageTag !== undefined) props['imageTag'] = source.imageTag;

    let logGroupName: string | undefined;
    const log = c.logConfiguration;
    if (log?.logDriver === 'awslogs' && log.options?.['awslogs-group'] !== undefined) {
      const { 'awslogs-group': group, ...options } = log.options;
      logGroupName = group;
      props['logConfiguration'] = { ...log, options };
    }

    const cId = add('container', props as NodePropsInput<'container'>, { x: 20, y: 60 + i * 90 }, tdId);

    const imageNode =
      source.kind === 'ecrRepository'
        ? resource('ecrRepository', source.key, source.props, source.key)
        : resource('externalImage', source.key, source.props, source.props.image);
    connect('container-image', cId, imageNode);
    if (source.credentials !== undefined) {
      const secretId = secretNode(parseSecretRef(source.credentials));
      if (!edges.some((e) => e.kind === 'image-credentials' && e.source === imageNode)) connect('image-credentials', imageNode, secretId);
    }
    for (const s of secrets ?? []) {
      const ref = parseSecretRef(s.valueFrom);
      const key: EdgeProps<'container-secret'> = { name: s.name };
      if (ref.jsonKey !== undefined) key.jsonKey = ref.jsonKey;
      if (ref.versionStage !== undefined) key.versionStage = ref.versionStage;
      if (ref.versionId !== undefined) key.versionId = ref.versionId;
      connect('container-secret', cId, secretNode(ref), key);
    }
    if (logGroupName !== undefined) connect('container-log-group', cId, resource('logGroup', logGroupName, { logGroupName, existing: true }, logGroupName));
  });

  const design: Design = { ...base, nodes, edges };
  return { design, taskDefinitionId: tdId, report: { droppedReadOnly, created } };
}

type ImageSource =
  | { kind: 'ecrRepository'; key: string; props: NodePropsInput<'ecrRepository'>; imageTag?: string; credentials?: string }
  | { kind: 'externalImage'; key: string; props: NodePropsInput<'externalImage'>; imageTag?: string; credentials?: string };

/** Splits an image reference into its source node and the container's tag, keeping the text exact. */
function imageSource(image: ContainerDefinition['image'], credentials: string | undefined): ImageSource {
  const text = image ?? '';
  const ref = parseImageRef(text);
  const tag = imageSuffix(ref);
  const repository = ref.registry === undefined ? ref.path : `${ref.registry}/${ref.path}`;
  const exact = joinImage(repository, tag) === text && repository !== '';
  const credKey = credentials === undefined ? '' : `\u0000${credentials}`;
  const withCredentials = <T extends object>(s: T) => (credentials === undefined ? s : { ...s, credentials });
  const ecr = ref.registry === undefined ? undefined : parseEcrRegistry(ref.registry);
  if (exact && ecr && !ecr.fips && credentials === undefined && ref.path.length >= 2) {
    const props: NodePropsInput<'ecrRepository'> = { repositoryName: ref.path, accountId: ecr.accountId, region: ecr.region, existing: true };
    if (ecr.domain !== 'amazonaws.com') props.registryDomain = ecr.domain;
    return { kind: 'ecrRepository', key: repository, props, ...(tag === undefined ? {} : { imageTag: tag }) };
  }
  if (exact) {
    return withCredentials({
      kind: 'externalImage' as const,
      key: repository + credKey,
      props: { image: repository, registry: classifyRegistry(ref.registry) },
      ...(tag === undefined ? {} : { imageTag: tag }),
    });
  }
  // Not a reference we can split and rebuild exactly (e.g. a template placeholder): keep it whole.
  return withCredentials({ kind: 'externalImage' as const, key: text + credKey, props: { image: text, registry: 'other' as const } });
}
