import { useEffect, useRef } from 'react';
import { matchesShortcut, ownsKeys } from './keys';
import { COMMANDS, isAvailable, type CommandContext } from './registry';

/**
 * The page's keyboard shortcuts, from the command registry. Keys typed into text fields, Monaco, dialogs or
 * anything marked `nokey` are never taken; a shortcut whose command is unavailable is left to the browser
 * (so Ctrl+C still copies selected text). A handled key is preventDefault-ed, so Electron does not also run the
 * native menu accelerator for it.
 */
export function useCommandShortcuts(ctx: CommandContext): void {
  const ref = useRef(ctx);
  ref.current = ctx;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || ownsKeys(event.target)) return;
      for (const c of COMMANDS) {
        const specs = [...(c.shortcut === undefined ? [] : [c.shortcut]), ...(c.keys ?? [])];
        if (!specs.some((s) => matchesShortcut(event, s))) continue;
        if (!isAvailable(c, ref.current)) return;
        event.preventDefault();
        void c.perform(ref.current);
        return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
