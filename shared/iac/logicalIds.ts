import { isAlnum, isLetter, isLower } from './asciiChars';

/**
 * Logical ids of template entries: alphanumeric (CloudFormation allows [A-Za-z0-9] only), readable (derived from
 * the node's name plus what the entry is) and unique. Ids are handed out in design order, so a design gives the
 * same ids every time; a clash gets a numeric suffix (Web, Web2, …).
 */
export function pascalCase(text: string): string {
  // Letters and digits only, each word's first character upper-cased; a word starts after anything that is not
  // a letter or digit (a lower-to-upper case change starts one too, but that letter is upper case already).
  // One pass over the characters, copying each run of letters and digits as one slice (ids are taken for every
  // resource, parameter and output of a template; a string per character was most of the work).
  let out = '';
  let i = 0;
  while (i < text.length) {
    while (i < text.length && !isAlnum(text.charCodeAt(i))) i++;
    if (i === text.length) break;
    const start = i;
    while (i < text.length && isAlnum(text.charCodeAt(i))) i++;
    const first = text.charCodeAt(start);
    if (isLower(first)) out += String.fromCharCode(first - 32) + text.slice(start + 1, i);
    else out += start === 0 && i === text.length ? text : text.slice(start, i);
  }
  return out;
}

function startsWithLetter(s: string): boolean {
  return isLetter(s.charCodeAt(0));
}

export class LogicalIds {
  private readonly used = new Set<string>();
  /** Leading word runs of each suffix (suffixes are a handful of words, taken thousands of times). */
  private readonly prefixes = new Map<string, string[]>();

  /** Reserves and returns a unique id made of `name` (any text) and `suffix` (e.g. "Service"), not repeating the suffix. */
  take(name: string, suffix = ''): string {
    let base = pascalCase(name);
    if (base.length === 0) base = suffix.length > 0 ? '' : 'Resource';
    if (!startsWithLetter(base)) base = `R${base}`;
    if (suffix.length > 0) {
      let prefixes = this.prefixes.get(suffix);
      if (prefixes === undefined) {
        prefixes = suffixPrefixes(suffix);
        this.prefixes.set(suffix, prefixes);
      }
      base = joinOverlapping(base, suffix, prefixes);
    }
    if (!startsWithLetter(base)) base = `R${base}`;
    // CloudFormation logical ids are at most 255 characters.
    if (base.length > 240) base = base.slice(0, 240);
    if (this.reserve(base)) return base;
    // Taken: the first free of base2, base3, … Numbers below the one remembered for this base were all taken when
    // it was last asked for, and stay taken, so they are not tried again (1,000 policies of one name would
    // otherwise try ~500,000 ids).
    const key = base.toLowerCase();
    let n = this.nextSuffix.get(key) ?? 2;
    while (!this.reserve(`${base}${n}`)) n++;
    this.nextSuffix.set(key, n + 1);
    return `${base}${n}`;
  }

  /** Per base that was taken (lower case, as ids are unique case-insensitively): the next numeric suffix to try. */
  private readonly nextSuffix = new Map<string, number>();

  /** Reserves `id` unless taken already (case-insensitively): one set operation when it is free, as most are. */
  private reserve(id: string): boolean {
    const size = this.used.size;
    this.used.add(id.toLowerCase());
    return this.used.size > size;
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
export function joinOverlapping(base: string, suffix: string, prefixes = suffixPrefixes(suffix)): string {
  for (const prefix of prefixes) {
    // The shared words must start a word in `base` too (an upper-case letter after a lower-case one or a digit).
    if (base.endsWith(prefix) && (base.length === prefix.length || words(base.slice(base.length - prefix.length - 1)).length > 1)) {
      return base + suffix.slice(prefix.length);
    }
  }
  return base + suffix;
}

/** "ExecutionRole" → ["ExecutionRole", "Execution"]: leading word runs of a suffix, longest first. */
function suffixPrefixes(suffix: string): string[] {
  const w = words(suffix);
  return w.map((_, i) => w.slice(0, w.length - i).join(''));
}
