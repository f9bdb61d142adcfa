import { z } from 'zod';
import { EcsNameSchema, TagListSchema } from './common';

export const ClusterPropsSchema = z.strictObject({
  clusterName: EcsNameSchema.describe('Cluster name (1–255 letters, digits, hyphens, underscores).'),
  containerInsights: z
    .enum(['enabled', 'enhanced', 'disabled'])
    .default('enabled')
    .describe('CloudWatch Container Insights for the cluster (containerInsights cluster setting).'),
  executeCommandLogging: z
    .enum(['NONE', 'DEFAULT', 'OVERRIDE'])
    .optional()
    .describe('Logging of ECS Exec sessions (executeCommandConfiguration.logging).'),
  existing: z.boolean().optional().describe('The cluster already exists: reference it by name instead of creating it.'),
  tags: TagListSchema.optional(),
});

export const FargateCapacityProviderPropsSchema = z.strictObject({
  provider: z
    .enum(['FARGATE', 'FARGATE_SPOT'])
    .describe('FARGATE runs on-demand; FARGATE_SPOT uses spare capacity at a discount and can be interrupted (Linux only).'),
});

export const AmiFamilySchema = z
  .enum(['al2023', 'al2', 'bottlerocket'])
  .describe('ECS-optimized AMI family; the AMI id is resolved from the public SSM parameter.');

export const AsgCapacityProviderPropsSchema = z.strictObject({
  name: EcsNameSchema.describe('Capacity provider name (must not start with "aws", "ecs" or "fargate").'),
  instanceType: z.string().min(1).default('t3.medium').describe('EC2 instance type of the Auto Scaling group, e.g. t3.medium or m7g.large.'),
  amiFamily: AmiFamilySchema.default('al2023'),
  architecture: z.enum(['x86_64', 'arm64']).default('x86_64').describe('CPU architecture of the ECS-optimized AMI; must match the instance type.'),
  minSize: z.number().int().min(0).default(0).describe('Minimum number of instances.'),
  maxSize: z.number().int().min(0).default(4).describe('Maximum number of instances.'),
  desiredCapacity: z.number().int().min(0).optional().describe('Initial desired number of instances (managed scaling adjusts it).'),
  managedScaling: z
    .strictObject({
      status: z.enum(['ENABLED', 'DISABLED']).default('ENABLED'),
      targetCapacity: z.number().int().min(1).max(100).default(100).describe('Target utilization of the instances, in percent (1–100).'),
      minimumScalingStepSize: z.number().int().min(1).max(10000).optional(),
      maximumScalingStepSize: z.number().int().min(1).max(10000).optional(),
      instanceWarmupPeriod: z.number().int().min(0).max(10000).optional(),
    })
    .default({ status: 'ENABLED', targetCapacity: 100 })
    .describe('Capacity provider managed scaling: ECS scales the Auto Scaling group to fit the tasks.'),
  managedTerminationProtection: z
    .enum(['ENABLED', 'DISABLED'])
    .default('DISABLED')
    .describe('Prevents scale-in of instances that run tasks (requires instance scale-in protection on the group).'),
  managedDraining: z.enum(['ENABLED', 'DISABLED']).optional().describe('Drain tasks from instances before the group terminates them.'),
  ecsConfig: z
    .record(z.string().regex(/^ECS_[A-Z0-9_]+$/, 'ECS agent settings are named ECS_…'), z.string())
    .default({})
    .describe('ECS agent settings written by the launch template user data to /etc/ecs/ecs.config (ECS_CLUSTER at least).'),
  keyName: z.string().optional().describe('EC2 key pair for SSH (prefer Session Manager).'),
  tags: TagListSchema.optional(),
});

export const ServicePropsSchema = z.strictObject({
  serviceName: EcsNameSchema.describe('Service name, unique within the cluster.'),
  schedulingStrategy: z.enum(['REPLICA', 'DAEMON']).default('REPLICA').describe('REPLICA keeps desiredCount tasks; DAEMON runs one task per container instance (EC2 only).'),
  desiredCount: z.number().int().min(0).optional().describe('Number of tasks to keep running (REPLICA).'),
  launchType: z.enum(['FARGATE', 'EC2', 'EXTERNAL']).optional().describe('Launch type; mutually exclusive with a capacity provider strategy.'),
  platformVersion: z.string().optional().describe('Fargate platform version (LATEST recommended, 1.4.0+ for EFS).'),
  deploymentConfiguration: z
    .strictObject({
      minimumHealthyPercent: z.number().int().min(0).max(100).optional(),
      maximumPercent: z.number().int().min(100).max(2000).optional(),
      deploymentCircuitBreaker: z
        .strictObject({ enable: z.boolean(), rollback: z.boolean() })
        .optional()
        .describe('Stops a failing deployment and, with rollback, returns to the last completed one.'),
      strategy: z.enum(['ROLLING', 'BLUE_GREEN']).optional(),
    })
    .optional(),
  deploymentController: z.enum(['ECS', 'CODE_DEPLOY', 'EXTERNAL']).optional(),
  assignPublicIp: z.enum(['ENABLED', 'DISABLED']).optional().describe('awsvpc: give each task a public IP (needed in a public subnet without NAT).'),
  healthCheckGracePeriodSeconds: z.number().int().min(0).max(2147483647).optional().describe('Seconds to ignore load balancer health checks after a task starts.'),
  enableExecuteCommand: z.boolean().optional().describe('Allow ECS Exec (needs ssmmessages permissions on the task role).'),
  enableECSManagedTags: z.boolean().optional(),
  propagateTags: z.enum(['TASK_DEFINITION', 'SERVICE', 'NONE']).optional(),
  availabilityZoneRebalancing: z.enum(['ENABLED', 'DISABLED']).optional(),
  placementStrategy: z
    .array(z.strictObject({ type: z.enum(['random', 'spread', 'binpack']), field: z.string().optional() }))
    .max(5)
    .optional(),
  placementConstraints: z
    .array(z.strictObject({ type: z.enum(['distinctInstance', 'memberOf']), expression: z.string().optional() }))
    .max(10)
    .optional(),
  tags: TagListSchema.optional(),
});
