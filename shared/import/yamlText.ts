import { isAlias, isMap, isScalar, isSeq, parseDocument, type CollectionTag, type Document, type Node, type ScalarTag } from 'yaml';

export type YamlParseResult = { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number };

const LIMITS = { maxAliasCount: 1000, uniqueKeys: true, prettyErrors: true } as const;

function failure(doc: Document): YamlParseResult | undefined {
  const e = doc.errors[0];
  if (!e) return undefined;
  const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
  const first = e.message.split('\n')[0] ?? e.message;
  const message = first.replace(/ at line \d+, column \d+:?$/, '');
  return { ok: false, message: `${message} (line ${pos.line}, column ${pos.col})`, line: pos.line, column: pos.col };
}

/** YAML text → plain values, with YAML 1.1 merge keys (`<<: *defaults`, common in compose files). */
export function parseYaml(text: string): YamlParseResult {
  const doc = parseDocument(text, { ...LIMITS, merge: true });
  const bad = failure(doc);
  if (bad) return bad;
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: LIMITS.maxAliasCount }) as unknown };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), line: 1, column: 1 };
  }
}

const INTRINSICS = ['Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'GetAZs', 'Base64', 'Cidr', 'ImportValue', 'Transform', 'Length', 'ToJsonString'];

/**
 * The short-form intrinsic tags as yaml custom tags (scalar, sequence and mapping forms). Each keeps the node as
 * parsed (the tag stays on it for the conversion below); declaring them spares the parser an "unresolved tag"
 * warning per intrinsic, which dominated the parse time of large templates.
 */
const INTRINSIC_TAGS: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value } as ScalarTag,
  { tag: `!${name}`, collection: 'seq', resolve: (value: unknown) => value } as unknown as CollectionTag,
  { tag: `!${name}`, collection: 'map', resolve: (value: unknown) => value } as unknown as CollectionTag,
]);

/**
 * CloudFormation YAML → the JSON form of the template: short-form intrinsic tags become their long form
 * (`!Ref X` → `{ Ref: X }`, `!GetAtt A.B` → `{ 'Fn::GetAtt': ['A', 'B'] }`, `!Sub …` → `{ 'Fn::Sub': … }`).
 * The tags are read from the parsed document (each node keeps its source tag), so every intrinsic — also ones
 * written in long form or nested inside one another — ends up in one shape.
 */
export function parseCloudFormationYaml(text: string): YamlParseResult {
  const doc = parseDocument(text, { ...LIMITS, merge: false, customTags: INTRINSIC_TAGS });
  const bad = failure(doc);
  if (bad) return bad;
  let aliases = 0;
  const convert = (node: unknown): unknown => {
    if (isAlias(node)) {
      if (++aliases > LIMITS.maxAliasCount) throw new Error('too many YAML aliases');
      return convert(node.resolve(doc));
    }
    let value: unknown;
    if (isScalar(node)) value = node.value;
    else if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(convert(pair.key));
        obj[key] = convert(pair.value);
      }
      value = obj;
    } else if (isSeq(node)) value = node.items.map(convert);
    else if (node === null || node === undefined) value = null;
    else value = (node as Node).toJSON();
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag === undefined || !tag.startsWith('!') || tag.startsWith('!!')) return value;
    const name = tag.slice(1);
    if (name === 'Ref' || name === 'Condition') return { [name]: value };
    if (name === 'GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.');
      return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
    }
    return { [`Fn::${name}`]: value };
  };
  try {
    return { ok: true, value: convert(doc.contents) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), line: 1, column: 1 };
  }
}
