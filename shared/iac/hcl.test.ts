import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeHclString, hcl, HclIr, renderHclFile, renderValue, type HclIrStyle, type HclValue } from './hcl';
import { ir, isIrExpr, type IrExpr, type IrObject, type IrValue } from './ir';

describe('HCL writer', () => {
  it('escapes quotes, backslashes, control characters and template introducers', () => {
    expect(escapeHclString('a "b" \\ c\nd\te')).toBe('a \\"b\\" \\\\ c\\nd\\te');
    expect(escapeHclString('${x} %{if} $ % {')).toBe('$${x} %%{if} $ % {');
    expect(escapeHclString('\u0001')).toBe('\\u0001');
  });

  it('aligns = across consecutive single-line attributes only (as terraform fmt does)', () => {
    const text = renderHclFile([
      hcl.block('resource', ['aws_x', 'y'], [
        hcl.attr('a', 1),
        hcl.attr('longer_name', 'v'),
        hcl.attr('tags', { Name: 'n', Environment: 'prod' }),
        hcl.attr('b', true),
        hcl.blank(),
        hcl.block('nested', [], [hcl.attr('k', hcl.raw('var.k')), hcl.attr('kk', null)]),
      ]),
    ]);
    expect(text).toBe(
      [
        'resource "aws_x" "y" {',
        '  a           = 1',
        '  longer_name = "v"',
        '  tags = {',
        '    Name        = "n"',
        '    Environment = "prod"',
        '  }',
        '  b = true',
        '',
        '  nested {',
        '    k  = var.k',
        '    kk = null',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes short lists of simple values on one line and others one item per line with trailing commas', () => {
    expect(renderValue(['a', hcl.raw('x.y')], '')).toBe('["a", x.y]');
    expect(renderValue(['a', hcl.traversal('x.y')], '')).toBe('["a", x.y]');
    expect(renderValue({ k: hcl.raw('f(\n)'), kk: hcl.traversal('v.w') }, '')).toBe('{\n  k = f(\n)\n  kk = v.w\n}');
    expect(renderValue([], '')).toBe('[]');
    expect(renderValue([{ a: 1 }], '  ')).toBe('[\n    {\n      a = 1\n    },\n  ]');
    const long = Array.from({ length: 12 }, (_, i) => `subnet-${i}`);
    expect(renderValue(long, '').split('\n')).toHaveLength(14);
  });

  it('interpolates expressions into templates and quotes keys that are not identifiers', () => {
    expect(renderValue(hcl.template('arn:', hcl.raw('data.p.partition'), ':x/${y}'), '')).toBe('"arn:${data.p.partition}:x/$${y}"');
    expect(renderValue({ 'awslogs-group': 'g', 'a.b': 1, true: 2 }, '')).toBe(['{', '  "awslogs-group" = "g"', '  "a.b"           = 1', '  "true"          = 2', '}'].join('\n'));
    expect(renderValue(hcl.call('jsonencode', [{ k: 1 }]), '')).toBe('jsonencode([\n  {\n    k = 1\n  },\n])');
  });

  it('writes an IR value (HclIr) exactly as the HCL value it stands for, expressions resolved and keys renamed', () => {
    // The style under test: ref → a traversal, base64 → a call (which a one-line list cannot hold), keys upper-cased
    // except below "Free", where they are kept.
    const resolve = (e: IrExpr): HclValue =>
      e.__ir === 'ref' ? hcl.traversal(`aws_x.${e.target}.id`) : e.__ir === 'base64' ? hcl.call('base64encode', 'x') : hcl.raw('data.y');
    const plain: HclIrStyle = { expr: resolve, key: (k) => k, under: () => plain };
    const renaming: HclIrStyle = { expr: resolve, key: (k) => k.toUpperCase(), under: (k) => (k === 'Free' ? plain : renaming) };
    // The same conversion done ahead, as a copy: what the writer must produce from the IR value itself.
    const convert = (v: IrValue, rename: boolean): HclValue => {
      if (typeof v !== 'object' || v === null) return v;
      if (isIrExpr(v)) return resolve(v);
      if (Array.isArray(v)) return v.map((item) => convert(item, rename));
      const out: Record<string, HclValue> = {};
      for (const k in v) out[rename ? k.toUpperCase() : k] = convert(v[k]!, rename && k !== 'Free');
      return out;
    };
    const key = fc.constantFrom('a', 'bb', 'Free', 'x-y', 'true', 'long_key_name');
    // null too: JSON text parsed into the IR (a policy given as text) may hold it.
    const scalar = fc.oneof(
      fc.constantFrom('s', 'q"uote', '${t}', 'a longer string value for the line', '', null as unknown as IrValue),
      fc.integer(),
      fc.boolean(),
    );
    const expr = fc.oneof(
      fc.constantFrom('R1', 'Res2').map((t) => ir.ref(t)),
      fc.constant(ir.base64('x')),
      fc.constant(ir.pseudo('AWS::Region')),
    );
    const { value } = fc.letrec<{ value: IrValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        expr,
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    }));
    const container = fc.oneof(fc.array(value, { maxLength: 6 }), fc.dictionary(key, value, { maxKeys: 5 }));
    fc.assert(
      fc.property(container, fc.boolean(), (v, rename) => {
        const lazy = new HclIr(v as IrValue[] | IrObject, rename ? renaming : plain);
        expect(renderValue(lazy, '  ')).toBe(renderValue(convert(v, rename), '  '));
        expect(renderHclFile([hcl.attr('a', 1), hcl.attr('value', lazy)])).toBe(renderHclFile([hcl.attr('a', 1), hcl.attr('value', convert(v, rename))]));
      }),
      { numRuns: 500 },
    );
  });

  it('writes a name with a dash bare as an attribute and quoted as an object key at the same depth', () => {
    const text = renderHclFile([
      hcl.block('a', [], [hcl.attr('m', { 'x-y': 1 }), hcl.block('b', [], [hcl.attr('x-y', 2)])]),
    ]);
    expect(text).toBe(['a {', '  m = {', '    "x-y" = 1', '  }', '  b {', '    x-y = 2', '  }', '}', ''].join('\n'));
  });

  it('writes a block type empty and not empty, at several depths, and a multi-line expression after its own lead', () => {
    const text = renderHclFile([
      hcl.block('a', [], [hcl.block('b', [], []), hcl.block('b', [], [hcl.block('b', [], [hcl.attr('x', 1)]), hcl.block('b', [], [])])]),
      hcl.block('b', [], []),
      hcl.block('r', ['t', 'n'], [hcl.attr('k', 1), hcl.attr('long_name', hcl.raw('f(\n  x,\n)')), hcl.attr('z', hcl.raw('y'))]),
    ]);
    expect(text).toBe(
      [
        'a {',
        '  b {}',
        '  b {',
        '    b {',
        '      x = 1',
        '    }',
        '    b {}',
        '  }',
        '}',
        'b {}',
        'r "t" "n" {',
        '  k = 1',
        '  long_name = f(',
        '  x,',
        ')',
        '  z = y',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('rejects what HCL cannot hold', () => {
    expect(() => renderValue(Number.NaN, '')).toThrow(/number/);
    expect(() => renderHclFile([hcl.attr('bad name', 1)])).toThrow(/attribute name/);
    expect(() => renderValue(hcl.template(hcl.call('f', [{ a: 1 }])), '')).toThrow(/multi-line/);
  });
});
