import { describe, expect, it } from 'vitest';
import { TAG_DESIGN } from '../types';
import { createInput, ecsServiceHandler } from './ecsService';

const desired = {
  logicalId: 'ApiService',
  type: 'AWS::ECS::Service',
  properties: {
    ServiceName: 'api',
    Cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/shop',
    TaskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:3',
    DesiredCount: 2,
    DeploymentConfiguration: { MaximumPercent: 200, DeploymentCircuitBreaker: { Enable: false, Rollback: false } },
    NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'] } },
  },
  tags: { [TAG_DESIGN]: 'd1' },
};

describe('ECS service handler', () => {
  it('always creates with the deployment circuit breaker and rollback on, in the SDK shape, with our tags', () => {
    const input = createInput(desired, 'api');
    expect(input.deploymentConfiguration).toEqual({ maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } });
    expect(input.networkConfiguration).toEqual({ awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } });
    expect(input.cluster).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/shop');
    expect(input.tags).toEqual([{ key: TAG_DESIGN, value: 'd1' }]);
  });

  it('diffs against what ECS reports, ignoring fields it fills in and the cluster ARN/name difference', () => {
    const live = {
      type: 'AWS::ECS::Service',
      physicalId: 'arn:aws:ecs:us-east-1:123456789012:service/shop/api',
      name: 'api',
      attributes: {},
      tags: { [TAG_DESIGN]: 'd1' },
      properties: {
        ServiceName: 'api',
        Cluster: 'shop',
        TaskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:2',
        DesiredCount: 2,
        SchedulingStrategy: 'REPLICA',
        DeploymentConfiguration: { MaximumPercent: 200, MinimumHealthyPercent: 100, DeploymentCircuitBreaker: { Enable: true, Rollback: true } },
        NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'], AssignPublicIp: 'DISABLED' } },
      },
    };
    expect(ecsServiceHandler.diff(desired, live)).toEqual([
      { path: '/TaskDefinition', before: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:2', after: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:3' },
    ]);
  });
});
