import type { ResourceHandler } from '../types';
import { alarmHandler } from './alarm';
import { autoScalingGroupHandler } from './autoScalingGroup';
import { capacityProviderHandler } from './capacityProvider';
import { efsAccessPointHandler, efsFileSystemHandler, efsMountTargetHandler } from './efs';
import { iamInlinePolicyHandler, iamManagedPolicyHandler } from './iamPolicy';
import { instanceProfileHandler } from './instanceProfile';
import { launchTemplateHandler } from './launchTemplate';
import { scalingPolicyHandler } from './scalingPolicy';
import { scalableTargetHandler } from './scalingTarget';
import { secretHandler } from './secret';
import { ssmParameterHandler } from './ssmParameter';

/** Handlers for service auto scaling, EC2 capacity, EFS, IAM policies, secrets and parameters (registered in index.ts). */
export const MORE_HANDLERS: readonly ResourceHandler[] = [
  scalableTargetHandler,
  scalingPolicyHandler,
  alarmHandler,
  efsFileSystemHandler,
  efsMountTargetHandler,
  efsAccessPointHandler,
  instanceProfileHandler,
  launchTemplateHandler,
  autoScalingGroupHandler,
  capacityProviderHandler,
  iamManagedPolicyHandler,
  iamInlinePolicyHandler,
  secretHandler,
  ssmParameterHandler,
];
