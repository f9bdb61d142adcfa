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

/** Escapes literal text for a quoted HCL template (including `${` and `%{`, which would start a template). */
export function escapeHclString(text: string): string {
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
  const simple = items.every((item) => !isRecord(item) && !Array.isArray(item) && !(item instanceof HclCall));
  const oneLine = `[${rendered.join(', ')}]`;
  if (simple && !oneLine.includes('\n') && oneLine.length <= MAX_INLINE_LIST) return oneLine;
  return `[\n${rendered.map((r) => `${inner}${r},\n`).join('')}${indent}]`;
}

interface Line {
  /** Text before ` = ` (already indented), or the whole line when `value` is undefined. */
  readonly lead: string;
  readonly value?: string;
}

/** Pads the leads of runs of consecutive single-line assignments so their `=` line up, as hclwrite does. */
function alignAssignments(lines: readonly Line[]): string[] {
  const out: string[] = [];
  let run: Line[] = [];
  const flush = (): void => {
    let width = 0;
    for (const l of run) if (l.lead.length > width) width = l.lead.length;
    for (const l of run) out.push(`${l.lead.padEnd(width)} = ${l.value ?? ''}`);
    run = [];
  };
  for (const line of lines) {
    if (line.value !== undefined && !line.value.includes('\n')) {
      run.push(line);
      continue;
    }
    flush();
    if (line.value !== undefined) out.push(`${line.lead} = ${line.value}`);
    else out.push(line.lead);
  }
  flush();
  return out;
}

function renderObject(obj: { readonly [key: string]: HclValue }, indent: string): string {
  const keys = Object.keys(obj);
  if (keys.length === 0) return '{}';
  const inner = indent + INDENT;
  const lines: Line[] = keys.map((key) => ({ lead: `${inner}${objectKey(key)}`, value: renderValue(obj[key]!, inner) }));
  return `{\n${alignAssignments(lines).join('\n')}\n${indent}}`;
}

function blockHeader(type: string, labels: readonly string[]): string {
  return [type, ...labels.map((l) => `"${escapeHclString(l)}"`)].join(' ');
}

/** Renders body items at the given indentation, one line per entry (multi-line values span several). */
export function renderBody(items: readonly HclBodyItem[], indent = ''): string {
  const lines: Line[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'attr':
        if (!isHclIdentifier(item.name)) throw new Error(`HCL: "${item.name}" is not a valid attribute name`);
        lines.push({ lead: `${indent}${item.name}`, value: renderValue(item.value, indent) });
        break;
      case 'comment':
        for (const text of item.text.split('\n')) lines.push({ lead: `${indent}# ${text}`.trimEnd() });
        break;
      case 'blank':
        lines.push({ lead: '' });
        break;
      case 'block': {
        const header = `${indent}${blockHeader(item.type, item.labels)}`;
        if (item.body.length === 0) {
          lines.push({ lead: `${header} {}` });
        } else {
          lines.push({ lead: `${header} {\n${renderBody(item.body, indent + INDENT)}\n${indent}}` });
        }
        break;
      }
    }
  }
  return alignAssignments(lines).join('\n');
}

/** A whole file: top-level items separated as given, ending with exactly one newline. */
export function renderHclFile(items: readonly HclBodyItem[]): string {
  return `${renderBody(items).replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
