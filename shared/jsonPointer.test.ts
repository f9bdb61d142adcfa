import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  escapeJsonPointerSegment,
  jsonPointer,
  parseJsonPointer,
  resolveJsonPointer,
  unescapeJsonPointerSegment,
} from './jsonPointer';

// The example document of RFC 6901 §5.
const rfcDoc = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

describe('jsonPointer', () => {
  it('builds pointers and escapes ~ before /', () => {
    expect(jsonPointer([])).toBe('');
    expect(jsonPointer(['containerDefinitions', 0, 'image'])).toBe('/containerDefinitions/0/image');
    expect(jsonPointer(['a/b'])).toBe('/a~1b');
    expect(jsonPointer(['m~n'])).toBe('/m~0n');
    expect(jsonPointer(['~1'])).toBe('/~01');
    expect(jsonPointer(['/~'])).toBe('/~1~0');
    expect(jsonPointer([''])).toBe('/');
    expect(jsonPointer(['', ''])).toBe('//');
    expect(escapeJsonPointerSegment('a~/b')).toBe('a~0~1b');
  });

  it('parses pointers, decoding ~1 before ~0', () => {
    expect(parseJsonPointer('')).toEqual([]);
    expect(parseJsonPointer('/')).toEqual(['']);
    expect(parseJsonPointer('/a~1b/m~0n/0')).toEqual(['a/b', 'm~n', '0']);
    expect(parseJsonPointer('/~01')).toEqual(['~1']);
    expect(unescapeJsonPointerSegment('~0~1')).toBe('~/');
  });

  it('rejects malformed pointers', () => {
    expect(() => parseJsonPointer('foo')).toThrow(/must be empty or start with "\/"/);
    expect(() => parseJsonPointer('/a~2')).toThrow(/"~" must be followed by 0 or 1/);
    expect(() => parseJsonPointer('/a~')).toThrow();
  });

  it('resolves every example of RFC 6901 §5', () => {
    const cases: [string, unknown][] = [
      ['', rfcDoc],
      ['/foo', ['bar', 'baz']],
      ['/foo/0', 'bar'],
      ['/', 0],
      ['/a~1b', 1],
      ['/c%d', 2],
      ['/e^f', 3],
      ['/g|h', 4],
      ['/i\\j', 5],
      ['/k"l', 6],
      ['/ ', 7],
      ['/m~0n', 8],
    ];
    for (const [pointer, value] of cases) {
      expect(resolveJsonPointer(rfcDoc, pointer), pointer).toEqual({ found: true, value });
    }
  });

  it('does not resolve missing members, non-canonical indices or inherited properties', () => {
    expect(resolveJsonPointer(rfcDoc, '/nope')).toEqual({ found: false });
    expect(resolveJsonPointer(rfcDoc, '/foo/2')).toEqual({ found: false });
    expect(resolveJsonPointer(rfcDoc, '/foo/01')).toEqual({ found: false });
    expect(resolveJsonPointer(rfcDoc, '/foo/-')).toEqual({ found: false });
    expect(resolveJsonPointer(rfcDoc, '/foo/0/length')).toEqual({ found: false });
    expect(resolveJsonPointer(rfcDoc, '/toString')).toEqual({ found: false });
    expect(resolveJsonPointer({ a: null }, '/a')).toEqual({ found: true, value: null });
    expect(resolveJsonPointer({ a: null }, '/a/b')).toEqual({ found: false });
  });

  it('round-trips arbitrary segments', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('~', '/', '~1', '~0', '/~'), fc.nat())), (segs) => {
        expect(parseJsonPointer(jsonPointer(segs))).toEqual(segs.map(String));
      }),
    );
  });

  it('resolves the pointer of every value in an arbitrary JSON document', () => {
    const entries = (v: unknown, path: (string | number)[]): [(string | number)[], unknown][] => {
      const out: [(string | number)[], unknown][] = [[path, v]];
      if (Array.isArray(v)) v.forEach((x, i) => out.push(...entries(x, [...path, i])));
      else if (typeof v === 'object' && v !== null) {
        for (const [k, x] of Object.entries(v)) out.push(...entries(x, [...path, k]));
      }
      return out;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        for (const [path, value] of entries(doc, [])) {
          expect(resolveJsonPointer(doc, jsonPointer(path))).toEqual({ found: true, value });
        }
      }),
    );
  });
});
