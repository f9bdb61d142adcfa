/** For every task-definition rule: a task definition that triggers it and a near miss that must not (test fixtures). */
import { c0, ec2TaskDef, fargateTaskDef, sidecar, variant, type Json } from './taskdefs';

export type TaskDefCase = {
  /** A task definition the rule must flag… */
  trigger: Json;
  /** …where (JSON Pointer into the file), when the test should pin it. */
  path?: string;
  /** A near miss the rule must not flag (default: the clean base of the same launch type). */
  clean?: Json;
};

const F = fargateTaskDef;
const E = ec2TaskDef;

/** For EVERY task-definition rule: a case that triggers it and one that must not. */
export const TASKDEF_CASES: Record<string, TaskDefCase> = {
  'taskdef/family': { trigger: variant(F(), (t) => (t.family = '<TASK_NAME>')), path: '/family', clean: variant(F(), (t) => (t.family = 'web_api-2')) },
  'taskdef/cpu-memory-format': { trigger: variant(F(), (t) => (t.cpu = '1,5 vcpu')), path: '/cpu', clean: variant(F(), (t) => ((t.cpu = '1 vCPU'), (t.memory = '2 GB'))) },
  'fargate/task-size-required': { trigger: variant(F(), (t) => delete t.memory), path: '/memory', clean: variant(E(), (t) => delete t.memory) },
  'fargate/task-size': { trigger: variant(F(), (t) => (t.memory = '4096')), path: '/memory', clean: variant(F(), (t) => ((t.cpu = '512'), (t.memory = '4096'))) },
  'fargate/windows-unsupported': {
    trigger: variant(F(), (t) => ((t.runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }), (c0(t).readonlyRootFilesystem = undefined))),
    path: '/cpu',
    clean: variant(F(), (t) => ((t.runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }), (t.cpu = '1024'), (t.memory = '2048'))),
  },
  'platform/fargate-os-family': {
    trigger: variant(F(), (t) => ((t.runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2016_FULL' }), (t.cpu = '1024'), (t.memory = '2048'))),
    path: '/runtimePlatform/operatingSystemFamily',
    clean: variant(E(), (t) => ((t.runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2016_FULL' }), (t.networkMode = undefined))),
  },
  'container/cpu-sum': { trigger: variant(F(), (t) => (c0(t).cpu = 512)), path: '/cpu', clean: variant(F(), (t) => (c0(t).cpu = 256)) },
  'container/memory-sum': { trigger: variant(F(), (t) => (c0(t).memory = 1024)), path: '/memory', clean: variant(F(), (t) => (c0(t).memory = 512)) },
  'container/memory-required': { trigger: variant(E(), (t) => delete c0(t).memory), path: '/containerDefinitions/0/memory', clean: variant(E(), (t) => ((c0(t).memory = undefined), (c0(t).memoryReservation = 128))) },
  'container/memory-reservation': {
    trigger: variant(E(), (t) => (c0(t).memoryReservation = 256)),
    path: '/containerDefinitions/0/memoryReservation',
    clean: variant(E(), (t) => (c0(t).memoryReservation = 128)),
  },
  'container/memory-minimum': { trigger: variant(E(), (t) => (c0(t).memory = 4)), path: '/containerDefinitions/0/memory', clean: variant(E(), (t) => (c0(t).memory = 6)) },
  'network/fargate-awsvpc': { trigger: variant(F(), (t) => (t.networkMode = 'bridge')), path: '/networkMode' },
  'network/mode-platform': {
    trigger: variant(E(), (t) => (t.runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE' })),
    path: '/networkMode',
    clean: variant(E(), (t) => ((t.runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE' }), delete t.networkMode)),
  },
  'network/awsvpc-host-port': {
    trigger: variant(F(), (t) => ((c0(t).portMappings as Json[])[0]!.hostPort = 0)),
    path: '/containerDefinitions/0/portMappings/0/hostPort',
    clean: variant(F(), (t) => ((c0(t).portMappings as Json[])[0]!.hostPort = 80)),
  },
  'network/port-range': { trigger: variant(F(), (t) => ((c0(t).portMappings as Json[])[0]!.containerPort = 70000)), path: '/containerDefinitions/0/portMappings/0/containerPort' },
  'network/duplicate-container-port': {
    trigger: variant(F(), (t) => (c0(t).portMappings = [{ containerPort: 80 }, { containerPort: 80, protocol: 'tcp' }])),
    path: '/containerDefinitions/0/portMappings/1/containerPort',
    clean: variant(F(), (t) => (c0(t).portMappings = [{ containerPort: 53, protocol: 'tcp' }, { containerPort: 53, protocol: 'udp' }])),
  },
  'network/duplicate-host-port': {
    trigger: variant(F(), (t) => t.containerDefinitions.push(sidecar({ portMappings: [{ containerPort: 80 }] }))),
    path: '/containerDefinitions/1/portMappings/0/containerPort',
    clean: variant(F(), (t) => t.containerDefinitions.push(sidecar({ portMappings: [{ containerPort: 8080 }] }))),
  },
  'network/fixed-host-port': {
    trigger: variant(E(), (t) => ((c0(t).portMappings as Json[])[0]!.hostPort = 8080)),
    path: '/containerDefinitions/0/portMappings/0/hostPort',
    clean: variant(E(), (t) => ((c0(t).portMappings as Json[])[0]!.hostPort = 0)),
  },
  'network/reserved-host-port': {
    trigger: variant(E(), (t) => ((c0(t).portMappings as Json[])[0]!.hostPort = 51678)),
    path: '/containerDefinitions/0/portMappings/0/hostPort',
    clean: variant(F(), (t) => (c0(t).portMappings = [{ containerPort: 22 }])),
  },
  'network/none-port-mappings': { trigger: variant(E(), (t) => (t.networkMode = 'none')), path: '/containerDefinitions/0/portMappings', clean: variant(E(), (t) => ((t.networkMode = 'none'), delete c0(t).portMappings)) },
  'network/links-bridge-only': {
    trigger: variant(F(), (t) => (c0(t).links = ['db'])),
    path: '/containerDefinitions/0/links',
    clean: variant(E(), (t) => ((c0(t).links = ['sidecar']), t.containerDefinitions.push(sidecar({ memory: 64 })))),
  },
  'network/container-port-range': {
    trigger: variant(F(), (t) => (c0(t).portMappings = [{ containerPortRange: '9000-8000' }])),
    path: '/containerDefinitions/0/portMappings/0/containerPortRange',
    clean: variant(F(), (t) => (c0(t).portMappings = [{ containerPortRange: '8000-9000' }])),
  },
  'container/count': { trigger: variant(F(), (t) => (t.containerDefinitions = [])), path: '/containerDefinitions' },
  'container/name': { trigger: variant(F(), (t) => (c0(t).name = 'my app')), path: '/containerDefinitions/0/name' },
  'container/name-unique': {
    trigger: variant(F(), (t) => t.containerDefinitions.push(sidecar({ name: 'app' }))),
    path: '/containerDefinitions/1/name',
    clean: variant(F(), (t) => t.containerDefinitions.push(sidecar())),
  },
  'container/image': { trigger: variant(F(), (t) => (c0(t).image = '{{demo-app-image}}')), path: '/containerDefinitions/0/image', clean: variant(F(), (t) => (c0(t).image = '127.0.0.1:5000/app@sha256:abc')) },
  'container/image-tag': { trigger: variant(F(), (t) => (c0(t).image = 'nginx:latest')), path: '/containerDefinitions/0/image', clean: variant(F(), (t) => (c0(t).image = 'nginx@sha256:0123abcd')) },
  'container/essential': { trigger: variant(F(), (t) => (c0(t).essential = false)), path: '/containerDefinitions/0/essential', clean: variant(F(), (t) => delete c0(t).essential) },
  'container/volumes-from': {
    trigger: variant(F(), (t) => (c0(t).volumesFrom = [{ sourceContainer: 'data' }])),
    path: '/containerDefinitions/0/volumesFrom/0/sourceContainer',
    clean: variant(F(), (t) => ((c0(t).volumesFrom = [{ sourceContainer: 'sidecar' }]), t.containerDefinitions.push(sidecar()))),
  },
  'fargate/stop-timeout': { trigger: variant(F(), (t) => (c0(t).stopTimeout = 121)), path: '/containerDefinitions/0/stopTimeout', clean: variant(E(), (t) => (c0(t).stopTimeout = 600)) },
  'fargate/unsupported-parameter': {
    trigger: variant(F(), (t) => (c0(t).linuxParameters = { devices: [{ hostPath: '/dev/xvda' }] })),
    path: '/containerDefinitions/0/linuxParameters/devices',
    clean: variant(F(), (t) => (c0(t).linuxParameters = { initProcessEnabled: true })),
  },
  'container/depends-on-missing': {
    trigger: variant(F(), (t) => (c0(t).dependsOn = [{ containerName: 'db', condition: 'START' }])),
    path: '/containerDefinitions/0/dependsOn/0/containerName',
    clean: variant(F(), (t) => ((c0(t).dependsOn = [{ containerName: 'sidecar', condition: 'START' }]), t.containerDefinitions.push(sidecar()))),
  },
  'container/depends-on-healthy': {
    trigger: variant(F(), (t) => ((c0(t).dependsOn = [{ containerName: 'sidecar', condition: 'HEALTHY' }]), t.containerDefinitions.push(sidecar()))),
    path: '/containerDefinitions/0/dependsOn/0/condition',
    clean: variant(F(), (t) => ((c0(t).dependsOn = [{ containerName: 'sidecar', condition: 'HEALTHY' }]), t.containerDefinitions.push(sidecar({ healthCheck: { command: ['CMD', 'true'] } })))),
  },
  'container/depends-on-essential': {
    trigger: variant(F(), (t) => ((c0(t).dependsOn = [{ containerName: 'sidecar', condition: 'SUCCESS' }]), t.containerDefinitions.push(sidecar({ essential: true })))),
    path: '/containerDefinitions/0/dependsOn/0/condition',
    clean: variant(F(), (t) => ((c0(t).dependsOn = [{ containerName: 'sidecar', condition: 'SUCCESS' }]), t.containerDefinitions.push(sidecar()))),
  },
  'container/depends-on-cycle': {
    trigger: variant(F(), (t) => ((c0(t).dependsOn = [{ containerName: 'sidecar', condition: 'START' }]), t.containerDefinitions.push(sidecar({ dependsOn: [{ containerName: 'app', condition: 'START' }] })))),
    path: '/containerDefinitions/1/dependsOn/0/containerName',
    clean: variant(F(), (t) => ((c0(t).dependsOn = [{ containerName: 'sidecar', condition: 'START' }]), t.containerDefinitions.push(sidecar()))),
  },
  'healthcheck/command': {
    trigger: variant(F(), (t) => (c0(t).healthCheck = { command: ['curl -f http://localhost/'] })),
    path: '/containerDefinitions/0/healthCheck/command/0',
    clean: variant(F(), (t) => (c0(t).healthCheck = { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] })),
  },
  'healthcheck/range': {
    trigger: variant(F(), (t) => (c0(t).healthCheck = { command: ['CMD', 'true'], interval: 4 })),
    path: '/containerDefinitions/0/healthCheck/interval',
    clean: variant(F(), (t) => (c0(t).healthCheck = { command: ['CMD', 'true'], interval: 5, timeout: 60, retries: 10, startPeriod: 300 })),
  },
  'taskdef/proxy-configuration': {
    trigger: variant(F(), (t) => (t.proxyConfiguration = { type: 'APPMESH', containerName: 'envoy' })),
    path: '/proxyConfiguration/containerName',
    clean: variant(F(), (t) => ((t.proxyConfiguration = { type: 'APPMESH', containerName: 'sidecar' }), t.containerDefinitions.push(sidecar()))),
  },
  'logs/fargate-log-driver': {
    trigger: variant(F(), (t) => (c0(t).logConfiguration = { logDriver: 'json-file' })),
    path: '/containerDefinitions/0/logConfiguration/logDriver',
    clean: variant(E(), (t) => (c0(t).logConfiguration = { logDriver: 'json-file' })),
  },
  'logs/awslogs-group-region': {
    trigger: variant(F(), (t) => delete (c0(t).logConfiguration as { options: Json }).options['awslogs-region']),
    path: '/containerDefinitions/0/logConfiguration/options/awslogs-region',
  },
  'logs/awslogs-stream-prefix': {
    trigger: variant(F(), (t) => delete (c0(t).logConfiguration as { options: Json }).options['awslogs-stream-prefix']),
    path: '/containerDefinitions/0/logConfiguration/options/awslogs-stream-prefix',
    clean: variant(E(), (t) => (c0(t).logConfiguration = { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-region': 'eu-west-1' } })),
  },
  'logs/awslogs-option': {
    trigger: variant(F(), (t) => ((c0(t).logConfiguration as { options: Json }).options['awslogs-retention'] = '7')),
    path: '/containerDefinitions/0/logConfiguration/options/awslogs-retention',
    clean: variant(F(), (t) => ((c0(t).logConfiguration as { options: Json }).options['mode'] = 'non-blocking')),
  },
  'logs/firelens-router': {
    trigger: variant(F(), (t) => (c0(t).logConfiguration = { logDriver: 'awsfirelens', options: { Name: 'cloudwatch' } })),
    path: '/containerDefinitions/0/logConfiguration/logDriver',
    clean: variant(F(), (t) => ((c0(t).logConfiguration = { logDriver: 'awsfirelens', options: { Name: 'cloudwatch' } }), t.containerDefinitions.push(sidecar({ firelensConfiguration: { type: 'fluentbit' } })))),
  },
  'secrets/value-from': {
    trigger: variant(F(), (t) => (c0(t).secrets = [{ name: 'DB', valueFrom: 'arn:aws:s3:::bucket/db' }])),
    path: '/containerDefinitions/0/secrets/0/valueFrom',
    clean: variant(F(), (t) => (c0(t).secrets = [{ name: 'DB', valueFrom: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:db-AbCd:password::' }, { name: 'P', valueFrom: '/app/param' }])),
  },
  'role/execution-role-missing': {
    trigger: variant(F(), (t) => delete t.executionRoleArn),
    path: '/executionRoleArn',
    clean: variant(E(), (t) => (c0(t).logConfiguration = { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-region': 'eu-west-1' } })),
  },
  'role/task-role-equals-execution-role': { trigger: variant(F(), (t) => (t.taskRoleArn = t.executionRoleArn)), path: '/taskRoleArn' },
  'security/secret-in-environment': {
    trigger: variant(F(), (t) => (c0(t).environment = [{ name: 'DB_PASSWORD', value: 'hunter2' }])),
    path: '/containerDefinitions/0/environment/0/value',
    clean: variant(F(), (t) => (c0(t).environment = [{ name: 'DB_PASSWORD_ARN', value: 'arn:aws:secretsmanager:eu-central-1:1:secret:x' }, { name: 'TOKEN_URL', value: 'https://x' }])),
  },
  'volume/name': { trigger: variant(F(), (t) => (t.volumes = [{ name: 'data' }, { name: 'data' }])), path: '/volumes/1/name', clean: variant(F(), (t) => (t.volumes = [{ name: 'data' }, { name: 'cache' }])) },
  'volume/mount-point': {
    trigger: variant(F(), (t) => (c0(t).mountPoints = [{ sourceVolume: 'data', containerPath: '/data' }])),
    path: '/containerDefinitions/0/mountPoints/0/sourceVolume',
    clean: variant(F(), (t) => ((c0(t).mountPoints = [{ sourceVolume: 'data', containerPath: '/data' }]), (t.volumes = [{ name: 'data' }]))),
  },
  'efs/file-system-id': {
    trigger: variant(F(), (t) => (t.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: '', transitEncryption: 'ENABLED' } }])),
    path: '/volumes/0/efsVolumeConfiguration/fileSystemId',
    clean: variant(F(), (t) => (t.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1234', transitEncryption: 'ENABLED' } }])),
  },
  'efs/transit-encryption': {
    trigger: variant(F(), (t) => (t.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', authorizationConfig: { accessPointId: 'fsap-1' } } }])),
    path: '/volumes/0/efsVolumeConfiguration/transitEncryption',
    clean: variant(F(), (t) => (t.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: 'fsap-1' } } }])),
  },
  'efs/access-point-root-directory': {
    trigger: variant(F(), (t) => (t.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', rootDirectory: '/data', transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: 'fsap-1' } } }])),
    path: '/volumes/0/efsVolumeConfiguration/rootDirectory',
    clean: variant(F(), (t) => (t.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', rootDirectory: '/data', transitEncryption: 'ENABLED' } }])),
  },
  'efs/iam-needs-task-role': {
    trigger: variant(F(), (t) => ((t.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } } }]), delete t.taskRoleArn)),
    path: '/volumes/0/efsVolumeConfiguration/authorizationConfig/iam',
    clean: variant(F(), (t) => (t.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } } }])),
  },
  'volume/ephemeral-storage': { trigger: variant(F(), (t) => (t.ephemeralStorage = { sizeInGiB: 20 })), path: '/ephemeralStorage/sizeInGiB', clean: variant(F(), (t) => (t.ephemeralStorage = { sizeInGiB: 21 })) },
  'security/privileged': { trigger: variant(E(), (t) => (c0(t).privileged = true)), path: '/containerDefinitions/0/privileged', clean: variant(E(), (t) => (c0(t).privileged = false)) },
  'security/readonly-root-filesystem': {
    trigger: variant(F(), (t) => delete c0(t).readonlyRootFilesystem),
    path: '/containerDefinitions/0/readonlyRootFilesystem',
    clean: variant(E(), (t) => ((t.runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL' }), delete t.networkMode, delete c0(t).readonlyRootFilesystem)),
  },
  'security/pid-mode-host': { trigger: variant(E(), (t) => (t.pidMode = 'host')), path: '/pidMode', clean: variant(E(), (t) => (t.pidMode = 'task')) },
  'security/efs-transit-encryption': {
    trigger: variant(F(), (t) => (t.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }])),
    path: '/volumes/0/efsVolumeConfiguration/transitEncryption',
    clean: variant(F(), (t) => (t.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED' } }])),
  },
};

