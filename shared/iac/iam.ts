import type { DesignIndex } from '../model/document';
import type { NodeOf } from '../model/nodes';
import { cat } from './buildExpr';
import type { IrObject, IrValue } from './ir';

/**
 * Least-privilege IAM statements derived from the design's edges. Every statement names the resources it is for;
 * only actions without resource-level permissions use `*`: `ecr:GetAuthorizationToken` (the registry token is
 * account-wide) and the ssmmessages channel actions of ECS Exec.
 */

/** How the builder refers to the ARN of a node (a reference when the template creates it, literal text otherwise). */
export interface ArnResolver {
  ecrRepositoryArn(repo: NodeOf<'ecrRepository'>): IrValue;
  logGroupArn(group: NodeOf<'logGroup'>): IrValue;
  secretArn(secret: NodeOf<'secret'>): IrValue;
  kmsKeyArn(keyId: string): IrValue;
  bucketArn(bucket: NodeOf<'s3Bucket'>): IrValue;
  fileSystemArn(fs: NodeOf<'efsFileSystem'>): IrValue;
}

export interface IamStatement extends IrObject {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: IrValue[];
}

export const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
export const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
export const ECS_EXEC_ACTIONS = ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'];
export const S3_ACCESS: Readonly<Record<'read' | 'write' | 'read-write', { bucket: string[]; objects: string[] }>> = {
  read: { bucket: ['s3:ListBucket'], objects: ['s3:GetObject'] },
  write: { bucket: [], objects: ['s3:PutObject', 's3:DeleteObject'] },
  'read-write': { bucket: ['s3:ListBucket'], objects: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] },
};

function uniqueValues(values: IrValue[]): IrValue[] {
  // One value is unique as it is: no JSON text of it needed (most statements name one resource). Repeats of the
  // same value (the builder gives one ARN value per node) go first, by identity.
  if (values.length < 2) return [...values];
  const distinct = values.length <= 8 ? distinctSmall(values) : [...new Set(values)];
  if (distinct.length < 2) return distinct;
  const seen = new Set<string>();
  return distinct.filter((v) => {
    const key = typeof v === 'string' ? v : JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Values without repeats by identity, first occurrence kept: a scan for a few values (no set to build). */
function distinctSmall(values: readonly IrValue[]): IrValue[] {
  const out: IrValue[] = [];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

function statement(sid: string, actions: string[], resources: IrValue[]): IamStatement {
  return { Sid: sid, Effect: 'Allow', Action: actions, Resource: uniqueValues(resources) };
}

function taskDefinitionsWithRole(index: DesignIndex, roleId: string, edge: 'task-role' | 'execution-role'): NodeOf<'taskDefinition'>[] {
  return index.sourcesOf(roleId, edge).filter((td): td is NodeOf<'taskDefinition'> => td.kind === 'taskDefinition');
}

/** Statements of an execution role: pull from connected ECR repositories, write connected log groups, read connected secrets. */
export function executionRoleStatements(index: DesignIndex, role: NodeOf<'executionRole'>, arns: ArnResolver): IamStatement[] {
  const repos: IrValue[] = [];
  const logGroups: IrValue[] = [];
  const secretsManager: IrValue[] = [];
  const ssm: IrValue[] = [];
  const kmsKeys: IrValue[] = [];
  const addSecret = (secret: NodeOf<'secret'>) => {
    (secret.properties.store === 'secretsmanager' ? secretsManager : ssm).push(arns.secretArn(secret));
    if (secret.properties.kmsKeyId !== undefined) kmsKeys.push(arns.kmsKeyArn(secret.properties.kmsKeyId));
  };
  for (const td of taskDefinitionsWithRole(index, role.id, 'execution-role')) {
    for (const c of index.containersOf(td.id)) {
      const image = index.targetOf(c.id, 'container-image');
      if (image?.kind === 'ecrRepository') repos.push(arns.ecrRepositoryArn(image));
      if (image?.kind === 'externalImage') {
        const credentials = index.targetOf(image.id, 'image-credentials');
        if (credentials?.kind === 'secret') addSecret(credentials);
      }
      const logs = index.targetOf(c.id, 'container-log-group');
      if (logs?.kind === 'logGroup') logGroups.push(arns.logGroupArn(logs));
      for (const secret of index.targetsOf(c.id, 'container-secret')) if (secret.kind === 'secret') addSecret(secret);
    }
  }
  const out: IamStatement[] = [];
  if (repos.length > 0) {
    out.push(statement('EcrAuthorizationToken', ['ecr:GetAuthorizationToken'], ['*']));
    out.push(statement('EcrPull', ECR_PULL_ACTIONS, repos));
  }
  if (logGroups.length > 0) out.push(statement('WriteLogs', LOG_ACTIONS, logGroups));
  if (secretsManager.length > 0) out.push(statement('ReadSecrets', ['secretsmanager:GetSecretValue'], secretsManager));
  if (ssm.length > 0) out.push(statement('ReadParameters', ['ssm:GetParameters'], ssm));
  if (kmsKeys.length > 0) out.push(statement('DecryptSecrets', ['kms:Decrypt'], kmsKeys));
  return out;
}

/** Statements of a task role: the chosen access on connected S3 buckets, EFS client access on IAM-authorized volumes. */
export function taskRoleStatements(index: DesignIndex, role: NodeOf<'taskRole'>, arns: ArnResolver): IamStatement[] {
  const out: IamStatement[] = [];
  for (const e of index.outgoing(role.id, 'task-role-s3')) {
    const bucket = index.node(e.target);
    if (bucket?.kind !== 's3Bucket') continue;
    const access = S3_ACCESS[e.properties?.access ?? 'read'];
    const arn = arns.bucketArn(bucket);
    const sid = `S3${bucket.properties.bucketName.replace(/[^A-Za-z0-9]/g, '')}`;
    if (access.bucket.length > 0) out.push(statement(`${sid}Bucket`, access.bucket, [arn]));
    out.push(statement(`${sid}Objects`, access.objects, [cat(arn, '/*')]));
  }
  const efs = new Map<string, { fs: NodeOf<'efsFileSystem'>; write: boolean; root: boolean }>();
  for (const td of taskDefinitionsWithRole(index, role.id, 'task-role')) {
    for (const v of td.properties.volumes ?? []) {
      const cfg = v.efsVolumeConfiguration;
      if (cfg?.authorizationConfig?.iam !== 'ENABLED') continue;
      const fsEdge = index.outgoing(td.id, 'volume-efs').find((x) => x.properties?.volume === v.name);
      const fs = fsEdge ? index.node(fsEdge.target) : undefined;
      if (fs?.kind !== 'efsFileSystem') continue;
      const mounts = index.containersOf(td.id).flatMap((c) => (c.properties.mountPoints ?? []).filter((m) => m.sourceVolume === v.name));
      const write = mounts.length === 0 || mounts.some((m) => m.readOnly !== true);
      const apEdge = index.outgoing(td.id, 'volume-access-point').find((x) => x.properties?.volume === v.name);
      const ap = apEdge ? index.node(apEdge.target) : undefined;
      // Root access is needed only when requests arrive as root: through an access point whose POSIX user is uid 0.
      const root = ap?.kind === 'efsAccessPoint' && ap.properties.posixUser?.uid === 0;
      const prev = efs.get(fs.id);
      efs.set(fs.id, { fs, write: write || (prev?.write ?? false), root: root || (prev?.root ?? false) });
    }
  }
  // ECS Exec: the SSM agent in the task opens its channels with the task role (these actions take no resource ARN).
  const exec = taskDefinitionsWithRole(index, role.id, 'task-role').some((td) =>
    index.sourcesOf(td.id, 'service-task-definition').some((svc) => svc.kind === 'service' && svc.properties.enableExecuteCommand === true),
  );
  if (exec) out.push(statement('EcsExec', ECS_EXEC_ACTIONS, ['*']));
  for (const { fs, write, root } of efs.values()) {
    const actions = ['elasticfilesystem:ClientMount', ...(write ? ['elasticfilesystem:ClientWrite'] : []), ...(root ? ['elasticfilesystem:ClientRootAccess'] : [])];
    out.push(statement(`Efs${(fs.properties.name ?? fs.properties.fileSystemId ?? fs.id).replace(/[^A-Za-z0-9]/g, '')}`, actions, [arns.fileSystemArn(fs)]));
  }
  return out;
}

/** The trust policy of a role kind. */
export function trustPolicy(service: string): IrObject {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  };
}
