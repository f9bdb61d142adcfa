import { z } from 'zod';
import { NODE_KINDS, NODE_PROPERTY_SCHEMAS, type NodeKind } from './nodes';
import { DesignDocumentSchema } from './document';

export type JsonSchema = Record<string, unknown>;

const cache = new Map<string, JsonSchema>();

/**
 * JSON Schema (draft 2020-12) of a node kind's properties, generated from its zod schema — what the inspector's
 * Monaco editor uses for completion, hover help and validation. Input form: properties with defaults are optional.
 */
export function nodePropertiesJsonSchema(kind: NodeKind): JsonSchema {
  const hit = cache.get(kind);
  if (hit) return hit;
  const schema = z.toJSONSchema(NODE_PROPERTY_SCHEMAS[kind], { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  schema['title'] = kind;
  cache.set(kind, schema);
  return schema;
}

export function allNodePropertiesJsonSchemas(): Record<NodeKind, JsonSchema> {
  return Object.fromEntries(NODE_KINDS.map((k) => [k, nodePropertiesJsonSchema(k)])) as Record<NodeKind, JsonSchema>;
}

/** JSON Schema of a whole design file. */
export function designJsonSchema(): JsonSchema {
  const hit = cache.get('$design');
  if (hit) return hit;
  const schema = z.toJSONSchema(DesignDocumentSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  cache.set('$design', schema);
  return schema;
}
