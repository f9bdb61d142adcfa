/**
 * Golden CloudFormation templates for a few designs (shared/iac/golden). A change in the generated text shows up
 * as a diff here; after checking it, regenerate with `UPDATE_GOLDEN=1 npx vitest run main/iac/golden.test.ts`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildResourceGraph, renderCloudFormation } from '../../shared/iac';
import { everyKindDesign } from '../../shared/iac/buildTestDesigns';
import type { Design } from '../../shared/model/document';
import { ec2Cluster, loadBalancedWebService } from '../../shared/patterns';
import { REPO_ROOT } from './hcl2json';

const GOLDEN_DIR = path.join(REPO_ROOT, 'shared', 'iac', 'golden');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

const GOLDEN: [string, () => Design][] = [
  ['web-service.yaml', () => loadBalancedWebService()],
  ['ec2-cluster.yaml', () => ec2Cluster({ settings: { region: 'eu-west-1', accountId: '123456789012' } })],
  ['every-kind-existing.yaml', () => everyKindDesign({ existing: true })],
];

describe('golden CloudFormation templates', () => {
  for (const [file, design] of GOLDEN) {
    it(file, async () => {
      const text = renderCloudFormation(buildResourceGraph(design()), { format: 'yaml' });
      const target = path.join(GOLDEN_DIR, file);
      if (UPDATE) {
        await mkdir(GOLDEN_DIR, { recursive: true });
        await writeFile(target, text, 'utf8');
      }
      expect(existsSync(target), `${target} is missing: run UPDATE_GOLDEN=1 npx vitest run main/iac/golden.test.ts`).toBe(true);
      expect(text).toBe(await readFile(target, 'utf8'));
    });
  }
});
