import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildResourceGraph, renderCloudFormation } from '../../shared/iac';
import { everyKindDesign, manyServicesDesign } from '../../shared/iac/buildTestDesigns';
import type { Design } from '../../shared/model/document';
import { EDGE_KIND_IDS } from '../../shared/model/edges';
import { NODE_KINDS } from '../../shared/model/nodes';
import { PATTERNS } from '../../shared/patterns';
import { describeFindings, lintTemplateTexts } from './cfnLint';

const SETTINGS = { region: 'eu-central-1', accountId: '123456789012' } as const;

/** Every pattern (without and with account/region settings) and the generated designs. */
const DESIGNS: [string, Design][] = [
  ...PATTERNS.map((p): [string, Design] => [p.id, p.build()]),
  ...PATTERNS.map((p): [string, Design] => [`${p.id}-with-settings`, p.build({ settings: SETTINGS })]),
  ['every-kind-created', everyKindDesign()],
  ['every-kind-existing', everyKindDesign({ existing: true })],
  ['every-kind-with-settings', everyKindDesign({ settings: SETTINGS })],
  ['many-services', manyServicesDesign(25)],
];

describe('CloudFormation from every pattern and generated designs passes cfn-lint', () => {
  it('the generated designs use every node kind and every edge kind', () => {
    const created = everyKindDesign();
    expect(NODE_KINDS.filter((k) => !created.nodes.some((n) => n.kind === k))).toEqual([]);
    expect(EDGE_KIND_IDS.filter((k) => !created.edges.some((e) => e.kind === k))).toEqual([]);
  });

  it('cfn-lint reports zero errors on the YAML and JSON templates', async () => {
    const texts = new Map<string, string>();
    for (const [name, design] of DESIGNS) {
      const t = buildResourceGraph(design);
      texts.set(`${name}.yaml`, renderCloudFormation(t, { format: 'yaml' }));
      texts.set(`${name}.json`, renderCloudFormation(t, { format: 'json' }));
    }
    const findings = await lintTemplateTexts(texts);
    const errors = findings.filter((f) => f.level === 'Error');
    expect(errors, describeFindings(errors)).toEqual([]);
    // Warnings too: none is expected from what the builder writes, except Availability Zones the design names itself.
    const warnings = findings.filter((f) => f.rule !== 'W3010');
    expect(warnings, describeFindings(warnings)).toEqual([]);
  }, 180_000);

  it('without cfn-lint on PATH the check fails naming the install command (it never skips)', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      await expect(lintTemplateTexts(new Map([['t.yaml', 'Resources: {}\n']]))).rejects.toThrow(/pip install cfn-lint/);
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('the YAML and the JSON rendering are the same template', () => {
    for (const [name, design] of DESIGNS) {
      const t = buildResourceGraph(design);
      expect(parse(renderCloudFormation(t, { format: 'yaml' })), name).toEqual(JSON.parse(renderCloudFormation(t, { format: 'json' })));
    }
  });
});
