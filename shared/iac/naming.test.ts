import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pascalCase } from './logicalIds';
import { snakeCase } from './terraform';

/** The rule pascalCase implements, written as the regular expressions it was first written with. */
function pascalCaseByRegex(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** The rule snakeCase implements, as the chain of regular expressions it was first written with. */
function snakeCaseByRegex(id: string): string {
  const snake = id
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
  const safe = snake === '' ? 'r' : snake;
  return /^[0-9]/.test(safe) ? `r_${safe}` : safe;
}

const idChars = fc.constantFrom(...'aAbBzZ09_ -/.é\u00c4'.split(''));

describe('pascalCase', () => {
  it('drops everything but letters and digits and upper-cases the first letter of each word', () => {
    expect(pascalCase('web-cluster')).toBe('WebCluster');
    expect(pascalCase('/ecs/1st')).toBe('Ecs1st');
    expect(pascalCase('svc-12 TaskDefinition')).toBe('Svc12TaskDefinition');
    expect(pascalCase('aBc déjà_vu')).toBe('ABcDJVu');
    expect(pascalCase('--')).toBe('');
  });

  it('agrees with the regular-expression form on any text', () => {
        fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: idChars }), fc.string({ unit: 'grapheme' })), (s) => {
        expect(pascalCase(s)).toBe(pascalCaseByRegex(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('snakeCase', () => {
  it('writes Terraform names: words in lower case joined by underscores', () => {
    expect(snakeCase('WebService')).toBe('web_service');
    expect(snakeCase('ALBListener80')).toBe('alb_listener80');
    expect(snakeCase('Svc12TaskDefinition')).toBe('svc12_task_definition');
    expect(snakeCase('9Lives')).toBe('r_9_lives');
    expect(snakeCase('__')).toBe('r');
    expect(snakeCase('a__b-C')).toBe('a_b_c');
  });

  it('agrees with the regular-expression form on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: idChars }), fc.string({ unit: 'grapheme' })), (s) => {
        expect(snakeCase(s)).toBe(snakeCaseByRegex(s));
      }),
      { numRuns: 3000 },
    );
  });
});
