import type { JsonSchema } from '../model/jsonSchema';

/*
 * The inspector form, derived from a node kind's JSON Schema (nodePropertiesJsonSchema): one field per property,
 * typed by the schema. Pure (no React) so it is unit-tested; renderer/src/inspector renders the fields.
 */

export type Segment = string | number;

type Base = {
  /** Property name (or '' for an array item / map value). */
  key: string;
  label: string;
  description?: string;
  required: boolean;
  deprecated?: boolean;
};

export type FormField =
  | (Base & { type: 'text'; pattern?: string; minLength?: number; maxLength?: number })
  | (Base & { type: 'number'; integer: boolean; minimum?: number; maximum?: number })
  | (Base & { type: 'select'; options: readonly (string | number)[] })
  | (Base & { type: 'checkbox' })
  | (Base & { type: 'object'; fields: readonly FormField[] })
  | (Base & { type: 'list'; item: FormField; maxItems?: number })
  | (Base & { type: 'map'; keyPattern?: string; value: FormField })
  /** Anything a plain control cannot edit (unions, free-form values): edited as JSON text. */
  | (Base & { type: 'json' });

const ACRONYMS: Record<string, string> = {
  cpu: 'CPU', id: 'ID', ids: 'IDs', arn: 'ARN', arns: 'ARNs', ip: 'IP', ecs: 'ECS', ecr: 'ECR', efs: 'EFS', iam: 'IAM', url: 'URL', dns: 'DNS',
  ssm: 'SSM', kms: 'KMS', ami: 'AMI', asg: 'ASG', az: 'AZ', tcp: 'TCP', udp: 'UDP', http: 'HTTP', https: 'HTTPS', vpc: 'VPC', cidr: 'CIDR',
  ipv6: 'IPv6', ulimits: 'Ulimits', ttl: 'TTL', s3: 'S3', alb: 'ALB', nlb: 'NLB', gpu: 'GPU', mib: 'MiB', uid: 'UID', gid: 'GID', pid: 'PID', ipc: 'IPC',
};

/** "containerInsights" → "Container insights", "cpu" → "CPU", "awsvpcConfiguration" → "Awsvpc configuration". */
export function humanize(key: string): string {
  if (key === '') return key;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const first = words[0] ?? '';
  words[0] = ACRONYMS[first.toLowerCase()] ? first : first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}

function isObj(v: unknown): v is JsonSchema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The field of one schema (a property, an array item or a map value). */
export function fieldOf(schema: JsonSchema, key: string, required: boolean): FormField {
  const base: Base = { key, label: humanize(key), required };
  if (typeof schema['description'] === 'string') base.description = schema['description'];
  if (schema['deprecated'] === true) base.deprecated = true;
  if (Array.isArray(schema['enum'])) return { ...base, type: 'select', options: schema['enum'] as (string | number)[] };
  if (schema['const'] !== undefined && (typeof schema['const'] === 'string' || typeof schema['const'] === 'number')) return { ...base, type: 'select', options: [schema['const']] };
  switch (schema['type']) {
    case 'string': {
      const f: FormField = { ...base, type: 'text' };
      if (typeof schema['pattern'] === 'string') f.pattern = schema['pattern'];
      if (typeof schema['minLength'] === 'number') f.minLength = schema['minLength'];
      if (typeof schema['maxLength'] === 'number') f.maxLength = schema['maxLength'];
      return f;
    }
    case 'integer':
    case 'number': {
      const f: FormField = { ...base, type: 'number', integer: schema['type'] === 'integer' };
      const min = schema['minimum'] ?? schema['exclusiveMinimum'];
      const max = schema['maximum'] ?? schema['exclusiveMaximum'];
      // zod writes ±MAX_SAFE_INTEGER / int32 bounds for plain ints: not worth showing.
      if (typeof min === 'number' && Math.abs(min) < 2 ** 31 - 1) f.minimum = min;
      if (typeof max === 'number' && Math.abs(max) < 2 ** 31 - 1) f.maximum = max;
      return f;
    }
    case 'boolean':
      return { ...base, type: 'checkbox' };
    case 'array': {
      const items = isObj(schema['items']) ? schema['items'] : {};
      const f: FormField = { ...base, type: 'list', item: fieldOf(items, '', true) };
      if (typeof schema['maxItems'] === 'number') f.maxItems = schema['maxItems'];
      return f;
    }
    case 'object': {
      const additional = schema['additionalProperties'];
      if (isObj(schema['properties'])) return { ...base, type: 'object', fields: fieldsOf(schema) };
      if (isObj(additional)) {
        const f: FormField = { ...base, type: 'map', value: fieldOf(additional, '', true) };
        const names = schema['propertyNames'];
        if (isObj(names) && typeof names['pattern'] === 'string') f.keyPattern = names['pattern'];
        return f;
      }
      return { ...base, type: 'json' };
    }
    default:
      return { ...base, type: 'json' };
  }
}

const SCALAR = new Set<FormField['type']>(['text', 'number', 'select', 'checkbox']);

/** The fields of an object schema: required first among scalars, scalars before groups (objects, lists, maps). */
export function fieldsOf(schema: JsonSchema): FormField[] {
  const props = isObj(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  const fields = Object.entries(props).map(([k, s]) => fieldOf(isObj(s) ? s : {}, k, required.has(k)));
  const rank = (f: FormField) => (SCALAR.has(f.type) ? 0 : 1);
  // Stable: schema order within each rank (the AWS documentation order).
  return fields.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
}

/** A list of scalars shows one compact row per item; a list of objects one fieldset per item. */
export function isScalarField(f: FormField): boolean {
  return SCALAR.has(f.type);
}

// ── Values ────────────────────────────────────────────────────────────────────────────────────────────────

/** The value at a path (undefined when any step is missing). */
export function getIn(value: unknown, path: readonly Segment[]): unknown {
  let v = value;
  for (const s of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s as string];
  }
  return v;
}

/**
 * A copy of `value` with `next` at `path` (undefined removes an object member; objects on the way are created).
 * Objects left empty by a removal are removed too, so clearing the last field of an optional group removes it.
 */
export function setIn(value: unknown, path: readonly Segment[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  if (typeof head === 'number') {
    const arr = Array.isArray(value) ? [...(value as unknown[])] : [];
    const child = setIn(arr[head], rest, next);
    if (child === undefined && rest.length === 0) arr.splice(head, 1);
    else arr[head] = child;
    return arr;
  }
  const obj: Record<string, unknown> = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  const child = setIn(obj[head], rest, next);
  if (child === undefined || (rest.length > 0 && isEmptyObject(child))) delete obj[head];
  else obj[head] = child;
  return obj;
}

function isEmptyObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}

/** An empty value for a new list item of a field. */
export function emptyValueOf(f: FormField): unknown {
  switch (f.type) {
    case 'text':
      // A required non-empty string (a tag key) starts as its own name, so the new row is accepted.
      return f.minLength !== undefined && f.minLength > 0 ? (f.key || 'value').padEnd(f.minLength, '_') : '';
    case 'number':
      return f.minimum ?? 0;
    case 'select':
      return f.options[0];
    case 'checkbox':
      return false;
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const c of f.fields) if (c.required) out[c.key] = emptyValueOf(c);
      return out;
    }
    case 'list':
      return [];
    case 'map':
      return {};
    case 'json':
      return '';
  }
}

/** Text of a number input → value: '' → undefined (cleared), otherwise a number or an error message. */
export function parseNumberInput(text: string, integer: boolean): { ok: true; value: number | undefined } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  const n = Number(t);
  if (!Number.isFinite(n)) return { ok: false, reason: 'not a number' };
  if (integer && !Number.isInteger(n)) return { ok: false, reason: 'must be a whole number' };
  return { ok: true, value: n };
}

/**
 * The form path a finding points at: `/nodes/<i>/properties/<rest>` → `<rest>` as segments (numbers for array
 * indices), or undefined when the finding is not about a property of node `<i>`.
 */
export function propertyPathOf(pointer: string, nodeIndex: number): Segment[] | undefined {
  const prefix = `/nodes/${nodeIndex}/properties`;
  if (pointer !== prefix && !pointer.startsWith(`${prefix}/`)) return undefined;
  const rest = pointer.slice(prefix.length);
  if (rest === '') return [];
  return rest
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((t) => (/^(0|[1-9]\d*)$/.test(t) ? Number(t) : t));
}

/** The form field a path leads to (list items by index, map values by any key), if the form has one. */
export function fieldAt(fields: readonly FormField[], path: readonly Segment[]): FormField | undefined {
  let list: readonly FormField[] = fields;
  let field: FormField | undefined;
  for (const seg of path) {
    if (field?.type === 'list') {
      if (typeof seg !== 'number') return undefined;
      field = field.item;
    } else if (field?.type === 'map') {
      field = field.value;
    } else {
      field = list.find((f) => f.key === seg);
      if (!field) return undefined;
    }
    list = field.type === 'object' ? field.fields : [];
  }
  return field;
}

/** A stable DOM id fragment of a form path (for focusing a field from the Problems panel). */
export function pathKey(path: readonly Segment[]): string {
  return path.map((s) => String(s)).join('.');
}

/**
 * A schema refusal (setNodeProperties' "<pointer>: <zod message>") as shown under the field it is about: without
 * the pointer when it is the field's own, and in plain words for the usual size checks.
 */
export function friendlyReason(reason: string, path: readonly Segment[]): string {
  const own = path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  let text = own !== '' && reason.startsWith(`${own}: `) ? reason.slice(own.length + 2) : reason;
  text = text
    .replace(/^Too small: expected string to have >=1 characters?$/, 'Required: must not be empty')
    .replace(/^Too small: expected string to have >=(\d+) characters$/, 'Must have at least $1 characters')
    .replace(/^Too big: expected string to have <=(\d+) characters$/, 'Must have at most $1 characters')
    .replace(/^Too small: expected number to be >=(-?[\d.]+)$/, 'Must be at least $1')
    .replace(/^Too big: expected number to be <=(-?[\d.]+)$/, 'Must be at most $1')
    .replace(/^Too big: expected array to have <=(\d+) items$/, 'At most $1 items');
  return text;
}
