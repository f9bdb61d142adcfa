import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand, GetParameterCommand, ListTagsForResourceCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import type { IrResource, IrTemplate } from '../../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { useMoto } from '../../aws/testing/useMoto';
import { isMutating, type ApiCall } from '../clients';
import { apply, destroy, plan, type ApplyOptions } from '../engine';
import { TAG_DESIGN } from '../types';
import { HIDDEN } from './secret';

const moto = useMoto();
const DESIGN = 'secrets-design';

interface Knobs {
  apiKey?: string;
  description?: string;
  flag?: string;
  paramTags?: Record<string, string>;
}

function template(k: Knobs = {}): IrTemplate {
  const resources: IrResource[] = [
    { id: 'ApiKey', type: 'AWS::SecretsManager::Secret', nodeId: 'key', properties: { Name: 'shop/api-key', Description: k.description ?? 'payment API key', SecretString: k.apiKey ?? 'first-value' } },
    {
      id: 'DbPassword',
      type: 'AWS::SecretsManager::Secret',
      nodeId: 'db',
      properties: { Name: 'shop/db', GenerateSecretString: { SecretStringTemplate: '{"username":"app"}', GenerateStringKey: 'password', PasswordLength: 24, ExcludePunctuation: true } },
    },
    { id: 'Flag', type: 'AWS::SSM::Parameter', nodeId: 'flag', properties: { Name: '/shop/feature-x', Type: 'String', Value: k.flag ?? 'on', Description: 'feature flag', Tags: k.paramTags ?? { team: 'shop' } } },
  ];
  return { description: 'secrets and parameters', parameters: [], resources, outputs: [] };
}

function engine(calls: ApiCall[]): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: DESIGN, stackName: 'shop', onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true) };
}
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => c.command);

describe('secret and SSM parameter handlers against moto', { timeout: 90_000 }, () => {
  it('creates, sees no change, updates a value (shown hidden), removes a tag, and destroys', async () => {
    const calls: ApiCall[] = [];
    expect((await apply(template(), engine(calls))).status).toBe('succeeded');
    const sm = new SecretsManagerClient(motoClientConfig(moto.endpoint));
    const ssm = new SSMClient(motoClientConfig(moto.endpoint));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'shop/api-key' }))).SecretString).toBe('first-value');
    const db = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: 'shop/db' }))).SecretString ?? '{}') as Record<string, string>;
    expect(db['username']).toBe('app');
    expect(db['password']).toMatch(/^[A-Za-z0-9]{24}$/);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'shop/api-key' }))).Tags).toContainEqual({ Key: TAG_DESIGN, Value: DESIGN });
    expect((await ssm.send(new GetParameterCommand({ Name: '/shop/feature-x' }))).Parameter).toMatchObject({ Type: 'String', Value: 'on' });
    expect((await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/shop/feature-x' }))).TagList).toContainEqual({ Key: 'team', Value: 'shop' });

    calls.length = 0;
    expect((await apply(template(), engine(calls))).message).toBe('nothing to do');
    expect(mutating(calls)).toEqual([]);
    // The generated password stays as it is.
    expect(JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: 'shop/db' }))).SecretString ?? '{}')).toEqual(db);

    const next = template({ apiKey: 'second-value', description: 'rotated key', flag: 'off', paramTags: {} });
    const p = await plan(next, engine([]));
    expect(p.steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.changes])).toEqual([
      [
        'ApiKey',
        [
          { path: '/Description', before: 'payment API key', after: 'rotated key' },
          { path: '/SecretString', before: HIDDEN, after: HIDDEN },
        ],
      ],
      [
        'Flag',
        [
          { path: '/Value', before: 'on', after: 'off' },
          { path: '/Tags/team', before: 'shop', after: undefined },
        ],
      ],
    ]);
    expect(JSON.stringify(p)).not.toContain('second-value');
    expect(JSON.stringify(p)).not.toContain('first-value');
    calls.length = 0;
    const report = await apply(next, engine(calls));
    expect(report.status).toBe('succeeded');
    expect(JSON.stringify(report)).not.toContain('second-value');
    expect(mutating(calls).sort()).toEqual(['AddTagsToResource', 'PutParameter', 'PutSecretValue', 'RemoveTagsFromResource', 'UpdateSecret']);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'shop/api-key' }))).SecretString).toBe('second-value');
    expect((await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/shop/feature-x' }))).TagList?.map((t) => t.Key)).not.toContain('team');
    calls.length = 0;
    expect((await apply(next, engine(calls))).message).toBe('nothing to do');

    expect((await destroy(engine([]))).status).toBe('succeeded');
    expect((await sm.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    expect((await ssm.send(new DescribeParametersCommand({}))).Parameters).toEqual([]);
  });

  it('a secret and a parameter with our names but without our tag are conflicts and stay untouched', async () => {
    const sm = new SecretsManagerClient(motoClientConfig(moto.endpoint));
    const ssm = new SSMClient(motoClientConfig(moto.endpoint));
    await sm.send(new CreateSecretCommand({ Name: 'shop/api-key', SecretString: 'theirs' }));
    await ssm.send(new PutParameterCommand({ Name: '/shop/feature-x', Type: 'String', Value: 'theirs' }));
    const calls: ApiCall[] = [];
    const report = await apply(template(), engine(calls));
    expect(report.status).toBe('refused');
    expect(report.plan.filter((s) => s.action === 'conflict').map((s) => s.logicalId).sort()).toEqual(['ApiKey', 'Flag']);
    expect(mutating(calls)).toEqual([]);
    expect((await destroy(engine(calls))).message).toBe('nothing to do: no resource carries this design id');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'shop/api-key' }))).SecretString).toBe('theirs');
    expect((await ssm.send(new GetParameterCommand({ Name: '/shop/feature-x' }))).Parameter?.Value).toBe('theirs');
  });
});
