import { describe, expect, it } from 'vitest';
import { diffLines, jsonLines, withContext } from './jsonDiff';

describe('JSON line diff', () => {
  it('shows one changed image as one removed and one added line, keys in a stable order', () => {
    const before = { Name: 'web', Image: 'repo/web:1.0', PortMappings: [{ ContainerPort: 80 }] };
    const after = { PortMappings: [{ ContainerPort: 80 }], Image: 'repo/web:1.1', Name: 'web' };
    const lines = diffLines(jsonLines(before), jsonLines(after));
    expect(lines.filter((l) => l.kind === 'removed').map((l) => l.text.trim())).toEqual(['"Image": "repo/web:1.0",']);
    expect(lines.filter((l) => l.kind === 'added').map((l) => l.text.trim())).toEqual(['"Image": "repo/web:1.1",']);
  });

  it('lists an added array element and an absent value entirely as added', () => {
    const lines = diffLines(jsonLines(undefined), jsonLines([{ Name: 'A', Value: '1' }]));
    expect(lines.every((l) => l.kind === 'added')).toBe(true);
    expect(lines.map((l) => l.text).join('\n')).toContain('"Value": "1"');
  });

  it('folds long unchanged runs into one skip marker with their count', () => {
    const before = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i]));
    const after = { ...before, k10: 'changed' };
    const shown = withContext(diffLines(jsonLines(before), jsonLines(after)), 1);
    const skips = shown.filter((l) => l.kind === 'skip');
    expect(skips).toHaveLength(2);
    expect(shown.filter((l) => l.kind !== 'skip')).toHaveLength(4);
    expect(skips.reduce((n, s) => n + (s.kind === 'skip' ? s.count : 0), 0) + 4).toBe(jsonLines(before).length + 1);
  });
});
