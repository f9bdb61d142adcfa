import { z } from 'zod';
import { ArnSchema, TagListSchema } from './common';

export const EfsFileSystemPropsSchema = z.strictObject({
  fileSystemId: z.string().optional().describe('Id of an existing file system (fs-…); empty to create one.'),
  name: z.string().optional().describe('Name tag of a created file system.'),
  performanceMode: z.enum(['generalPurpose', 'maxIO']).default('generalPurpose'),
  throughputMode: z.enum(['bursting', 'provisioned', 'elastic']).default('elastic'),
  provisionedThroughputInMibps: z.number().min(1).optional(),
  encrypted: z.boolean().default(true).describe('Encryption at rest.'),
  kmsKeyId: z.string().optional(),
  lifecyclePolicy: z
    .enum(['AFTER_1_DAY', 'AFTER_7_DAYS', 'AFTER_14_DAYS', 'AFTER_30_DAYS', 'AFTER_60_DAYS', 'AFTER_90_DAYS', 'AFTER_180_DAYS', 'AFTER_270_DAYS', 'AFTER_365_DAYS'])
    .optional()
    .describe('Move files not accessed for this long to Infrequent Access.'),
  tags: TagListSchema.optional(),
});

export const EfsAccessPointPropsSchema = z.strictObject({
  accessPointId: z.string().optional().describe('Id of an existing access point (fsap-…); empty to create one.'),
  posixUser: z
    .strictObject({ uid: z.number().int().min(0), gid: z.number().int().min(0), secondaryGids: z.array(z.number().int().min(0)).optional() })
    .optional()
    .describe('POSIX identity every request through the access point uses.'),
  rootDirectory: z
    .strictObject({
      path: z.string().min(1).max(100).default('/'),
      creationInfo: z.strictObject({ ownerUid: z.number().int(), ownerGid: z.number().int(), permissions: z.string().regex(/^[0-7]{3,4}$/) }).optional(),
    })
    .optional()
    .describe('Directory the access point exposes as the root, created with the given owner if missing.'),
  tags: TagListSchema.optional(),
});

export const S3BucketPropsSchema = z.strictObject({
  bucketName: z.string().min(3).max(63).describe('Bucket name. ECS tasks reach S3 through the task role and the S3 API; S3 cannot be mounted.'),
  existing: z.boolean().optional(),
  versioning: z.boolean().optional(),
  tags: TagListSchema.optional(),
});

export const SecretPropsSchema = z.strictObject({
  store: z.enum(['secretsmanager', 'ssm']).describe('Secrets Manager secret or SSM Parameter Store parameter.'),
  name: z.string().optional().describe('Secret or parameter name (an SSM parameter in the task region may be referenced by name).'),
  arn: ArnSchema.optional().describe('Full ARN of the secret or parameter.'),
  kmsKeyId: z.string().optional().describe('Customer managed KMS key that encrypts it (the execution role then needs kms:Decrypt).'),
});

export const LogGroupPropsSchema = z.strictObject({
  logGroupName: z.string().min(1).max(512).describe('CloudWatch Logs log group name, e.g. /ecs/web.'),
  retentionInDays: z
    .literal([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653])
    .optional()
    .describe('Days to keep log events (empty = never expire).'),
  existing: z.boolean().optional(),
  kmsKeyId: z.string().optional(),
  tags: TagListSchema.optional(),
});
