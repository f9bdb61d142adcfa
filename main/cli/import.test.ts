import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expectedRegisterInput } from '../../shared/test-support/taskdefs';
import { describe, expect, it } from 'vitest';
import { parseDesignText } from '../../shared/model/document';
import { CORPUS_DIR, cli, lines, useTempDir } from './testkit';

let dir: string;
useTempDir((d) => (dir = d));


const corpus = (name: string) => path.join(CORPUS_DIR, 'taskdefs', name);

describe('ecs-designer import → export', () => {
  for (const name of [
    'aws-samples__ecs-firelens__appmesh-envoy.json',
    'kayac__ecspresso__td-in-tags.json',
    'infinitybase__bako-safe-api__stg-socket-describe-arm64.json',
  ]) {
    it(`${name}: export reproduces the imported task definition (minus read-only fields)`, async () => {
      const raw = JSON.parse(await readFile(corpus(name), 'utf8')) as Record<string, unknown>;
      const imported = await cli(['import', corpus(name), '-o', 'app.ecsd.json'], { cwd: dir });
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      const family = String(expectedRegisterInput(raw)['family']);
      expect(imported.stdout).toContain(`Imported task definition "${family}"`);
      expect(parseDesignText(await readFile(path.join(dir, 'app.ecsd.json'), 'utf8')).ok).toBe(true);

      const exported = await cli(['export', 'app.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir });
      expect(exported.stderr).toBe('');
      expect(exported.code).toBe(0);
      expect(await readdir(path.join(dir, 'out'))).toEqual([`${family}.json`]);
      const text = await readFile(path.join(dir, 'out', `${family}.json`), 'utf8');
      expect(JSON.parse(text)).toStrictEqual(expectedRegisterInput(raw));
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    });
  }
});

describe('ecs-designer import', () => {
  const TD = { family: 'web', executionRoleArn: 'arn:aws:iam::123456789012:role/exec', containerDefinitions: [{ name: 'app', image: 'nginx:1.27' }] };

  it('prints what was created, including dropped read-only fields of describe output', async () => {
    await writeFile(path.join(dir, 'describe.json'), JSON.stringify({ taskDefinition: { ...TD, revision: 4, status: 'ACTIVE' } }));
    const r = await cli(['import', 'describe.json', '-o', 'web.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'Imported task definition "web" (1 container) from describe.json into web.ecsd.json',
      '  dropped read-only fields: revision, status',
      '  created nodes:',
      '    executionRole: arn:aws:iam::123456789012:role/exec',
      '    externalImage: nginx',
    ]);
  });

  it('names the design after the family, or --name', async () => {
    await writeFile(path.join(dir, 'td.json'), JSON.stringify(TD));
    await cli(['import', 'td.json', '-o', 'a.ecsd.json'], { cwd: dir });
    await cli(['import', 'td.json', '-o', 'b.ecsd.json', '--name', 'Shop'], { cwd: dir });
    const name = async (f: string) => (JSON.parse(await readFile(path.join(dir, f), 'utf8')) as { name: string }).name;
    expect(await name('a.ecsd.json')).toBe('web');
    expect(await name('b.ecsd.json')).toBe('Shop');
  });

  it('refuses to overwrite an existing design unless --force', async () => {
    await writeFile(path.join(dir, 'td.json'), JSON.stringify(TD));
    await writeFile(path.join(dir, 'web.ecsd.json'), 'precious');
    const r = await cli(['import', 'td.json', '-o', 'web.ecsd.json'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: web.ecsd.json already exists; use --force to overwrite it\n' });
    expect(await readFile(path.join(dir, 'web.ecsd.json'), 'utf8')).toBe('precious');

    const forced = await cli(['import', 'td.json', '-o', 'web.ecsd.json', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(parseDesignText(await readFile(path.join(dir, 'web.ecsd.json'), 'utf8')).ok).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['td.json', 'web.ecsd.json']);
  });

  it('schema errors: printed as findings (file:path: …), exit 1, nothing written', async () => {
    await writeFile(path.join(dir, 'td.json'), JSON.stringify({ ...TD, containerDefinitions: [{ name: 'app', image: 'nginx', imagePullPolicy: 'Always', memory: '512' }] }));
    const r = await cli(['import', 'td.json', '-o', 'web.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const out = lines(r.stderr);
    expect(out.slice(0, 2).sort()).toEqual([
      expect.stringMatching(/^td\.json:\/containerDefinitions\/0\/imagePullPolicy: error schema\/unknown-property: /),
      expect.stringMatching(/^td\.json:\/containerDefinitions\/0\/memory: error schema\/invalid-type: /),
    ]);
    expect(out.slice(2)).toEqual(['error: td.json was not imported (2 problems); nothing was written']);
    expect(await readdir(dir)).toEqual(['td.json']);
  });

  it('a template with placeholders in enum fields: the error names the field', async () => {
    const file = corpus('aws-samples__container-insights__cwagent-prometheus-templated.json');
    const r = await cli(['import', file, '-o', 'x.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:/networkMode: error schema/invalid-enum: `);
    expect(r.stderr).toContain('{{networkmode}}');
  });

  it('not JSON, or not a task definition: one finding, exit 1', async () => {
    await writeFile(path.join(dir, 'broken.json'), '{"family": "web",,}');
    const broken = await cli(['import', 'broken.json', '-o', 'x.ecsd.json'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(lines(broken.stderr)).toEqual([expect.stringMatching(/^broken\.json: error input\/invalid-json: not valid JSON: .*\(line 1, column \d+\)$/)]);

    await writeFile(path.join(dir, 'cfn.json'), JSON.stringify({ Resources: {} }));
    const cfn = await cli(['import', 'cfn.json', '-o', 'x.ecsd.json', '--format', 'taskdef'], { cwd: dir });
    expect(cfn.code).toBe(1);
    expect(cfn.stderr).toMatch(/^cfn\.json: error schema\/not-a-task-definition: Not an ECS task definition.*CloudFormation/);
    // Detected as a template (the default --format auto): refused for having nothing to import.
    const auto = await cli(['import', 'cfn.json', '-o', 'x.ecsd.json'], { cwd: dir });
    expect(auto.code).toBe(1);
    expect(lines(auto.stderr)).toEqual(['cfn.json: error import/cloudformation: the CloudFormation template defines no resources', 'error: cfn.json was not imported; nothing was written']);
    expect((await readdir(dir)).sort()).toEqual(['broken.json', 'cfn.json']);
  });

  it('a missing input file or an unwritable output: one line, exit 2', async () => {
    expect(await cli(['import', 'nope.json', '-o', 'x.ecsd.json'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'error: cannot read nope.json: no such file or directory\n' });
    await writeFile(path.join(dir, 'td.json'), JSON.stringify(TD));
    expect(await cli(['import', 'td.json', '-o', 'no/such/dir/x.ecsd.json'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: cannot write no/such/dir/x.ecsd.json: no such file or directory\n',
    });
  });

  it('notes an output name without the design-file extension', async () => {
    await writeFile(path.join(dir, 'td.json'), JSON.stringify(TD));
    const r = await cli(['import', 'td.json', '-o', 'web.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('note: design files normally end in .ecsd.json\n');
  });

  it('usage errors: missing -o, missing file argument, extra argument → exit 2 with a hint', async () => {
    for (const argv of [['import', 'td.json'], ['import', '-o', 'x.ecsd.json'], ['import', 'a.json', 'b.json', '-o', 'x.ecsd.json']]) {
      const r = await cli(argv, { cwd: dir });
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toEqual([expect.stringMatching(/^error: .*\(see "ecs-designer import --help"\)$/)]);
    }
  });
});
