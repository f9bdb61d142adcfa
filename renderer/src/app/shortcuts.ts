const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/**
 * Display label of a native-menu accelerator (`Mod` = Cmd on macOS, Ctrl elsewhere). The shortcuts themselves are
 * handled by the native menu, which sends the same commands.
 */
export function shortcutLabel(spec: string): string {
  const parts = spec.split('+').map((part) => {
    if (part === 'Mod') return isMac ? '⌘' : 'Ctrl';
    if (part === 'Shift') return isMac ? '⇧' : 'Shift';
    return part;
  });
  return isMac ? parts.join('') : parts.join('+');
}

/** The same accelerator in `aria-keyshortcuts` syntax (`Control+S`, `Meta+Shift+S`). */
export function shortcutAria(spec: string): string {
  return spec
    .split('+')
    .map((part) => (part === 'Mod' ? (isMac ? 'Meta' : 'Control') : part === '=' ? 'Equal' : part === '-' ? 'Minus' : part))
    .join('+');
}
