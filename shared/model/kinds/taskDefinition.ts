import { z } from 'zod';
import {
  ContainerDefinitionSchema,
  EFSAuthorizationConfigSchema,
  EFSVolumeConfigurationSchema,
  RegisterTaskDefinitionRequestSchema,
  VolumeSchema,
} from '../../aws/ecsModel.generated';

/*
 * Task definitions and containers are the AWS RegisterTaskDefinition shapes (generated from the AWS API model),
 * minus the fields that the design expresses as edges to other nodes:
 *   taskRoleArn / executionRoleArn        → taskDefinition ─task-role/execution-role→ role nodes
 *   container image registry part          → container ─image→ ecrRepository / externalImage (tag stays here)
 *   container secrets[]                    → container ─secret→ secret nodes (env var name on the edge)
 *   container repositoryCredentials        → externalImage ─registry-credentials→ secret
 *   awslogs-group log option               → container ─logs→ logGroup
 *   EFS fileSystemId / accessPointId       → taskDefinition ─volume-efs / volume-access-point→ EFS nodes
 */

const ModelEfsVolumeConfigurationSchema = EFSVolumeConfigurationSchema.extend({
  fileSystemId: z.string().optional().describe('Resolved from the connected EFS file system; set only when none is connected.'),
  authorizationConfig: EFSAuthorizationConfigSchema.optional(),
});

export const ModelVolumeSchema = VolumeSchema.extend({
  efsVolumeConfiguration: ModelEfsVolumeConfigurationSchema.optional(),
});

export const TaskDefinitionPropsSchema = RegisterTaskDefinitionRequestSchema.omit({
  containerDefinitions: true,
  taskRoleArn: true,
  executionRoleArn: true,
}).extend({
  volumes: z.array(ModelVolumeSchema).optional(),
});

export const ContainerPropsSchema = ContainerDefinitionSchema.omit({
  secrets: true,
  repositoryCredentials: true,
}).extend({
  image: z
    .string()
    .max(255)
    .optional()
    .describe('Full image reference, used only when no image source (ECR repository or external image) is connected.'),
  imageTag: z
    .string()
    .max(255)
    .optional()
    .describe('Tag ("1.4.2") or digest ("sha256:…") appended to the connected image source.'),
});
