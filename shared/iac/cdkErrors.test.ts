import { describe, expect, it } from 'vitest';
import { renderCdk } from './cdk';
import { ir, type IrResource, type IrTemplate } from './ir';

/**
 * The CDK renderer writes resources in template order and puts them in stack order afterwards; a template it cannot
 * write must still fail with the error met first in stack order (a cycle before anything else, then resources in
 * the order the stack declares them, then outputs).
 */
const template = (resources: IrResource[], outputs: IrTemplate['outputs'] = []): IrTemplate => ({ description: 'x', parameters: [], resources, outputs });
const render = (t: IrTemplate) => () => renderCdk(t, { stackName: 'S' });

describe('CDK renderer errors', () => {
  it('reports a cycle before a reference to an unknown id that comes first in the template', () => {
    const t = template([
      { id: 'Lost', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.ref('Nowhere') } },
      { id: 'A', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.ref('B') } },
      { id: 'B', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.ref('A') } },
    ]);
    expect(render(t)).toThrow('CDK: resources refer to each other in a cycle: A → B → A');
  });

  it('reports the error of the resource the stack declares first', () => {
    // First refers to Second, so Second is declared (and written) first although the template lists it last.
    const t = template([
      { id: 'First', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.concat(ir.ref('Second'), ir.ref('Missing1')) } },
      { id: 'Second', type: 'AWS::Logs::LogGroup', properties: { Tags: [{ Key: 'k', Value: ir.getAtt('Missing2', 'Arn') }] } },
    ]);
    expect(render(t)).toThrow('CDK: Second.Tags[0].Value refers to "Missing2", which is neither a parameter nor a resource of the template');
  });

  it('reports a dependency on something that is not a resource of the template, in stack order', () => {
    const t = template([
      { id: 'First', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.ref('Second') }, dependsOn: ['Gone1'] },
      { id: 'Second', type: 'AWS::Logs::LogGroup', properties: {}, dependsOn: ['Gone2'] },
    ]);
    expect(render(t)).toThrow('CDK: Second depends on "Gone2", which is not a resource of the template');
  });

  it('reports errors of resources before errors of outputs', () => {
    const t = template(
      [
        { id: 'A', type: 'AWS::Logs::LogGroup', properties: {} },
        { id: 'B', type: 'AWS::Logs::LogGroup', properties: { RetentionInDays: Number.NaN } },
      ],
      [{ id: 'Out', description: 'd', value: ir.getAtt('Unknown', 'Arn') }],
    );
    expect(render(t)).toThrow('CDK: B.RetentionInDays is not a finite number');
    expect(render({ ...t, resources: t.resources.slice(0, 1) })).toThrow('CDK: output Out refers to "Unknown"');
  });

  it('reports a logical id declared twice before a resource type it cannot name, and GetAtt of a parameter', () => {
    const twice = template([
      { id: 'Bad', type: 'Custom::Thing', properties: {} },
      { id: 'P', type: 'AWS::Logs::LogGroup', properties: {} },
    ]);
    const withParam = { ...twice, parameters: [{ id: 'P', type: 'String' as const, description: 'p' }] };
    expect(render(withParam)).toThrow('CDK: logical id "P" is declared twice in the template');
    expect(render(twice)).toThrow('CDK: Bad has resource type "Custom::Thing", which is not AWS::Service::Resource');
    const getAttOfParam: IrTemplate = { ...template([{ id: 'G', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.getAtt('P', 'Arn') } }]), parameters: withParam.parameters };
    expect(render(getAttOfParam)).toThrow('CDK: G.LogGroupName takes attribute "Arn" of parameter "P"');
  });

  it('marks what a resource refers to or depends on with a variable, and nothing else', () => {
    const t = template([
      { id: 'Late', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.ref('Early') } },
      { id: 'Early', type: 'AWS::Logs::LogGroup', properties: {} },
      { id: 'Alone', type: 'AWS::Logs::LogGroup', properties: {}, dependsOn: ['Early'] },
      { id: 'Quiet', type: 'AWS::Logs::LogGroup', properties: {} },
    ]);
    const stack = renderCdk(t, { stackName: 'S' })[1]!.contents;
    // Stack order: Early before Late (Late refers to it); the others keep their template order.
    const order = ['Early', 'Late', 'Alone', 'Quiet'].map((id) => stack.indexOf(`'${id}'`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(stack).toContain("const early = new logs.CfnLogGroup(this, 'Early', {});");
    expect(stack).toContain("const alone = new logs.CfnLogGroup(this, 'Alone', {});\n    alone.addResourceDependency(early);");
    expect(stack).toContain("    new logs.CfnLogGroup(this, 'Late', { logGroupName: early.ref });");
    expect(stack).toContain("    new logs.CfnLogGroup(this, 'Quiet', {});");
  });
});
