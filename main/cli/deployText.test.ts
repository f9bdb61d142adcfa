import { describe, expect, it } from 'vitest';
import type { StackPlan } from '../deploy/stack';
import type { ServiceStatus } from '../deploy/status';
import { changeSetText, stackEventLine, statusText } from './deployCommand';

describe('deploy text output', () => {
  it('status: a line per service, then deployments with rollout state, events and stopped tasks with container reasons', () => {
    const s: ServiceStatus = {
      nodeId: 'n-web',
      logicalId: 'WebService',
      cluster: 'prod',
      service: 'web',
      status: 'ACTIVE',
      desired: 2,
      running: 1,
      pending: 1,
      taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7',
      deployments: [
        { id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7', desired: 2, running: 0, pending: 1, failed: 3, rolloutState: 'IN_PROGRESS', rolloutStateReason: 'ECS deployment ecs-svc/1 in progress.' },
        { id: 'ecs-svc/0', status: 'ACTIVE', taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:6', desired: 2, running: 1, pending: 0, failed: 0 },
      ],
      events: [{ at: '2026-11-28T05:00:00.000Z', message: '(service web) has started 1 tasks: (task abc).' }],
      stoppedTasks: [
        {
          taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/prod/abc',
          stoppedAt: '2026-11-28T04:59:00.000Z',
          stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
          containers: [{ name: 'web', reason: 'CannotPullContainerError' }, { name: 'sidecar' }, { name: 'init', exitCode: 1 }],
        },
      ],
    };
    expect(statusText([s, { logicalId: 'ApiService', cluster: 'prod', service: 'api', status: 'MISSING', desired: 0, running: 0, pending: 0, taskDefinition: '', deployments: [], events: [], stoppedTasks: [] }])).toEqual([
      'web (node n-web) in prod: ACTIVE — desired 2, running 1, pending 1; task definition web:7',
      '  deployment PRIMARY web:7: desired 2, running 0, pending 1, failed 3, rollout IN_PROGRESS (ECS deployment ecs-svc/1 in progress.)',
      '  deployment ACTIVE web:6: desired 2, running 1, pending 0, failed 0',
      '  event 2026-11-28T05:00:00.000Z (service web) has started 1 tasks: (task abc).',
      '  stopped task abc at 2026-11-28T04:59:00.000Z: CannotPullContainerError: pull image manifest has been retried 5 time(s); container web: CannotPullContainerError; container init (exit 1)',
      'api in prod: MISSING — not deployed',
    ]);
    expect(statusText([])).toEqual(['the design has no services']);
  });

  it('change set: a line per change with its node and replacement, the details below, then the counts', () => {
    const plan: StackPlan = {
      stackName: 'shop',
      designId: 'd',
      region: 'eu-west-1',
      changeSetId: 'arn:cs',
      changeSetName: 'ecs-designer-1',
      changeSetType: 'UPDATE',
      nothingToDo: false,
      nodeIds: {},
      createdAt: '2026-11-28T05:00:00.000Z',
      changes: [
        { action: 'Modify', logicalId: 'WebTaskDefinition', type: 'AWS::ECS::TaskDefinition', physicalId: 'arn:td:6', replacement: 'True', nodeId: 'n-td', details: ['Properties.ContainerDefinitions (replacement: yes)'] },
        { action: 'Add', logicalId: 'Alarm', type: 'AWS::CloudWatch::Alarm', details: [] },
      ],
    };
    expect(changeSetText(plan)).toEqual([
      '~ Modify  AWS::ECS::TaskDefinition WebTaskDefinition (arn:td:6) node n-td — replacement',
      '      Properties.ContainerDefinitions (replacement: yes)',
      '+ Add     AWS::CloudWatch::Alarm Alarm',
      'change set ecs-designer-1 (UPDATE of stack shop): 1 to add, 1 to modify, 0 to remove',
    ]);
    expect(changeSetText({ ...plan, nothingToDo: true, changes: [] })).toEqual(['nothing to do: stack shop already matches the design']);
    expect(stackEventLine({ at: 'x', logicalId: 'WebService', type: 'AWS::ECS::Service', status: 'CREATE_FAILED', reason: 'Circuit breaker', nodeId: 'n-svc' })).toBe('[stack] WebService (node n-svc) AWS::ECS::Service CREATE_FAILED — Circuit breaker');
  });
});
