import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/findings';
import { IacValidationError } from '../../../shared/iac/index';
import type { Design } from '../../../shared/model/document';
import { loadBalancedWebService } from '../../../shared/patterns/index';
import { setProps } from '../../../shared/rules/testing/designs';
import { EXPORT_FORMATS, ExportGraphCache, generateExport } from './generate';

/** The pattern with a task size Fargate does not offer (an error finding on the task definition). */
function withTaskSizeError(design: Design): Design {
  return setProps(design, design.nodes.find((n) => n.kind === 'taskDefinition')!.id, { cpu: '512', memory: '8192' });
}

describe('generateExport (what the Export dialog previews and saves)', () => {
  const design = loadBalancedWebService({ settings: { region: 'eu-central-1', accountId: '123456789012' } });

  it('generates every format offered', () => {
    const paths = Object.fromEntries(EXPORT_FORMATS.map((f) => [f.id, generateExport(design, f.id).map((file) => file.path)]));
    expect(paths).toEqual({
      'cloudformation-yaml': ['template.yaml'],
      'cloudformation-json': ['template.json'],
      terraform: ['versions.tf', 'providers.tf', 'variables.tf', 'main.tf', 'outputs.tf'],
      cdk: ['bin/app.ts', expect.stringMatching(/^lib\/[a-z0-9-]+-stack\.ts$/), 'package.json', 'cdk.json', 'tsconfig.json'],
      taskdefs: ['web.json'],
    });
    expect(JSON.parse(generateExport(design, 'cloudformation-json')[0]!.contents)).toHaveProperty('AWSTemplateFormatVersion');
    expect(JSON.parse(generateExport(design, 'taskdefs')[0]!.contents)).toMatchObject({ family: expect.any(String), containerDefinitions: expect.any(Array) });
  });

  it('says why task definitions cannot be exported without the account id of roles the design creates', () => {
    expect(() => generateExport(loadBalancedWebService(), 'taskdefs')).toThrow(/settings\.accountId/);
  });

  it('builds the resource graph once for the formats of one design, again for another design or force', () => {
    const graphs = new ExportGraphCache();
    const first = graphs.graph(design, false, undefined);
    const yaml = generateExport(design, 'cloudformation-yaml', { graphs });
    const terraform = generateExport(design, 'terraform', { graphs });
    expect(graphs.graph(design, false, undefined)).toBe(first);
    // The same files as without the cache.
    expect(yaml).toEqual(generateExport(design, 'cloudformation-yaml'));
    expect(terraform).toEqual(generateExport(design, 'terraform'));
    const other = loadBalancedWebService({ settings: { region: 'eu-west-1', accountId: '123456789012' } });
    expect(graphs.graph(other, false, undefined)).not.toBe(first);
    const forced = graphs.graph(other, true, undefined);
    expect(graphs.graph(other, true, undefined)).toBe(forced);
    graphs.clear();
    expect(graphs.graph(other, true, undefined)).not.toBe(forced);
  });

  it('refuses a design with validation errors in every IaC format until forced, and remembers the refusal', () => {
    const broken = withTaskSizeError(design);
    const graphs = new ExportGraphCache();
    for (const format of ['cloudformation-yaml', 'terraform', 'cdk'] as const) {
      expect(() => generateExport(broken, format, { graphs })).toThrow(IacValidationError);
    }
    expect(() => generateExport(broken, 'cloudformation-yaml', { graphs })).toThrow(/fargate\/task-size/);
    expect(generateExport(broken, 'cloudformation-yaml', { graphs, force: true }).map((f) => f.path)).toEqual(['template.yaml']);
  });

  it('goes by the findings it is given for the design instead of validating it again', () => {
    const broken = withTaskSizeError(design);
    // Findings that say the design is fine: nothing is refused (the page's validator is trusted).
    expect(generateExport(broken, 'terraform', { findings: [] }).map((f) => f.path)).toContain('main.tf');
    // An error finding refuses the export, whatever the design.
    const error: Finding = { rule: 'example/rule', severity: 'error', message: 'example error', path: '/nodes/0' };
    expect(() => generateExport(design, 'cdk', { findings: [error] })).toThrow(/example\/rule: example error/);
    // Warnings alone refuse nothing.
    expect(generateExport(design, 'cdk', { findings: [{ ...error, severity: 'warning' }] }).length).toBeGreaterThan(0);
  });
});
