import { describe, expect, it } from 'vitest';
import { everyKindDesign } from './buildTestDesigns';
import { buildResourceGraph } from './build';
import { cloudFormationTemplate, renderCloudFormation } from './cloudformation';
import { ir, type IrTemplate } from './ir';

/** The JSON template is written partly by hand (see jsonText): it must be exactly JSON.stringify's text of the template value. */
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
    const t: IrTemplate = {
      description: 'déjà "vu" — \u2028 \n\t\u0001 \ud83d\ude00',
      parameters: [{ id: 'P', type: 'String', description: 'ü' }],
      resources: [{ id: 'G', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.concat('ö/', ir.ref('P')), Tags: [{ Key: '—', Value: '"x"' }] } }],
      outputs: [],
    };
    const text = renderCloudFormation(t, { format: 'json' });
    expect(text).toBe(stringified(t));
    expect(JSON.parse(text)).toMatchObject({ Description: t.description });
  });
});
