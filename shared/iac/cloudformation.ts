import { IR_EXPR, isIrExpr, type IrExpr, type IrResource, type IrTemplate, type IrValue } from './ir';
import { TextChunks } from './textChunks';
import { isDigit } from './asciiChars';

/**
 * CloudFormation text of a resource IR (YAML or JSON). Reads only the IR: intrinsic functions are written in
 * their full form (`Ref`, `Fn::GetAtt`, `Fn::Sub`, …), which both YAML and JSON templates accept. YAML carries a
 * comment above each resource that says why it exists.
 */
export type CfnFormat = 'yaml' | 'json';

type Json = string | number | boolean | Json[] | { [key: string]: Json };

/**
 * The Fn::Sub text of a string built from parts, undefined when a part has no `${}` form. Literal text is escaped
 * only when it has a `${` (a search instead of a regular expression replace per part: most have none).
 */
function subText(parts: readonly (string | IrExpr)[]): string | undefined {
  const texts: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      texts.push(part.includes('${') ? part.replace(/\$\{/g, '${!') : part);
      continue;
    }
    switch (part.__ir) {
      case 'ref':
        texts.push('${', part.target, '}');
        break;
      case 'getAtt':
        texts.push('${', part.target, '.', part.attribute, '}');
        break;
      case 'pseudo':
        texts.push('${', part.name, '}');
        break;
      default:
        return undefined;
    }
  }
  // One flat string (the writers scan it, JSON.stringify flattens a concatenation first).
  return texts.join('');
}

function expr(e: IrExpr): Json {
  switch (e.__ir) {
    case 'ref':
      return { Ref: e.target };
    case 'getAtt':
      return { 'Fn::GetAtt': [e.target, e.attribute] };
    case 'pseudo':
      return { Ref: e.name };
    case 'azs':
      return { 'Fn::GetAZs': '' };
    case 'select':
      return { 'Fn::Select': [String(e.index), expr(e.list)] };
    case 'base64':
      return { 'Fn::Base64': value(e.value) };
    case 'concat': {
      // Fn::Sub when every part has a ${} form (readable); Fn::Join otherwise.
      const sub = subText(e.parts);
      if (sub !== undefined) return { 'Fn::Sub': sub };
      return { 'Fn::Join': ['', e.parts.map((p) => (typeof p === 'string' ? p : expr(p)))] };
    }
  }
}

/**
 * The template form of an IR value: expressions become intrinsic functions. Lists and maps without expressions
 * inside are the IR's own (copied only from the first member that changes): most of a template is plain data.
 * What replaceExprs (ir.ts) does, without the path it keeps for other renderers' errors and the closure per call:
 * the JSON template walks every value of the IR (half a million for 1,000 services).
 */
function value(v: IrValue): Json {
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let out: Json[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const item = v[i]!;
      const converted = value(item);
      if (out !== undefined) out.push(converted);
      else if (converted !== item) {
        out = v.slice(0, i) as Json[];
        out.push(converted);
      }
    }
    return out ?? (v as Json[]);
  }
  if (IR_EXPR in v) return expr(v as IrExpr);
  let out: { [key: string]: Json } | undefined;
  for (const k in v) {
    const item = v[k]!;
    const converted = value(item);
    if (out !== undefined) out[k] = converted;
    else if (converted !== item) {
      out = {};
      for (const before in v) {
        if (before === k) break;
        out[before] = v[before] as Json;
      }
      out[k] = converted;
    }
  }
  return out ?? (v as { [key: string]: Json });
}

/** What the YAML writer reads: template JSON, or IR whose expressions it turns into intrinsic functions as it writes. */
type Doc = string | number | boolean | readonly Doc[] | DocMap;
type DocMap = { readonly [key: string]: Doc };

function isList(v: Doc): v is readonly Doc[] {
  return Array.isArray(v);
}

/** The entry of a resource in the Resources section, its properties as `convert` gives them. */
function resourceEntry(r: IrResource, convert: (v: IrValue) => Doc): { [key: string]: Doc } {
  const entry: { [key: string]: Doc } = { Type: r.type };
  if (r.dependsOn !== undefined && r.dependsOn.length > 0) entry['DependsOn'] = [...r.dependsOn];
  entry['Properties'] = convert(r.properties);
  return entry;
}

/**
 * The template's sections, with resource properties and output values as `convert` gives them; without
 * `resources`, the Resources section is left empty (the YAML writer reads them from the IR, see inTemplateOrder).
 */
function templateOf(t: IrTemplate, convert: (v: IrValue) => Doc, resources = true): { [key: string]: Doc } {
  const out: { [key: string]: Doc } = { AWSTemplateFormatVersion: '2010-09-09', Description: t.description.slice(0, 1024) };
  if (t.parameters.length > 0) {
    const params: { [key: string]: Doc } = {};
    for (const p of t.parameters) {
      const entry: { [key: string]: Doc } = { Type: p.type, Description: p.description.slice(0, 4000) };
      if (p.default !== undefined) entry['Default'] = p.default;
      if (p.allowedValues !== undefined) entry['AllowedValues'] = [...p.allowedValues];
      params[p.id] = entry;
    }
    out['Parameters'] = params;
  }
  const section: { [key: string]: Doc } = {};
  if (resources) for (const r of t.resources) section[r.id] = resourceEntry(r, convert);
  out['Resources'] = section;
  if (t.outputs.length > 0) {
    const outputs: { [key: string]: Doc } = {};
    for (const o of t.outputs) outputs[o.id] = { Description: o.description, Value: convert(o.value) };
    out['Outputs'] = outputs;
  }
  return out;
}

/** The template as a JSON value (what `aws cloudformation deploy` reads); it shares plain parts with the IR: read only. */
export function cloudFormationTemplate(t: IrTemplate): { [key: string]: Json } {
  // value() leaves no expression: every part is JSON.
  return templateOf(t, value) as { [key: string]: Json };
}

/**
 * The JSON text of a template: what JSON.stringify with an indentation of 2 writes. V8's stringify writes one-byte
 * text until it meets a character outside Latin-1 and two-byte text from there on: a description with one (a
 * design name in another script) would make the whole 10 MB template two bytes a character (a third slower). Then
 * the format version and the description are written here and the other sections by JSON.stringify (which costs a
 * copy of the text: the slice below).
 */
function jsonText(t: IrTemplate): string {
  const template = cloudFormationTemplate(t);
  if (isLatin1(t.description)) return `${JSON.stringify(template, null, 2)}\n`;
  const { AWSTemplateFormatVersion: version, Description: description, ...sections } = template;
  // The sections as members of an object at the template's depth: its text but the opening "{\n".
  const rest = JSON.stringify(sections, null, 2);
  return `{\n  "AWSTemplateFormatVersion": ${JSON.stringify(version)},\n  "Description": ${JSON.stringify(description)},\n${rest.slice(2)}\n`;
}

/** An expression CloudFormation writes as a Ref or an Fn::GetAtt (a pseudo parameter is a Ref). */
type Reference = IrExpr & { readonly __ir: 'ref' | 'pseudo' | 'getAtt' };

function isReference(e: IrExpr): e is Reference {
  return e.__ir === 'ref' || e.__ir === 'pseudo' || e.__ir === 'getAtt';
}

function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * Whether the Resources section lists the resources in template order, each once: their ids are distinct and
 * none is an array index (an object lists those first) or __proto__. Then the YAML writer reads the resources from the IR
 * instead of a map of 10,000 entries made only to be read back (a map that large is a hash table, slow to list).
 */
function inTemplateOrder(t: IrTemplate): boolean {
  if (t.resources.length === 0) return false;
  const ids = new Set<string>();
  for (const r of t.resources) {
    const first = r.id.charCodeAt(0);
    if (isDigit(first) || r.id === '__proto__') return false;
    const before = ids.size;
    if (ids.add(r.id).size === before) return false;
  }
  return true;
}

const oneLineComment = (r: IrResource): string | undefined => r.comment?.replace(/\s+/g, ' ');

export function renderCloudFormation(t: IrTemplate, opts: { format: CfnFormat }): string {
  if (opts.format === 'json') return jsonText(t);
  // YAML: the writer converts expressions where it meets them (no pass over the whole IR before writing).
  const direct = inTemplateOrder(t);
  const template = templateOf(t, (v) => v, !direct);
  const w = new YamlWriter();
  if (direct) {
    for (const key in template) {
      if (key !== 'Resources') {
        w.section(key, template[key]!);
        continue;
      }
      w.out.pieces.push('Resources:\n');
      for (const r of t.resources) {
        const c = oneLineComment(r);
        if (c !== undefined) w.out.pieces.push('  # ', c, '\n');
        w.resource(r);
        w.out.flush();
      }
    }
    return w.out.text();
  }
  const comments = new Map<string, string>();
  for (const r of t.resources) {
    const c = oneLineComment(r);
    if (c !== undefined) comments.set(r.id, c);
  }
  for (const key in template) w.section(key, template[key]!, comments);
  return w.out.text();
}

/*
 * A small block-style YAML writer for template values (maps, lists, strings, numbers, booleans): the yaml
 * package's document model took seconds on a 1,000-service design. Strings are written plain only when YAML
 * reads them back as the same string under both YAML 1.1 and 1.2 (no numbers, dates, booleans, nulls,
 * indicators); otherwise double-quoted with JSON escapes (a JSON string is a valid YAML double-quoted scalar),
 * or as a literal block when multi-line. Tests read every rendering back with the yaml package.
 */
const KEYWORD = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

/** A table of the ASCII characters in `chars` plus letters (and digits when `digits`). */
function asciiSet(chars: string, digits: boolean): Uint8Array {
  const set = new Uint8Array(128);
  for (let c = 65; c <= 90; c++) set[c] = set[c + 32] = 1;
  if (digits) for (let c = 48; c <= 57; c++) set[c] = 1;
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

/** What a plain scalar may start with, and what may follow: [A-Za-z_/$][A-Za-z0-9_./:$@()+=,*?<>{}[\]!%&^~'"\- ]*. */
const PLAIN_FIRST = asciiSet('_/$', false);
const PLAIN_REST = asciiSet('_./:$@()+=,*?<>{}[]!%&^~\'"- ', true);

/**
 * Whether a string is written plain: only characters of PLAIN_FIRST/PLAIN_REST (no `#`, so no ` #` comment),
 * no `: `, not ending with a space or a colon, not a YAML keyword. A scan of character codes: every scalar of
 * a template is checked.
 */
function isPlain(s: string): boolean {
  const n = s.length;
  if (n === 0 || PLAIN_FIRST[s.charCodeAt(0)] !== 1) return false;
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (PLAIN_REST[c] !== 1) return false;
    // `: ` would start a mapping value
    if (c === 0x3a && s.charCodeAt(i + 1) === 0x20) return false;
  }
  const last = s.charCodeAt(n - 1);
  if (last === 0x20 || last === 0x3a) return false;
  // The keywords have at most 5 characters.
  return n > 5 || !KEYWORD.test(s);
}

function scalar(s: string): string {
  return isPlain(s) ? s : JSON.stringify(s);
}

/** A literal block (`|` / `|-`) for readable multi-line text, when it round-trips exactly. */
function block(s: string, indent: string): string[] | undefined {
  if (!s.includes('\n')) return undefined;
  if (/[\r\t]/.test(s) || /[^\x20-\x7e\n]/.test(s)) return undefined;
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  if (body.endsWith('\n') || body.length === 0) return undefined;
  const lines = body.split('\n');
  if (lines.some((l) => l.startsWith(' ') || l.endsWith(' ') || l.length === 0)) return undefined;
  return [s.endsWith('\n') ? '|' : '|-', ...lines.map((l) => `${indent}${l}`)];
}

function isEmpty(v: Doc): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v !== 'object') return false;
  for (const _ in v) return false;
  return true;
}

function inline(v: Doc): string {
  if (typeof v === 'string') return scalar(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? '[]' : '{}';
}

/** Texts per depth and key (line starts), made once per rendering: an array by depth is one lookup fewer than a map. */
type DepthMemo = Map<string, string>[];

/**
 * One rendering. The text is collected as pieces (indents, keys, scalars, line ends), not a string per line: a
 * template has ~400k lines, and the line strings were garbage right after the join (most of a large rendering's
 * time went to collecting them).
 */
class YamlWriter {
  readonly out = new TextChunks();
  /** Keys repeat throughout a template (property names): their written form is worked out once per rendering. */
  private readonly keys = new Map<string, string>();
  /**
   * The same for whole line starts, per depth: indent + key + `: ` (leads) and indent + key + `:` + newline
   * (heads), and the same with the dash of a list item in place of the indent (the item's first member).
   */
  private readonly leads: DepthMemo = [];
  private readonly heads: DepthMemo = [];
  private readonly dashLeads: DepthMemo = [];
  private readonly dashHeads: DepthMemo = [];
  /** Indent of each depth (two spaces a level), and the dash of a list item at that depth. */
  private readonly indents: string[] = [''];
  private readonly dashes: string[] = [];

  private key(s: string): string {
    let k = this.keys.get(s);
    if (k === undefined) {
      k = scalar(s);
      this.keys.set(s, k);
    }
    return k;
  }

  /** A line start from `table` (leads, heads, …) at `depth`, made once per rendering. */
  private lineStart(table: DepthMemo, depth: number, dashed: boolean, key: string, end: string): string {
    let byKey = table[depth];
    if (byKey === undefined) {
      byKey = new Map();
      table[depth] = byKey;
    }
    let text = byKey.get(key);
    if (text === undefined) {
      text = this.prefix(depth, dashed) + this.key(key) + end;
      byKey.set(key, text);
    }
    return text;
  }


  /** The indent of `depth`, or the dash of a list item at the depth above (same width). */
  private prefix(depth: number, dashed: boolean): string {
    return dashed ? this.dash(depth - 1) : this.indent(depth);
  }

  private indent(depth: number): string {
    let s = this.indents[depth];
    if (s === undefined) {
      s = '  '.repeat(depth);
      this.indents[depth] = s;
    }
    return s;
  }

  private dash(depth: number): string {
    let s = this.dashes[depth];
    if (s === undefined) {
      s = `${this.indent(depth)}- `;
      this.dashes[depth] = s;
    }
    return s;
  }

  /** A multi-line string as a literal block after `head` (`key: ` or `- `), when it round-trips exactly. */
  private block(head: string, s: string, depth: number): boolean {
    const b = block(s, this.indent(depth + 1));
    if (b === undefined) return false;
    this.out.pieces.push(head, b.join('\n'), '\n');
    return true;
  }

  /**
   * `key: value` at `depth` (nested collections below it); `dashed`: the first member of a list item, on the
   * line of its dash.
   */
  entry(depth: number, key: string, doc: Doc, dashed = false): void {
    const out = this.out.pieces;
    if (typeof doc === 'string') {
      // Most strings are plain, which has no line break: one scan of the string for those.
      const plain = isPlain(doc);
      if (!plain && doc.includes('\n')) {
        out.push(this.prefix(depth, dashed), this.key(key));
        if (this.block(': ', doc, depth)) return;
        out.push(': ', JSON.stringify(doc), '\n');
        return;
      }
      out.push(this.lineStart(dashed ? this.dashLeads : this.leads, depth, dashed, key, ': '), `${plain ? doc : JSON.stringify(doc)}\n`);
      return;
    }
    if (isIrExpr(doc) && this.reference(depth, key, doc, dashed)) return;
    const v = isIrExpr(doc) ? expr(doc) : doc;
    if (typeof v !== 'object' || isEmpty(v)) {
      // The line end joins the value's text: one piece fewer to join per line (pieces cost more than the copy).
      out.push(this.lineStart(dashed ? this.dashLeads : this.leads, depth, dashed, key, ': '), `${inline(v)}\n`);
      return;
    }
    out.push(this.lineStart(dashed ? this.dashHeads : this.heads, depth, dashed, key, ':\n'));
    if (isList(v)) this.items(depth + 1, v);
    else for (const ck in v) this.entry(depth + 1, ck, v[ck]!);
  }

  /**
   * A section of the template at the top level: `key: value`, or `key:` and its entries one at a time (the text is
   * cut into chunks between entries), each resource after its comment from `comments`.
   */
  section(key: string, v: Doc, comments?: ReadonlyMap<string, string>): void {
    if (typeof v !== 'object' || isList(v) || isEmpty(v)) {
      this.entry(0, key, v);
      return;
    }
    this.out.pieces.push(scalar(key), ':\n');
    for (const id in v) {
      const c = key === 'Resources' ? comments?.get(id) : undefined;
      if (c !== undefined) this.out.pieces.push('  # ', c, '\n');
      this.entry(1, id, v[id]!);
      this.out.flush();
    }
  }

  /**
   * A resource's entry in the Resources section, as entry(1, id, resourceEntry(r)) writes it, without that object:
   * the line of its id is not kept for reuse either (ids do not repeat).
   */
  resource(r: IrResource): void {
    this.out.pieces.push(`  ${scalar(r.id)}:\n`);
    this.entry(2, 'Type', r.type);
    if (r.dependsOn !== undefined && r.dependsOn.length > 0) this.entry(2, 'DependsOn', r.dependsOn);
    this.entry(2, 'Properties', r.properties);
  }

  /**
   * `key:` and a Ref or Fn::GetAtt below it, as entry writes the intrinsic function expr makes of a reference,
   * without making it (a template has tens of thousands of references); false for other expressions.
   */
  private reference(depth: number, key: string, e: IrExpr, dashed: boolean): boolean {
    if (!isReference(e)) return false;
    this.out.pieces.push(this.lineStart(dashed ? this.dashHeads : this.heads, depth, dashed, key, ':\n'));
    this.referenceMember(depth + 1, e, false);
    return true;
  }

  /** The only member of the intrinsic function of a reference (Ref or Fn::GetAtt) at `depth`; `dashed`: on a dash line. */
  private referenceMember(depth: number, e: Reference, dashed: boolean): void {
    if (e.__ir !== 'getAtt') {
      this.entry(depth, 'Ref', e.__ir === 'ref' ? e.target : e.name, dashed);
      return;
    }
    this.out.pieces.push(this.lineStart(dashed ? this.dashHeads : this.heads, depth, dashed, 'Fn::GetAtt', ':\n'));
    this.stringItem(depth + 1, e.target);
    this.stringItem(depth + 1, e.attribute);
  }

  /** A string list item `- …` at `depth`. */
  private stringItem(depth: number, doc: string): void {
    // As in entry: one scan for a plain string.
    const plain = isPlain(doc);
    if (!plain && doc.includes('\n') && this.block(this.dash(depth), doc, depth)) return;
    this.out.pieces.push(this.dash(depth), `${plain ? doc : JSON.stringify(doc)}\n`);
  }

  /** List items `- …` at `depth`. */
  items(depth: number, list: readonly Doc[]): void {
    const out = this.out.pieces;
    for (const doc of list) {
      if (typeof doc === 'string') {
        this.stringItem(depth, doc);
        continue;
      }
      if (isIrExpr(doc) && isReference(doc)) {
        // The intrinsic function's one member shares the dash line, as for any map item (below).
        this.referenceMember(depth + 1, doc, true);
        continue;
      }
      const item = isIrExpr(doc) ? expr(doc) : doc;
      if (typeof item !== 'object' || isEmpty(item)) {
        out.push(this.dash(depth), `${inline(item)}\n`);
      } else if (isList(item)) {
        out.push(this.dash(depth).trimEnd(), '\n');
        this.items(depth + 1, item);
      } else {
        // The first member shares the dash line (the dash in place of its indent); the others align with it.
        let dashed = true;
        for (const ck in item) {
          this.entry(depth + 1, ck, item[ck]!, dashed);
          dashed = false;
        }
      }
    }
  }
}
