import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EFSClient } from '@aws-sdk/client-efs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import type { IrObject } from '../../shared/iac/ir';

/** Tags that mark a resource as ours: which design, which node, which logical id of the resource IR. */
export const TAG_DESIGN = 'ecs-designer:design-id';
export const TAG_NODE = 'ecs-designer:node-id';
export const TAG_LOGICAL = 'ecs-designer:logical-id';

export interface DeployClients {
  readonly ecs: ECSClient;
  readonly iam: IAMClient;
  readonly ecr: ECRClient;
  readonly logs: CloudWatchLogsClient;
  readonly sts: STSClient;
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly efs: EFSClient;
  readonly appScaling: ApplicationAutoScalingClient;
  readonly cloudwatch: CloudWatchClient;
  readonly autoScaling: AutoScalingClient;
  readonly secrets: SecretsManagerClient;
  readonly ssm: SSMClient;
  readonly cloudformation: CloudFormationClient;
  readonly s3: S3Client;
}

/** What every handler needs about the target and the design. */
export interface HandlerContext {
  readonly clients: DeployClients;
  readonly designId: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  /** Bounded wait for services to become stable (ms) and the poll interval. */
  readonly stableTimeoutMs: number;
  readonly pollIntervalMs: number;
  /** Progress lines from inside a handler (AWS service events while waiting). */
  readonly note: (message: string) => void;
}

/** A resource as it exists in the account. */
export interface LiveResource {
  readonly type: string;
  /** What CloudFormation's Ref returns for the type (name or ARN). */
  readonly physicalId: string;
  /** Human name for messages (name, family, …). */
  readonly name: string;
  /** GetAtt attributes (Arn, RepositoryUri, …). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Every tag on the resource. */
  readonly tags: Readonly<Record<string, string>>;
  /** Live properties in the shape of the desired properties (for the diff). */
  readonly properties: IrObject;
}

/** The desired resource after expression resolution (values that are known only after apply are UNKNOWN markers). */
export interface DesiredResource {
  readonly logicalId: string;
  readonly type: string;
  readonly nodeId?: string;
  readonly properties: IrObject;
  /** Our ownership tags plus the user's tags from properties.Tags. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface PropertyChange {
  /** JSON path of the changed property, e.g. "/ContainerDefinitions/0/Image". */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ResourceHandler {
  readonly type: string;
  /** Deletion order among types: lower first (services before task definitions before clusters). */
  readonly deleteRank: number;
  /** The physical name the desired resource has (finds look-alikes). */
  name(desired: DesiredResource): string;
  /** Live resource with that name, or undefined. */
  read(ctx: HandlerContext, desired: DesiredResource): Promise<LiveResource | undefined>;
  /** Changes from live to desired, ignoring what AWS fills in that the design does not say. */
  diff(desired: DesiredResource, live: LiveResource): PropertyChange[];
  /** Property paths whose change needs a replacement (new resource, old one deleted). */
  readonly replaceOn: readonly string[];
  create(ctx: HandlerContext, desired: DesiredResource): Promise<LiveResource>;
  update(ctx: HandlerContext, desired: DesiredResource, live: LiveResource, changes: readonly PropertyChange[]): Promise<LiveResource>;
  delete(ctx: HandlerContext, live: LiveResource): Promise<void>;
  /** Every live resource of the type tagged with this design id. */
  listOwned(ctx: HandlerContext): Promise<LiveResource[]>;
}

/** Thrown by handlers when AWS says no; carries the messages the user needs (stopped-task reasons…). */
export class DeployStepError extends Error {
  override name = 'DeployStepError';
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}
