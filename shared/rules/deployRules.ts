import type { Severity } from '../findings';

/**
 * Findings of a deploy against a live account, for the problems panel and docs/rules.md: what verify reports before
 * anything changes (main/deploy/verify.ts) and the failure of an apply, put on the node it happened at.
 */
export const DEPLOY_RULES: readonly { readonly id: string; readonly severity: Severity; readonly title: string }[] = [
  { id: 'deploy/cluster-missing', severity: 'error', title: 'An existing cluster the design references exists and is ACTIVE' },
  { id: 'deploy/cluster-name-taken', severity: 'error', title: 'A cluster the design creates has a name no other cluster uses' },
  { id: 'deploy/name-taken', severity: 'error', title: 'A role, log group or ECR repository the design creates has a name nothing else uses' },
  { id: 'deploy/role-missing', severity: 'error', title: 'A role given by ARN exists' },
  { id: 'deploy/role-trust', severity: 'error', title: 'A role given by ARN trusts the service that assumes it (ecs-tasks / ec2)' },
  { id: 'deploy/image-repository-missing', severity: 'error', title: 'An existing ECR repository the design references exists' },
  { id: 'deploy/image-missing', severity: 'error', title: 'The image tag or digest a container runs is in its ECR repository' },
  { id: 'deploy/image-not-pushed', severity: 'warning', title: 'A repository the design creates has no images until one is pushed' },
  { id: 'deploy/secret-missing', severity: 'error', title: 'A secret or SSM parameter a container reads exists' },
  { id: 'deploy/log-group-missing', severity: 'error', title: 'An existing log group the design references exists' },
  { id: 'deploy/target-group-missing', severity: 'error', title: 'An existing target group the design references exists' },
  { id: 'deploy/target-group-no-load-balancer', severity: 'error', title: 'An existing target group is attached to a load balancer' },
  { id: 'deploy/target-group-target-type', severity: 'error', title: 'Target type fits the network mode (ip for awsvpc, instance otherwise)' },
  { id: 'deploy/target-group-protocol', severity: 'error', title: 'Target group protocol fits the container port mapping protocol' },
  { id: 'deploy/target-group-port', severity: 'error', title: 'The container has the port mapping the service registers' },
  { id: 'deploy/target-group-mismatch', severity: 'warning', title: 'The design describes an existing target group as it is' },
  { id: 'deploy/load-balancer-missing', severity: 'error', title: 'An existing load balancer the design references exists' },
  { id: 'deploy/efs-missing', severity: 'error', title: 'An existing EFS file system the design references exists' },
  { id: 'deploy/vpc-missing', severity: 'error', title: 'An existing VPC the design references exists' },
  { id: 'deploy/subnet-missing', severity: 'error', title: 'An existing subnet the design references exists' },
  { id: 'deploy/security-group-missing', severity: 'error', title: 'An existing security group the design references exists' },
  { id: 'deploy/network-vpc-mismatch', severity: 'error', title: 'Subnets, security groups and target groups of one resource are in one VPC' },
  { id: 'deploy/verify-incomplete', severity: 'warning', title: 'A check could not be made (access denied, another account or region)' },
  { id: 'deploy/apply-failed', severity: 'error', title: 'The deploy (engine or CloudFormation stack) failed at this resource; the message holds the AWS error and stopped-task reasons' },
];
