import { z } from 'zod';
import { ArnSchema, TagListSchema } from './common';

export const PolicyStatementSchema = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.union([z.string(), z.array(z.string()).min(1)]),
  Resource: z.union([z.string(), z.array(z.string()).min(1)]),
  Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

const roleShape = {
  roleName: z.string().min(1).max(64).optional().describe('IAM role name (1–64 characters). Created by the design unless an ARN is given.'),
  arn: ArnSchema.optional().describe('ARN of an existing role to use instead of creating one.'),
  managedPolicyArns: z.array(z.string().min(1)).max(20).optional().describe('AWS or customer managed policies attached to the role.'),
  inlinePolicies: z
    .array(z.strictObject({ policyName: z.string().min(1).max(128), statements: z.array(PolicyStatementSchema).min(1) }))
    .optional()
    .describe('Inline policies of the role.'),
  tags: TagListSchema.optional(),
};

/** The role the application code in the task assumes to call AWS (S3, DynamoDB, EFS IAM auth…). Trust: ecs-tasks.amazonaws.com. */
export const TaskRolePropsSchema = z.strictObject(roleShape);
/** The role the ECS agent / Fargate uses to start the task: pull private images, write awslogs, read secrets. Trust: ecs-tasks.amazonaws.com. */
export const ExecutionRolePropsSchema = z.strictObject(roleShape);
/** The role of the EC2 container instance itself (ECS agent registration, image pulls for EC2 tasks). Trust: ec2.amazonaws.com. */
export const InstanceRolePropsSchema = z.strictObject({
  ...roleShape,
  instanceProfileName: z.string().min(1).max(128).optional().describe('Instance profile that wraps the role (defaults to the role name).'),
});

export const TRUST_PRINCIPALS = {
  taskRole: 'ecs-tasks.amazonaws.com',
  executionRole: 'ecs-tasks.amazonaws.com',
  instanceRole: 'ec2.amazonaws.com',
} as const;
