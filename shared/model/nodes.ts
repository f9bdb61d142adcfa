import { z } from 'zod';
import { PositionSchema } from './kinds/common';
import { AsgCapacityProviderPropsSchema, ClusterPropsSchema, FargateCapacityProviderPropsSchema, ServicePropsSchema } from './kinds/compute';
import { ExecutionRolePropsSchema, InstanceRolePropsSchema, TaskRolePropsSchema } from './kinds/iam';
import { EcrRepositoryPropsSchema, ExternalImagePropsSchema } from './kinds/images';
import {
  ListenerPropsSchema,
  LoadBalancerPropsSchema,
  SecurityGroupPropsSchema,
  SubnetPropsSchema,
  TargetGroupPropsSchema,
  VpcPropsSchema,
} from './kinds/networking';
import {
  ScalableTargetPropsSchema,
  ScheduledActionPropsSchema,
  StepScalingPolicyPropsSchema,
  TargetTrackingPolicyPropsSchema,
} from './kinds/scaling';
import {
  EfsAccessPointPropsSchema,
  EfsFileSystemPropsSchema,
  LogGroupPropsSchema,
  S3BucketPropsSchema,
  SecretPropsSchema,
} from './kinds/storage';
import { ContainerPropsSchema, TaskDefinitionPropsSchema } from './kinds/taskDefinition';

/** The properties schema of every node kind. The single source of truth: types, JSON Schemas and forms derive from it. */
export const NODE_PROPERTY_SCHEMAS = {
  cluster: ClusterPropsSchema,
  fargateCapacityProvider: FargateCapacityProviderPropsSchema,
  asgCapacityProvider: AsgCapacityProviderPropsSchema,
  service: ServicePropsSchema,
  taskDefinition: TaskDefinitionPropsSchema,
  container: ContainerPropsSchema,
  taskRole: TaskRolePropsSchema,
  executionRole: ExecutionRolePropsSchema,
  instanceRole: InstanceRolePropsSchema,
  ecrRepository: EcrRepositoryPropsSchema,
  externalImage: ExternalImagePropsSchema,
  efsFileSystem: EfsFileSystemPropsSchema,
  efsAccessPoint: EfsAccessPointPropsSchema,
  s3Bucket: S3BucketPropsSchema,
  secret: SecretPropsSchema,
  logGroup: LogGroupPropsSchema,
  vpc: VpcPropsSchema,
  subnet: SubnetPropsSchema,
  securityGroup: SecurityGroupPropsSchema,
  loadBalancer: LoadBalancerPropsSchema,
  listener: ListenerPropsSchema,
  targetGroup: TargetGroupPropsSchema,
  scalableTarget: ScalableTargetPropsSchema,
  targetTrackingPolicy: TargetTrackingPolicyPropsSchema,
  stepScalingPolicy: StepScalingPolicyPropsSchema,
  scheduledAction: ScheduledActionPropsSchema,
} as const;

export type NodeKind = keyof typeof NODE_PROPERTY_SCHEMAS;
export const NODE_KINDS = Object.keys(NODE_PROPERTY_SCHEMAS) as NodeKind[];
export const NodeKindSchema = z.enum(NODE_KINDS as [NodeKind, ...NodeKind[]]);

/** Properties of a node kind after parsing (defaults filled in). */
export type NodeProps<K extends NodeKind> = z.output<(typeof NODE_PROPERTY_SCHEMAS)[K]>;
/** Properties of a node kind as written by hand (defaults optional). */
export type NodePropsInput<K extends NodeKind> = z.input<(typeof NODE_PROPERTY_SCHEMAS)[K]>;

export const NodeIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'node ids use letters, digits and _ . : -');

const nodeBase = {
  position: PositionSchema,
  /** Containing node: a container's task definition. */
  parentId: NodeIdSchema.optional(),
  /** Rule ids suppressed on this node. */
  ignore: z.array(z.string().min(1)).optional(),
};

function nodeSchema<K extends NodeKind>(kind: K) {
  // Key order here is the canonical key order of a saved node (id, kind, position, parentId, ignore, properties).
  return z.strictObject({ id: NodeIdSchema, kind: z.literal(kind), ...nodeBase, properties: NODE_PROPERTY_SCHEMAS[kind] });
}

export const DesignNodeSchema = z.discriminatedUnion('kind', [
  nodeSchema('cluster'),
  nodeSchema('fargateCapacityProvider'),
  nodeSchema('asgCapacityProvider'),
  nodeSchema('service'),
  nodeSchema('taskDefinition'),
  nodeSchema('container'),
  nodeSchema('taskRole'),
  nodeSchema('executionRole'),
  nodeSchema('instanceRole'),
  nodeSchema('ecrRepository'),
  nodeSchema('externalImage'),
  nodeSchema('efsFileSystem'),
  nodeSchema('efsAccessPoint'),
  nodeSchema('s3Bucket'),
  nodeSchema('secret'),
  nodeSchema('logGroup'),
  nodeSchema('vpc'),
  nodeSchema('subnet'),
  nodeSchema('securityGroup'),
  nodeSchema('loadBalancer'),
  nodeSchema('listener'),
  nodeSchema('targetGroup'),
  nodeSchema('scalableTarget'),
  nodeSchema('targetTrackingPolicy'),
  nodeSchema('stepScalingPolicy'),
  nodeSchema('scheduledAction'),
]);

export type DesignNode = z.output<typeof DesignNodeSchema>;
export type DesignNodeInput = z.input<typeof DesignNodeSchema>;
export type NodeOf<K extends NodeKind> = Extract<DesignNode, { kind: K }>;

export function isKind<K extends NodeKind>(node: DesignNode | undefined, kind: K): node is NodeOf<K> {
  return node?.kind === kind;
}
