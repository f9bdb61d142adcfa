// RFC 6901 JSON Pointer helpers. Pure TS (no DOM / node imports).

/** Escapes one reference token: `~` -> `~0`, `/` -> `~1` (in that order). */
export function escapeJsonPointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Reverses {@link escapeJsonPointerSegment}. Throws on `~` not followed by `0` or `1`. */
export function unescapeJsonPointerSegment(token: string): string {
  if (/~(?![01])/.test(token)) {
    throw new Error(`Invalid JSON Pointer token ${JSON.stringify(token)}: "~" must be followed by 0 or 1`);
  }
  // RFC 6901 §4: first ~1 -> "/", then ~0 -> "~", so "~01" decodes to "~1", not "/".
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds a JSON Pointer from path segments; `[]` is the whole document (`""`). */
export function jsonPointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += `/${escapeJsonPointerSegment(String(s))}`;
  return out;
}

/** Splits a JSON Pointer into unescaped reference tokens. Throws if `p` is not a valid pointer. */
export function parseJsonPointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) {
    throw new Error(`Invalid JSON Pointer ${JSON.stringify(p)}: must be empty or start with "/"`);
  }
  return p.slice(1).split('/').map(unescapeJsonPointerSegment);
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * Resolves a pointer against a JSON value. Only own properties of objects and
 * canonical array indices ("0", "12", not "01" or "-") are followed.
 */
export function resolveJsonPointer(
  doc: unknown,
  pointer: string,
): { found: true; value: unknown } | { found: false } {
  let current: unknown = doc;
  for (const token of parseJsonPointer(pointer)) {
    if (Array.isArray(current)) {
      if (!ARRAY_INDEX.test(token)) return { found: false };
      const index = Number(token);
      if (index >= current.length) return { found: false };
      current = current[index];
    } else if (typeof current === 'object' && current !== null) {
      if (!Object.prototype.hasOwnProperty.call(current, token)) return { found: false };
      current = (current as Record<string, unknown>)[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}
