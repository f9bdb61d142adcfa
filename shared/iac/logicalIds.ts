/**
 * Logical ids of template entries: alphanumeric (CloudFormation allows [A-Za-z0-9] only), readable (derived from
 * the node's name plus what the entry is) and unique. Ids are handed out in design order, so a design gives the
 * same ids every time; a clash gets a numeric suffix (Web, Web2, …).
 */
export function pascalCase(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

export class LogicalIds {
  private readonly used = new Set<string>();

  /** Reserves and returns a unique id made of `name` (any text) and `suffix` (e.g. "Service"), not repeating the suffix. */
  take(name: string, suffix = ''): string {
    let base = pascalCase(name);
    if (base.length === 0) base = suffix.length > 0 ? '' : 'Resource';
    if (!/^[A-Za-z]/.test(base)) base = `R${base}`;
    if (suffix.length > 0) base = joinOverlapping(base, suffix);
    if (!/^[A-Za-z]/.test(base)) base = `R${base}`;
    // CloudFormation logical ids are at most 255 characters.
    base = base.slice(0, 240);
    let id = base;
    for (let n = 2; this.used.has(id.toLowerCase()); n++) id = `${base}${n}`;
    this.used.add(id.toLowerCase());
    return id;
  }
}

/** Words of a PascalCase id: "FilesExecution" → ["Files", "Execution"]. */
function words(id: string): string[] {
  return id.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+/g) ?? [];
}

/**
 * `base` + `suffix` without repeating words they share at the seam: "FilesExecution" + "ExecutionRole" →
 * "FilesExecutionRole", "WebCluster" + "Cluster" → "WebCluster", "FilesFiles" stays as given.
 */
export function joinOverlapping(base: string, suffix: string): string {
  for (const prefix of suffixPrefixes(suffix)) {
    // The shared words must start a word in `base` too (an upper-case letter after a lower-case one or a digit).
    if (base.endsWith(prefix) && (base.length === prefix.length || words(base.slice(base.length - prefix.length - 1)).length > 1)) {
      return base + suffix.slice(prefix.length);
    }
  }
  return base + suffix;
}

const prefixCache = new Map<string, string[]>();

/** "ExecutionRole" → ["ExecutionRole", "Execution"]: leading word runs of a suffix, longest first. */
function suffixPrefixes(suffix: string): string[] {
  let list = prefixCache.get(suffix);
  if (list === undefined) {
    const w = words(suffix);
    list = w.map((_, i) => w.slice(0, w.length - i).join(''));
    prefixCache.set(suffix, list);
  }
  return list;
}
