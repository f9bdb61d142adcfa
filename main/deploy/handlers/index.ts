import type { ResourceHandler } from '../types';
import { ecrRepositoryHandler } from './ecrRepository';
import { ecsCapacityProvidersHandler } from './ecsCapacityProviders';
import { ecsClusterHandler } from './ecsCluster';
import { ecsServiceHandler } from './ecsService';
import { ecsTaskDefinitionHandler } from './ecsTaskDefinition';
import { NETWORK_HANDLERS } from './ec2Handlers';
import { iamRoleHandler } from './iamRole';
import { logGroupHandler } from './logGroup';
import { s3BucketHandler } from './s3Bucket';
import { MORE_HANDLERS } from './scalingAndMore';
import { securityGroupHandler } from './securityGroup';

/** The resource types the engine deploys, by CloudFormation type. */
export const HANDLERS: ReadonlyMap<string, ResourceHandler> = new Map(
  [logGroupHandler, iamRoleHandler, ecrRepositoryHandler, ecsClusterHandler, ecsTaskDefinitionHandler, ecsServiceHandler, securityGroupHandler, ecsCapacityProvidersHandler, ...NETWORK_HANDLERS, ...MORE_HANDLERS, s3BucketHandler].map((h) => [h.type, h]),
);
