/**
 * A readable line diff of two JSON values (task definitions, container definitions): both pretty-printed with keys
 * in a stable order, then compared line by line (longest common subsequence). Pure; used by the plan view.
 */
export type DiffLine = { readonly kind: 'same' | 'added' | 'removed'; readonly text: string };

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function jsonLines(value: unknown): string[] {
  if (value === undefined) return [];
  return JSON.stringify(sortKeys(value), null, 2).split('\n');
}

/** Lines of `before` and `after` with what was removed and added; the unchanged lines kept for context. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // LCS table from the end; designs' JSON values are small (a task definition is a few hundred lines).
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ kind: 'same', text: before[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: 'removed', text: before[i++]! });
    else out.push({ kind: 'added', text: after[j++]! });
  }
  while (i < n) out.push({ kind: 'removed', text: before[i++]! });
  while (j < m) out.push({ kind: 'added', text: after[j++]! });
  return out;
}

/** Keeps `context` unchanged lines around each change; longer unchanged runs become one "…" line. */
export function withContext(lines: readonly DiffLine[], context = 2): (DiffLine | { readonly kind: 'skip'; readonly count: number })[] {
  const near = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) near[k] = true;
  });
  const out: (DiffLine | { kind: 'skip'; count: number })[] = [];
  let skipped = 0;
  lines.forEach((l, i) => {
    if (near[i]) {
      if (skipped > 0) out.push({ kind: 'skip', count: skipped });
      skipped = 0;
      out.push(l);
    } else skipped++;
  });
  if (skipped > 0) out.push({ kind: 'skip', count: skipped });
  return out;
}

/** True when a change is best shown as a JSON diff (objects and arrays), not as "before → after". */
export function isStructured(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}
