import { describe, expect, it } from 'vitest';
import { changedTags, generatedName, removedTags, toCfnShape, toSdkShape } from './values';

describe('tag changes include removals', () => {
  it('reports set, changed and removed user tags; aws: tags are never removed', () => {
    const live = { team: 'a', cost: 'x', 'aws:cloudformation:stack-name': 's', keep: 'k' };
    const want = { team: 'b', keep: 'k', added: 'n' };
    expect(changedTags(want, live)).toEqual([
      { path: '/Tags/team', before: 'a', after: 'b' },
      { path: '/Tags/added', before: undefined, after: 'n' },
      { path: '/Tags/cost', before: 'x', after: undefined },
    ]);
    expect(removedTags(want, live)).toEqual(['cost']);
    expect(changedTags(live, live)).toEqual([]);
  });
});

describe('generated names', () => {
  it('are stable per design and logical id, differ between designs, and respect the length limit', () => {
    expect(generatedName('design-a', 'Group', 255)).toBe(generatedName('design-a', 'Group', 255));
    expect(generatedName('design-a', 'Group', 255)).not.toBe(generatedName('design-b', 'Group', 255));
    expect(generatedName('design-a', 'Group', 255)).toMatch(/^ecsd-[0-9a-f]{8}-Group$/);
    expect(generatedName('design-a', 'X'.repeat(300), 64)).toHaveLength(64);
  });
});

describe('CloudFormation spellings that are not "first letter upper case"', () => {
  it('maps task definition EFS volumes and service placement strategies to the SDK and back', () => {
    const cfn = {
      Volumes: [{ Name: 'files', EFSVolumeConfiguration: { FilesystemId: 'fs-1', TransitEncryption: 'ENABLED', AuthorizationConfig: { AccessPointId: 'fsap-1', IAM: 'ENABLED' } } }],
      PlacementStrategies: [{ Type: 'binpack', Field: 'memory' }],
    };
    const sdk = {
      volumes: [{ name: 'files', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: 'fsap-1', iam: 'ENABLED' } } }],
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
    };
    expect(toSdkShape(cfn)).toEqual(sdk);
    expect(toCfnShape(sdk)).toEqual(cfn);
  });
});
