import { describe, expect, it } from 'vitest';
import { ir, type IrTemplate } from '../../shared/iac/ir';
import { dependencyOrder, TemplateError } from './engine';
import { ParameterError, resolveParameters, resolveValue, type ResolveEnv } from './resolve';
import type { LiveResource } from './types';
import { containsUnknown, diffValues, toCfnShape, toSdkShape } from './values';

describe('shape conversion', () => {
  it('turns CloudFormation property names into SDK names, leaving free-form maps (Options, DockerLabels) alone', () => {
    expect(toSdkShape({ ContainerDefinitions: [{ Name: 'app', LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': '/ecs/a', Mode: 'x' } }, DockerLabels: { Team: 'a' } }] })).toEqual({
      containerDefinitions: [{ name: 'app', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/a', Mode: 'x' } }, dockerLabels: { Team: 'a' } }],
    });
    expect(toCfnShape({ containerDefinitions: [{ name: 'app', logConfiguration: { options: { mode: 'non-blocking' } } }], skipped: undefined })).toEqual({
      ContainerDefinitions: [{ Name: 'app', LogConfiguration: { Options: { mode: 'non-blocking' } } }],
    });
  });
});

describe('diffValues', () => {
  it('ignores what AWS fills in that the design does not say, and numbers sent as strings', () => {
    const live = { Cpu: '256', ContainerDefinitions: [{ Name: 'a', Image: 'x:1', Essential: true, PortMappings: [{ ContainerPort: 80, HostPort: 80, Protocol: 'tcp' }], MountPoints: [] }] };
    expect(diffValues({ Cpu: 256, ContainerDefinitions: [{ Name: 'a', Image: 'x:1', PortMappings: [{ ContainerPort: 80 }] }] }, live)).toEqual([]);
  });

  it('reports changed values by JSON path, changed list lengths whole, and strict keys removed from the design', () => {
    const live = { ContainerDefinitions: [{ Name: 'a', Image: 'x:1', Environment: [{ Name: 'A', Value: '1' }] }], Volumes: [{ Name: 'v' }] };
    expect(diffValues({ ContainerDefinitions: [{ Name: 'a', Image: 'x:2' }], Volumes: [] }, live, '', new Set(['Environment']))).toEqual([
      { path: '/ContainerDefinitions/0/Image', before: 'x:1', after: 'x:2' },
      { path: '/ContainerDefinitions/0/Environment', before: [{ Name: 'A', Value: '1' }], after: undefined },
      { path: '/Volumes', before: [{ Name: 'v' }], after: [] },
    ]);
  });
});

const template = (resources: IrTemplate['resources'], parameters: IrTemplate['parameters'] = []): IrTemplate => ({ description: '', parameters, resources, outputs: [] });

describe('dependency order', () => {
  it('puts referenced resources and dependsOn first', () => {
    const t = template([
      { id: 'Service', type: 'AWS::ECS::Service', properties: { Cluster: ir.ref('Cluster'), TaskDefinition: ir.ref('Task') }, dependsOn: ['Listener'] },
      { id: 'Task', type: 'AWS::ECS::TaskDefinition', properties: { ExecutionRoleArn: ir.getAtt('Role', 'Arn') } },
      { id: 'Listener', type: 'AWS::ElasticLoadBalancingV2::Listener', properties: {} },
      { id: 'Cluster', type: 'AWS::ECS::Cluster', properties: {} },
      { id: 'Role', type: 'AWS::IAM::Role', properties: {} },
    ]);
    const { order } = dependencyOrder(t);
    const before = (a: string, b: string) => order.indexOf(a) < order.indexOf(b);
    expect(order).toHaveLength(5);
    expect(before('Role', 'Task') && before('Task', 'Service') && before('Cluster', 'Service') && before('Listener', 'Service')).toBe(true);
  });

  it('names a cycle', () => {
    const t = template([
      { id: 'A', type: 'AWS::IAM::Role', properties: { X: ir.ref('B') } },
      { id: 'B', type: 'AWS::IAM::Role', properties: { X: ir.getAtt('A', 'Arn') } },
    ]);
    expect(() => dependencyOrder(t)).toThrow(new TemplateError('dependency cycle: A → B → A'));
  });
});

describe('expression resolution', () => {
  const live: LiveResource = { type: 'AWS::IAM::Role', physicalId: 'exec', name: 'exec', attributes: { Arn: 'arn:aws:iam::123456789012:role/exec' }, tags: {}, properties: {} };
  const env: ResolveEnv = {
    parameters: new Map<string, string | string[]>([['Subnets', ['subnet-1', 'subnet-2']]]),
    pseudo: { 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '123456789012', 'AWS::Partition': 'aws', 'AWS::StackName': 'shop', 'AWS::URLSuffix': 'amazonaws.com' },
    resources: new Map([['Role', live]]),
    azs: ['eu-west-1a', 'eu-west-1b'],
  };

  it('resolves Ref/GetAtt to live ids, pseudo parameters, parameters, concat, select, azs and base64', () => {
    expect(
      resolveValue(
        {
          Role: ir.getAtt('Role', 'Arn'),
          Name: ir.ref('Role'),
          Subnets: ir.ref('Subnets'),
          Az: ir.select(1, ir.azs()),
          Image: ir.concat(ir.pseudo('AWS::AccountId'), '.dkr.ecr.', ir.pseudo('AWS::Region'), '.', ir.pseudo('AWS::URLSuffix'), '/web'),
          UserData: ir.base64(ir.concat('cluster=', ir.pseudo('AWS::StackName'))),
        },
        env,
      ),
    ).toEqual({
      Role: 'arn:aws:iam::123456789012:role/exec',
      Name: 'exec',
      Subnets: ['subnet-1', 'subnet-2'],
      Az: 'eu-west-1b',
      Image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web',
      UserData: Buffer.from('cluster=shop').toString('base64'),
    });
  });

  it('marks values of resources not created yet as known after apply', () => {
    const v = resolveValue({ TaskDefinition: ir.ref('Task'), Uri: ir.concat(ir.getAtt('Repo', 'RepositoryUri'), ':1') }, env);
    expect(containsUnknown((v as Record<string, unknown>)['TaskDefinition'])).toBe(true);
    expect(containsUnknown((v as Record<string, unknown>)['Uri'])).toBe(true);
  });

  it('takes parameters from the input or their defaults; missing, unknown or disallowed values are errors naming them', () => {
    const t = template([], [
      { id: 'Tag', type: 'String', description: 'image tag', default: 'latest' },
      { id: 'Vpc', type: 'AWS::EC2::VPC::Id', description: 'the VPC' },
      { id: 'Size', type: 'String', description: 'size', default: 'small', allowedValues: ['small', 'large'] },
    ]);
    expect(resolveParameters(t, { Vpc: 'vpc-1' })).toEqual(new Map([['Tag', 'latest'], ['Vpc', 'vpc-1'], ['Size', 'small']]));
    expect(() => resolveParameters(t, {})).toThrow(new ParameterError('missing parameter value (pass --param Key=Value): Vpc (AWS::EC2::VPC::Id) — the VPC'));
    expect(() => resolveParameters(t, { Vpc: 'v', Nope: '1' })).toThrow(/unknown parameter: Nope/);
    expect(() => resolveParameters(t, { Vpc: 'v', Size: 'huge' })).toThrow('parameter Size: "huge" is not one of small, large');
  });
});
