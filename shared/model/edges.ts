import { z } from 'zod';
import { NodeIdSchema, type NodeKind } from './nodes';

/**
 * The one table of connections: which edge kinds may join which node kinds, and why.
 * The canvas (what can be drawn), the design-file integrity check and the validator all read it.
 * For any ordered pair of node kinds at most one edge kind applies, so a drawn connection determines its kind.
 */
const empty = z.strictObject({});

export const EDGE_KINDS = {
  'service-cluster': {
    from: ['service'],
    to: ['cluster'],
    label: 'runs in',
    why: 'A service runs its tasks in exactly one cluster.',
    maxPerSource: 1,
    props: empty,
  },
  'service-task-definition': {
    from: ['service'],
    to: ['taskDefinition'],
    label: 'runs',
    why: 'A service keeps tasks of one task definition running.',
    maxPerSource: 1,
    props: empty,
  },
  'service-target-group': {
    from: ['service'],
    to: ['targetGroup'],
    label: 'registers in',
    why: 'A service registers one container port of its tasks in a load balancer target group.',
    props: z.strictObject({
      containerName: z.string().min(1).describe('Container whose port receives the traffic.'),
      containerPort: z.number().int().min(1).max(65535).describe('Port mapping (containerPort) of that container.'),
    }),
  },
  'service-subnet': {
    from: ['service'],
    to: ['subnet'],
    label: 'in subnet',
    why: 'awsvpc tasks get their network interface in one of the service subnets.',
    props: empty,
  },
  'service-security-group': {
    from: ['service'],
    to: ['securityGroup'],
    label: 'secured by',
    why: 'awsvpc tasks use the service security groups (at most 5).',
    props: empty,
  },
  'service-capacity-provider': {
    from: ['service'],
    to: ['fargateCapacityProvider', 'asgCapacityProvider'],
    label: 'strategy',
    why: 'The service capacity provider strategy: where its tasks are placed, with weight and base.',
    props: z.strictObject({
      weight: z.number().int().min(0).max(1000).default(1).describe('Relative share of tasks (0–1000).'),
      base: z.number().int().min(0).max(100000).optional().describe('Tasks always placed on this provider first (one provider only).'),
    }),
  },
  'capacity-provider-cluster': {
    from: ['fargateCapacityProvider', 'asgCapacityProvider'],
    to: ['cluster'],
    label: 'capacity of',
    why: 'A capacity provider must be associated with the cluster before services can use it.',
    props: z.strictObject({
      defaultWeight: z.number().int().min(0).max(1000).optional().describe('Weight in the cluster default strategy (empty = not in it).'),
      defaultBase: z.number().int().min(0).max(100000).optional(),
    }),
  },
  'asg-instance-role': {
    from: ['asgCapacityProvider'],
    to: ['instanceRole'],
    label: 'instance profile',
    why: 'EC2 container instances need an instance profile role so the ECS agent can register and pull images.',
    maxPerSource: 1,
    props: empty,
  },
  'asg-subnet': {
    from: ['asgCapacityProvider'],
    to: ['subnet'],
    label: 'in subnet',
    why: 'The Auto Scaling group launches instances in these subnets.',
    props: empty,
  },
  'asg-security-group': {
    from: ['asgCapacityProvider'],
    to: ['securityGroup'],
    label: 'secured by',
    why: 'Security groups of the container instances.',
    props: empty,
  },
  'task-role': {
    from: ['taskDefinition'],
    to: ['taskRole'],
    label: 'task role',
    why: 'The role the application code in the task assumes to call AWS APIs.',
    maxPerSource: 1,
    props: empty,
  },
  'execution-role': {
    from: ['taskDefinition'],
    to: ['executionRole'],
    label: 'execution role',
    why: 'The role ECS uses to start the task: pull private images, write logs, read secrets.',
    maxPerSource: 1,
    props: empty,
  },
  'container-image': {
    from: ['container'],
    to: ['ecrRepository', 'externalImage'],
    label: 'image',
    why: 'The image the container runs; its tag is a property of the container.',
    maxPerSource: 1,
    props: empty,
  },
  'image-credentials': {
    from: ['externalImage'],
    to: ['secret'],
    label: 'credentials',
    why: 'A private registry other than ECR needs repository credentials stored in Secrets Manager.',
    maxPerSource: 1,
    props: empty,
  },
  'container-secret': {
    from: ['container'],
    to: ['secret'],
    label: 'secret',
    why: 'The secret is injected into the container as an environment variable.',
    props: z.strictObject({
      name: z.string().min(1).describe('Environment variable name in the container.'),
      jsonKey: z.string().optional().describe('Key of a JSON secret (Secrets Manager only).'),
      versionStage: z.string().optional(),
      versionId: z.string().optional(),
    }),
  },
  'container-log-group': {
    from: ['container'],
    to: ['logGroup'],
    label: 'logs to',
    why: 'The awslogs driver sends the container output to this log group.',
    maxPerSource: 1,
    props: empty,
  },
  'volume-efs': {
    from: ['taskDefinition'],
    to: ['efsFileSystem'],
    label: 'volume',
    why: 'An EFS volume of the task definition, mountable by its containers.',
    props: z.strictObject({ volume: z.string().min(1).describe('Name of the task definition volume.') }),
  },
  'volume-access-point': {
    from: ['taskDefinition'],
    to: ['efsAccessPoint'],
    label: 'volume',
    why: 'The EFS volume is mounted through this access point.',
    props: z.strictObject({ volume: z.string().min(1).describe('Name of the task definition volume.') }),
  },
  'access-point-file-system': {
    from: ['efsAccessPoint'],
    to: ['efsFileSystem'],
    label: 'of',
    why: 'An access point belongs to one file system.',
    maxPerSource: 1,
    props: empty,
  },
  'efs-subnet': {
    from: ['efsFileSystem'],
    to: ['subnet'],
    label: 'mount target',
    why: 'Tasks reach EFS through a mount target in their subnet.',
    props: empty,
  },
  'efs-security-group': {
    from: ['efsFileSystem'],
    to: ['securityGroup'],
    label: 'secured by',
    why: 'Security group of the mount targets; it must allow NFS (2049) from the tasks.',
    props: empty,
  },
  'task-role-s3': {
    from: ['taskRole'],
    to: ['s3Bucket'],
    label: 'can access',
    why: 'The application reaches S3 through its task role and the S3 API.',
    props: z.strictObject({
      access: z.enum(['read', 'write', 'read-write']).default('read').describe('Permissions the task role gets on the bucket.'),
    }),
  },
  'subnet-vpc': { from: ['subnet'], to: ['vpc'], label: 'in', why: 'A subnet belongs to one VPC.', maxPerSource: 1, props: empty },
  'security-group-vpc': {
    from: ['securityGroup'],
    to: ['vpc'],
    label: 'in',
    why: 'A security group belongs to one VPC.',
    maxPerSource: 1,
    props: empty,
  },
  'load-balancer-subnet': {
    from: ['loadBalancer'],
    to: ['subnet'],
    label: 'in subnet',
    why: 'A load balancer has a node in each of its subnets (two Availability Zones at least for an ALB).',
    props: empty,
  },
  'load-balancer-security-group': {
    from: ['loadBalancer'],
    to: ['securityGroup'],
    label: 'secured by',
    why: 'Security groups of an Application Load Balancer.',
    props: empty,
  },
  'listener-load-balancer': {
    from: ['listener'],
    to: ['loadBalancer'],
    label: 'on',
    why: 'A listener accepts connections on one port of a load balancer.',
    maxPerSource: 1,
    props: empty,
  },
  'listener-target-group': {
    from: ['listener'],
    to: ['targetGroup'],
    label: 'forwards to',
    why: 'The listener default action forwards to this target group.',
    maxPerSource: 1,
    props: empty,
  },
  'target-group-vpc': {
    from: ['targetGroup'],
    to: ['vpc'],
    label: 'in',
    why: 'A target group belongs to one VPC.',
    maxPerSource: 1,
    props: empty,
  },
  'scalable-target-service': {
    from: ['scalableTarget'],
    to: ['service'],
    label: 'scales',
    why: 'Service auto scaling adjusts the desired count of this service.',
    maxPerSource: 1,
    props: empty,
  },
  'scaling-policy-target': {
    from: ['targetTrackingPolicy', 'stepScalingPolicy', 'scheduledAction'],
    to: ['scalableTarget'],
    label: 'policy of',
    why: 'Scaling policies and scheduled actions act on a scalable target.',
    maxPerSource: 1,
    props: empty,
  },
} as const satisfies Record<
  string,
  {
    from: readonly NodeKind[];
    to: readonly NodeKind[];
    label: string;
    why: string;
    maxPerSource?: number;
    props: z.ZodType;
  }
>;

export type EdgeKind = keyof typeof EDGE_KINDS;
export const EDGE_KIND_IDS = Object.keys(EDGE_KINDS) as EdgeKind[];
export type EdgeProps<K extends EdgeKind> = z.output<(typeof EDGE_KINDS)[K]['props']>;

/**
 * Connections people try that AWS does not support, with the reason shown when one is refused.
 * Checked before the allowed table; the pair is unordered.
 */
export const REFUSED_CONNECTIONS: readonly { a: readonly NodeKind[]; b: readonly NodeKind[]; reason: string }[] = [
  {
    a: ['s3Bucket'],
    b: ['taskDefinition', 'container', 'efsAccessPoint', 'efsFileSystem'],
    reason:
      'ECS tasks cannot mount S3 as a volume. Use EFS for a shared file system, or connect the bucket to the task role and use the S3 API from the application.',
  },
  {
    a: ['s3Bucket'],
    b: ['executionRole'],
    reason: 'The execution role only starts the task; the application reaches S3 through the task role. Connect the bucket to the task role.',
  },
  {
    a: ['instanceRole'],
    b: ['taskDefinition', 'container', 'service'],
    reason:
      'An EC2 instance profile role belongs to the container instance (trust ec2.amazonaws.com), not to tasks. Use a task role for the application and an execution role for starting the task.',
  },
  {
    a: ['scalableTarget', 'targetTrackingPolicy', 'stepScalingPolicy', 'scheduledAction'],
    b: ['asgCapacityProvider'],
    reason:
      'Service auto scaling changes the number of tasks, not instances. EC2 instances scale through the capacity provider managed scaling.',
  },
  {
    a: ['efsFileSystem', 'efsAccessPoint'],
    b: ['container'],
    reason: 'EFS is attached as a volume of the task definition; containers then mount that volume (mountPoints). Connect EFS to the task definition.',
  },
  {
    a: ['loadBalancer'],
    b: ['service'],
    reason: 'A service registers in a target group, not directly in a load balancer. Connect the service to a target group and the target group to a listener.',
  },
  {
    a: ['ecrRepository', 'externalImage'],
    b: ['taskDefinition', 'service'],
    reason: 'An image belongs to a container. Connect the image source to a container of the task definition.',
  },
  {
    a: ['secret', 'logGroup'],
    b: ['taskDefinition'],
    reason: 'Secrets and log configuration are set per container. Connect it to a container of the task definition.',
  },
];

export const DesignEdgeSchema = z.discriminatedUnion(
  'kind',
  EDGE_KIND_IDS.map((kind) =>
    z.strictObject({
      id: NodeIdSchema,
      kind: z.literal(kind),
      source: NodeIdSchema,
      target: NodeIdSchema,
      properties: EDGE_KINDS[kind].props.optional(),
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

type EdgeOfKind<K extends EdgeKind> = {
  id: string;
  kind: K;
  source: string;
  target: string;
  properties?: EdgeProps<K>;
};
export type DesignEdge = { [K in EdgeKind]: EdgeOfKind<K> }[EdgeKind];
export type EdgeOf<K extends EdgeKind> = EdgeOfKind<K>;

export type ConnectionCheck =
  | { ok: true; kind: EdgeKind; source: 'as-drawn' | 'reversed'; label: string; why: string }
  | { ok: false; reason: string };

/** Whether a connection may be drawn between two node kinds (in either direction), and as which edge kind. */
export function checkConnection(sourceKind: NodeKind, targetKind: NodeKind): ConnectionCheck {
  for (const r of REFUSED_CONNECTIONS) {
    if ((r.a.includes(sourceKind) && r.b.includes(targetKind)) || (r.a.includes(targetKind) && r.b.includes(sourceKind))) {
      return { ok: false, reason: r.reason };
    }
  }
  const forward = edgeKindFor(sourceKind, targetKind);
  if (forward) return { ok: true, kind: forward, source: 'as-drawn', label: EDGE_KINDS[forward].label, why: EDGE_KINDS[forward].why };
  const backward = edgeKindFor(targetKind, sourceKind);
  if (backward) return { ok: true, kind: backward, source: 'reversed', label: EDGE_KINDS[backward].label, why: EDGE_KINDS[backward].why };
  return { ok: false, reason: `A ${kindNoun(sourceKind)} cannot be connected to a ${kindNoun(targetKind)}: no AWS relationship joins them.` };
}

/** The edge kind that joins `from` to `to` in that direction, if any. */
export function edgeKindFor(from: NodeKind, to: NodeKind): EdgeKind | undefined {
  return EDGE_KIND_IDS.find((k) => (EDGE_KINDS[k].from as readonly NodeKind[]).includes(from) && (EDGE_KINDS[k].to as readonly NodeKind[]).includes(to));
}

function kindNoun(kind: NodeKind): string {
  return kind.replace(/([A-Z])/g, ' $1').toLowerCase();
}
