/**
 * A small HCL (native syntax) writer that prints in the canonical layout `terraform fmt` / `hclfmt` produce:
 * 2-space indentation, `=` aligned across runs of consecutive single-line attributes, multi-line objects and
 * lists with one element per line (lists with trailing commas), blocks as `type "label" {`.
 *
 * Values are plain data (strings, numbers, booleans, arrays, records) plus three expression kinds:
 * `HclRaw` (a traversal or other expression printed as is), `HclTemplate` (a quoted string with `${…}`
 * interpolations) and `HclCall` (a function call whose arguments may span lines, e.g. `jsonencode({ … })`).
 */

export class HclRaw {
  constructor(readonly text: string) {}
}

export class HclTemplate {
  constructor(readonly parts: readonly (string | HclValue)[]) {}
}

export class HclCall {
  constructor(
    readonly fn: string,
    readonly args: readonly HclValue[],
  ) {}
}

export type HclValue =
  | string
  | number
  | boolean
  | null
  | HclRaw
  | HclTemplate
  | HclCall
  | readonly HclValue[]
  | { readonly [key: string]: HclValue };

export type HclBodyItem =
  | { readonly kind: 'attr'; readonly name: string; readonly value: HclValue }
  | { readonly kind: 'block'; readonly type: string; readonly labels: readonly string[]; readonly body: readonly HclBodyItem[] }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'blank' };

export const hcl = {
  raw: (text: string): HclRaw => new HclRaw(text),
  template: (...parts: (string | HclValue)[]): HclTemplate => new HclTemplate(parts),
  call: (fn: string, ...args: HclValue[]): HclCall => new HclCall(fn, args),
  attr: (name: string, value: HclValue): HclBodyItem => ({ kind: 'attr', name, value }),
  block: (type: string, labels: readonly string[], body: readonly HclBodyItem[]): HclBodyItem => ({
    kind: 'block',
    type,
    labels,
    body,
  }),
  comment: (text: string): HclBodyItem => ({ kind: 'comment', text }),
  blank: (): HclBodyItem => ({ kind: 'blank' }),
} as const;

const INDENT = '  ';
/** Lists of simple items longer than this are written one item per line. */
const MAX_INLINE_LIST = 80;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'endfor', 'endif']);
/** What escapeHclString changes: backslashes, quotes, control characters, `${` and `%{`. */
// eslint-disable-next-line no-control-regex -- control characters are among what it looks for
const NEEDS_ESCAPE = /[\\"\x00-\x1f]|[$%]\{/;

/** Escapes literal text for a quoted HCL template (including `${` and `%{`, which would start a template). */
export function escapeHclString(text: string): string {
  // Most text (names, ARNs, ids) needs no escape: one native scan instead of a copy character by character.
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if ((ch === '$' || ch === '%') && next === '{') out += ch + ch;
    else {
      const code = ch.charCodeAt(0);
      out += code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
    }
  }
  return out;
}

export function isHclIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name);
}

function objectKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !KEYWORDS.has(key) ? key : `"${escapeHclString(key)}"`;
}

function isRecord(value: HclValue): value is { readonly [key: string]: HclValue } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof HclRaw) &&
    !(value instanceof HclTemplate) &&
    !(value instanceof HclCall)
  );
}

function renderTemplatePart(part: string | HclValue, indent: string): string {
  if (typeof part === 'string') return escapeHclString(part);
  if (part instanceof HclTemplate) return part.parts.map((p) => renderTemplatePart(p, indent)).join('');
  const inner = renderValue(part, indent);
  if (inner.includes('\n')) throw new Error('HCL: a multi-line value cannot be interpolated into a string');
  return '${' + inner + '}';
}

/**
 * Renders a value. The first line has no indentation (it follows `name = `); continuation lines are indented
 * relative to `indent`, the indentation of the line the value starts on.
 */
export function renderValue(value: HclValue, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${escapeHclString(value)}"`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`HCL: cannot write the number ${String(value)}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof HclRaw) return value.text;
  if (value instanceof HclTemplate) return `"${value.parts.map((p) => renderTemplatePart(p, indent)).join('')}"`;
  if (value instanceof HclCall) {
    return `${value.fn}(${value.args.map((a) => renderValue(a, indent)).join(', ')})`;
  }
  if (Array.isArray(value)) return renderList(value as readonly HclValue[], indent);
  if (isRecord(value)) return renderObject(value, indent);
  throw new Error('HCL: unsupported value');
}

function renderList(items: readonly HclValue[], indent: string): string {
  if (items.length === 0) return '[]';
  const inner = indent + INDENT;
  const rendered = items.map((item) => renderValue(item, inner));
  if (items.every((item) => !isRecord(item) && !Array.isArray(item) && !(item instanceof HclCall))) {
    const oneLine = `[${rendered.join(', ')}]`;
    if (!oneLine.includes('\n') && oneLine.length <= MAX_INLINE_LIST) return oneLine;
  }
  let out = '[\n';
  for (const r of rendered) out += `${inner}${r},\n`;
  return `${out}${indent}]`;
}

/**
 * Writes `lead = value` lines into `out`, padding the leads of runs of consecutive single-line values so their
 * `=` line up, as hclwrite does. `leads` and `values` are parallel; a multi-line value ends a run.
 */
function writeAligned(leads: readonly string[], values: readonly string[], out: string[]): void {
  let runStart = 0;
  const flush = (end: number): void => {
    let width = 0;
    for (let i = runStart; i < end; i++) if (leads[i]!.length > width) width = leads[i]!.length;
    for (let i = runStart; i < end; i++) out.push(`${leads[i]!.padEnd(width)} = ${values[i]!}`);
  };
  for (let i = 0; i < leads.length; i++) {
    if (!values[i]!.includes('\n')) continue;
    flush(i);
    out.push(`${leads[i]!} = ${values[i]!}`);
    runStart = i + 1;
  }
  flush(leads.length);
}

function renderObject(obj: { readonly [key: string]: HclValue }, indent: string): string {
  const keys = Object.keys(obj);
  if (keys.length === 0) return '{}';
  const inner = indent + INDENT;
  const leads: string[] = [];
  const values: string[] = [];
  for (const key of keys) {
    leads.push(inner + objectKey(key));
    values.push(renderValue(obj[key]!, inner));
  }
  const lines: string[] = [];
  writeAligned(leads, values, lines);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function blockHeader(type: string, labels: readonly string[]): string {
  let header = type;
  for (const l of labels) header += ` "${escapeHclString(l)}"`;
  return header;
}

/**
 * Lines of a body: pushed to `out` one per entry (a multi-line attribute value is one entry), nested blocks
 * written in place. With `collapse`, a blank line never follows a blank line or starts the output.
 */
class BodyWriter {
  constructor(
    readonly out: string[],
    private readonly collapse: boolean,
  ) {}

  private blank(): void {
    if (this.collapse && (this.out.length === 0 || this.out[this.out.length - 1] === '')) return;
    this.out.push('');
  }

  write(items: readonly HclBodyItem[], indent: string): void {
    // The current run of attributes, aligned when a non-attribute item or the end of the body closes it.
    let leads: string[] = [];
    let values: string[] = [];
    const flush = (): void => {
      if (leads.length === 0) return;
      writeAligned(leads, values, this.out);
      leads = [];
      values = [];
    };
    for (const item of items) {
      switch (item.kind) {
        case 'attr':
          if (!isHclIdentifier(item.name)) throw new Error(`HCL: "${item.name}" is not a valid attribute name`);
          leads.push(indent + item.name);
          values.push(renderValue(item.value, indent));
          break;
        case 'comment':
          flush();
          for (const text of item.text.split('\n')) this.out.push(`${indent}# ${text}`.trimEnd());
          break;
        case 'blank':
          flush();
          this.blank();
          break;
        case 'block': {
          flush();
          const header = `${indent}${blockHeader(item.type, item.labels)}`;
          if (item.body.length === 0) {
            this.out.push(`${header} {}`);
          } else {
            this.out.push(`${header} {`);
            this.write(item.body, indent + INDENT);
            this.out.push(`${indent}}`);
          }
          break;
        }
      }
    }
    flush();
  }
}

/** Renders body items at the given indentation, one line per entry (multi-line values span several). */
export function renderBody(items: readonly HclBodyItem[], indent = ''): string {
  const w = new BodyWriter([], false);
  w.write(items, indent);
  return w.out.join('\n');
}

/**
 * A whole file: top-level items separated as given (runs of blank lines written as one, none at the start or
 * end), ending with exactly one newline. Lines are collected once and joined once: main.tf of a large design
 * is megabytes.
 */
export function renderHclFile(items: readonly HclBodyItem[]): string {
  const w = new BodyWriter([], true);
  w.write(items, '');
  const lines = w.out;
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return '\n';
  lines[0] = lines[0]!.trimStart();
  lines[lines.length - 1] = lines[lines.length - 1]!.trimEnd();
  return `${lines.join('\n')}\n`;
}
