import { describe, expect, it } from 'vitest';
import { makeNode } from './catalog';
import { emptyDesign, parseDesignText, serializeDesign, type Design } from './document';
import { CURRENT_SCHEMA_VERSION } from './migrations';

function design(): Design {
  const d = emptyDesign('design-1', 'Shop');
  d.nodes.push(makeNode('taskDefinition', 'td', { family: 'web' }, { position: { x: 10, y: 20 } }));
  d.nodes.push(makeNode('container', 'c1', { name: 'app', image: 'nginx:1.27' }, { parentId: 'td' }));
  d.nodes.push(makeNode('taskRole', 'role', { roleName: 'web-task' }));
  d.edges.push({ id: 'e1', kind: 'task-role', source: 'td', target: 'role' });
  return d;
}

const text = (d: unknown) => JSON.stringify(d, null, 2);

describe('design files', () => {
  it('save and load give back the same design', () => {
    const d = design();
    const loaded = parseDesignText(serializeDesign(d));
    expect(loaded).toEqual({ ok: true, design: d });
  });

  it('fill schema defaults on load', () => {
    const raw = JSON.parse(serializeDesign(design()));
    raw.nodes.push({ id: 'cl', kind: 'cluster', position: { x: 0, y: 0 }, properties: { clusterName: 'prod' } });
    const loaded = parseDesignText(text(raw));
    expect(loaded.ok && loaded.design.nodes.at(-1)?.properties).toEqual({ clusterName: 'prod', containerInsights: 'enabled' });
  });

  it('report invalid JSON with line and column', () => {
    const result = parseDesignText('{\n  "schemaVersion": 1,\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.message).toMatch(/not valid JSON: .*\(line 3, column 1\)/);
  });

  it('name the JSON path of an unknown property, a wrong type and a bad enum', () => {
    const raw = JSON.parse(serializeDesign(design()));
    raw.nodes[1].properties.imagePullPolicy = 'Always';
    raw.nodes[0].properties.cpu = 256;
    raw.nodes[0].properties.networkMode = 'nat';
    const result = parseDesignText(text(raw));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
    expect(byPath['/nodes/1/properties']).toMatch(/unknown property "imagePullPolicy"/);
    expect(byPath['/nodes/0/properties/cpu']).toMatch(/string/);
    expect(byPath['/nodes/0/properties/networkMode']).toMatch(/awsvpc/);
  });

  it('reject an unknown node kind at its path', () => {
    const raw = JSON.parse(serializeDesign(design()));
    raw.nodes[2].kind = 'lambdaFunction';
    const result = parseDesignText(text(raw));
    expect(result.ok === false && result.errors.map((e) => e.path)).toContain('/nodes/2/kind');
  });

  it('refuse a newer schemaVersion with a clear message', () => {
    const raw = JSON.parse(serializeDesign(design()));
    raw.schemaVersion = CURRENT_SCHEMA_VERSION + 1;
    const result = parseDesignText(text(raw));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ path: '/schemaVersion', message: expect.stringMatching(/newer ECS Designer/) }]);
  });

  it('reject dangling edges, edges of the wrong kinds, duplicate ids and orphan containers', () => {
    const raw = JSON.parse(serializeDesign(design()));
    raw.edges.push({ id: 'e2', kind: 'execution-role', source: 'td', target: 'nope' });
    raw.edges.push({ id: 'e3', kind: 'execution-role', source: 'td', target: 'role' });
    raw.edges.push({ id: 'e1', kind: 'task-role', source: 'td', target: 'role' });
    raw.nodes.push({ ...raw.nodes[1], id: 'c2', parentId: 'role' });
    raw.nodes.push({ ...raw.nodes[2] });
    const result = parseDesignText(text(raw));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: '/edges/1/target', message: expect.stringMatching(/does not exist \("nope"\)/) },
        { path: '/edges/2/kind', message: expect.stringMatching(/joins taskDefinition to executionRole, not taskDefinition to taskRole/) },
        { path: '/edges/3/id', message: 'duplicate edge id "e1"' },
        { path: '/edges/3', message: expect.stringMatching(/only 1 "task-role" connection/) },
        { path: '/nodes/3/parentId', message: expect.stringMatching(/is a taskRole, not a task definition/) },
        { path: '/nodes/4/id', message: 'duplicate node id "role"' },
      ]),
    );
  });

  it('reject content that is not a design object', () => {
    for (const t of ['[]', '"x"', 'null']) {
      const r = parseDesignText(t);
      expect(r.ok === false && r.errors[0]?.message).toMatch(/JSON object/);
    }
  });
});
