/** File names for exported task definitions, shared by the CLI and the app's File › Export…. */

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A family as a portable file-name stem: characters outside [A-Za-z0-9._-] become "_". */
export function fileStem(family: string): string {
  let stem = family.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  if (stem === '') stem = 'task-definition';
  if (WINDOWS_RESERVED.test(stem)) stem = `${stem}_`;
  return stem;
}

/**
 * `<family>.json` per task definition, in design order. The first task definition of a family gets
 * `family.json`; later ones `family-2.json`, `family-3.json`, … skipping names already taken. Names are
 * compared case-insensitively (macOS and Windows file systems), so the result is the same on every platform.
 */
export function taskDefinitionFileNames(families: readonly string[]): string[] {
  const stems = families.map(fileStem);
  const taken = new Set<string>();
  const names: (string | undefined)[] = stems.map((stem) => {
    const key = stem.toLowerCase();
    if (taken.has(key)) return undefined;
    taken.add(key);
    return `${stem}.json`;
  });
  return names.map((name, i) => {
    if (name !== undefined) return name;
    const stem = stems[i] ?? '';
    let n = 2;
    while (taken.has(`${stem}-${n}`.toLowerCase())) n++;
    taken.add(`${stem}-${n}`.toLowerCase());
    return `${stem}-${n}.json`;
  });
}
