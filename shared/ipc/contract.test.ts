import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, MENU_COMMAND_IDS, isMenuCommand } from './channels';
import { contract, MenuCommandSchema } from './contract';
import { formatIssuePath } from './result';

describe('IPC contract', () => {
  it('declares exactly the channels listed in channels.ts', () => {
    expect(Object.keys(contract).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('isMenuCommand (used by the preload) agrees with MenuCommandSchema', () => {
    const samples: unknown[] = [
      ...MENU_COMMAND_IDS.map((id) => ({ id })),
      { id: 'file.openRecent', path: '/home/u/a.ecsd.json' },
      { id: 'file.openRecent', path: 'relative.json' },
      { id: 'file.openRecent', path: '' },
      { id: 'file.openRecent', path: 'C:\\designs\\a.json' },
      { id: 'file.openRecent', path: '\\\\server\\share\\a.json' },
      { id: 'file.openRecent', path: '/a\0b' },
      { id: 'file.openRecent' },
      { id: 'file.save', path: '/x' },
      { id: 'file.nope' },
      { id: 3 },
      { id: 'file.save', extra: true },
      'file.save',
      null,
      undefined,
      [],
      ['file.save'],
    ];
    for (const sample of samples) {
      const bySchema = MenuCommandSchema.safeParse(sample).success;
      expect(isMenuCommand(sample), JSON.stringify(sample)).toBe(bySchema);
    }
  });

  it('formats issue paths readably', () => {
    expect(formatIssuePath([])).toBe('(root)');
    expect(formatIssuePath(['settings', 'theme'])).toBe('settings.theme');
    expect(formatIssuePath(['items', 2, 'name'])).toBe('items[2].name');
  });
});
