/**
 * A small HCL (native syntax) writer that prints in the canonical layout `terraform fmt` / `hclfmt` produce:
 * 2-space indentation, `=` aligned across runs of consecutive single-line attributes, multi-line objects and
 * lists with one element per line (lists with trailing commas), blocks as `type "label" {`.
 *
 * Values are plain data (strings, numbers, booleans, arrays, records) plus three expression kinds:
 * `HclRaw` (a traversal or other expression printed as is), `HclTemplate` (a quoted string with `${…}`
 * interpolations) and `HclCall` (a function call whose arguments may span lines, e.g. `jsonencode({ … })`),
 * and `HclIr`: a list or map of the resource IR written as it stands, its expressions resolved by a style.
 */

import { TextChunks, textOnce } from './textChunks';
import { isDigit, isLetter } from './asciiChars';
import { isIrExpr, type IrExpr, type IrObject, type IrValue } from './ir';

export class HclRaw {
  constructor(
    readonly text: string,
    /** Whether the text spans lines (known once per value, or by construction: see hcl.traversal). */
    readonly multiLine: boolean = text.includes('\n'),
  ) {}
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

/**
 * How the writer reads an IR value (HclIr): what an expression inside it stands for, and how an object's keys
 * are written (a renderer may rename them, e.g. to the ECS API's camelCase below some keys only).
 */
export interface HclIrStyle {
  /** The HCL value of an expression found in the IR value. */
  expr(e: IrExpr): HclValue;
  /** An object key as written (quoted by the writer when it is not an identifier). */
  key(key: string): string;
  /** The style of the value under `key` of an object. */
  under(key: string): HclIrStyle;
}

/**
 * A list or object of the IR (plain data with IR expressions inside), written by the writer as it stands: its
 * expressions are resolved as they are written, and no HCL copy of the value is made. Most of a large module's
 * text (IAM policies, container definitions) is such values, and a copy of each was garbage once written.
 */
export class HclIr {
  constructor(
    readonly value: readonly IrValue[] | IrObject,
    readonly style: HclIrStyle,
  ) {}
}

/** A member of an IR value as an HCL value: scalars as they are, expressions resolved, lists and objects wrapped. */
function irMember(v: IrValue, style: HclIrStyle): HclValue {
  // null: JSON text parsed into the IR (a policy given as text) may hold it.
  if (typeof v !== 'object' || v === null) return v;
  if (isIrExpr(v)) return style.expr(v);
  return new HclIr(v, style);
}

export type HclValue =
  | string
  | number
  | boolean
  | null
  | HclRaw
  | HclTemplate
  | HclCall
  | HclIr
  | readonly HclValue[]
  | { readonly [key: string]: HclValue };

export type HclBodyItem =
  | { readonly kind: 'attr'; readonly name: string; readonly value: HclValue }
  | { readonly kind: 'block'; readonly type: string; readonly labels: readonly string[]; readonly body: readonly HclBodyItem[] }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'blank' };

const BLANK_ITEM: HclBodyItem = { kind: 'blank' };
const NO_LABELS: readonly string[] = [];

export const hcl = {
  raw: (text: string): HclRaw => new HclRaw(text),
  /**
   * A traversal of names (`aws_x.name.attr`, `var.name`): one line by construction, so its text (often just
   * made by concatenation) is not searched for a line break.
   */
  traversal: (text: string): HclRaw => new HclRaw(text, false),
  template: (...parts: (string | HclValue)[]): HclTemplate => new HclTemplate(parts),
  call: (fn: string, ...args: HclValue[]): HclCall => new HclCall(fn, args),
  attr: (name: string, value: HclValue): HclBodyItem => ({ kind: 'attr', name, value }),
  block: (type: string, labels: readonly string[], body: readonly HclBodyItem[]): HclBodyItem => ({
    kind: 'block',
    type,
    labels,
    body,
  }),
  /** A block without labels (most nested blocks): one shared empty label list rather than one per block. */
  nested: (type: string, body: readonly HclBodyItem[]): HclBodyItem => ({ kind: 'block', type, labels: NO_LABELS, body }),
  comment: (text: string): HclBodyItem => ({ kind: 'comment', text }),
  /** Items are read only: every blank line is the same item. */
  blank: (): HclBodyItem => BLANK_ITEM,
} as const;

const INDENT = '  ';
/** Lists of simple items longer than this are written one item per line. */
const MAX_INLINE_LIST = 80;
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'endfor', 'endif']);

/**
 * Whether text needs escaping in a quoted template: a backslash, a quote, a control character, `${` or `%{`.
 * A scan of character codes: every string value of a template is checked, most are short and need none.
 */
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // a control character, \ or "
    if (c < 0x20 || c === 0x5c || c === 0x22) return true;
    // $ or % before {
    if ((c === 0x24 || c === 0x25) && text.charCodeAt(i + 1) === 0x7b) return true;
  }
  return false;
}

/** Whether `name` matches [A-Za-z_][A-Za-z0-9_]* (also `-` after the first character when `dash`). */
function isIdentifierText(name: string, dash: boolean): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (isLetter(c) || c === 0x5f) continue; // _
    if (i === 0) return false;
    if (!(isDigit(c) || (dash && c === 0x2d))) return false; // -
  }
  return true;
}

/** Escapes literal text for a quoted HCL template (including `${` and `%{`, which would start a template). */
export function escapeHclString(text: string): string {
  // Most text (names, ARNs, ids) needs no escape: returned as it is.
  if (!needsEscape(text)) return text;
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
  return isIdentifierText(name, true) && !KEYWORDS.has(name);
}

function objectKey(key: string): string {
  return isIdentifierText(key, false) && !KEYWORDS.has(key) ? key : `"${escapeHclString(key)}"`;
}

function isRecord(value: HclValue): value is { readonly [key: string]: HclValue } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof HclRaw) &&
    !(value instanceof HclTemplate) &&
    !(value instanceof HclCall) &&
    !(value instanceof HclIr)
  );
}

/** Text of a quoted template's contents; interpolated values must fit on one line. */
function templateText(t: HclTemplate): string {
  let out = '';
  for (const part of t.parts) {
    if (typeof part === 'string') out += escapeHclString(part);
    else if (part instanceof HclTemplate) out += templateText(part);
    else {
      const inner = oneLine(part);
      if (inner === undefined) throw new Error('HCL: a multi-line value cannot be interpolated into a string');
      out += '${' + inner + '}';
    }
  }
  return out;
}

/** Whether a list item can share a one-line list (`[a, b]`). An HclIr is a list or an object. */
function isSimple(item: HclValue): boolean {
  return !isRecord(item) && !Array.isArray(item) && !(item instanceof HclCall) && !(item instanceof HclIr);
}

/** oneLine of an IR list or object (the same rules as for HCL values). */
function irOneLine(value: HclIr): string | undefined {
  const { value: v, style } = value;
  if (!Array.isArray(v)) {
    for (const _ in v) return undefined;
    return '{}';
  }
  const items = v as readonly IrValue[];
  if (items.length === 0) return '[]';
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    // A list or object among the items: the list spans lines (no wrapper made to find that out).
    if (typeof item === 'object' && item !== null && !isIrExpr(item)) return undefined;
    const member = irMember(item, style);
    if (!isSimple(member)) return undefined;
    const itemText = oneLine(member);
    if (itemText === undefined) return undefined;
    text += i === 0 ? itemText : `, ${itemText}`;
    if (text.length > MAX_INLINE_LIST) return undefined;
  }
  text += ']';
  return text.length <= MAX_INLINE_LIST ? text : undefined;
}

/**
 * The text of a value when it fits on one line (as `name = …` or a list item), undefined when it spans lines:
 * a non-empty object, a list that is too long or holds collections or calls, a call with such an argument.
 * Indentation never matters on one line, so this needs none.
 */
function oneLine(value: HclValue): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${escapeHclString(value)}"`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`HCL: cannot write the number ${String(value)}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof HclRaw) return value.multiLine ? undefined : value.text;
  if (value instanceof HclTemplate) return `"${templateText(value)}"`;
  if (value instanceof HclIr) return irOneLine(value);
  if (value instanceof HclCall) {
    let text = `${value.fn}(`;
    for (let i = 0; i < value.args.length; i++) {
      const arg = oneLine(value.args[i]!);
      if (arg === undefined) return undefined;
      text += i === 0 ? arg : `, ${arg}`;
    }
    return `${text})`;
  }
  if (Array.isArray(value)) {
    const items = value as readonly HclValue[];
    if (items.length === 0) return '[]';
    if (!items.every(isSimple)) return undefined;
    let text = '[';
    for (let i = 0; i < items.length; i++) {
      const item = oneLine(items[i]!);
      if (item === undefined) return undefined;
      text += i === 0 ? item : `, ${item}`;
      if (text.length > MAX_INLINE_LIST) return undefined;
    }
    text += ']';
    return text.length <= MAX_INLINE_LIST ? text : undefined;
  }
  if (isRecord(value)) {
    for (const _ in value) return undefined;
    return '{}';
  }
  throw new Error('HCL: unsupported value');
}

/** ` = ` after `pad` spaces (a lead padded to the width of its run), without a padded copy of the lead. */
const EQUALS_AFTER = Array.from({ length: 48 }, (_, n) => `${' '.repeat(n)} = `);
function equalsAfter(pad: number): string {
  return EQUALS_AFTER[pad] ?? `${' '.repeat(pad)} = `;
}

/** A member's lead (`indent` + attribute name or object key) and, by width, the lead padded to it and ` = `. */
interface Lead {
  readonly text: string;
  readonly padded: string[];
}

/**
 * Writes values and bodies as pieces of text into `out`. Per writer (one file or value), texts that repeat on
 * every line are made once: the indentation one level deeper than an indentation, the lead (`indent` + key or
 * attribute name) of a member, and a lead padded for alignment followed by ` = `.
 *
 * `lead = value` lines: the leads of a run of consecutive single-line values are padded so their `=` line up, as
 * hclwrite does; a multi-line value ends a run and is written as it comes. A run's lines are written as they
 * come, each with an empty piece where its padded lead goes, which is filled in when the run ends (its width
 * known then). At most one run is open at a time: a run ends before anything nested in it is written.
 */
class HclWriter {
  /** Positions in `out` of the (empty) lead pieces of the open run's lines, and their leads. */
  private readonly runAt: number[] = [];
  private readonly runLeads: Lead[] = [];
  private runLength = 0;
  private width = 0;
  private readonly deeperThan = new Map<string, string>();
  /**
   * Leads per indentation, of attribute names and of object keys (written differently: `a-b` and `"a-b"`). A body
   * or object looks up the table of its indentation once, then one lead per line.
   */
  private readonly attrLeads = new Map<string, Map<string, Lead>>();
  private readonly keyLeads = new Map<string, Map<string, Lead>>();
  /** Opening lines of blocks without labels (`type {` and line end, without the indentation), by emptiness. */
  private readonly openings = [new Map<string, string>(), new Map<string, string>()] as const;
  /** `indent` + `}` + line end, by indentation. */
  private readonly closings = new Map<string, string>();
  /** `indent` + `}` and `indent` + `]` (ends of multi-line objects and lists), by indentation. */
  private readonly braceClosings = new Map<string, string>();
  private readonly bracketClosings = new Map<string, string>();

  constructor(readonly out: string[]) {}

  /** Whether a run is open (its padding pieces not yet filled in: `out` may not be cut before it ends). */
  get inRun(): boolean {
    return this.runLength > 0;
  }

  deeper(indent: string): string {
    return textOnce(this.deeperThan, indent, '', INDENT);
  }

  /** The opening line of a block without labels (see blockOpening), made once per type. */
  opening(type: string, empty: boolean): string {
    const byType = this.openings[empty ? 1 : 0];
    let text = byType.get(type);
    if (text === undefined) {
      text = blockOpening(type, [], empty);
      byType.set(type, text);
    }
    return text;
  }

  /** The closing line of a block at `indent`. */
  closing(indent: string): string {
    return textOnce(this.closings, indent, '', '}\n');
  }

  /** `indent` + `end`, made once per indentation (one piece to join, not two). */
  private closingOf(byIndent: Map<string, string>, indent: string, end: string): string {
    return textOnce(byIndent, indent, '', end);
  }

  /**
   * `indent` + `name` (`objectKey(name)` when `key`). An attribute name is checked when its lead is made, once
   * per name and indentation rather than per line.
   */
  lead(leads: Map<string, Lead>, indent: string, name: string, key: boolean): Lead {
    let lead = leads.get(name);
    if (lead === undefined) {
      if (!key && !isHclIdentifier(name)) throw new Error(`HCL: "${name}" is not a valid attribute name`);
      lead = { text: indent + (key ? objectKey(name) : name), padded: [] };
      leads.set(name, lead);
    }
    return lead;
  }

  /** The leads at `indent` (for `lead`), of object keys when `key`, else of attribute names. */
  leadsAt(indent: string, key: boolean): Map<string, Lead> {
    const byIndent = key ? this.keyLeads : this.attrLeads;
    let leads = byIndent.get(indent);
    if (leads === undefined) {
      leads = new Map();
      byIndent.set(indent, leads);
    }
    return leads;
  }


  /** A `lead = value` line (or lines), `indent` the indentation of the line the value starts on. */
  attr(lead: Lead, value: HclValue, indent: string): void {
    const text = oneLine(value);
    const out = this.out;
    if (text !== undefined) {
      this.runAt[this.runLength] = out.length;
      this.runLeads[this.runLength] = lead;
      this.runLength++;
      if (lead.text.length > this.width) this.width = lead.text.length;
      // The line end joins the value's text: one piece fewer to join per line (pieces cost more than the copy).
      out.push('', `${text}\n`);
      return;
    }
    this.endRun();
    out.push(this.padded(lead, lead.text.length));
    this.multiLine(value, indent);
    out.push('\n');
  }

  /** Ends the open run: fills in its padding. */
  endRun(): void {
    const { out, runAt, runLeads, width } = this;
    for (let i = 0; i < this.runLength; i++) out[runAt[i]!] = this.padded(runLeads[i]!, width);
    this.runLength = 0;
    this.width = 0;
  }

  /** `lead = ` with the lead padded to `width` (made once per lead and width). */
  private padded(lead: Lead, width: number): string {
    let text = lead.padded[width];
    if (text === undefined) {
      text = lead.text + equalsAfter(width - lead.text.length);
      lead.padded[width] = text;
    }
    return text;
  }

  /**
   * Writes a value. The first line has no indentation (it follows `name = `); continuation lines are indented
   * relative to `indent`, the indentation of the line the value starts on.
   */
  value(value: HclValue, indent: string): void {
    const text = oneLine(value);
    if (text !== undefined) this.out.push(text);
    else this.multiLine(value, indent);
  }

  /** Writes a value known not to fit on one line (as value does; its one-line text is not tried again). */
  private multiLine(value: HclValue, indent: string): void {
    const out = this.out;
    if (value instanceof HclRaw) {
      out.push(value.text);
    } else if (value instanceof HclCall) {
      out.push(value.fn, '(');
      for (let i = 0; i < value.args.length; i++) {
        if (i > 0) out.push(', ');
        this.value(value.args[i]!, indent);
      }
      out.push(')');
    } else if (Array.isArray(value)) {
      const inner = this.deeper(indent);
      out.push('[\n');
      for (const item of value as readonly HclValue[]) {
        out.push(inner);
        this.value(item, inner);
        out.push(',\n');
      }
      out.push(this.closingOf(this.bracketClosings, indent, ']'));
    } else if (isRecord(value)) {
      const inner = this.deeper(indent);
      out.push('{\n');
      const leads = this.leadsAt(inner, true);
      for (const key in value) this.attr(this.lead(leads, inner, key, true), value[key]!, inner);
      this.endRun();
      out.push(this.closingOf(this.braceClosings, indent, '}'));
    } else if (value instanceof HclIr) {
      this.irMultiLine(value, indent);
    } else {
      throw new Error('HCL: unsupported value');
    }
  }

  /** multiLine of an IR list or object: as the HCL value it stands for, its members resolved one by one. */
  private irMultiLine(value: HclIr, indent: string): void {
    const out = this.out;
    const { value: v, style } = value;
    const inner = this.deeper(indent);
    if (Array.isArray(v)) {
      out.push('[\n');
      for (const item of v as readonly IrValue[]) {
        out.push(inner);
        this.value(irMember(item, style), inner);
        out.push(',\n');
      }
      out.push(this.closingOf(this.bracketClosings, indent, ']'));
      return;
    }
    const obj = v as IrObject;
    out.push('{\n');
    const leads = this.leadsAt(inner, true);
    for (const key in obj) this.attr(this.lead(leads, inner, style.key(key), true), irMember(obj[key]!, style.under(key)), inner);
    this.endRun();
    out.push(this.closingOf(this.braceClosings, indent, '}'));
  }
}

/** Renders a value (see HclWriter.value). */
export function renderValue(value: HclValue, indent: string): string {
  const out: string[] = [];
  new HclWriter(out).value(value, indent);
  return out.join('');
}

/** `type "label"… {` (with `}` when `empty`) and the line end. */
function blockOpening(type: string, labels: readonly string[], empty: boolean): string {
  let header = type;
  for (const l of labels) header += ` "${escapeHclString(l)}"`;
  return empty ? `${header} {}\n` : `${header} {\n`;
}

/**
 * A whole file, written as pieces into a TextChunks: top-level items separated as given, runs of blank lines
 * written as one and none at the start or end (a blank line is written only when a line follows it), nested
 * blocks in place. main.tf of a large design is megabytes: no line is built as a string of its own.
 */
export class HclFileWriter {
  private readonly out = new TextChunks();
  private readonly writer = new HclWriter(this.out.pieces);
  private started = false;
  private pendingBlank = false;

  /** Before a line: the blank line asked for since the previous one. */
  private lineStart(): string[] {
    const out = this.out.pieces;
    if (this.pendingBlank) out.push('\n');
    this.pendingBlank = false;
    this.started = true;
    return out;
  }

  /** Writes top-level items (more may follow). */
  write(items: readonly HclBodyItem[]): void {
    this.body(items, '');
  }

  /** The text so far: empty, or ending with exactly one newline. */
  text(): string {
    return this.out.text();
  }

  private body(items: readonly HclBodyItem[], indent: string): void {
    // The current run of attributes is aligned when a non-attribute item or the end of the body closes it.
    const writer = this.writer;
    let leads: Map<string, Lead> | undefined;
    for (const item of items) {
      switch (item.kind) {
        case 'attr':
          this.lineStart();
          leads ??= writer.leadsAt(indent, false);
          writer.attr(writer.lead(leads, indent, item.name, false), item.value, indent);
          break;
        case 'comment':
          writer.endRun();
          for (const text of item.text.split('\n')) this.lineStart().push(`${`${indent}# ${text}`.trimEnd()}\n`);
          break;
        case 'blank':
          writer.endRun();
          if (this.started) this.pendingBlank = true;
          break;
        case 'block': {
          writer.endRun();
          const out = this.lineStart();
          const empty = item.body.length === 0;
          // A nested block has no labels: its opening line is made once per type.
          const opening = item.labels.length === 0 ? writer.opening(item.type, empty) : blockOpening(item.type, item.labels, empty);
          if (indent === '') out.push(opening);
          else out.push(indent, opening);
          if (!empty) {
            this.body(item.body, writer.deeper(indent));
            this.lineStart().push(writer.closing(indent));
          }
          break;
        }
      }
      if (indent === '' && !writer.inRun) this.out.flush();
    }
    writer.endRun();
  }
}

/**
 * A whole file: top-level items separated as given (runs of blank lines written as one, none at the start or
 * end), ending with exactly one newline.
 */
export function renderHclFile(items: readonly HclBodyItem[]): string {
  const w = new HclFileWriter();
  w.write(items);
  const text = w.text();
  return text.length === 0 ? '\n' : text;
}
