import { describe, expect, it } from 'vitest';
import { pathText, replaceExprs, type IrExpr, type IrValue } from './ir';

describe('replaceExprs', () => {
  const ref = (target: string): IrExpr => ({ __ir: 'ref', target });

  it('replaces every expression, saying where it is, and keeps plain lists and maps as they are', () => {
    const plain = { Name: 'app', Ports: [80, 443] };
    const value: IrValue = { Plain: plain, List: ['a', ref('Role'), 'c'], Deep: { Items: [{ Arn: ref('Bucket') }] } };
    const seen: string[] = [];
    const out = replaceExprs(value, (e, path) => {
      seen.push(`${e.__ir === 'ref' ? e.target : e.__ir}@${pathText(path)}`);
      return `<${e.__ir === 'ref' ? e.target : ''}>`;
    });
    expect(out).toEqual({ Plain: plain, List: ['a', '<Role>', 'c'], Deep: { Items: [{ Arn: '<Bucket>' }] } });
    expect(seen).toEqual(['Role@.List[1]', 'Bucket@.Deep.Items[0].Arn']);
    // Plain data is shared with the IR; what holds an expression is a copy, and the IR is left unchanged.
    const o = out as { Plain: unknown; List: unknown };
    expect(o.Plain).toBe(plain);
    expect(o.List).not.toBe((value as { List: unknown }).List);
    expect((value as { List: IrValue[] }).List[1]).toEqual(ref('Role'));
    const noExpr: IrValue = { A: [1, 2], B: { C: 'x' } };
    expect(replaceExprs(noExpr, () => 'never')).toBe(noExpr);
  });
});
