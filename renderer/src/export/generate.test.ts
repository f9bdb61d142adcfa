import { describe, expect, it } from 'vitest';
import { loadBalancedWebService } from '../../../shared/patterns/index';
import { EXPORT_FORMATS, generateExport } from './generate';

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
});
