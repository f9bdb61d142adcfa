import { describe, expect, it } from 'vitest';
import { allNodePropertiesJsonSchemas, designJsonSchema, nodePropertiesJsonSchema } from './jsonSchema';
import { NODE_KINDS } from './nodes';

describe('JSON Schemas generated from the zod model', () => {
  it('exists for every node kind and describes an object', () => {
    const all = allNodePropertiesJsonSchemas();
    expect(Object.keys(all).sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) expect(all[kind]['type']).toBe('object');
  });

  it('carries AWS field documentation and enums for the container kind', () => {
    const schema = nodePropertiesJsonSchema('container') as { properties: Record<string, { description?: string }>; additionalProperties: unknown };
    expect(schema.properties['memoryReservation']?.description).toMatch(/soft limit/i);
    expect(schema.properties['imageTag']?.description).toMatch(/tag/i);
    expect(schema.properties['secrets']).toBeUndefined(); // secrets are edges to secret nodes
    expect(schema.additionalProperties).toBe(false);
    const td = nodePropertiesJsonSchema('taskDefinition') as { properties: Record<string, { enum?: string[] }> };
    expect(td.properties['networkMode']?.enum).toEqual(['bridge', 'host', 'awsvpc', 'none']);
  });

  it('makes defaulted properties optional (input form)', () => {
    const schema = nodePropertiesJsonSchema('cluster') as { required?: string[] };
    expect(schema.required).toEqual(['clusterName']);
  });

  it('describes a whole design file', () => {
    const schema = designJsonSchema() as { required?: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'nodes', 'edges']));
  });
});
