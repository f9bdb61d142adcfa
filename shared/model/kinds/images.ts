import { z } from 'zod';
import { TagListSchema } from './common';

export const EcrRepositoryPropsSchema = z.strictObject({
  repositoryName: z
    .string()
    .min(2)
    .max(256)
    .describe('Repository name, e.g. "web" or "team/web" (lowercase letters, digits, and . _ - / separators).'),
  accountId: z.string().optional().describe('Registry account id; defaults to the design account.'),
  region: z.string().optional().describe('Registry region; defaults to the design region.'),
  registryDomain: z.string().optional().describe('Registry DNS suffix when not amazonaws.com (e.g. amazonaws.com.cn).'),
  existing: z.boolean().optional().describe('The repository already exists: reference it instead of creating it.'),
  scanOnPush: z.boolean().default(true).describe('Scan images for vulnerabilities when they are pushed.'),
  imageTagMutability: z.enum(['MUTABLE', 'IMMUTABLE']).default('IMMUTABLE').describe('IMMUTABLE prevents overwriting a tag.'),
  encryption: z.enum(['AES256', 'KMS']).optional(),
  lifecycleRules: z
    .array(
      z.strictObject({
        rulePriority: z.number().int().min(1),
        description: z.string().optional(),
        tagStatus: z.enum(['tagged', 'untagged', 'any']),
        tagPrefixList: z.array(z.string()).optional(),
        countType: z.enum(['imageCountMoreThan', 'sinceImagePushed']),
        countNumber: z.number().int().min(1),
        countUnit: z.literal('days').optional(),
      }),
    )
    .optional()
    .describe('Lifecycle policy rules that expire old images.'),
  tags: TagListSchema.optional(),
});

export const ExternalImagePropsSchema = z.strictObject({
  image: z
    .string()
    .min(1)
    .max(255)
    .describe('Image repository without tag: "nginx", "public.ecr.aws/nginx/nginx", "ghcr.io/org/app", "registry:5000/app".'),
  registry: z
    .enum(['dockerhub', 'ecr-public', 'other'])
    .default('other')
    .describe('Where the image lives; private registries other than ECR need repository credentials (a connected secret).'),
});
