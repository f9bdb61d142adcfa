import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { ir, type IrTemplate } from '../../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { isMutating, type ApiCall } from '../clients';
import { apply, plan } from '../engine';
import { useMoto } from '../../aws/testing/useMoto';

const moto = useMoto({ resetEachTest: false });

function template(spotWeight: number): IrTemplate {
  return {
    description: 'cluster with Fargate capacity providers',
    parameters: [],
    resources: [
      { id: 'Cluster', type: 'AWS::ECS::Cluster', nodeId: 'cluster', properties: { ClusterName: 'workers' } },
      {
        id: 'ClusterProviders',
        type: 'AWS::ECS::ClusterCapacityProviderAssociations',
        nodeId: 'cluster',
        properties: {
          Cluster: ir.ref('Cluster'),
          CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
          DefaultCapacityProviderStrategy: [
            { CapacityProvider: 'FARGATE', Weight: 1, Base: 1 },
            { CapacityProvider: 'FARGATE_SPOT', Weight: spotWeight },
          ],
        },
      },
    ],
    outputs: [],
  };
}

describe('cluster capacity provider associations against moto', { timeout: 90_000 }, () => {
  it('sets providers and the default strategy, sees no change on redeploy, and updates a weight', async () => {
    const calls: ApiCall[] = [];
    const opts = { target: motoTarget(moto.endpoint), designId: 'cp-design', stackName: 'w', onCall: (c: ApiCall) => calls.push(c) };
    expect((await apply(template(3), opts)).status).toBe('succeeded');
    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    const c = (await ecs.send(new DescribeClustersCommand({ clusters: ['workers'] }))).clusters?.[0];
    expect(c?.capacityProviders).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(c?.defaultCapacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE', weight: 1, base: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
    ]);
    calls.length = 0;
    expect((await plan(template(3), opts)).nothingToDo).toBe(true);
    expect(calls.filter((x) => isMutating(x.command))).toEqual([]);
    const p = await plan(template(5), opts);
    expect(p.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.action, s.changes])).toEqual([
      ['ClusterProviders', 'update', [{ path: '/DefaultCapacityProviderStrategy/1/Weight', before: 3, after: 5 }]],
    ]);
    calls.length = 0;
    expect((await apply(template(5), opts)).status).toBe('succeeded');
    expect(calls.filter((x) => isMutating(x.command)).map((x) => x.command)).toEqual(['PutClusterCapacityProviders']);
  });
});
