import { isIrExpr, type IrExpr, type IrValue } from './ir';

/**
 * A string of literal text and expressions, flattened: nested concatenations are spliced in, adjacent literals
 * merged; all-literal input gives a plain string, a single expression gives that expression.
 */
export function cat(...parts: readonly (IrValue | undefined)[]): string | IrExpr {
  const out: (string | IrExpr)[] = [];
  const push = (p: string | IrExpr) => {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p !== '') out.push(p);
  };
  for (const part of parts) {
    if (part === undefined) continue;
    if (typeof part === 'string') push(part);
    else if (typeof part === 'number' || typeof part === 'boolean') push(String(part));
    else if (isIrExpr(part)) {
      if (part.__ir === 'concat') for (const p of part.parts) push(p);
      else push(part);
    } else throw new Error('only strings and expressions can be joined into a string');
  }
  if (out.length === 0) return '';
  if (out.length === 1) return out[0]!;
  return { __ir: 'concat', parts: out };
}
