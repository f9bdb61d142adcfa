// GENERATED FILE, DO NOT EDIT.
//
// Zod schemas for the Amazon ECS RegisterTaskDefinitionRequest shape and every shape reachable from it,
// generated from the official AWS API model shipped with botocore:
//   model:    botocore 1.43.11, data/ecs/2014-11-13/service-2.json.gz
//   api:      Amazon EC2 Container Service 2014-11-13
//   sha256:   287bad5ed3e214205b5a724456d038c47ea1000c00664871682245fd8ab1e32c
// Regenerate with: node scripts/gen-ecs-schema.mjs [path/to/service-2.json.gz]
//
// Mapping: structure -> z.strictObject (unknown keys rejected, as the AWS API does);
// members are optional unless listed in the shape's "required"; string enums -> z.enum;
// integer -> 32-bit integer; long -> integer; list -> z.array; map -> z.record; min/max and
// patterns only where the model states them (model patterns are not anchored). Every member
// carries .describe() with the first sentence of its documentation.

import { z } from 'zod';

export const ecsModelInfo = {
  apiVersion: "2014-11-13",
  botocoreVersion: "1.43.11",
  modelSha256: "287bad5ed3e214205b5a724456d038c47ea1000c00664871682245fd8ab1e32c",
} as const;

/** Smithy "integer": a 32-bit signed integer. */
const int32 = () => z.number().int().min(-2147483648).max(2147483647);

/** Members of the TaskDefinition shape (describe-task-definition output) that are not members of RegisterTaskDefinitionRequest. */
export const describeOnlyTaskDefinitionMembers = ["taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "deregisteredAt", "deleteRequestedAt", "registeredBy"] as const;

export const NetworkModeSchema = z.enum(["bridge", "host", "awsvpc", "none"]);
export type NetworkMode = z.infer<typeof NetworkModeSchema>;

/** The repository credentials for private registry authentication. */
export const RepositoryCredentialsSchema = z.strictObject({
  credentialsParameter: z.string().describe("The Amazon Resource Name (ARN) of the secret containing the private repository credentials."),
});
export type RepositoryCredentials = z.infer<typeof RepositoryCredentialsSchema>;

export const StringListSchema = z.array(z.string());
export type StringList = z.infer<typeof StringListSchema>;

export const TransportProtocolSchema = z.enum(["tcp", "udp"]);
export type TransportProtocol = z.infer<typeof TransportProtocolSchema>;

export const ApplicationProtocolSchema = z.enum(["http", "http2", "grpc"]);
export type ApplicationProtocol = z.infer<typeof ApplicationProtocolSchema>;

/** Port mappings allow containers to access ports on the host container instance to send or receive traffic. */
export const PortMappingSchema = z.strictObject({
  containerPort: int32().optional().describe("The port number on the container that's bound to the user-specified or automatically assigned host port."),
  hostPort: int32().optional().describe("The port number on the container instance to reserve for your container."),
  protocol: TransportProtocolSchema.optional().describe("The protocol used for the port mapping."),
  name: z.string().optional().describe("The name that's used for the port mapping."),
  appProtocol: ApplicationProtocolSchema.optional().describe("The application protocol that's used for the port mapping."),
  containerPortRange: z.string().optional().describe("The port number range on the container that's bound to the dynamically mapped host port range."),
});
export type PortMapping = z.infer<typeof PortMappingSchema>;

export const PortMappingListSchema = z.array(PortMappingSchema);
export type PortMappingList = z.infer<typeof PortMappingListSchema>;

export const IntegerListSchema = z.array(int32());
export type IntegerList = z.infer<typeof IntegerListSchema>;

/** You can enable a restart policy for each container defined in your task definition, to overcome transient failures faster and maintain task availability. */
export const ContainerRestartPolicySchema = z.strictObject({
  enabled: z.boolean().describe("Specifies whether a restart policy is enabled for the container."),
  ignoredExitCodes: IntegerListSchema.optional().describe("A list of exit codes that Amazon ECS will ignore and not attempt a restart on."),
  restartAttemptPeriod: int32().optional().describe("A period of time (in seconds) that the container must run for before a restart can be attempted."),
});
export type ContainerRestartPolicy = z.infer<typeof ContainerRestartPolicySchema>;

/** A key-value pair object. */
export const KeyValuePairSchema = z.strictObject({
  name: z.string().optional().describe("The name of the key-value pair."),
  value: z.string().optional().describe("The value of the key-value pair."),
});
export type KeyValuePair = z.infer<typeof KeyValuePairSchema>;

export const EnvironmentVariablesSchema = z.array(KeyValuePairSchema);
export type EnvironmentVariables = z.infer<typeof EnvironmentVariablesSchema>;

export const EnvironmentFileTypeSchema = z.enum(["s3"]);
export type EnvironmentFileType = z.infer<typeof EnvironmentFileTypeSchema>;

/** A list of files containing the environment variables to pass to a container. */
export const EnvironmentFileSchema = z.strictObject({
  value: z.string().describe("The Amazon Resource Name (ARN) of the Amazon S3 object containing the environment variable file."),
  type: EnvironmentFileTypeSchema.describe("The file type to use."),
});
export type EnvironmentFile = z.infer<typeof EnvironmentFileSchema>;

export const EnvironmentFilesSchema = z.array(EnvironmentFileSchema);
export type EnvironmentFiles = z.infer<typeof EnvironmentFilesSchema>;

/** The details for a volume mount point that's used in a container definition. */
export const MountPointSchema = z.strictObject({
  sourceVolume: z.string().optional().describe("The name of the volume to mount."),
  containerPath: z.string().optional().describe("The path on the container to mount the host volume at."),
  readOnly: z.boolean().optional().describe("If this value is true, the container has read-only access to the volume."),
});
export type MountPoint = z.infer<typeof MountPointSchema>;

export const MountPointListSchema = z.array(MountPointSchema);
export type MountPointList = z.infer<typeof MountPointListSchema>;

/** Details on a data volume from another container in the same task definition. */
export const VolumeFromSchema = z.strictObject({
  sourceContainer: z.string().optional().describe("The name of another container within the same task definition to mount volumes from."),
  readOnly: z.boolean().optional().describe("If this value is true, the container has read-only access to the volume."),
});
export type VolumeFrom = z.infer<typeof VolumeFromSchema>;

export const VolumeFromListSchema = z.array(VolumeFromSchema);
export type VolumeFromList = z.infer<typeof VolumeFromListSchema>;

/** The Linux capabilities to add or remove from the default Docker configuration for a container defined in the task definition. */
export const KernelCapabilitiesSchema = z.strictObject({
  add: StringListSchema.optional().describe("The Linux capabilities for the container that have been added to the default configuration provided by Docker."),
  drop: StringListSchema.optional().describe("The Linux capabilities for the container that have been removed from the default configuration provided by Docker."),
});
export type KernelCapabilities = z.infer<typeof KernelCapabilitiesSchema>;

export const DeviceCgroupPermissionSchema = z.enum(["read", "write", "mknod"]);
export type DeviceCgroupPermission = z.infer<typeof DeviceCgroupPermissionSchema>;

export const DeviceCgroupPermissionsSchema = z.array(DeviceCgroupPermissionSchema);
export type DeviceCgroupPermissions = z.infer<typeof DeviceCgroupPermissionsSchema>;

/** An object representing a container instance host device. */
export const DeviceSchema = z.strictObject({
  hostPath: z.string().describe("The path for the device on the host container instance."),
  containerPath: z.string().optional().describe("The path inside the container at which to expose the host device."),
  permissions: DeviceCgroupPermissionsSchema.optional().describe("The explicit permissions to provide to the container for the device."),
});
export type Device = z.infer<typeof DeviceSchema>;

export const DevicesListSchema = z.array(DeviceSchema);
export type DevicesList = z.infer<typeof DevicesListSchema>;

/** The container path, mount options, and size of the tmpfs mount. */
export const TmpfsSchema = z.strictObject({
  containerPath: z.string().describe("The absolute file path where the tmpfs volume is to be mounted."),
  size: int32().describe("The maximum size (in MiB) of the tmpfs volume."),
  mountOptions: StringListSchema.optional().describe("The list of tmpfs volume mount options."),
});
export type Tmpfs = z.infer<typeof TmpfsSchema>;

export const TmpfsListSchema = z.array(TmpfsSchema);
export type TmpfsList = z.infer<typeof TmpfsListSchema>;

/** The Linux-specific options that are applied to the container, such as Linux KernelCapabilities. */
export const LinuxParametersSchema = z.strictObject({
  capabilities: KernelCapabilitiesSchema.optional().describe("The Linux capabilities for the container that are added to or dropped from the default configuration provided by Docker."),
  devices: DevicesListSchema.optional().describe("Any host devices to expose to the container."),
  initProcessEnabled: z.boolean().optional().describe("Run an init process inside the container that forwards signals and reaps processes."),
  sharedMemorySize: int32().optional().describe("The value for the size (in MiB) of the /dev/shm volume."),
  tmpfs: TmpfsListSchema.optional().describe("The container path, mount options, and size (in MiB) of the tmpfs mount."),
  maxSwap: int32().optional().describe("The total amount of swap memory (in MiB) a container can use."),
  swappiness: int32().optional().describe("This allows you to tune a container's memory swappiness behavior."),
});
export type LinuxParameters = z.infer<typeof LinuxParametersSchema>;

/** An object representing the secret to expose to your container. */
export const SecretSchema = z.strictObject({
  name: z.string().describe("The name of the secret."),
  valueFrom: z.string().describe("The secret to expose to the container."),
});
export type Secret = z.infer<typeof SecretSchema>;

export const SecretListSchema = z.array(SecretSchema);
export type SecretList = z.infer<typeof SecretListSchema>;

export const ContainerConditionSchema = z.enum(["START", "COMPLETE", "SUCCESS", "HEALTHY"]);
export type ContainerCondition = z.infer<typeof ContainerConditionSchema>;

/** The dependencies defined for container startup and shutdown. */
export const ContainerDependencySchema = z.strictObject({
  containerName: z.string().describe("The name of a container."),
  condition: ContainerConditionSchema.describe("The dependency condition of the container."),
});
export type ContainerDependency = z.infer<typeof ContainerDependencySchema>;

export const ContainerDependenciesSchema = z.array(ContainerDependencySchema);
export type ContainerDependencies = z.infer<typeof ContainerDependenciesSchema>;

export const VersionConsistencySchema = z.enum(["enabled", "disabled"]);
export type VersionConsistency = z.infer<typeof VersionConsistencySchema>;

/** Hostnames and IP address entries that are added to the /etc/hosts file of a container via the extraHosts parameter of its ContainerDefinition. */
export const HostEntrySchema = z.strictObject({
  hostname: z.string().describe("The hostname to use in the /etc/hosts entry."),
  ipAddress: z.string().describe("The IP address to use in the /etc/hosts entry."),
});
export type HostEntry = z.infer<typeof HostEntrySchema>;

export const HostEntryListSchema = z.array(HostEntrySchema);
export type HostEntryList = z.infer<typeof HostEntryListSchema>;

export const DockerLabelsMapSchema = z.record(z.string(), z.string());
export type DockerLabelsMap = z.infer<typeof DockerLabelsMapSchema>;

export const UlimitNameSchema = z.enum(["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"]);
export type UlimitName = z.infer<typeof UlimitNameSchema>;

/** The ulimit settings to pass to the container. */
export const UlimitSchema = z.strictObject({
  name: UlimitNameSchema.describe("The type of the ulimit."),
  softLimit: int32().describe("The soft limit for the ulimit type."),
  hardLimit: int32().describe("The hard limit for the ulimit type."),
});
export type Ulimit = z.infer<typeof UlimitSchema>;

export const UlimitListSchema = z.array(UlimitSchema);
export type UlimitList = z.infer<typeof UlimitListSchema>;

export const LogDriverSchema = z.enum(["json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens"]);
export type LogDriver = z.infer<typeof LogDriverSchema>;

export const LogConfigurationOptionsMapSchema = z.record(z.string(), z.string());
export type LogConfigurationOptionsMap = z.infer<typeof LogConfigurationOptionsMapSchema>;

/** The log configuration for the container. */
export const LogConfigurationSchema = z.strictObject({
  logDriver: LogDriverSchema.describe("The log driver to use for the container."),
  options: LogConfigurationOptionsMapSchema.optional().describe("The configuration options to send to the log driver."),
  secretOptions: SecretListSchema.optional().describe("The secrets to pass to the log configuration."),
});
export type LogConfiguration = z.infer<typeof LogConfigurationSchema>;

/** An object representing a container health check. */
export const HealthCheckSchema = z.strictObject({
  command: StringListSchema.describe("A string array representing the command that the container runs to determine if it is healthy."),
  interval: int32().optional().describe("The time period in seconds between each health check execution."),
  timeout: int32().optional().describe("The time period in seconds to wait for a health check to succeed before it is considered a failure."),
  retries: int32().optional().describe("The number of times to retry a failed health check before the container is considered unhealthy."),
  startPeriod: int32().optional().describe("The optional grace period to provide containers time to bootstrap before failed health checks count towards the maximum number of retries."),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

/** A list of namespaced kernel parameters to set in the container. */
export const SystemControlSchema = z.strictObject({
  namespace: z.string().optional().describe("The namespaced kernel parameter to set a value for."),
  value: z.string().optional().describe("The namespaced kernel parameter to set a value for."),
});
export type SystemControl = z.infer<typeof SystemControlSchema>;

export const SystemControlsSchema = z.array(SystemControlSchema);
export type SystemControls = z.infer<typeof SystemControlsSchema>;

export const ResourceTypeSchema = z.enum(["GPU", "InferenceAccelerator"]);
export type ResourceType = z.infer<typeof ResourceTypeSchema>;

/** The type and amount of a resource to assign to a container. */
export const ResourceRequirementSchema = z.strictObject({
  value: z.string().describe("The value for the specified resource type."),
  type: ResourceTypeSchema.describe("The type of resource to assign to a container."),
});
export type ResourceRequirement = z.infer<typeof ResourceRequirementSchema>;

export const ResourceRequirementsSchema = z.array(ResourceRequirementSchema);
export type ResourceRequirements = z.infer<typeof ResourceRequirementsSchema>;

export const FirelensConfigurationTypeSchema = z.enum(["fluentd", "fluentbit"]);
export type FirelensConfigurationType = z.infer<typeof FirelensConfigurationTypeSchema>;

export const FirelensConfigurationOptionsMapSchema = z.record(z.string(), z.string());
export type FirelensConfigurationOptionsMap = z.infer<typeof FirelensConfigurationOptionsMapSchema>;

/** The FireLens configuration for the container. */
export const FirelensConfigurationSchema = z.strictObject({
  type: FirelensConfigurationTypeSchema.describe("The log router to use."),
  options: FirelensConfigurationOptionsMapSchema.optional().describe("The options to use when configuring the log router."),
});
export type FirelensConfiguration = z.infer<typeof FirelensConfigurationSchema>;

/** Container definitions are used in task definitions to describe the different containers that are launched as part of a task. */
export const ContainerDefinitionSchema = z.strictObject({
  name: z.string().optional().describe("The name of a container."),
  image: z.string().optional().describe("The image used to start a container."),
  repositoryCredentials: RepositoryCredentialsSchema.optional().describe("The private repository authentication credentials to use."),
  cpu: int32().optional().describe("The number of cpu units reserved for the container."),
  memory: int32().optional().describe("The amount (in MiB) of memory to present to the container."),
  memoryReservation: int32().optional().describe("The soft limit (in MiB) of memory to reserve for the container."),
  links: StringListSchema.optional().describe("The links parameter allows containers to communicate with each other without the need for port mappings."),
  portMappings: PortMappingListSchema.optional().describe("The list of port mappings for the container."),
  essential: z.boolean().optional().describe("If the essential parameter of a container is marked as true, and that container fails or stops for any reason, all other containers that are part of the task are stopped."),
  restartPolicy: ContainerRestartPolicySchema.optional().describe("The restart policy for a container."),
  entryPoint: StringListSchema.optional().describe("The entry point that's passed to the container."),
  command: StringListSchema.optional().describe("The command that's passed to the container."),
  environment: EnvironmentVariablesSchema.optional().describe("The environment variables to pass to a container."),
  environmentFiles: EnvironmentFilesSchema.optional().describe("A list of files containing the environment variables to pass to a container."),
  mountPoints: MountPointListSchema.optional().describe("The mount points for data volumes in your container."),
  volumesFrom: VolumeFromListSchema.optional().describe("Data volumes to mount from another container."),
  linuxParameters: LinuxParametersSchema.optional().describe("Linux-specific modifications that are applied to the default Docker container configuration, such as Linux kernel capabilities."),
  secrets: SecretListSchema.optional().describe("The secrets to pass to the container."),
  dependsOn: ContainerDependenciesSchema.optional().describe("The dependencies defined for container startup and shutdown."),
  startTimeout: int32().optional().describe("Time duration (in seconds) to wait before giving up on resolving dependencies for a container."),
  stopTimeout: int32().optional().describe("Time duration (in seconds) to wait before the container is forcefully killed if it doesn't exit normally on its own."),
  versionConsistency: VersionConsistencySchema.optional().describe("Specifies whether Amazon ECS will resolve the container image tag provided in the container definition to an image digest."),
  hostname: z.string().optional().describe("The hostname to use for your container."),
  user: z.string().optional().describe("The user to use inside the container."),
  workingDirectory: z.string().optional().describe("The working directory to run commands inside the container in."),
  disableNetworking: z.boolean().optional().describe("When this parameter is true, networking is off within the container."),
  privileged: z.boolean().optional().describe("When this parameter is true, the container is given elevated privileges on the host container instance (similar to the root user)."),
  readonlyRootFilesystem: z.boolean().optional().describe("When this parameter is true, the container is given read-only access to its root file system."),
  dnsServers: StringListSchema.optional().describe("A list of DNS servers that are presented to the container."),
  dnsSearchDomains: StringListSchema.optional().describe("A list of DNS search domains that are presented to the container."),
  extraHosts: HostEntryListSchema.optional().describe("A list of hostnames and IP address mappings to append to the /etc/hosts file on the container."),
  dockerSecurityOptions: StringListSchema.optional().describe("A list of strings to provide custom configuration for multiple security systems."),
  interactive: z.boolean().optional().describe("When this parameter is true, you can deploy containerized applications that require stdin or a tty to be allocated."),
  pseudoTerminal: z.boolean().optional().describe("When this parameter is true, a TTY is allocated."),
  dockerLabels: DockerLabelsMapSchema.optional().describe("A key/value map of labels to add to the container."),
  ulimits: UlimitListSchema.optional().describe("A list of ulimits to set in the container."),
  logConfiguration: LogConfigurationSchema.optional().describe("The log configuration specification for the container."),
  healthCheck: HealthCheckSchema.optional().describe("The container health check command and associated configuration parameters for the container."),
  systemControls: SystemControlsSchema.optional().describe("A list of namespaced kernel parameters to set in the container."),
  resourceRequirements: ResourceRequirementsSchema.optional().describe("The type and amount of a resource to assign to a container."),
  firelensConfiguration: FirelensConfigurationSchema.optional().describe("The FireLens configuration for the container."),
  credentialSpecs: StringListSchema.optional().describe("A list of ARNs in SSM or Amazon S3 to a credential spec (CredSpec) file that configures the container for Active Directory authentication."),
});
export type ContainerDefinition = z.infer<typeof ContainerDefinitionSchema>;

export const ContainerDefinitionsSchema = z.array(ContainerDefinitionSchema);
export type ContainerDefinitions = z.infer<typeof ContainerDefinitionsSchema>;

/** Details on a container instance bind mount host volume. */
export const HostVolumePropertiesSchema = z.strictObject({
  sourcePath: z.string().optional().describe("When the host parameter is used, specify a sourcePath to declare the path on the host container instance that's presented to the container."),
});
export type HostVolumeProperties = z.infer<typeof HostVolumePropertiesSchema>;

export const ScopeSchema = z.enum(["task", "shared"]);
export type Scope = z.infer<typeof ScopeSchema>;

export const StringMapSchema = z.record(z.string(), z.string());
export type StringMap = z.infer<typeof StringMapSchema>;

/** This parameter is specified when you're using Docker volumes. */
export const DockerVolumeConfigurationSchema = z.strictObject({
  scope: ScopeSchema.optional().describe("The scope for the Docker volume that determines its lifecycle."),
  autoprovision: z.boolean().optional().describe("If this value is true, the Docker volume is created if it doesn't already exist."),
  driver: z.string().optional().describe("The Docker volume driver to use."),
  driverOpts: StringMapSchema.optional().describe("A map of Docker driver-specific options passed through."),
  labels: StringMapSchema.optional().describe("Custom metadata to add to your Docker volume."),
});
export type DockerVolumeConfiguration = z.infer<typeof DockerVolumeConfigurationSchema>;

export const EFSTransitEncryptionSchema = z.enum(["ENABLED", "DISABLED"]);
export type EFSTransitEncryption = z.infer<typeof EFSTransitEncryptionSchema>;

export const EFSAuthorizationConfigIAMSchema = z.enum(["ENABLED", "DISABLED"]);
export type EFSAuthorizationConfigIAM = z.infer<typeof EFSAuthorizationConfigIAMSchema>;

/** The authorization configuration details for the Amazon EFS file system. */
export const EFSAuthorizationConfigSchema = z.strictObject({
  accessPointId: z.string().optional().describe("The Amazon EFS access point ID to use."),
  iam: EFSAuthorizationConfigIAMSchema.optional().describe("Determines whether to use the Amazon ECS task role defined in a task definition when mounting the Amazon EFS file system."),
});
export type EFSAuthorizationConfig = z.infer<typeof EFSAuthorizationConfigSchema>;

/** This parameter is specified when you're using an Amazon Elastic File System file system for task storage. */
export const EFSVolumeConfigurationSchema = z.strictObject({
  fileSystemId: z.string().describe("The Amazon EFS file system ID to use."),
  rootDirectory: z.string().optional().describe("The directory within the Amazon EFS file system to mount as the root directory inside the host."),
  transitEncryption: EFSTransitEncryptionSchema.optional().describe("Determines whether to use encryption for Amazon EFS data in transit between the Amazon ECS host and the Amazon EFS server."),
  transitEncryptionPort: int32().optional().describe("The port to use when sending encrypted data between the Amazon ECS host and the Amazon EFS server."),
  authorizationConfig: EFSAuthorizationConfigSchema.optional().describe("The authorization configuration details for the Amazon EFS file system."),
});
export type EFSVolumeConfiguration = z.infer<typeof EFSVolumeConfigurationSchema>;

/** This parameter is specified when you're using an Amazon S3 Files file system for task storage. */
export const S3FilesVolumeConfigurationSchema = z.strictObject({
  fileSystemArn: z.string().describe("The full ARN of the S3 Files file system to mount."),
  rootDirectory: z.string().optional().describe("The directory within the Amazon S3 Files file system to mount as the root directory."),
  transitEncryptionPort: int32().optional().describe("The port to use for sending encrypted data between the ECS host and the S3 Files file system."),
  accessPointArn: z.string().optional().describe("The full ARN of the S3 Files access point to use."),
});
export type S3FilesVolumeConfiguration = z.infer<typeof S3FilesVolumeConfigurationSchema>;

/** The authorization configuration details for Amazon FSx for Windows File Server file system. */
export const FSxWindowsFileServerAuthorizationConfigSchema = z.strictObject({
  credentialsParameter: z.string().describe("The authorization credential option to use."),
  domain: z.string().describe("A fully qualified domain name hosted by an Directory Service Managed Microsoft AD (Active Directory) or self-hosted AD on Amazon EC2."),
});
export type FSxWindowsFileServerAuthorizationConfig = z.infer<typeof FSxWindowsFileServerAuthorizationConfigSchema>;

/** This parameter is specified when you're using Amazon FSx for Windows File Server file system for task storage. */
export const FSxWindowsFileServerVolumeConfigurationSchema = z.strictObject({
  fileSystemId: z.string().describe("The Amazon FSx for Windows File Server file system ID to use."),
  rootDirectory: z.string().describe("The directory within the Amazon FSx for Windows File Server file system to mount as the root directory inside the host."),
  authorizationConfig: FSxWindowsFileServerAuthorizationConfigSchema.describe("The authorization configuration details for the Amazon FSx for Windows File Server file system."),
});
export type FSxWindowsFileServerVolumeConfiguration = z.infer<typeof FSxWindowsFileServerVolumeConfigurationSchema>;

/** The data volume configuration for tasks launched using this task definition. */
export const VolumeSchema = z.strictObject({
  name: z.string().optional().describe("The name of the volume."),
  host: HostVolumePropertiesSchema.optional().describe("This parameter is specified when you use bind mount host volumes."),
  dockerVolumeConfiguration: DockerVolumeConfigurationSchema.optional().describe("This parameter is specified when you use Docker volumes."),
  efsVolumeConfiguration: EFSVolumeConfigurationSchema.optional().describe("This parameter is specified when you use an Amazon Elastic File System file system for task storage."),
  s3filesVolumeConfiguration: S3FilesVolumeConfigurationSchema.optional().describe("This parameter is specified when you use an Amazon S3 Files file system for task storage."),
  fsxWindowsFileServerVolumeConfiguration: FSxWindowsFileServerVolumeConfigurationSchema.optional().describe("This parameter is specified when you use Amazon FSx for Windows File Server file system for task storage."),
  configuredAtLaunch: z.boolean().optional().describe("Indicates whether the volume should be configured at launch time."),
});
export type Volume = z.infer<typeof VolumeSchema>;

export const VolumeListSchema = z.array(VolumeSchema);
export type VolumeList = z.infer<typeof VolumeListSchema>;

export const TaskDefinitionPlacementConstraintTypeSchema = z.enum(["memberOf"]);
export type TaskDefinitionPlacementConstraintType = z.infer<typeof TaskDefinitionPlacementConstraintTypeSchema>;

/** The constraint on task placement in the task definition. */
export const TaskDefinitionPlacementConstraintSchema = z.strictObject({
  type: TaskDefinitionPlacementConstraintTypeSchema.optional().describe("The type of constraint."),
  expression: z.string().optional().describe("A cluster query language expression to apply to the constraint."),
});
export type TaskDefinitionPlacementConstraint = z.infer<typeof TaskDefinitionPlacementConstraintSchema>;

export const TaskDefinitionPlacementConstraintsSchema = z.array(TaskDefinitionPlacementConstraintSchema);
export type TaskDefinitionPlacementConstraints = z.infer<typeof TaskDefinitionPlacementConstraintsSchema>;

export const CompatibilitySchema = z.enum(["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"]);
export type Compatibility = z.infer<typeof CompatibilitySchema>;

export const CompatibilityListSchema = z.array(CompatibilitySchema);
export type CompatibilityList = z.infer<typeof CompatibilityListSchema>;

export const TagKeySchema = z.string().min(1).max(128).regex(new RegExp("([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)", "u"));
export type TagKey = z.infer<typeof TagKeySchema>;

export const TagValueSchema = z.string().max(256).regex(new RegExp("([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)", "u"));
export type TagValue = z.infer<typeof TagValueSchema>;

/** The metadata that you apply to a resource to help you categorize and organize them. */
export const TagSchema = z.strictObject({
  key: TagKeySchema.optional().describe("One part of a key-value pair that make up a tag."),
  value: TagValueSchema.optional().describe("The optional part of a key-value pair that make up a tag."),
});
export type Tag = z.infer<typeof TagSchema>;

export const TagsSchema = z.array(TagSchema).max(50);
export type Tags = z.infer<typeof TagsSchema>;

export const PidModeSchema = z.enum(["host", "task"]);
export type PidMode = z.infer<typeof PidModeSchema>;

export const IpcModeSchema = z.enum(["host", "task", "none"]);
export type IpcMode = z.infer<typeof IpcModeSchema>;

export const ProxyConfigurationTypeSchema = z.enum(["APPMESH"]);
export type ProxyConfigurationType = z.infer<typeof ProxyConfigurationTypeSchema>;

export const ProxyConfigurationPropertiesSchema = z.array(KeyValuePairSchema);
export type ProxyConfigurationProperties = z.infer<typeof ProxyConfigurationPropertiesSchema>;

/** The configuration details for the App Mesh proxy. */
export const ProxyConfigurationSchema = z.strictObject({
  type: ProxyConfigurationTypeSchema.optional().describe("The proxy type."),
  containerName: z.string().describe("The name of the container that will serve as the App Mesh proxy."),
  properties: ProxyConfigurationPropertiesSchema.optional().describe("The set of network configuration parameters to provide the Container Network Interface (CNI) plugin, specified as key-value pairs."),
});
export type ProxyConfiguration = z.infer<typeof ProxyConfigurationSchema>;

/**
 * Details on an Elastic Inference accelerator.
 * @deprecated This feature is no longer available.
 */
export const InferenceAcceleratorSchema = z.strictObject({
  deviceName: z.string().describe("The Elastic Inference accelerator device name."),
  deviceType: z.string().describe("The Elastic Inference accelerator type to use."),
});
export type InferenceAccelerator = z.infer<typeof InferenceAcceleratorSchema>;

/** @deprecated This feature is no longer available. */
export const InferenceAcceleratorsSchema = z.array(InferenceAcceleratorSchema);
export type InferenceAccelerators = z.infer<typeof InferenceAcceleratorsSchema>;

/** The amount of ephemeral storage to allocate for the task. */
export const EphemeralStorageSchema = z.strictObject({
  sizeInGiB: int32().describe("The total amount, in GiB, of ephemeral storage to set for the task."),
});
export type EphemeralStorage = z.infer<typeof EphemeralStorageSchema>;

export const CPUArchitectureSchema = z.enum(["X86_64", "ARM64"]);
export type CPUArchitecture = z.infer<typeof CPUArchitectureSchema>;

export const OSFamilySchema = z.enum(["WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2016_FULL", "WINDOWS_SERVER_2004_CORE", "WINDOWS_SERVER_2022_CORE", "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2025_CORE", "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_20H2_CORE", "LINUX"]);
export type OSFamily = z.infer<typeof OSFamilySchema>;

/** Information about the platform for the Amazon ECS service or task. */
export const RuntimePlatformSchema = z.strictObject({
  cpuArchitecture: CPUArchitectureSchema.optional().describe("The CPU architecture."),
  operatingSystemFamily: OSFamilySchema.optional().describe("The operating system."),
});
export type RuntimePlatform = z.infer<typeof RuntimePlatformSchema>;

export const RegisterTaskDefinitionRequestSchema = z.strictObject({
  family: z.string().describe("You must specify a family for a task definition."),
  taskRoleArn: z.string().optional().describe("The short name or full Amazon Resource Name (ARN) of the IAM role that containers in this task can assume."),
  executionRoleArn: z.string().optional().describe("The Amazon Resource Name (ARN) of the task execution role that grants the Amazon ECS container agent permission to make Amazon Web Services API calls on your behalf."),
  networkMode: NetworkModeSchema.optional().describe("The Docker networking mode to use for the containers in the task."),
  containerDefinitions: ContainerDefinitionsSchema.describe("A list of container definitions in JSON format that describe the different containers that make up your task."),
  volumes: VolumeListSchema.optional().describe("A list of volume definitions in JSON format that containers in your task might use."),
  placementConstraints: TaskDefinitionPlacementConstraintsSchema.optional().describe("An array of placement constraint objects to use for the task."),
  requiresCompatibilities: CompatibilityListSchema.optional().describe("The task launch type that Amazon ECS validates the task definition against."),
  cpu: z.string().optional().describe("The number of CPU units used by the task."),
  memory: z.string().optional().describe("The amount of memory (in MiB) used by the task."),
  tags: TagsSchema.optional().describe("The metadata that you apply to the task definition to help you categorize and organize them."),
  pidMode: PidModeSchema.optional().describe("The process namespace to use for the containers in the task."),
  ipcMode: IpcModeSchema.optional().describe("The IPC resource namespace to use for the containers in the task."),
  proxyConfiguration: ProxyConfigurationSchema.optional().describe("The configuration details for the App Mesh proxy."),
  inferenceAccelerators: InferenceAcceleratorsSchema.optional().describe("The Elastic Inference accelerators to use for the containers in the task.").meta({"deprecated":true,"deprecationMessage":"This feature is no longer available."}),
  ephemeralStorage: EphemeralStorageSchema.optional().describe("The amount of ephemeral storage to allocate for the task."),
  runtimePlatform: RuntimePlatformSchema.optional().describe("The operating system that your tasks definitions run on."),
  enableFaultInjection: z.boolean().optional().describe("Enables fault injection when you register your task definition and allows for fault injection requests to be accepted from the task's containers."),
});
export type RegisterTaskDefinitionRequest = z.infer<typeof RegisterTaskDefinitionRequestSchema>;
