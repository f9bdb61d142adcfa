const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/** Whether a keyboard event is the shortcut `spec` ("Mod+Shift+P": Mod is Cmd on macOS, Ctrl elsewhere). */
export function matchesShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, spec: string): boolean {
  const parts = spec.split('+');
  // "Mod+=" splits into ['Mod', '='], "Mod++" is not used.
  const key = parts.pop() ?? '';
  const mods = new Set(parts);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const other = isMac ? event.ctrlKey : event.metaKey;
  if (mods.has('Mod') !== mod || other || mods.has('Shift') !== event.shiftKey || mods.has('Alt') !== event.altKey) return false;
  const pressed = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const wanted = key.length === 1 ? key.toLowerCase() : key;
  return pressed === wanted || (wanted === '=' && pressed === '+');
}

/**
 * Whether keys pressed in `target` belong to it: text fields, Monaco, anything marked `nokey` (React Flow's own
 * convention) and modal dialogs keep their keys; the page's shortcuts stay out of them.
 */
export function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.closest('input, textarea, select, .nokey, .monaco-editor, [role="dialog"], [role="menu"]') !== null;
}
