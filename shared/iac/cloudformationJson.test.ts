import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { everyKindDesign } from './buildTestDesigns';
import { buildResourceGraph } from './build';
import { cloudFormationTemplate, renderCloudFormation } from './cloudformation';
import { ir, type IrTemplate } from './ir';

/** The JSON template may be written partly by hand (see jsonText): it must be exactly JSON.stringify's text of the template value. */
const stringified = (t: IrTemplate): string => `${JSON.stringify(cloudFormationTemplate(t), null, 2)}\n`;

describe('CloudFormation JSON', () => {
  it('is the indented JSON text of the template value, with and without parameters and outputs', () => {
    const t = buildResourceGraph(everyKindDesign());
    expect(t.parameters.length).toBeGreaterThan(0);
    expect(renderCloudFormation(t, { format: 'json' })).toBe(stringified(t));
    const bare: IrTemplate = { ...t, parameters: [], outputs: [] };
    expect(renderCloudFormation(bare, { format: 'json' })).toBe(stringified(bare));
  });

  it('escapes descriptions and values with quotes, control and non-ASCII characters as JSON.stringify does', () => {
    for (const description of ['déjà "vu" — \u2028 \n\t\u0001 \ud83d\ude00', 'déjà "vu" \n\t\u0001 ÿ']) {
      const t: IrTemplate = {
        description,
        parameters: [{ id: 'P', type: 'String', description: 'ü' }],
        resources: [{ id: 'G', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.concat('ö/', ir.ref('P')), Tags: [{ Key: '—', Value: '"x"' }] } }],
        outputs: [],
      };
      const text = renderCloudFormation(t, { format: 'json' });
      expect(text).toBe(stringified(t));
      expect(JSON.parse(text)).toMatchObject({ Description: t.description });
    }
  });
});

describe('CloudFormation intrinsic functions', () => {
  it('writes a concatenation as Fn::Sub with literal ${ escaped, or as Fn::Join when a part has no ${} form', () => {
    const t: IrTemplate = {
      description: 'd',
      parameters: [{ id: 'P', type: 'String', description: 'p' }],
      resources: [
        {
          id: 'G',
          type: 'AWS::Logs::LogGroup',
          properties: {
            LogGroupName: ir.concat('a${b}/', ir.ref('P'), '-', ir.getAtt('Q', 'Arn'), ':', ir.pseudo('AWS::Region'), '${x${y'),
            Plain: ir.concat('no expressions'),
            Joined: ir.concat('zone-', ir.select(0, ir.azs()), '-${z}'),
          },
        },
        { id: 'Q', type: 'AWS::SNS::Topic', properties: {} },
      ],
      outputs: [],
    };
    const expected = {
      LogGroupName: { 'Fn::Sub': 'a${!b}/${P}-${Q.Arn}:${AWS::Region}${!x${!y' },
      Plain: { 'Fn::Sub': 'no expressions' },
      // Fn::Join takes its literal parts as they are.
      Joined: { 'Fn::Join': ['', ['zone-', { 'Fn::Select': ['0', { 'Fn::GetAZs': '' }] }, '-${z}']] },
    };
    expect(JSON.parse(renderCloudFormation(t, { format: 'json' })).Resources.G.Properties).toEqual(expected);
    expect(parse(renderCloudFormation(t, { format: 'yaml' })).Resources.G.Properties).toEqual(expected);
  });
});

describe('CloudFormation YAML', () => {
  it('lists resources as the JSON template does when ids repeat or are array indexes (the map of the template, not the IR order)', () => {
    const group = (id: string, name: string, comment?: string) => ({ id, type: 'AWS::Logs::LogGroup', properties: { LogGroupName: name }, ...(comment !== undefined ? { comment } : {}) });
    for (const resources of [
      [group('B', 'b1', 'first b'), group('A', 'a'), group('B', 'b2')],
      [group('Z', 'z'), group('10', 'ten', 'an index'), group('2', 'two')],
      [group('A', 'a', 'only'), group('B', 'b')],
    ]) {
      const t: IrTemplate = { description: 'd', parameters: [], resources, outputs: [] };
      const yamlText = renderCloudFormation(t, { format: 'yaml' });
      expect(parse(yamlText)).toEqual(cloudFormationTemplate(t));
      // Resource entries in the order of the template's map, each comment above the entry it belongs to.
      const ids = Object.keys(cloudFormationTemplate(t)['Resources'] as object);
      expect([...yamlText.matchAll(/^ {2}"?(\w+)"?:$/gm)].map((m) => m[1])).toEqual(ids);
    }
  });
});
