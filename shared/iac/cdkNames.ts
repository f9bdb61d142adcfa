/**
 * Variable names of the CDK stack: one per parameter and resource, from its logical id. Made for every resource
 * of a template (10,000 for the 1,000-service design), so by scans of character codes rather than regular
 * expressions (cdkNames.test.ts checks the rule against its regular-expression form).
 */

import { isAlnum, isDigit, isLower, isUpper } from './asciiChars';

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await cdk app scope id props Construct'
  ).split(' '),
);

/** `text` with every character but ASCII letters and digits removed (logical ids have none: returned as they are). */
function alphanumeric(text: string): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (isAlnum(text.charCodeAt(i))) continue;
    out += text.slice(run, i);
    run = i + 1;
  }
  return run === 0 ? text : out + text.slice(run);
}

/**
 * The length of the leading capitals lower-cased in a camelCase name: a run of capitals that is the whole name
 * (`VPC` → `vpc`), the run but its last letter when a lower-case letter follows (`ALBListener` → `albListener`),
 * else the first letter (`Web1` → `web1`, `A1` → `a1`); none when the name starts otherwise.
 */
function leadLength(name: string): number {
  let upper = 0;
  while (upper < name.length && isUpper(name.charCodeAt(upper))) upper++;
  if (upper === 0 || upper === name.length) return upper;
  return upper >= 2 && isLower(name.charCodeAt(upper)) ? upper - 1 : 1;
}

/** A camelCase variable name for a logical id, not a reserved word and not in `taken` (which it is added to). */
export function camelVariable(id: string, taken: Set<string>): string {
  const base0 = alphanumeric(id);
  const lead = leadLength(base0);
  let base = lead === 0 ? base0 : base0.slice(0, lead).toLowerCase() + base0.slice(lead);
  if (base === '') base = 'resource';
  if (isDigit(base.charCodeAt(0))) base = `r${base}`;
  if (RESERVED.has(base)) base = `${base}Resource`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}
