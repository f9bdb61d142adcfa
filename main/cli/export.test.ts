import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeDesign, type Design } from '../../shared/model/document';
import { sequentialIds } from '../../shared/model/ids';
import { importTaskDefinition } from '../../shared/taskdef/import';
import { fileStem, taskDefinitionFileNames } from '../../shared/taskdef/fileNames';
import { cli, lines, useTempDir } from './testkit';

let dir: string;
useTempDir((d) => (dir = d));

const td = (family: string, extra: Record<string, unknown> = {}) => ({
  family,
  executionRoleArn: `arn:aws:iam::123456789012:role/${family}-exec`,
  containerDefinitions: [{ name: 'app', image: `example/${family}:1` }],
  ...extra,
});

/** A design holding the given task definitions, in order. */
function designOf(...taskdefs: Record<string, unknown>[]): Design {
  const ids = sequentialIds();
  let design: Design | undefined;
  for (const raw of taskdefs) {
    const r = importTaskDefinition(raw, design === undefined ? { ids } : { ids, into: design });
    if (!r.ok) throw new Error(JSON.stringify(r.findings));
    design = r.design;
  }
  if (!design) throw new Error('no task definitions');
  return design;
}

async function saveDesign(design: Design, name = 'app.ecsd.json'): Promise<string> {
  await writeFile(path.join(dir, name), serializeDesign(design));
  return name;
}

const read = async (...p: string[]) => JSON.parse(await readFile(path.join(dir, ...p), 'utf8')) as Record<string, unknown>;

describe('ecs-designer export --format taskdefs', () => {
  it('writes <family>.json per task definition: pretty JSON with a trailing newline, the directory created', async () => {
    await saveDesign(designOf(td('web'), td('worker')));
    const r = await cli(['export', 'app.ecsd.json', '--format', 'taskdefs', '-o', 'out/taskdefs'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      `wrote ${path.join('out/taskdefs', 'web.json')} (task definition "web")`,
      `wrote ${path.join('out/taskdefs', 'worker.json')} (task definition "worker")`,
    ]);
    expect((await readdir(path.join(dir, 'out/taskdefs'))).sort()).toEqual(['web.json', 'worker.json']);
    const text = await readFile(path.join(dir, 'out/taskdefs/web.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(td('web'), null, 2)}\n`);
  });

  it('task definitions sharing a family: family.json, family-2.json in design order, and says so', async () => {
    await saveDesign(designOf(td('web', { cpu: '256' }), td('api'), td('web', { cpu: '512' })));
    const r = await cli(['export', 'app.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((await readdir(path.join(dir, 'out'))).sort()).toEqual(['api.json', 'web-2.json', 'web.json']);
    expect((await read('out', 'web.json'))['cpu']).toBe('256');
    expect((await read('out', 'web-2.json'))['cpu']).toBe('512');
    expect(lines(r.stderr)).toEqual(['note: 2 task definitions have the family "web": their files are web.json, web-2.json (in design order)']);
  });

  it('replaces files of the same name on a second export', async () => {
    await saveDesign(designOf(td('web')));
    await mkdir(path.join(dir, 'out'));
    await writeFile(path.join(dir, 'out', 'web.json'), 'old');
    expect((await cli(['export', 'app.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir })).code).toBe(0);
    expect(await read('out', 'web.json')).toEqual(td('web'));
    expect(await readdir(path.join(dir, 'out'))).toEqual(['web.json']);
  });

  it('export errors: one line per problem naming node and path, exit 1, that task definition not written', async () => {
    const design = designOf(td('web'), td('api'));
    // The role of "web" is created by the design (a name, no ARN) and the design has no account id.
    const role = design.nodes.find((n) => n.kind === 'executionRole' && n.properties.arn?.endsWith('/web-exec'));
    if (!role || role.kind !== 'executionRole') throw new Error('no role');
    role.properties = { roleName: 'web-exec' };
    await saveDesign(design);
    const roleIndex = design.nodes.indexOf(role);
    const tdNode = design.nodes.find((n) => n.kind === 'taskDefinition' && n.properties.family === 'web');

    const r = await cli(['export', 'app.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([`wrote ${path.join('out', 'api.json')} (task definition "api")`]);
    expect(lines(r.stderr)).toEqual([
      `app.ecsd.json:/nodes/${roleIndex}/properties/roleName: error export/unresolved: task definition "web" (node ${tdNode?.id}): node ${role.id}: ` +
        'role "web-exec" is created by the design: set the design account id (settings.accountId) to export its ARN, or give the ARN of an existing role',
      'error: 1 task definition of app.ecsd.json could not be exported and was not written (1 file written)',
    ]);
    expect(await readdir(path.join(dir, 'out'))).toEqual(['api.json']);

    // With the account id known, it exports.
    design.settings.accountId = '123456789012';
    await saveDesign(design);
    expect((await cli(['export', 'app.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir })).code).toBe(0);
    expect((await read('out', 'web.json'))['executionRoleArn']).toBe('arn:aws:iam::123456789012:role/web-exec');
  });

  it('unknown formats: exit 2 naming the supported ones, nothing read or written', async () => {
    for (const format of ['xml', 'pulumi']) {
      const r = await cli(['export', 'missing.ecsd.json', '--format', format, '-o', 'out'], { cwd: dir });
      expect(r).toEqual({ code: 2, stdout: '', stderr: `error: unknown format ${format}; supported: cloudformation, terraform, cdk, taskdefs\n` });
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('an invalid design file: design/invalid-file findings with their path, exit 1, nothing written', async () => {
    const design = designOf(td('web'));
    await writeFile(path.join(dir, 'app.ecsd.json'), JSON.stringify({ ...design, edges: [{ id: 'e', kind: 'task-role', source: 'nope', target: 'nope' }] }));
    const r = await cli(['export', 'app.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^app\.ecsd\.json:\/edges\/0\/source: error design\/invalid-file: /),
      expect.stringMatching(/^app\.ecsd\.json:\/edges\/0\/target: error design\/invalid-file: /),
      'error: app.ecsd.json is not a valid design file; nothing was written',
    ]);
    expect(await readdir(dir)).toEqual(['app.ecsd.json']);
  });

  it('not JSON → input/invalid-json (exit 1); a task definition instead of a design → a hint to import (exit 1)', async () => {
    await writeFile(path.join(dir, 'bad.ecsd.json'), '{"schemaVersion": 1,\n');
    const bad = await cli(['export', 'bad.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.ecsd\.json: error input\/invalid-json: not valid JSON: .*\(line 2, column 1\)\n$/);

    await writeFile(path.join(dir, 'td.json'), JSON.stringify(td('web')));
    const wrong = await cli(['export', 'td.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir });
    expect(wrong).toEqual({ code: 1, stdout: '', stderr: 'error: td.json is a task definition, not a design file; create a design from it with "ecs-designer import td.json -o <design>.ecsd.json"\n' });
  });

  it('a design without task definitions: says so, writes nothing, exit 0', async () => {
    await writeFile(path.join(dir, 'empty.ecsd.json'), JSON.stringify({ schemaVersion: 1, id: 'd', name: 'empty', nodes: [], edges: [] }));
    const r = await cli(['export', 'empty.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: 'empty.ecsd.json has no task definitions; nothing was written\n', stderr: '' });
    expect(await readdir(dir)).toEqual(['empty.ecsd.json']);
  });

  it('I/O errors: missing design, output that is a file → one line, exit 2', async () => {
    expect(await cli(['export', 'nope.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: cannot read nope.ecsd.json: no such file or directory\n',
    });
    await saveDesign(designOf(td('web')));
    await writeFile(path.join(dir, 'out'), 'a file');
    const r = await cli(['export', 'app.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^error: cannot create directory out: /)]);
  });

  it('usage errors: missing --format or -o → exit 2 with a hint', async () => {
    for (const argv of [['export', 'a.ecsd.json', '-o', 'out'], ['export', 'a.ecsd.json', '--format', 'taskdefs'], ['export']]) {
      const r = await cli(argv, { cwd: dir });
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toEqual([expect.stringMatching(/^error: .*\(see "ecs-designer export --help"\)$/)]);
    }
  });
});

describe('export file names', () => {
  it('are portable and deterministic', () => {
    expect(fileStem('web')).toBe('web');
    expect(fileStem('<TASK_NAME>')).toBe('_TASK_NAME_');
    expect(fileStem('../../etc/passwd')).toBe('___.._etc_passwd');
    expect(fileStem('')).toBe('task-definition');
    expect(fileStem('CON')).toBe('CON_');
    expect(taskDefinitionFileNames(['web', 'web', 'web-2', 'Web', 'api'])).toEqual(['web.json', 'web-3.json', 'web-2.json', 'Web-4.json', 'api.json']);
  });

  it('a family that is not a portable file name is written under a safe name, with a note', async () => {
    await saveDesign(designOf(td('web'), { family: '<TASK_NAME>', containerDefinitions: [{ name: 'a', image: 'nginx' }] }));
    const r = await cli(['export', 'app.ecsd.json', '--format', 'taskdefs', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((await readdir(path.join(dir, 'out'))).sort()).toEqual(['_TASK_NAME_.json', 'web.json']);
    expect(lines(r.stderr)).toEqual(['note: family "<TASK_NAME>" is not a portable file name; its file is _TASK_NAME_.json']);
  });
});
