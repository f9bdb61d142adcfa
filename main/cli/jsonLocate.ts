import { lineColumnAt } from '../../shared/json';
import { parseJsonPointer } from '../../shared/jsonPointer';

/** A position in a text file: 1-based line and column (UTF-16 code units, as SARIF's default columnKind). */
export type TextPosition = { line: number; column: number };

/**
 * Where the JSON value at `pointer` starts in `text` (the text of a file that parses as JSON; a leading
 * byte-order mark is skipped and not counted). When the pointer does not resolve completely — a finding about a
 * member that is missing, like `/executionRoleArn` — the position of the deepest value on the way that exists
 * (at worst the whole document). Duplicate member names resolve to the last one, as JSON.parse does.
 * Never throws; text that is not valid JSON gives line 1, column 1.
 */
export function locateJsonPointer(text: string, pointer: string): TextPosition {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let tokens: string[];
  try {
    tokens = parseJsonPointer(pointer);
  } catch {
    tokens = [];
  }
  try {
    const scanner = new Scanner(src);
    let at = scanner.skipWs(0);
    for (const token of tokens) {
      const next = scanner.child(at, token);
      if (next === undefined) break;
      at = next;
    }
    return lineColumnAt(src, at);
  } catch {
    return { line: 1, column: 1 };
  }
}

class ScanError extends Error {}

/** A minimal JSON scanner that finds where values start without building them. */
class Scanner {
  constructor(private readonly s: string) {}

  skipWs(i: number): number {
    const s = this.s;
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
    return i;
  }

  /** Offset of the value of member/element `token` of the object/array starting at `at`; undefined if absent. */
  child(at: number, token: string): number | undefined {
    const s = this.s;
    if (s[at] === '{') {
      let found: number | undefined;
      let i = this.skipWs(at + 1);
      if (s[i] === '}') return undefined;
      for (;;) {
        if (s[i] !== '"') throw new ScanError('expected a member name');
        const keyEnd = this.skipString(i);
        const key = JSON.parse(s.slice(i, keyEnd)) as string;
        i = this.skipWs(keyEnd);
        if (s[i] !== ':') throw new ScanError('expected ":"');
        const valueStart = this.skipWs(i + 1);
        if (key === token) found = valueStart; // the last duplicate wins, as in JSON.parse
        i = this.skipWs(this.skipValue(valueStart));
        if (s[i] === ',') {
          i = this.skipWs(i + 1);
          continue;
        }
        if (s[i] === '}') return found;
        throw new ScanError('expected "," or "}"');
      }
    }
    if (s[at] === '[') {
      if (!/^(?:0|[1-9][0-9]*)$/.test(token)) return undefined;
      const wanted = Number(token);
      let i = this.skipWs(at + 1);
      if (s[i] === ']') return undefined;
      for (let index = 0; ; index++) {
        if (index === wanted) return i;
        i = this.skipWs(this.skipValue(i));
        if (s[i] === ',') {
          i = this.skipWs(i + 1);
          continue;
        }
        if (s[i] === ']') return undefined;
        throw new ScanError('expected "," or "]"');
      }
    }
    return undefined;
  }

  /** Offset just after the string starting at `i` (which is a `"`). */
  private skipString(i: number): number {
    const s = this.s;
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === '\\') j++;
      else if (s[j] === '"') return j + 1;
    }
    throw new ScanError('unterminated string');
  }

  /** Offset just after the value starting at `i`. */
  private skipValue(i: number): number {
    const s = this.s;
    const c = s[i];
    if (c === '"') return this.skipString(i);
    if (c === '{' || c === '[') {
      let depth = 0;
      for (let j = i; j < s.length; j++) {
        const d = s[j];
        if (d === '"') j = this.skipString(j) - 1;
        else if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') {
          depth--;
          if (depth === 0) return j + 1;
        }
      }
      throw new ScanError('unterminated object or array');
    }
    let j = i;
    while (j < s.length && !/[\s,\]}]/.test(s[j] ?? '')) j++;
    if (j === i) throw new ScanError('expected a value');
    return j;
  }
}
