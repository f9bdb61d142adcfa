/** JSON parsing with errors that say where: line and column, computed from the parser's position. */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number };

export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const lc = /\(line (\d+) column (\d+)\)/.exec(raw);
    if (lc) return { ok: false, message: `${raw.replace(/\s*\(line \d+ column \d+\)/, '')} (line ${lc[1]}, column ${lc[2]})`, line: Number(lc[1]), column: Number(lc[2]) };
    const pos = /at position (\d+)/.exec(raw);
    if (pos) {
      const { line, column } = lineColumnAt(text, Number(pos[1]));
      return { ok: false, message: `${raw.replace(/ in JSON at position \d+/, '').replace(/ at position \d+/, '')} (line ${line}, column ${column})`, line, column };
    }
    if (/Unexpected end of JSON input/.test(raw) || text.trim() === '') {
      const { line, column } = lineColumnAt(text, text.length);
      return { ok: false, message: `unexpected end of input (line ${line}, column ${column})`, line, column };
    }
    return { ok: false, message: raw };
  }
}

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
