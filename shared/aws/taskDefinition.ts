// Task-definition JSON import + schema validation on top of the schemas generated
// from the AWS API model (./ecsModel.generated). Pure TS: no node, DOM, electron or
// React imports.

import { z } from 'zod';
import { jsonPointer } from '../jsonPointer';
import {
  ContainerDefinitionSchema,
  RegisterTaskDefinitionRequestSchema,
  type RegisterTaskDefinitionRequest,
} from './ecsModel.generated';

export type { RegisterTaskDefinitionRequest } from './ecsModel.generated';

/**
 * Fields that appear in `aws ecs describe-task-definition` output (or console JSON
 * exports) but are not accepted by RegisterTaskDefinition. This is the model's
 * TaskDefinition-minus-RegisterTaskDefinitionRequest member set (a test checks it
 * against `describeOnlyTaskDefinitionMembers` from the generated file);
 * `deleteRequestedAt` is set on task definitions whose deletion was requested.
 */
export const READ_ONLY_TASK_DEFINITION_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;

export type ReadOnlyTaskDefinitionField = (typeof READ_ONLY_TASK_DEFINITION_FIELDS)[number];

export type SchemaFinding = {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** RFC 6901 JSON Pointer into the imported document (basePointer + path in the input). */
  path: string;
};

export type UnwrapResult =
  | {
      ok: true;
      /** RegisterTaskDefinition input: nulls and read-only fields removed. */
      input: Record<string, unknown>;
      /** Read-only fields that were present (non-null) and removed. */
      droppedReadOnly: string[];
      /**
       * Pointer of `input` inside the original document: '' for the input/unwrapped
       * forms, '/taskDefinition' for describe-task-definition output.
       */
      basePointer: string;
      /**
       * The `tags` array found beside `taskDefinition` in describe-task-definition output
       * (the task definition's tags; describe returns them outside the task definition).
       * When the inner object has no `tags`, they are copied into `input.tags`; findings
       * under `${basePointer}/tags` then refer to the document's top-level `/tags`.
       */
      topLevelTags?: unknown;
    }
  | { ok: false; message: string };

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function setOwn(o: JsonObject, k: string, v: unknown): void {
  // defineProperty so that a JSON key "__proto__" stays an own data property.
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * Deep copy with object members whose value is JSON `null` removed.
 *
 * The AWS JSON protocol treats a member set to `null` exactly like an absent member
 * (e.g. `"readOnly": null` in a mount point is accepted and means "not set"), and
 * describe/console exports contain such nulls, so they are removed before schema
 * validation. `null` *elements of arrays* are kept (removing them would shift the
 * indices that findings point at); the schema reports them as invalid types.
 */
function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v !== null) setOwn(out, k, stripNulls(v));
    }
    return out;
  }
  return value;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * Normalises a parsed task-definition JSON document into RegisterTaskDefinition input.
 *
 * Accepts (a) RegisterTaskDefinition input `{family, containerDefinitions, ...}`,
 * (b) `aws ecs describe-task-definition` output `{taskDefinition: {...}, tags: [...]}`,
 * (c) an unwrapped describe object (with read-only fields). Read-only fields are removed
 * and JSON nulls are treated as absent (see {@link stripNulls}). Does not validate
 * anything beyond the presence of a `containerDefinitions` array.
 */
export function unwrapTaskDefinitionJson(raw: unknown): UnwrapResult {
  if (Array.isArray(raw)) {
    return {
      ok: false,
      message:
        'Expected a task definition JSON object but got an array. If this is a list of container definitions, wrap it as {"family": "...", "containerDefinitions": [...]}.',
    };
  }
  if (!isObject(raw)) {
    return { ok: false, message: `Expected a task definition JSON object but got ${typeName(raw)}.` };
  }
  const doc = stripNulls(raw) as JsonObject;

  let input: JsonObject;
  let basePointer = '';
  let topLevelTags: unknown;
  let wrapped = false;
  if (hasOwn(doc, 'containerDefinitions')) {
    input = doc;
  } else if (isObject(doc['taskDefinition'])) {
    input = doc['taskDefinition'];
    basePointer = '/taskDefinition';
    wrapped = true;
    if (hasOwn(doc, 'tags')) topLevelTags = doc['tags'];
  } else {
    const hint = hasOwn(doc, 'ContainerDefinitions')
      ? ' It has "ContainerDefinitions": CloudFormation properties (PascalCase) are not RegisterTaskDefinition JSON (camelCase).'
      : hasOwn(doc, 'Resources') || hasOwn(doc, 'AWSTemplateFormatVersion')
        ? ' It looks like a CloudFormation template.'
        : '';
    return {
      ok: false,
      message: `Not an ECS task definition: expected an object with a "containerDefinitions" array, or describe-task-definition output {"taskDefinition": {...}}.${hint}`,
    };
  }

  const containers = input['containerDefinitions'];
  if (!Array.isArray(containers)) {
    const where = wrapped ? 'taskDefinition.containerDefinitions' : 'containerDefinitions';
    return {
      ok: false,
      message:
        containers === undefined
          ? `Not an ECS task definition: ${where} is missing.`
          : `Not an ECS task definition: ${where} must be an array of container definitions, got ${typeName(containers)}.`,
    };
  }

  const droppedReadOnly: string[] = [];
  for (const field of READ_ONLY_TASK_DEFINITION_FIELDS) {
    if (hasOwn(input, field)) {
      droppedReadOnly.push(field);
      delete input[field];
    }
  }
  if (wrapped && topLevelTags !== undefined && !hasOwn(input, 'tags')) {
    setOwn(input, 'tags', topLevelTags);
  }

  const result: UnwrapResult = { ok: true, input, droppedReadOnly, basePointer };
  if (topLevelTags !== undefined) result.topLevelTags = topLevelTags;
  return result;
}

// ---------------------------------------------------------------------------
// Validation

/**
 * RegisterTaskDefinition input as the service validates it: the model schema plus
 * requirements the service enforces that the API model does not state. The model's
 * ContainerDefinition has no required members, but RegisterTaskDefinition fails with
 * "Container.name should not be null or empty." / "Container.image should not be null
 * or empty." without them.
 */
const ServiceContainerDefinitionSchema = ContainerDefinitionSchema.extend({
  name: z.string().describe(ContainerDefinitionSchema.shape.name.description ?? 'The name of a container.'),
  image: z
    .string()
    .describe(ContainerDefinitionSchema.shape.image.description ?? 'The image used to start a container.'),
});

export const RegisterTaskDefinitionInputSchema = RegisterTaskDefinitionRequestSchema.extend({
  containerDefinitions: z
    .array(ServiceContainerDefinitionSchema)
    .describe(RegisterTaskDefinitionRequestSchema.shape.containerDefinitions.description ?? ''),
});

export type ValidationResult =
  | { ok: true; value: RegisterTaskDefinitionRequest }
  | { ok: false; findings: SchemaFinding[] };

type Segment = string | number;
type AnySchema = z.ZodType;

function unwrapOptional(s: AnySchema): AnySchema {
  let cur: AnySchema = s;
  while (cur instanceof z.ZodOptional) cur = cur.unwrap() as AnySchema;
  return cur;
}

/** The (non-optional) schema that applies at `path`, if the path follows the schema. */
function schemaAt(root: AnySchema, path: readonly Segment[]): AnySchema | undefined {
  let s: AnySchema = unwrapOptional(root);
  for (const seg of path) {
    if (s instanceof z.ZodObject) {
      const shape = s.shape as Record<string, AnySchema>;
      const key = String(seg);
      if (!hasOwn(shape, key)) return undefined;
      const child = shape[key];
      if (child === undefined) return undefined;
      s = unwrapOptional(child);
    } else if (s instanceof z.ZodArray) {
      s = unwrapOptional(s.element as AnySchema);
    } else if (s instanceof z.ZodRecord) {
      s = unwrapOptional(s.valueType as AnySchema);
    } else {
      return undefined;
    }
  }
  return s;
}

function valueAt(root: unknown, path: readonly Segment[]): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number' && seg >= 0 && seg < cur.length) {
      cur = cur[seg];
    } else if (isObject(cur) && hasOwn(cur, String(seg))) {
      cur = cur[String(seg)];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: cur };
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Human path: containerDefinitions[0].logConfiguration.options["awslogs-group"]. */
function humanPath(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? 'task definition' : out;
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') {
    const s = v.length > 60 ? `${v.slice(0, 57)}...` : v;
    return JSON.stringify(s);
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeName(v);
}

function receivedDescription(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    return `${typeof v} ${describeValue(v)}`;
  }
  return typeName(v);
}

function expectedName(expected: string, schema: AnySchema | undefined): string {
  if (expected === 'int') return 'integer';
  if (expected === 'number' && schema instanceof z.ZodNumber && schema.isInt) return 'integer';
  if (expected === 'record') return 'object';
  if (expected === 'nonoptional') return 'a value';
  return expected;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      const left = prev[j - 1] ?? 0;
      prev[j] = Math.min(up + 1, left + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

function suggestKey(unknownKey: string, known: readonly string[]): string | undefined {
  const lower = unknownKey.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.min(3, Math.floor(unknownKey.length / 4)));
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function plural(n: number | bigint, word: string): string {
  return `${n} ${word}${n === 1 || n === 1n ? '' : 's'}`;
}

function issueToFindings(
  issue: z.core.$ZodIssue,
  input: unknown,
  basePointer: string,
  rootSchema: AnySchema,
): SchemaFinding[] {
  const path = issue.path.filter((s): s is Segment => typeof s === 'string' || typeof s === 'number');
  const pointer = basePointer + jsonPointer(path);
  const where = humanPath(path);
  const error = (rule: string, message: string, p = pointer): SchemaFinding => ({
    rule,
    severity: 'error',
    message,
    path: p,
  });
  const at = valueAt(input, path);

  // A member absent from its (existing) parent object: the schema reports it as
  // invalid_type (plain members) or invalid_value (enum members); both mean "required".
  if (issue.code !== 'unrecognized_keys' && !at.found) {
    const parentPath = path.slice(0, -1);
    const last = path[path.length - 1];
    const parent = valueAt(input, parentPath);
    if (typeof last === 'string' && parent.found && isObject(parent.value) && !hasOwn(parent.value, last)) {
      const owner = parentPath.length === 0 ? 'task definition' : humanPath(parentPath);
      return [error('schema/required', `${owner}: missing required property ${JSON.stringify(last)}`)];
    }
  }

  switch (issue.code) {
    case 'unrecognized_keys': {
      const schema = schemaAt(rootSchema, path);
      const known = schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
      return issue.keys.map((key) => {
        const suggestion = suggestKey(key, known);
        const hint = suggestion !== undefined ? ` (did you mean "${suggestion}"?)` : '';
        const owner = path.length === 0 ? 'task definition' : where;
        return error(
          'schema/unknown-property',
          `${owner}: unknown property ${JSON.stringify(key)}; the AWS API rejects unknown properties${hint}`,
          basePointer + jsonPointer([...path, key]),
        );
      });
    }
    case 'invalid_type': {
      const expected = expectedName(issue.expected, schemaAt(rootSchema, path));
      return [
        error('schema/invalid-type', `${where}: expected ${expected}, received ${receivedDescription(at.value)}`),
      ];
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v)).join(', ');
      return [error('schema/invalid-enum', `${where}: ${describeValue(at.value)} is not one of ${allowed}`)];
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const v = at.value;
      let message: string;
      if (issue.origin === 'array' && Array.isArray(v)) {
        message = `${where}: has ${plural(v.length, 'item')}, ${small ? 'at least' : 'at most'} ${bound} allowed`;
      } else if (issue.origin === 'string' && typeof v === 'string') {
        message = `${where}: ${small ? 'must be at least' : 'must be at most'} ${plural(bound, 'character')} long (got ${v.length})`;
      } else if (issue.origin === 'number' || issue.origin === 'int') {
        const op = small ? (inclusive ? 'less than the minimum' : 'not greater than') : inclusive ? 'greater than the maximum' : 'not less than';
        message = `${where}: ${describeValue(v)} is ${op} ${bound}`;
      } else {
        message = `${where}: ${issue.message}`;
      }
      return [error('schema/invalid-value', message)];
    }
    default:
      return [error('schema/invalid-value', `${where}: ${issue.message.replace(/\s+/g, ' ')}`)];
  }
}

/**
 * Validates RegisterTaskDefinition input (normally `unwrapTaskDefinitionJson(...).input`)
 * against the schema generated from the AWS API model, plus the service-enforced
 * container `name`/`image` requirement. Finding paths are JSON Pointers prefixed by
 * `basePointer` (pass the one returned by unwrapTaskDefinitionJson).
 *
 * Rule ids: schema/unknown-property (one per unknown key, path at the key),
 * schema/invalid-type, schema/required (path at the missing member),
 * schema/invalid-enum, schema/invalid-value (other constraints).
 */
export function validateRegisterTaskDefinition(input: unknown, basePointer = ''): ValidationResult {
  const parsed = RegisterTaskDefinitionInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const findings: SchemaFinding[] = [];
  for (const issue of parsed.error.issues) {
    findings.push(...issueToFindings(issue, input, basePointer, RegisterTaskDefinitionInputSchema));
  }
  return { ok: false, findings };
}
