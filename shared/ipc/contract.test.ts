import { describe, expect, it } from 'vitest';
import {
  INVOKE_CHANNELS,
  isMenuCommand,
  isOpenFileEvent,
  isRequestCloseEvent,
  MENU_COMMAND_IDS,
  PAGE_INVOKE_CHANNELS,
  PRELOAD_ONLY_CHANNELS,
} from './channels';
import { contract, MenuCommandSchema, OpenFileEventSchema, RequestCloseEventSchema } from './contract';
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

  it('exposes every channel to the page except the preload-only ones', () => {
    expect([...PAGE_INVOKE_CHANNELS, ...PRELOAD_ONLY_CHANNELS].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(PAGE_INVOKE_CHANNELS).not.toContain('design:read-dropped');
  });

  it('the preload event checks agree with the event schemas', () => {
    const samples: unknown[] = [
      { path: '/home/u/a.ecsd.json' },
      { path: 'C:\\designs\\a.json' },
      { path: 'relative.json' },
      { path: '' },
      { path: '/a\0b' },
      { path: '/x', extra: 1 },
      { path: 3 },
      { reason: 'close' },
      { reason: 'quit' },
      { reason: 'reload' },
      { reason: 'close', path: '/x' },
      {},
      null,
      [],
      'close',
    ];
    for (const sample of samples) {
      expect(isOpenFileEvent(sample), JSON.stringify(sample)).toBe(OpenFileEventSchema.safeParse(sample).success);
      expect(isRequestCloseEvent(sample), JSON.stringify(sample)).toBe(RequestCloseEventSchema.safeParse(sample).success);
    }
  });

  it('formats issue paths readably', () => {
    expect(formatIssuePath([])).toBe('(root)');
    expect(formatIssuePath(['settings', 'theme'])).toBe('settings.theme');
    expect(formatIssuePath(['items', 2, 'name'])).toBe('items[2].name');
  });
});
