/** Short random ids for nodes, edges and documents. Pure: no crypto API is assumed (shared/ runs in Node and the browser). */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export type IdGenerator = (prefix: string) => string;

export const randomId: IdGenerator = (prefix) => {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return `${prefix}-${s}`;
};

/** Deterministic ids (`prefix-1`, `prefix-2`, …) for importers and tests that need stable output. */
export function sequentialIds(): IdGenerator {
  const counters = new Map<string, number>();
  return (prefix) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}-${n}`;
  };
}
