import { EDGE_KIND_IDS } from '../../model/edges';
import type { NodeOf } from '../../model/nodes';
import { DOC } from '../docs';
import { isPrivateEcrImage } from '../taskdef/logsSecretsRules';
import { designRule } from '../types';
import { ACTIONS, EXECUTION_ROLE_POLICY, rolePermissions } from './iam';
import { serviceInfo, serviceLabel } from './service';

function secretLabel(s: NodeOf<'secret'>): string {
  return s.properties.name ?? s.properties.arn ?? s.id;
}

function quoteList(s: Set<string>): string {
  return [...s].map((x) => `"${x}"`).join(', ');
}

export const executionRolePermissionsRule = designRule({
  id: 'role/execution-role-permissions',
  scope: 'design',
  anchor: ['taskDefinition'],
  severity: 'error',
  title: 'The execution role\'s permissions cover images, logs and secrets',
  description:
    'The task execution role must allow what ECS does to start the task: ecr pulls for private ECR images and logs:CreateLogStream/PutLogEvents for awslogs on Fargate (AmazonECSTaskExecutionRolePolicy), logs:CreateLogGroup for awslogs-create-group, secretsmanager:GetSecretValue / ssm:GetParameters for secrets, kms:Decrypt for secrets encrypted with a customer managed key. Checked when the role\'s policies are in the design.',
  docUrl: DOC.executionRole,
  fixes: ['role/grant-execution-permissions'],
  check(td, r, report) {
    const roleNode = r.target(td.id, 'execution-role');
    if (roleNode?.kind !== 'executionRole') return;
    const perms = rolePermissions(roleNode);
    if (!perms.known) return;
    const resolved = r.taskDef(td.id);
    if (!resolved) return;
    const { json, facts } = resolved;
    const role = `execution role "${roleNode.properties.roleName ?? roleNode.properties.arn ?? roleNode.id}"`;
    const atPolicies = { nodeId: roleNode.id, path: ['properties', 'managedPolicyArns'] };
    const atInline = { nodeId: roleNode.id, path: ['properties', 'inlinePolicies'] };

    if (facts.fargate) {
      let ecr: string[] | undefined;
      let logs: string[] | undefined;
      let create: string[] | undefined;
      for (const c of json.containerDefinitions) {
        if (isPrivateEcrImage(c.image)) (ecr ??= []).push(`"${c.name ?? ''}"`);
        if (c.logConfiguration?.logDriver === 'awslogs') {
          (logs ??= []).push(`"${c.name ?? ''}"`);
          if (/^true$/i.test(c.logConfiguration.options?.['awslogs-create-group'] ?? '')) (create ??= []).push(`"${c.name ?? ''}"`);
        }
      }
      if (ecr) {
        const m = ACTIONS.ecrPull.filter((a) => !perms.allows(a));
        if (m.length > 0) report(atPolicies, `${role} cannot pull the private ECR image${ecr.length > 1 ? 's' : ''} of ${ecr.join(', ')}: it lacks ${m.join(', ')}. Attach ${EXECUTION_ROLE_POLICY}.`);
      }
      if (logs) {
        const m = ACTIONS.logsWrite.filter((a) => !perms.allows(a));
        if (m.length > 0) report(atPolicies, `${role} cannot write the awslogs output of ${logs.join(', ')}: it lacks ${m.join(', ')}. Attach ${EXECUTION_ROLE_POLICY}.`);
      }
      if (create && !perms.allows(ACTIONS.createLogGroup)) {
        report(atInline, `${role} lacks logs:CreateLogGroup, but ${create.join(', ')} set${create.length > 1 ? '' : 's'} awslogs-create-group: the container fails to start. Allow logs:CreateLogGroup, or create the log group in advance and drop the option.`);
      }
    }

    // Secrets, repository credentials and secret log options: which stores, which customer managed keys.
    let sm: Set<string> | undefined;
    let ssm: Set<string> | undefined;
    let kms: Set<string> | undefined;
    for (const c of r.containers(td.id)) {
      for (const e of r.out(c.id, 'container-secret')) {
        const s = r.node(e.target);
        if (s?.kind !== 'secret') continue;
        if (s.properties.store === 'secretsmanager') (sm ??= new Set()).add(secretLabel(s));
        else (ssm ??= new Set()).add(secretLabel(s));
        if (s.properties.kmsKeyId !== undefined) (kms ??= new Set()).add(secretLabel(s));
      }
      const image = r.target(c.id, 'container-image');
      if (image?.kind === 'externalImage') {
        const cred = r.target(image.id, 'image-credentials');
        if (cred?.kind === 'secret') {
          (sm ??= new Set()).add(secretLabel(cred));
          if (cred.properties.kmsKeyId !== undefined) (kms ??= new Set()).add(secretLabel(cred));
        }
      }
      for (const so of c.properties.logConfiguration?.secretOptions ?? []) {
        if (/^arn:[^:]+:secretsmanager:/.test(so.valueFrom)) (sm ??= new Set()).add(so.valueFrom);
        else (ssm ??= new Set()).add(so.valueFrom);
      }
    }
    if (sm && !perms.allows(ACTIONS.secretsManager)) {
      report(atInline, `${role} lacks secretsmanager:GetSecretValue, but the task reads Secrets Manager secret${sm.size > 1 ? 's' : ''} ${quoteList(sm)}: the task fails to start. Add an inline statement allowing secretsmanager:GetSecretValue on ${sm.size > 1 ? 'them' : 'it'}.`);
    }
    if (ssm && !perms.allows(ACTIONS.ssm)) {
      report(atInline, `${role} lacks ssm:GetParameters, but the task reads SSM parameter${ssm.size > 1 ? 's' : ''} ${quoteList(ssm)}: the task fails to start. Add an inline statement allowing ssm:GetParameters on ${ssm.size > 1 ? 'them' : 'it'}.`);
    }
    if (kms && !perms.allows(ACTIONS.kms)) {
      report(atInline, `${role} lacks kms:Decrypt, but secret${kms.size > 1 ? 's' : ''} ${quoteList(kms)} ${kms.size > 1 ? 'are' : 'is'} encrypted with a customer managed KMS key: ECS cannot decrypt ${kms.size > 1 ? 'them' : 'it'}. Allow kms:Decrypt on the key.`);
    }
  },
});

export const taskRoleSharedRule = designRule({
  id: 'role/task-role-shared',
  scope: 'design',
  anchor: ['taskRole'],
  severity: 'info',
  title: 'Each task definition has its own task role',
  description: 'A task role shared by several task definitions gives each application the permissions of all of them; least privilege means one task role per task definition.',
  docUrl: DOC.taskRole,
  check(role, r, report) {
    const users = r.sources(role.id, 'task-role').filter((n): n is NodeOf<'taskDefinition'> => n.kind === 'taskDefinition');
    if (users.length > 1) {
      report({ nodeId: role.id }, `task role "${role.properties.roleName ?? role.properties.arn ?? role.id}" is shared by ${users.length} task definitions (${users.map((t) => `"${t.properties.family}"`).join(', ')}): each application gets the others' permissions. Give each task definition its own task role.`);
    }
  },
});

export const efsMountTargetsRule = designRule({
  id: 'efs/mount-targets',
  scope: 'design',
  anchor: ['service'],
  severity: 'error',
  title: 'EFS has a mount target where the tasks run',
  description: 'Tasks reach EFS through a mount target in their subnet\'s Availability Zone; a file system created by the design needs mount targets in the service\'s subnets (or their Availability Zones).',
  docUrl: DOC.efsMountTargets,
  check(s, r, report) {
    const info = serviceInfo(s, r);
    if (!info.td || info.subnets.length === 0) return;
    for (const edge of r.out(info.td.id, 'volume-efs')) {
      const fs = r.node(edge.target);
      if (fs?.kind !== 'efsFileSystem') continue;
      const mts = r.targets(fs.id, 'efs-subnet').filter((n): n is NodeOf<'subnet'> => n.kind === 'subnet');
      const label = `EFS file system "${fs.properties.name ?? fs.properties.fileSystemId ?? fs.id}"`;
      if (mts.length === 0) {
        if (fs.properties.fileSystemId === undefined) {
          report({ nodeId: fs.id }, `${label} (volume "${edge.properties?.volume ?? ''}" of ${serviceLabel(s)}) has no mount targets: tasks cannot mount it. Connect it to the service's subnets (one mount target per Availability Zone).`);
        }
        continue;
      }
      const uncovered = info.subnets.filter((x) => !mts.some((m) => m.id === x.subnet.id || (m.properties.availabilityZone !== undefined && m.properties.availabilityZone === x.subnet.properties.availabilityZone)));
      if (uncovered.length > 0) {
        report({ nodeId: fs.id }, `${label} has no mount target for subnet${uncovered.length > 1 ? 's' : ''} ${uncovered.map((x) => `"${x.subnet.properties.name ?? x.subnet.properties.subnetId ?? x.subnet.id}"`).join(', ')} of ${serviceLabel(s)}: tasks placed there cannot mount the volume and fail to start. Add a mount target in each Availability Zone the service uses.`);
      }
    }
  },
});

export const efsNfsAccessRule = designRule({
  id: 'efs/nfs-security-group',
  scope: 'design',
  anchor: ['efsFileSystem'],
  severity: 'warning',
  title: 'EFS mount targets accept NFS (2049) from the tasks',
  description: 'Mount targets need a security group that allows TCP 2049 from the tasks. The generators add that rule between connected groups; an existing group must already allow it.',
  docUrl: DOC.efs,
  check(fs, r, report) {
    if (r.targets(fs.id, 'efs-subnet').length === 0) return;
    const groups = r.targets(fs.id, 'efs-security-group').filter((n): n is NodeOf<'securityGroup'> => n.kind === 'securityGroup');
    const label = `EFS file system "${fs.properties.name ?? fs.properties.fileSystemId ?? fs.id}"`;
    if (groups.length === 0) {
      report({ nodeId: fs.id }, `${label} has mount targets but no security group: they get the VPC default group, which usually does not allow NFS from the tasks. Connect a security group for the mount targets.`);
      return;
    }
    const allows2049 = (g: NodeOf<'securityGroup'>) =>
      (g.properties.ingress ?? []).some((rule) => (rule.protocol === 'tcp' || rule.protocol === '-1') && (rule.protocol === '-1' || (rule.fromPort <= 2049 && rule.toPort >= 2049)));
    const existing = groups.filter((g) => g.properties.groupId !== undefined && (g.properties.ingress ?? []).length > 0);
    if (existing.length === groups.length && !existing.some(allows2049)) {
      report({ nodeId: existing[0]!.id, path: ['properties', 'ingress'] }, `the security groups of ${label} allow no NFS traffic (TCP 2049): tasks cannot mount it. Allow TCP 2049 from the tasks' security group.`);
    }
  },
});

export const efsEncryptionRule = designRule({
  id: 'security/efs-encryption',
  scope: 'design',
  anchor: ['efsFileSystem'],
  severity: 'warning',
  title: 'EFS file systems are encrypted at rest',
  description: 'An EFS file system without encryption at rest stores data unencrypted; encryption can only be chosen when the file system is created.',
  docUrl: DOC.efsEncryption,
  check(fs, _r, report) {
    if (fs.properties.encrypted === false) {
      report({ nodeId: fs.id, path: ['properties', 'encrypted'] }, `EFS file system "${fs.properties.name ?? fs.properties.fileSystemId ?? fs.id}" is not encrypted at rest. Enable encryption (it can be chosen only when the file system is created).`);
    }
  },
});

export const efsAccessPointRule = designRule({
  id: 'security/efs-access-point',
  scope: 'design',
  anchor: ['efsAccessPoint'],
  severity: 'warning',
  title: 'EFS access points confine tasks to a directory with a POSIX user',
  description: 'An access point whose root is "/" or that sets no POSIX user gives the task the whole file system with the identity it chooses.',
  docUrl: DOC.efsAccessPoints,
  check(ap, _r, report) {
    if (ap.properties.accessPointId !== undefined) return;
    const root = ap.properties.rootDirectory?.path ?? '/';
    if (root === '/') report({ nodeId: ap.id, path: ['properties', 'rootDirectory'] }, 'the EFS access point exposes the file system root "/": tasks can read and write everything on it. Set a root directory for the application, e.g. "/app".');
    if (ap.properties.posixUser === undefined) report({ nodeId: ap.id, path: ['properties', 'posixUser'] }, 'the EFS access point sets no POSIX user: tasks access files as whatever user they run as (often root). Set a POSIX uid/gid.');
  },
});

export const containerInsightsRule = designRule({
  id: 'security/container-insights',
  scope: 'design',
  anchor: ['cluster'],
  severity: 'warning',
  title: 'Container Insights is on',
  description: 'Container Insights collects task and service metrics and performance logs; without it failures are harder to see and investigate.',
  docUrl: DOC.containerInsights,
  fixes: ['cluster/enable-container-insights'],
  check(c, _r, report) {
    if (c.properties.containerInsights === 'disabled') {
      report({ nodeId: c.id, path: ['properties', 'containerInsights'] }, `cluster "${c.properties.clusterName}" has Container Insights disabled: task and service metrics are not collected. Enable it.`);
    }
  },
});

export const s3NotAVolumeRule = designRule({
  id: 'volume/s3-not-a-volume',
  scope: 'design',
  anchor: ['s3Bucket'],
  severity: 'error',
  title: 'An S3 bucket is never a volume',
  description: 'ECS tasks cannot mount S3. Use EFS for a shared file system, or connect the bucket to the task role and use the S3 API. The canvas refuses such connections and a design file containing one does not load; this rule catches one made in memory.',
  docUrl: DOC.s3,
  check(b, r, report) {
    for (const kind of EDGE_KIND_IDS) {
      if (kind === 'task-role-s3') continue;
      for (const e of [...r.in(b.id, kind), ...r.out(b.id, kind)]) {
        report({ edgeId: e.id, nodeId: b.id }, `S3 bucket "${b.properties.bucketName}" is connected as ${kind === 'volume-efs' || kind === 'volume-access-point' ? 'a volume' : `a "${kind}" target`}: ECS tasks cannot mount S3. Use an EFS file system for shared files, or connect the bucket to the task role and use the S3 API.`);
      }
    }
  },
});

export const RESOURCE_RULES = [
  executionRolePermissionsRule,
  taskRoleSharedRule,
  efsMountTargetsRule,
  efsNfsAccessRule,
  efsEncryptionRule,
  efsAccessPointRule,
  containerInsightsRule,
  s3NotAVolumeRule,
];
