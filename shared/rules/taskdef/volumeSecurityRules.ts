import { DOC } from '../docs';
import type { TaskDefRule } from '../types';
import { containerLabel } from './facts';

export const volumeNameRule: TaskDefRule = {
  id: 'volume/name',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Volumes have unique names',
  description: 'Each volume needs a `name` (mount points refer to it), unique within the task definition.',
  docUrl: DOC.volumes,
  check(t, report) {
    const seen = new Set<string>();
    (t.td.volumes ?? []).forEach((v, i) => {
      if (v.name === undefined || v.name === '') report(['volumes', i, 'name'], `volume ${i + 1} has no name: containers mount volumes by name. Name it.`);
      else if (seen.has(v.name)) report(['volumes', i, 'name'], `volume name "${v.name}" is used twice: give each volume its own name.`);
      else seen.add(v.name);
    });
  },
};

export const mountPointRule: TaskDefRule = {
  id: 'volume/mount-point',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Mount points name a volume of the task definition and a container path',
  description: '`mountPoints[].sourceVolume` must be the name of a volume in `volumes`, and `containerPath` is required.',
  docUrl: DOC.volumes,
  check(t, report) {
    const names = new Set((t.td.volumes ?? []).map((v) => v.name));
    t.containers.forEach((c, i) => {
      (c.mountPoints ?? []).forEach((m, j) => {
        const at = ['containerDefinitions', i, 'mountPoints', j];
        if (m.sourceVolume === undefined || m.sourceVolume === '') report([...at, 'sourceVolume'], `${containerLabel(c, i)}: mount point ${j + 1} has no sourceVolume: name the volume to mount.`);
        else if (!names.has(m.sourceVolume)) {
          report([...at, 'sourceVolume'], `${containerLabel(c, i)} mounts volume "${m.sourceVolume}", which is not defined in the task definition's volumes. Add the volume (EFS or bind mount) or fix the name.`);
        }
        if (m.containerPath === undefined || m.containerPath === '') report([...at, 'containerPath'], `${containerLabel(c, i)}: mount point ${j + 1} has no containerPath: say where the volume appears in the container.`);
      });
    });
  },
};

export const efsFileSystemIdRule: TaskDefRule = {
  id: 'efs/file-system-id',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'EFS volumes name a file system',
  description: '`efsVolumeConfiguration.fileSystemId` is required: connect an EFS file system to the volume.',
  docUrl: DOC.efsConfig,
  check(t, report) {
    (t.td.volumes ?? []).forEach((v, i) => {
      const efs = v.efsVolumeConfiguration;
      if (efs && (efs.fileSystemId === undefined || efs.fileSystemId === '')) {
        report(['volumes', i, 'efsVolumeConfiguration', 'fileSystemId'], `EFS volume "${v.name ?? i}" has no file system: connect an EFS file system to the task definition for this volume (or set fileSystemId).`);
      }
    });
  },
};

export const efsTransitEncryptionRule: TaskDefRule = {
  id: 'efs/transit-encryption',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'EFS IAM authorization and access points need transit encryption',
  description: '`transitEncryption` must be ENABLED when `authorizationConfig.iam` is ENABLED or an access point is used; AWS rejects the task definition otherwise.',
  docUrl: DOC.efsConfig,
  fixes: ['efs/enable-transit-encryption'],
  check(t, report) {
    (t.td.volumes ?? []).forEach((v, i) => {
      const efs = v.efsVolumeConfiguration;
      if (!efs || efs.transitEncryption === 'ENABLED') return;
      const reasons: string[] = [];
      if (efs.authorizationConfig?.iam === 'ENABLED') reasons.push('IAM authorization is enabled');
      if (efs.authorizationConfig?.accessPointId !== undefined) reasons.push('an access point is used');
      if (reasons.length === 0) return;
      report(['volumes', i, 'efsVolumeConfiguration', 'transitEncryption'], `EFS volume "${v.name ?? i}": ${reasons.join(' and ')}, which requires transitEncryption ENABLED (it is ${efs.transitEncryption ?? 'unset, i.e. DISABLED'}). Enable transit encryption.`);
    });
  },
};

export const efsAccessPointRootRule: TaskDefRule = {
  id: 'efs/access-point-root-directory',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'With an access point, rootDirectory is omitted or "/"',
  description: 'An EFS access point sets the root directory itself; the volume\'s `rootDirectory` must then be omitted or "/".',
  docUrl: DOC.efsConfig,
  check(t, report) {
    (t.td.volumes ?? []).forEach((v, i) => {
      const efs = v.efsVolumeConfiguration;
      if (!efs || efs.authorizationConfig?.accessPointId === undefined) return;
      if (efs.rootDirectory !== undefined && efs.rootDirectory !== '/') {
        report(['volumes', i, 'efsVolumeConfiguration', 'rootDirectory'], `EFS volume "${v.name ?? i}" uses an access point and rootDirectory "${efs.rootDirectory}": with an access point rootDirectory must be omitted or "/". Set the directory on the access point instead.`);
      }
    });
  },
};

export const efsIamTaskRoleRule: TaskDefRule = {
  id: 'efs/iam-needs-task-role',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'EFS IAM authorization needs a task role',
  description: 'With `authorizationConfig.iam` ENABLED the task mounts EFS with its task role; without a task role the mount fails.',
  docUrl: DOC.efsConfig,
  check(t, report) {
    if (t.td.taskRoleArn !== undefined && t.td.taskRoleArn !== '') return;
    (t.td.volumes ?? []).forEach((v, i) => {
      if (v.efsVolumeConfiguration?.authorizationConfig?.iam === 'ENABLED') {
        report(['volumes', i, 'efsVolumeConfiguration', 'authorizationConfig', 'iam'], `EFS volume "${v.name ?? i}" uses IAM authorization but the task has no task role: the mount fails. Add a task role allowed to mount the file system (elasticfilesystem:ClientMount).`);
      }
    });
  },
};

export const ephemeralStorageRule: TaskDefRule = {
  id: 'volume/ephemeral-storage',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'ephemeralStorage is 21–200 GiB, Fargate Linux only',
  description: '`ephemeralStorage.sizeInGiB` must be 21–200; it applies to Fargate Linux tasks (platform 1.4.0+), not Windows or EC2.',
  docUrl: DOC.ephemeralStorage,
  check(t, report) {
    const es = t.td.ephemeralStorage;
    if (!es) return;
    if (es.sizeInGiB < 21 || es.sizeInGiB > 200) report(['ephemeralStorage', 'sizeInGiB'], `ephemeralStorage ${es.sizeInGiB} GiB is outside 21–200 GiB (Fargate gives 20 GiB by default).`);
    else if (t.windows && !t.fargate) report(['ephemeralStorage'], 'ephemeralStorage is not supported for Windows containers: remove it.');
    else if (!t.fargate) report(['ephemeralStorage'], 'ephemeralStorage applies to Fargate tasks only; on EC2 the storage is the instance volume. Remove it or add FARGATE to requiresCompatibilities.');
  },
};

export const privilegedRule: TaskDefRule = {
  id: 'security/privileged',
  scope: 'taskDefinition',
  severity: 'warning',
  title: 'Containers do not run privileged',
  description: 'A privileged container has root access to the host and all its devices. (On Fargate it is an error, see fargate/unsupported-parameter.)',
  docUrl: DOC.securityTasks,
  check(t, report) {
    if (t.fargate) return;
    t.containers.forEach((c, i) => {
      if (c.privileged === true) report(['containerDefinitions', i, 'privileged'], `${containerLabel(c, i)} runs privileged: it gets root access to the container instance and its devices. Grant only the Linux capabilities it needs instead.`);
    });
  },
};

export const readonlyRootRule: TaskDefRule = {
  id: 'security/readonly-root-filesystem',
  scope: 'taskDefinition',
  severity: 'warning',
  title: 'Containers use a read-only root file system',
  description: 'With `readonlyRootFilesystem: true` an attacker cannot modify the container\'s files; writable paths go to volumes. (Not available for Windows containers.)',
  docUrl: DOC.securityTasks,
  check(t, report) {
    if (t.windows) return;
    t.containers.forEach((c, i) => {
      if (c.readonlyRootFilesystem !== true) {
        report(['containerDefinitions', i, 'readonlyRootFilesystem'], `${containerLabel(c, i)}: the root file system is writable. Set readonlyRootFilesystem to true and mount volumes for the paths the application writes.`);
      }
    });
  },
};

export const pidModeHostRule: TaskDefRule = {
  id: 'security/pid-mode-host',
  scope: 'taskDefinition',
  severity: 'warning',
  title: 'pidMode is not host',
  description: 'With `pidMode: host` the containers see and can signal every process of the container instance.',
  docUrl: DOC.securityTasks,
  check(t, report) {
    if (t.td.pidMode === 'host' && !t.fargate) report(['pidMode'], 'pidMode "host" shares the host process namespace: containers can see and signal every process on the instance. Use "task" or omit it.');
  },
};

export const efsTransitEncryptionAdviceRule: TaskDefRule = {
  id: 'security/efs-transit-encryption',
  scope: 'taskDefinition',
  severity: 'warning',
  title: 'EFS volumes encrypt data in transit',
  description: 'Without `transitEncryption: ENABLED` NFS traffic between the task and EFS is not encrypted.',
  docUrl: DOC.efsConfig,
  fixes: ['efs/enable-transit-encryption'],
  check(t, report) {
    (t.td.volumes ?? []).forEach((v, i) => {
      const efs = v.efsVolumeConfiguration;
      if (!efs || efs.transitEncryption === 'ENABLED') return;
      if (efs.authorizationConfig?.iam === 'ENABLED' || efs.authorizationConfig?.accessPointId !== undefined) return; // efs/transit-encryption (error)
      report(['volumes', i, 'efsVolumeConfiguration', 'transitEncryption'], `EFS volume "${v.name ?? i}": transit encryption is off, so file data crosses the network unencrypted. Set transitEncryption to ENABLED.`);
    });
  },
};

export const VOLUME_SECURITY_RULES = [
  volumeNameRule,
  mountPointRule,
  efsFileSystemIdRule,
  efsTransitEncryptionRule,
  efsAccessPointRootRule,
  efsIamTaskRoleRule,
  ephemeralStorageRule,
  privilegedRule,
  readonlyRootRule,
  pidModeHostRule,
  efsTransitEncryptionAdviceRule,
];
