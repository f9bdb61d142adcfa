import { lineColumnAt } from './json';
import { parseJsonPointer } from './jsonPointer';

type Segment = string | number;

/*
 * Where a JSON path is in JSON text: the range the inspector's Monaco editor puts a finding's marker on, and the
 * line/column a SARIF result points at. A small scanner (no dependency) that reads standard JSON and stops at the
 * first syntax error. Duplicate member names resolve to the last one, as JSON.parse does.
 */

export type TextRange = { readonly start: number; readonly end: number };

type Member = { key: string; keyStart: number; keyEnd: number; value: JsonNode };
type JsonNode =
  | { kind: 'object'; start: number; end: number; members: Member[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'scalar'; start: number; end: number };

class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  ws(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }

  value(): JsonNode {
    this.ws();
    const c = this.text[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') {
      const start = this.i;
      this.string();
      return { kind: 'scalar', start, end: this.i };
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.i, this.i + 64));
    if (!m) throw new Error(`unexpected character at ${this.i}`);
    const start = this.i;
    this.i += m[0].length;
    return { kind: 'scalar', start, end: this.i };
  }

  string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') this.i += this.text[this.i] === '\\' ? 2 : 1;
    if (this.i >= this.text.length) throw new Error('unterminated string');
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  object(): JsonNode {
    const start = this.i++;
    const members: Member[] = [];
    this.ws();
    if (this.text[this.i] === '}') return { kind: 'object', start, end: ++this.i, members };
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') throw new Error(`expected a key at ${this.i}`);
      const keyStart = this.i;
      const key = this.string();
      const keyEnd = this.i;
      this.ws();
      if (this.text[this.i++] !== ':') throw new Error(`expected ":" at ${this.i - 1}`);
      members.push({ key, keyStart, keyEnd, value: this.value() });
      this.ws();
      const c = this.text[this.i++];
      if (c === '}') return { kind: 'object', start, end: this.i, members };
      if (c !== ',') throw new Error(`expected "," or "}" at ${this.i - 1}`);
    }
  }

  array(): JsonNode {
    const start = this.i++;
    const items: JsonNode[] = [];
    this.ws();
    if (this.text[this.i] === ']') return { kind: 'array', start, end: ++this.i, items };
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.text[this.i++];
      if (c === ']') return { kind: 'array', start, end: this.i, items };
      if (c !== ',') throw new Error(`expected "," or "]" at ${this.i - 1}`);
    }
  }
}

/**
 * The range of the value at `path` in `text` — for an object member, from its key to the end of its value. When
 * the path goes further than the text (a missing property), the key of the deepest member that exists (or the
 * opening brace of the object or item that lacks it). Undefined when the text is not JSON.
 */
export function locateJsonPath(text: string, path: readonly Segment[]): TextRange | undefined {
  let root: JsonNode;
  try {
    const s = new Scanner(text);
    root = s.value();
  } catch {
    return undefined;
  }
  let node = root;
  let range: TextRange = { start: root.start, end: root.start + 1 };
  /** Where the deepest existing step starts: a member's key, or the first character of an item. */
  let head: TextRange = range;
  let exact = true;
  for (const seg of path) {
    if (node.kind === 'object') {
      const m = lastMember(node, String(seg));
      if (!m) {
        exact = false;
        break;
      }
      range = { start: m.keyStart, end: m.value.end };
      head = { start: m.keyStart, end: m.keyEnd };
      node = m.value;
    } else if (node.kind === 'array' && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg];
      range = { start: node.start, end: node.end };
      head = node.kind === 'scalar' ? range : { start: node.start, end: node.start + 1 };
    } else {
      exact = false;
      break;
    }
  }
  return exact ? range : head;
}

/** Offset → 1-based line and column (what Monaco ranges use). */
export function positionAt(text: string, offset: number): { lineNumber: number; column: number } {
  const { line, column } = lineColumnAt(text, offset);
  return { lineNumber: line, column };
}

function lastMember(node: Extract<JsonNode, { kind: 'object' }>, key: string): Member | undefined {
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i]!.key === key) return node.members[i];
  return undefined;
}

/** A position in a text file: 1-based line and column (UTF-16 code units, SARIF's default columnKind). */
export type TextPosition = { line: number; column: number };

/**
 * Where the JSON value at an RFC 6901 `pointer` starts in `text` (a leading byte-order mark is skipped and not
 * counted). When the pointer does not resolve completely — a finding about a missing member such as
 * `/executionRoleArn` — the start of the deepest value on the way that exists (at worst the document).
 * Never throws: text that is not JSON, or a malformed pointer, gives line 1, column 1.
 */
export function locateJsonPointer(text: string, pointer: string): TextPosition {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let tokens: string[];
  try {
    tokens = parseJsonPointer(pointer);
  } catch {
    tokens = [];
  }
  let node: JsonNode;
  try {
    node = new Scanner(src).value();
  } catch {
    return { line: 1, column: 1 };
  }
  for (const token of tokens) {
    let next: JsonNode | undefined;
    if (node.kind === 'object') next = lastMember(node, token)?.value;
    else if (node.kind === 'array' && /^(?:0|[1-9][0-9]*)$/.test(token)) next = node.items[Number(token)];
    if (next === undefined) break;
    node = next;
  }
  return lineColumnAt(src, node.start);
}
