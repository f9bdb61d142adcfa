import { parseDocument } from 'yaml';
import { parseJson, type JsonParseResult } from '../json';

/**
 * parseJson, plus a position for the errors whose engine message has none (V8 reports e.g. `[1,,]` without a
 * position): JSON is a subset of YAML's flow syntax, so the YAML parser locates the same mistake.
 */
export function parseJsonLocated(text: string): JsonParseResult {
  const r = parseJson(text);
  if (r.ok || r.line !== undefined) return r;
  const doc = parseDocument(text, { prettyErrors: true });
  const pos = doc.errors[0]?.linePos?.[0];
  // V8 quotes the whole input in such messages ("Unexpected token ',', "{…}" is not valid JSON"): keep the first part.
  const message = r.message.replace(/, ".*" is not valid JSON$/s, '');
  return pos ? { ok: false, message: `${message} (line ${pos.line}, column ${pos.col})`, line: pos.line, column: pos.col } : { ...r, message };
}
