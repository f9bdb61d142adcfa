import { describe, expect, it } from 'vitest';
import { MAX_RECENT_FILES } from '../../shared/ipc/contract';
import { addRecentFile, includesFile, removeRecentFile } from './recentFiles';

describe('recent files', () => {
  it('puts the latest first without duplicates and caps the list', () => {
    let list: string[] = [];
    for (let i = 0; i < MAX_RECENT_FILES + 3; i++) list = addRecentFile(list, `/d/${i}.json`, 'linux');
    list = addRecentFile(list, '/d/5.json', 'linux');
    expect(list[0]).toBe('/d/5.json');
    expect(list).toHaveLength(MAX_RECENT_FILES);
    expect(new Set(list).size).toBe(list.length);
  });

  it('compares paths case-insensitively except on Linux', () => {
    expect(addRecentFile(['/D/A.json'], '/d/a.json', 'darwin')).toEqual(['/d/a.json']);
    expect(addRecentFile(['/D/A.json'], '/d/a.json', 'linux')).toEqual(['/d/a.json', '/D/A.json']);
    expect(includesFile(['/D/A.json'], '/d/a.json', 'darwin')).toBe(true);
    expect(removeRecentFile(['/d/a.json', '/d/b.json'], '/d/a.json', 'linux')).toEqual(['/d/b.json']);
  });
});
