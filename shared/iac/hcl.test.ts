import { describe, expect, it } from 'vitest';
import { escapeHclString, hcl, HclFileWriter, renderHclFile, renderValue, type HclBodyItem } from './hcl';

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

  it('writes text taken ahead (takeText) where it belongs as if its items were written there', () => {
    const resource = (name: string, comment?: string): HclBodyItem[] => [
      ...(comment !== undefined ? [hcl.comment(comment)] : []),
      hcl.block('resource', ['aws_x', name], [hcl.attr('n', name), hcl.attr('longer', { k: 1, kk: [hcl.raw('a.b')] }), hcl.attr('z', 2)]),
      hcl.blank(),
    ];
    const items = [resource('a', 'first\nsecond'), resource('b'), resource('c', 'third')];
    const ahead = new HclFileWriter();
    const texts = items.map((r) => {
      ahead.write(r);
      return ahead.takeText();
    });
    // Each taken text stands alone: it starts with its first line and ends with one newline, without the blank line.
    expect(texts[1]!.startsWith('resource "aws_x" "b" {')).toBe(true);
    expect(texts[1]!.endsWith('}\n')).toBe(true);
    const placed = new HclFileWriter();
    placed.write([hcl.comment('head'), hcl.blank()]);
    for (const text of texts) {
      placed.writeText(text);
      placed.write([hcl.blank()]);
    }
    const expected = new HclFileWriter();
    expected.write([hcl.comment('head'), hcl.blank()]);
    for (const r of items) expected.write(r);
    expect(placed.text()).toBe(expected.text());
    expect(expected.text()).toContain('\n}\n\n# third\nresource "aws_x" "c" {\n  n = "c"\n  longer = {\n    k  = 1\n    kk = [a.b]\n  }\n  z = 2\n}\n');
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
