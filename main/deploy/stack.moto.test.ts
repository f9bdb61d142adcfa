import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand, ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { buildResourceGraph } from '../../shared/iac/build';
import type { IrTemplate } from '../../shared/iac/ir';
import { renderCloudFormation } from '../../shared/iac/cloudformation';
import { motoClientConfig, motoTarget } from '../aws/testing/moto';
import { useMoto } from '../aws/testing/useMoto';
import { isMutating, type ApiCall } from './clients';
import { discardStackPlan, executeStack, planStack, StackError, type StackEvent } from './stack';
import { smallFargateDesign } from './testing/designs';

const moto = useMoto();
const fast = { changeSetTimeoutMs: 20_000, executeTimeoutMs: 20_000, pollIntervalMs: 50 };

function opts(stackName = 'small-fargate', designId = 'design-small') {
  return { target: motoTarget(moto.endpoint), designId, stackName, ...fast };
}

async function stackStatus(name: string): Promise<string | undefined> {
  const cfn = new CloudFormationClient(motoClientConfig(moto.endpoint));
  try {
    return (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus;
  } catch {
    return undefined;
  } finally {
    cfn.destroy();
  }
}

describe('deploy as a CloudFormation stack (moto)', { timeout: 60_000 }, () => {
  it('plans a new stack as a CREATE change set listing every resource with its node, executes it and streams events', async () => {
    const design = smallFargateDesign();
    const template = buildResourceGraph(design);
    const plan = await planStack(template, opts());
    expect(plan).toMatchObject({ stackName: 'small-fargate', changeSetType: 'CREATE', nothingToDo: false });
    expect(plan.changeSetId).toMatch(/^arn:aws:cloudformation:us-east-1:\d+:changeSet\//);
    expect(plan.changes.map((c) => c.logicalId).sort()).toEqual(template.resources.map((r) => r.id).sort());
    expect(plan.changes.every((c) => c.action === 'Add')).toBe(true);
    const service = plan.changes.find((c) => c.type === 'AWS::ECS::Service');
    expect(service?.nodeId).toBe(design.nodes.find((n) => n.kind === 'service')?.id);

    const streamed: StackEvent[] = [];
    const calls: ApiCall[] = [];
    const report = await executeStack(plan, { ...opts(), onEvent: (e) => streamed.push(e), onCall: (c) => calls.push(c) });
    expect(report).toMatchObject({ status: 'succeeded', stackStatus: 'CREATE_COMPLETE', failures: [], rolledBack: [] });
    expect(streamed).toEqual(report.events);
    expect(streamed.at(-1)).toMatchObject({ logicalId: 'small-fargate', type: 'AWS::CloudFormation::Stack', status: 'CREATE_COMPLETE' });
    expect(calls.filter((c) => isMutating(c.command)).map((c) => c.command)).toEqual(['ExecuteChangeSet']);
    expect(report.apiCalls).toEqual({ total: calls.length, mutating: 1 });

    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    const svc = await ecs.send(new DescribeServicesCommand({ cluster: 'small-cluster', services: ['small-web'] }));
    expect(svc.services?.map((s) => s.serviceName)).toEqual(['small-web']);
    ecs.destroy();

    // The unchanged design: an empty change set, deleted, "nothing to do".
    const again = await planStack(template, opts());
    expect(again).toMatchObject({ changeSetType: 'UPDATE', nothingToDo: true, changes: [] });
    expect(again.changeSetId).toBeUndefined();
    const noop = await executeStack(again, opts());
    expect(noop).toMatchObject({ status: 'succeeded', stackStatus: 'NO_CHANGES', apiCalls: { total: 0, mutating: 0 } });
  });

  it('plans a change of the design as an UPDATE change set', async () => {
    const template = buildResourceGraph(smallFargateDesign());
    await executeStack(await planStack(template, opts()), opts());
    const changed = buildResourceGraph(smallFargateDesign({ image: 'public.ecr.aws/nginx/nginx:1.28' }));
    const plan = await planStack(changed, opts());
    expect(plan).toMatchObject({ changeSetType: 'UPDATE', nothingToDo: false });
    expect(plan.changes.map((c) => [c.action, c.type])).toContainEqual(['Modify', 'AWS::ECS::TaskDefinition']);
    const report = await executeStack(plan, opts());
    expect(report).toMatchObject({ status: 'succeeded', stackStatus: 'UPDATE_COMPLETE' });
  });

  it('discarding a first plan deletes the change set and the empty stack it created', async () => {
    const template = buildResourceGraph(smallFargateDesign());
    const plan = await planStack(template, opts());
    expect(await stackStatus('small-fargate')).toBe('REVIEW_IN_PROGRESS');
    await discardStackPlan(plan, opts());
    expect(await stackStatus('small-fargate')).toBeUndefined();
    const cfn = new CloudFormationClient(motoClientConfig(moto.endpoint));
    expect((await cfn.send(new ListChangeSetsCommand({ StackName: 'small-fargate' }))).Summaries ?? []).toEqual([]);
    cfn.destroy();
  });

  it('never plans over a stack of the same name that is not from this design', async () => {
    const template = buildResourceGraph(smallFargateDesign());
    const cfn = new CloudFormationClient(motoClientConfig(moto.endpoint));
    await cfn.send(new CreateStackCommand({ StackName: 'small-fargate', TemplateBody: renderCloudFormation(template, { format: 'json' }), Capabilities: ['CAPABILITY_NAMED_IAM'] }));
    cfn.destroy();
    const calls: ApiCall[] = [];
    await expect(planStack(template, { ...opts(), onCall: (c) => calls.push(c) })).rejects.toThrow(StackError);
    await expect(planStack(template, opts())).rejects.toThrow('stack small-fargate exists and has no ecs-designer design tag: it is not changed');
    expect(calls.filter((c) => isMutating(c.command))).toEqual([]);
  });

  it('when CloudFormation refuses to execute the change set, the report is a failure with its message (moto fails ExecuteChangeSet on a resource it cannot create)', async () => {
    const template: IrTemplate = {
      description: 'a service in a cluster that does not exist',
      parameters: [],
      outputs: [],
      resources: [
        { id: 'Logs', type: 'AWS::Logs::LogGroup', nodeId: 'n-logs', properties: { LogGroupName: '/ecs/broken' } },
        { id: 'Svc', type: 'AWS::ECS::Service', nodeId: 'n-svc', properties: { ServiceName: 'broken', Cluster: 'no-such-cluster', TaskDefinition: 'no-such-family:1', DesiredCount: 1 } },
      ],
    };
    const plan = await planStack(template, opts('broken', 'design-broken'));
    expect(plan.changes.map((c) => [c.logicalId, c.nodeId])).toEqual(expect.arrayContaining([['Svc', 'n-svc'], ['Logs', 'n-logs']]));
    const calls: ApiCall[] = [];
    const report = await executeStack(plan, { ...opts('broken', 'design-broken'), onCall: (c) => calls.push(c) });
    expect(report).toMatchObject({ status: 'failed', stackStatus: 'EXECUTE_FAILED', message: 'stack broken: ClusterNotFoundException: Cluster not found.' });
    expect(calls.filter((c) => isMutating(c.command)).map((c) => c.command)).toEqual(['ExecuteChangeSet']);
  });

  it('rejects unknown parameters before any call, naming them', async () => {
    const template = buildResourceGraph(smallFargateDesign());
    const calls: ApiCall[] = [];
    await expect(planStack(template, { ...opts(), parameters: { Nope: '1' }, onCall: (c) => calls.push(c) })).rejects.toThrow(/unknown parameter: Nope/);
    expect(calls).toEqual([]);
  });
});
