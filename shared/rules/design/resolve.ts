import type { RegisterTaskDefinitionRequest } from '../../aws/ecsModel.generated';
import type { DesignSettings } from '../../model/document';
import type { DesignNode, NodeOf } from '../../model/nodes';
import { ecrRegistryHost, joinImage } from '../../taskdef/imageRef';
import { formatSecretRef } from '../../taskdef/secretRef';
import type { Graph } from './graph';

/**
 * The resolved RegisterTaskDefinition JSON of a task-definition node, exactly as exportTaskDefinition(…, { lenient:
 * true }) builds it (a test checks they are deep-equal) but without the key ordering and index building the export
 * does for output: the validator resolves every task definition of a design on every full validation. Also returns
 * the ids of every node the result was built from.
 */
/**
 * A shallow copy without some keys. Built member by member on purpose: V8 turns objects made by spreading
 * (`{ ...a, b }`) or rest destructuring of these varied shapes into slow dictionary objects, and the rules read
 * every member of every container.
 */
function copyWithout(obj: object, skip1?: string, skip2?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const src = obj as Record<string, unknown>;
  for (const k in src) {
    if (k === skip1 || k === skip2) continue;
    const v = src[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

type SecretKey = { jsonKey?: string; versionStage?: string; versionId?: string };

/** Collects the ids of the nodes a resolution reads (small lists: a linear check beats a Set). */
class Deps {
  readonly ids: string[] = [];
  use<N extends DesignNode | undefined>(n: N): N {
    if (n !== undefined && !this.ids.includes(n.id)) this.ids.push(n.id);
    return n;
  }
}

function roleArn(role: DesignNode, settings: DesignSettings): string | undefined {
  if (role.kind !== 'taskRole' && role.kind !== 'executionRole' && role.kind !== 'instanceRole') return undefined;
  const p = role.properties;
  const partition = settings.partition ?? 'aws';
  if (p.arn !== undefined) return p.arn;
  if (p.roleName === undefined) return '<unresolved>';
  if (settings.accountId === undefined) return `arn:${partition}:iam::<account>:role/${p.roleName}`;
  return `arn:${partition}:iam::${settings.accountId}:role/${p.roleName}`;
}

function secretValueFrom(secret: NodeOf<'secret'>, settings: DesignSettings, key: SecretKey = {}): string {
  const p = secret.properties;
  const partition = settings.partition ?? 'aws';
  if (p.arn === undefined && p.name === undefined) return '<unresolved>';
  let base = p.arn;
  if (base === undefined && p.store === 'secretsmanager') {
    if (settings.accountId === undefined || settings.region === undefined) return `arn:${partition}:secretsmanager:<region>:<account>:secret:${p.name ?? ''}`;
    base = `arn:${partition}:secretsmanager:${settings.region}:${settings.accountId}:secret:${p.name ?? ''}`;
  }
  return formatSecretRef({ store: p.store, ...(base !== undefined ? { arn: base } : { name: p.name ?? '' }), ...key });
}

function volumeTarget(g: Graph, tdId: string, kind: string, volume: string | undefined): DesignNode | undefined {
  for (let k = g.outFrom(tdId), end = g.outTo(tdId); k < end; k++) {
    const j = g.outList[k]!;
    const e = g.edges[j]!;
    if (e.kind === kind && (e.properties as { volume?: string } | undefined)?.volume === volume) return g.targetAt(j);
  }
  return undefined;
}

export function resolveTaskDefinition(g: Graph, td: NodeOf<'taskDefinition'>): { json: RegisterTaskDefinitionRequest; deps: string[] } {
  const d = new Deps();
  d.use(td);
  const settings = g.settings;

  const volumes = td.properties.volumes;
  const out = copyWithout(td.properties, 'volumes');
  const taskRole = d.use(g.targetOf(td.id, 'task-role'));
  if (taskRole) out['taskRoleArn'] = roleArn(taskRole, settings);
  const executionRole = d.use(g.targetOf(td.id, 'execution-role'));
  if (executionRole) out['executionRoleArn'] = roleArn(executionRole, settings);

  const containers: Record<string, unknown>[] = [];
  for (const ci of g.childIndices(td.id)) {
    const c = g.nodes[ci]!;
    if (c.kind !== 'container') continue;
    d.use(c);
    const imageTag = c.properties.imageTag;
    const ownImage = c.properties.image;
    const co = copyWithout(c.properties, 'imageTag', 'image');
    let source: DesignNode | undefined;
    let logGroup: DesignNode | undefined;
    const secrets: { name: string; valueFrom: string }[] = [];
    for (let k = g.outFrom(c.id), end = g.outTo(c.id); k < end; k++) {
      const j = g.outList[k]!;
      const e = g.edges[j]!;
      if (e.kind === 'container-image') source ??= d.use(g.targetAt(j));
      else if (e.kind === 'container-log-group') logGroup ??= d.use(g.targetAt(j));
      else if (e.kind === 'container-secret') {
        const secret = d.use(g.targetAt(j)) as NodeOf<'secret'>;
        const { name, ...key } = e.properties ?? { name: '' };
        secrets.push({ name, valueFrom: secretValueFrom(secret, settings, key) });
      }
    }
    let image: string | undefined;
    if (!source) image = ownImage;
    else if (source.kind === 'externalImage') image = joinImage(source.properties.image, imageTag);
    else if (source.kind === 'ecrRepository') {
      const p = source.properties;
      const account = p.accountId ?? settings.accountId;
      const region = p.region ?? settings.region;
      image =
        account === undefined || region === undefined
          ? joinImage(`<account>.dkr.ecr.<region>.amazonaws.com/${p.repositoryName}`, imageTag)
          : joinImage(`${ecrRegistryHost(account, region, p.registryDomain)}/${p.repositoryName}`, imageTag);
    }
    if (image !== undefined) co['image'] = image;
    if (source?.kind === 'externalImage') {
      const cred = d.use(g.targetOf(source.id, 'image-credentials'));
      if (cred?.kind === 'secret') co['repositoryCredentials'] = { credentialsParameter: secretValueFrom(cred, settings) };
    }
    if (secrets.length > 0) co['secrets'] = secrets;
    if (logGroup?.kind === 'logGroup') {
      const current = c.properties.logConfiguration;
      if (current === undefined) {
        const options: Record<string, string> = { 'awslogs-group': logGroup.properties.logGroupName };
        if (settings.region !== undefined) options['awslogs-region'] = settings.region;
        options['awslogs-stream-prefix'] = c.properties.name ?? 'ecs';
        co['logConfiguration'] = { logDriver: 'awslogs', options };
      } else if (current.logDriver === 'awslogs') {
        const lc = copyWithout(current);
        const options = copyWithout(current.options ?? {});
        options['awslogs-group'] = logGroup.properties.logGroupName;
        lc['options'] = options;
        co['logConfiguration'] = lc;
      }
    }
    containers.push(co);
  }
  out['containerDefinitions'] = containers;

  if (volumes !== undefined) {
    out['volumes'] = volumes.map((v) => {
      if (v.efsVolumeConfiguration === undefined) return v;
      const efs = copyWithout(v.efsVolumeConfiguration);
      const fs = d.use(volumeTarget(g, td.id, 'volume-efs', v.name));
      if (fs?.kind === 'efsFileSystem') efs['fileSystemId'] = fs.properties.fileSystemId ?? '<created-file-system>';
      const ap = d.use(volumeTarget(g, td.id, 'volume-access-point', v.name));
      if (ap?.kind === 'efsAccessPoint') {
        efs['authorizationConfig'] = { ...v.efsVolumeConfiguration.authorizationConfig, accessPointId: ap.properties.accessPointId ?? '<created-access-point>' };
      }
      const vo = copyWithout(v);
      vo['efsVolumeConfiguration'] = efs;
      return vo;
    });
  }
  return { json: out as RegisterTaskDefinitionRequest, deps: d.ids };
}
