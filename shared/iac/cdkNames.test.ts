import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camelVariable } from './cdkNames';

const RESERVED_BY_REGEX = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await cdk app scope id props Construct'
  ).split(' '),
);

/** The rule camelVariable implements, as the regular expressions it was first written with. */
function camelVariableByRegex(id: string, taken: Set<string>): string {
  const base0 = id.replace(/[^A-Za-z0-9]/g, '');
  const lead = /^[A-Z]+(?=[A-Z][a-z])|^[A-Z]+$|^[A-Z]/.exec(base0)?.[0] ?? '';
  let base = lead.toLowerCase() + base0.slice(lead.length) || 'resource';
  if (/^[0-9]/.test(base)) base = `r${base}`;
  if (RESERVED_BY_REGEX.has(base)) base = `${base}Resource`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

const idChars = fc.constantFrom(...'aAbBzZLVPC09_ -é\u00c4'.split(''));
const reserved = fc.constantFrom('class', 'new', 'cdk', 'props', 'Construct', 'app', 'id', 'scope', 'await', 'let', 'Class', 'New', 'Cdk');

describe('camelVariable', () => {
  it('lower-cases the leading capitals of a logical id and keeps names apart', () => {
    const taken = new Set<string>();
    expect(camelVariable('AppVpc', taken)).toBe('appVpc');
    expect(camelVariable('VPC', taken)).toBe('vpc');
    expect(camelVariable('ALBListener80', taken)).toBe('albListener80');
    expect(camelVariable('A1', taken)).toBe('a1');
    expect(camelVariable('9Lives', taken)).toBe('r9Lives');
    expect(camelVariable('--', taken)).toBe('resource');
    expect(camelVariable('New', taken)).toBe('newResource');
    expect(camelVariable('App-Vpc', taken)).toBe('appVpc2');
  });

  it('agrees with the regular-expression form on any ids, in sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: idChars }), reserved), { maxLength: 8 }), (ids) => {
        const a = new Set<string>();
        const b = new Set<string>();
        for (const id of ids) expect(camelVariable(id, a)).toBe(camelVariableByRegex(id, b));
      }),
      { numRuns: 2000 },
    );
  });
});
