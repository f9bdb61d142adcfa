import { describe, expect, it } from 'vitest';
import { summarizeEvents, type StackEvent } from './stack';

const ev = (logicalId: string, type: string, status: string, reason?: string, nodeId?: string): StackEvent => ({
  at: '2026-01-01T00:00:00.000Z',
  logicalId,
  type,
  status,
  ...(reason !== undefined ? { reason } : {}),
  ...(nodeId !== undefined ? { nodeId } : {}),
});
const STACK = 'AWS::CloudFormation::Stack';

// Event sequences in the order CloudFormation writes them (oldest first), as DescribeStackEvents reports them for a
// failed creation and a failed update. moto executes change sets synchronously and never fails or rolls back one, so
// these paths are checked on the summary of the events.
describe('stack events → failures and rollback', () => {
  it('a failed creation: the resource that failed first (with its node), not the ones cancelled because of it, and what the rollback deleted', () => {
    const events = [
      ev('web', STACK, 'CREATE_IN_PROGRESS', 'User Initiated'),
      ev('Cluster', 'AWS::ECS::Cluster', 'CREATE_IN_PROGRESS', undefined, 'n-cluster'),
      ev('Cluster', 'AWS::ECS::Cluster', 'CREATE_COMPLETE', undefined, 'n-cluster'),
      ev('WebService', 'AWS::ECS::Service', 'CREATE_IN_PROGRESS', undefined, 'n-svc'),
      ev('WebService', 'AWS::ECS::Service', 'CREATE_FAILED', 'Resource handler returned message: "ECS Deployment Circuit Breaker was triggered"', 'n-svc'),
      ev('WebAlarm', 'AWS::CloudWatch::Alarm', 'CREATE_FAILED', 'Resource creation cancelled'),
      ev('web', STACK, 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [WebService, WebAlarm]. Rollback requested by user.'),
      ev('WebService', 'AWS::ECS::Service', 'DELETE_COMPLETE', undefined, 'n-svc'),
      ev('Cluster', 'AWS::ECS::Cluster', 'DELETE_IN_PROGRESS', undefined, 'n-cluster'),
      ev('Cluster', 'AWS::ECS::Cluster', 'DELETE_COMPLETE', undefined, 'n-cluster'),
      ev('web', STACK, 'ROLLBACK_COMPLETE'),
    ];
    const { failures, rolledBack } = summarizeEvents(events);
    expect(failures).toEqual([{ logicalId: 'WebService', type: 'AWS::ECS::Service', nodeId: 'n-svc', status: 'CREATE_FAILED', reason: 'Resource handler returned message: "ECS Deployment Circuit Breaker was triggered"' }]);
    expect(rolledBack.map((r) => [r.logicalId, r.status])).toEqual([
      ['WebService', 'DELETE_COMPLETE'],
      ['Cluster', 'DELETE_COMPLETE'],
    ]);
  });

  it('a failed update: the failure, and the resources the update rollback restored or removed', () => {
    const events = [
      ev('web', STACK, 'UPDATE_IN_PROGRESS', 'User Initiated'),
      ev('WebTaskDefinition', 'AWS::ECS::TaskDefinition', 'UPDATE_COMPLETE', undefined, 'n-td'),
      ev('WebService', 'AWS::ECS::Service', 'UPDATE_FAILED', 'CannotPullContainerError: pull image manifest has been retried 5 time(s)', 'n-svc'),
      ev('web', STACK, 'UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [WebService].'),
      ev('WebService', 'AWS::ECS::Service', 'UPDATE_COMPLETE', undefined, 'n-svc'),
      ev('web', STACK, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'),
      ev('WebTaskDefinition', 'AWS::ECS::TaskDefinition', 'DELETE_COMPLETE', undefined, 'n-td'),
      ev('web', STACK, 'UPDATE_ROLLBACK_COMPLETE'),
    ];
    const { failures, rolledBack } = summarizeEvents(events);
    expect(failures.map((f) => [f.logicalId, f.nodeId, f.reason])).toEqual([['WebService', 'n-svc', 'CannotPullContainerError: pull image manifest has been retried 5 time(s)']]);
    expect(rolledBack.map((r) => [r.logicalId, r.status])).toEqual([
      ['WebService', 'UPDATE_COMPLETE'],
      ['WebTaskDefinition', 'DELETE_COMPLETE'],
    ]);
  });

  it('a successful execution has neither', () => {
    expect(summarizeEvents([ev('web', STACK, 'CREATE_IN_PROGRESS'), ev('Cluster', 'AWS::ECS::Cluster', 'CREATE_COMPLETE'), ev('web', STACK, 'CREATE_COMPLETE')])).toEqual({ failures: [], rolledBack: [] });
  });
});
