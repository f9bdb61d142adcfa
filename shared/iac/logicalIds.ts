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
  const b = words(base);
  const s = words(suffix);
  for (let n = Math.min(b.length, s.length); n > 0; n--) {
    if (b.slice(b.length - n).join('') === s.slice(0, n).join('')) return base + s.slice(n).join('');
  }
  return base + suffix;
}
