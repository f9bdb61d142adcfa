import { describe, expect, it } from 'vitest';
import { nodePropertiesJsonSchema } from '../model/jsonSchema';
import { NODE_KINDS } from '../model/nodes';
import { emptyValueOf, fieldAt, fieldsOf, friendlyReason, getIn, humanize, parseNumberInput, propertyPathOf, setIn, type FormField } from './formSchema';
import { locateJsonPath, positionAt } from '../jsonLocate';

describe('form schema', () => {
  it('labels keys for people', () => {
    expect(humanize('containerInsights')).toBe('Container insights');
    expect(humanize('cpu')).toBe('CPU');
    expect(humanize('taskRoleArn')).toBe('Task role ARN');
    expect(humanize('healthCheckGracePeriodSeconds')).toBe('Health check grace period seconds');
  });

  it('types every field of a task definition: text, select, list of objects, scalars before groups', () => {
    const fields = fieldsOf(nodePropertiesJsonSchema('taskDefinition'));
    const by = (k: string) => fields.find((f) => f.key === k);
    expect(by('family')).toMatchObject({ type: 'text', required: true });
    expect(by('networkMode')).toMatchObject({ type: 'select', options: ['bridge', 'host', 'awsvpc', 'none'] });
    expect(by('cpu')?.type).toBe('text');
    const volumes = by('volumes');
    expect(volumes?.type).toBe('list');
    expect(volumes?.type === 'list' && volumes.item.type).toBe('object');
    const firstGroup = fields.findIndex((f) => !['text', 'number', 'select', 'checkbox'].includes(f.type));
    expect(fields.slice(firstGroup).every((f) => !['text', 'number', 'select', 'checkbox'].includes(f.type))).toBe(true);
  });

  it('string maps are key/value fields, booleans checkboxes, integers numbers with bounds', () => {
    const fields = fieldsOf(nodePropertiesJsonSchema('asgCapacityProvider'));
    expect(fields.find((f) => f.key === 'ecsConfig')).toMatchObject({ type: 'map', keyPattern: '^ECS_[A-Z0-9_]+$', value: { type: 'text' } });
    const scaling = fields.find((f) => f.key === 'managedScaling');
    expect(scaling?.type).toBe('object');
    expect(scaling?.type === 'object' && scaling.fields.find((f) => f.key === 'targetCapacity')).toMatchObject({ type: 'number', integer: true, minimum: 1, maximum: 100 });
    expect(fieldsOf(nodePropertiesJsonSchema('cluster')).find((f) => f.key === 'existing')?.type).toBe('checkbox');
  });

  it('every kind gives a form, with a label and no untyped field but unions', () => {
    const walk = (f: FormField, out: FormField[]): void => {
      out.push(f);
      if (f.type === 'object') f.fields.forEach((c) => walk(c, out));
      if (f.type === 'list') walk(f.item, out);
      if (f.type === 'map') walk(f.value, out);
    };
    for (const kind of NODE_KINDS) {
      const all: FormField[] = [];
      fieldsOf(nodePropertiesJsonSchema(kind)).forEach((f) => walk(f, all));
      expect(all.length).toBeGreaterThan(0);
      expect(all.filter((f) => f.key !== '').every((f) => f.label.length > 0)).toBe(true);
    }
  });

  it('sets and clears values immutably, dropping emptied groups', () => {
    const v = { a: 1, b: { c: 'x' }, l: [{ n: 1 }, { n: 2 }] };
    expect(setIn(v, ['b', 'c'], 'y')).toEqual({ a: 1, b: { c: 'y' }, l: v.l });
    expect(setIn(v, ['b', 'c'], undefined)).toEqual({ a: 1, l: v.l });
    expect(setIn(v, ['l', 1, 'n'], 5)).toEqual({ ...v, l: [{ n: 1 }, { n: 5 }] });
    expect(setIn(v, ['l', 0], undefined)).toEqual({ ...v, l: [{ n: 2 }] });
    expect(setIn(v, ['x', 'y'], true)).toEqual({ ...v, x: { y: true } });
    expect(v).toEqual({ a: 1, b: { c: 'x' }, l: [{ n: 1 }, { n: 2 }] });
    expect(getIn(v, ['l', 1, 'n'])).toBe(2);
    expect(getIn(v, ['z', 1])).toBeUndefined();
  });

  it('finds the field of a path: object members, list items, map values', () => {
    const fields = fieldsOf(nodePropertiesJsonSchema('container'));
    expect(fieldAt(fields, ['portMappings', 0, 'containerPort'])).toMatchObject({ key: 'containerPort', type: 'number' });
    expect(fieldAt(fields, ['dockerLabels', 'team'])).toMatchObject({ type: 'text' });
    expect(fieldAt(fields, ['healthCheck', 'command'])?.type).toBe('list');
    expect(fieldAt(fields, ['readonlyRootFilesystem'])?.type).toBe('checkbox');
    expect(fieldAt(fields, ['nope'])).toBeUndefined();
    expect(fieldAt(fields, ['portMappings', 'x'])).toBeUndefined();
  });

  it('says a refusal in plain words under its field', () => {
    expect(friendlyReason('/clusterName: Too small: expected string to have >=1 characters', ['clusterName'])).toBe('Required: must not be empty');
    expect(friendlyReason('/portMappings/0/containerPort: Too big: expected number to be <=65535', ['portMappings', 0, 'containerPort'])).toBe('Must be at most 65535');
    expect(friendlyReason('/other: Invalid input', ['clusterName'])).toBe('/other: Invalid input');
  });

  it('a new list row is valid where it can be: a tag starts with a key', () => {
    const tags = fieldsOf(nodePropertiesJsonSchema('cluster')).find((f) => f.key === 'tags');
    expect(tags?.type === 'list' && emptyValueOf(tags.item)).toEqual({ key: 'key', value: '' });
  });

  it('parses number inputs', () => {
    expect(parseNumberInput('', true)).toEqual({ ok: true, value: undefined });
    expect(parseNumberInput(' 42 ', true)).toEqual({ ok: true, value: 42 });
    expect(parseNumberInput('1.5', true).ok).toBe(false);
    expect(parseNumberInput('1.5', false)).toEqual({ ok: true, value: 1.5 });
    expect(parseNumberInput('abc', false).ok).toBe(false);
  });

  it('maps a finding path to a property path of the node', () => {
    expect(propertyPathOf('/nodes/3/properties/cpu', 3)).toEqual(['cpu']);
    expect(propertyPathOf('/nodes/3/properties/portMappings/0/hostPort', 3)).toEqual(['portMappings', 0, 'hostPort']);
    expect(propertyPathOf('/nodes/3/properties/dockerLabels/a~1b', 3)).toEqual(['dockerLabels', 'a/b']);
    expect(propertyPathOf('/nodes/3/properties', 3)).toEqual([]);
    expect(propertyPathOf('/nodes/31/properties/cpu', 3)).toBeUndefined();
    expect(propertyPathOf('/edges/0', 3)).toBeUndefined();
  });
});

describe('locating a path in JSON text', () => {
  const text = JSON.stringify({ family: 'web', cpu: '256', containerDefinitions: [{ name: 'app', portMappings: [{ containerPort: 80 }] }], tags: {} }, null, 2);

  it('finds a member from its key to the end of its value', () => {
    const r = locateJsonPath(text, ['cpu'])!;
    expect(text.slice(r.start, r.end)).toBe('"cpu": "256"');
  });

  it('walks arrays by index', () => {
    const r = locateJsonPath(text, ['containerDefinitions', 0, 'portMappings', 0, 'containerPort'])!;
    expect(text.slice(r.start, r.end)).toBe('"containerPort": 80');
    const item = locateJsonPath(text, ['containerDefinitions', 0])!;
    expect(text.slice(item.start, item.start + 1)).toBe('{');
  });

  it('falls back to the deepest existing member for a missing one, the root brace for a missing top-level one', () => {
    const r = locateJsonPath(text, ['containerDefinitions', 0, 'healthCheck', 'command'])!;
    expect(text.slice(r.start, r.end)).toBe('{');
    const k = locateJsonPath(text, ['containerDefinitions', 0, 'portMappings', 3])!;
    expect(text.slice(k.start, k.end)).toBe('"portMappings"');
    expect(locateJsonPath(text, ['memory'])).toEqual({ start: 0, end: 1 });
    expect(locateJsonPath(text, [])).toEqual({ start: 0, end: 1 });
  });

  it('keys with escapes, and text that is not JSON', () => {
    const t = '{"a\\"b": {"x/y": [1, 2, true]}}';
    const r = locateJsonPath(t, ['a"b', 'x/y', 2])!;
    expect(t.slice(r.start, r.end)).toBe('true');
    expect(locateJsonPath('{"a": ', ['a'])).toBeUndefined();
    expect(locateJsonPath('{"a": 1,}', ['a'])).toBeUndefined();
  });

  it('converts offsets to line and column', () => {
    const r = locateJsonPath(text, ['cpu'])!;
    expect(positionAt(text, r.start)).toEqual({ lineNumber: 3, column: 3 });
    expect(positionAt('abc', 0)).toEqual({ lineNumber: 1, column: 1 });
  });
});
