import { describe, expect, it } from 'vitest';
import { corpusFiles } from '../test-support/corpus';
import { detectFormat } from './detect';
import { composeProjectName, importFile } from './index';

describe('detectFormat', () => {
  it('knows every corpus file by its content', () => {
    for (const f of corpusFiles('compose')) expect(detectFormat(f.text), f.name).toMatchObject({ ok: true, format: 'compose' });
    for (const f of corpusFiles('cloudformation')) expect(detectFormat(f.text), f.name).toMatchObject({ ok: true, format: 'cloudformation' });
    for (const f of corpusFiles('taskdefs')) expect(detectFormat(f.text), f.name).toMatchObject({ ok: true, format: 'taskdef' });
  });

  it('compose files written as JSON, describe-task-definition output, templates without a version line', () => {
    expect(detectFormat('{"services": {"web": {"image": "nginx"}}}')).toMatchObject({ ok: true, format: 'compose' });
    expect(detectFormat('{"taskDefinition": {"containerDefinitions": []}}')).toMatchObject({ ok: true, format: 'taskdef' });
    expect(detectFormat('AWSTemplateFormatVersion: "2010-09-09"\n')).toMatchObject({ ok: true, format: 'cloudformation' });
  });

  it('syntax errors carry line and column; anything else is named', () => {
    expect(detectFormat('{\n "a": [1,,]\n}')).toEqual({ ok: false, line: 2, column: 10, message: "not valid JSON: Unexpected token ',' (line 2, column 10)" });
    expect(detectFormat('a: b\n c: d\n')).toMatchObject({ ok: false, line: 1, column: 4, message: expect.stringMatching(/^not valid YAML: .*\(line 1, column 4\)$/) });
    expect(detectFormat('- a\n- b\n')).toMatchObject({ ok: false, message: expect.stringMatching(/holds a list/) });
    expect(detectFormat('kind: Deployment\n')).toMatchObject({ ok: false, message: expect.stringMatching(/^not a task definition .*, docker-compose file .* or CloudFormation template/) });
  });
});

describe('importFile', () => {
  it('compose project names: the folder of docker-compose.yml / compose.yaml, else the file name', () => {
    expect(composeProjectName('/home/me/shop/docker-compose.yml')).toBe('shop');
    expect(composeProjectName('C:\\work\\shop\\compose.prod.yaml')).toBe('shop');
    expect(composeProjectName('compose.yaml')).toBe('compose');
    expect(composeProjectName('/x/voting-stack.yml')).toBe('voting-stack');
    const r = importFile('services:\n  web: {build: .}\n', { fileName: '/home/me/Shop App/docker-compose.yml' });
    expect(r).toMatchObject({ ok: true, design: { name: 'shop-app' } });
  });

  it('routes to the importer of the detected format and names the design after the file', () => {
    const compose = importFile('services:\n  web: {image: nginx}\n', { fileName: '/x/shop.compose.yml' });
    expect(compose).toMatchObject({ ok: true, format: 'compose', design: { name: 'shop-compose' } });
    const td = importFile(JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'a', image: 'nginx' }], revision: 3 }), { fileName: 'web.json' });
    expect(td).toMatchObject({ ok: true, format: 'taskdef', design: { name: 'web' }, report: [{ path: 'revision', severity: 'info' }] });
    expect(importFile('services:\n  web: {image: nginx}\n', { format: 'cloudformation' })).toMatchObject({ ok: false, message: 'not a CloudFormation template: it has no "Resources" map' });
  });
});
