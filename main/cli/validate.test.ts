import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, cli, lines, useTempDir } from './testkit';

let dir: string;
useTempDir((d) => (dir = d));

/** Clean under every rule (no errors, warnings or info). */
const VALID_TD = { family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx:1.27', essential: true, memory: 512, readonlyRootFilesystem: true, portMappings: [{ containerPort: 80 }] }] };

async function put(name: string, content: unknown): Promise<string> {
  await writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return name;
}

type JsonOutput = { findings: { rule: string; severity: string; message: string; file: string; path: string }[] };

describe('ecs-designer validate', () => {
  it('a valid task definition: no findings, a summary, exit 0', async () => {
    await put('td.json', VALID_TD);
    const r = await cli(['validate', 'td.json'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '0 errors, 0 warnings, 0 info in 1 file\n', stderr: '' });
  });

  it('malformed JSON: an input/invalid-json finding with line and column, exit 1, no crash', async () => {
    await put('broken.json', '{\n  "family": "web",\n  containerDefinitions: []\n}\n');
    const r = await cli(['validate', 'broken.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const [line, summary] = lines(r.stdout);
    expect(line).toMatch(/^broken\.json: error input\/invalid-json: not valid JSON: .*\(line 3, column 3\)$/);
    expect(summary).toBe('1 error, 0 warnings, 0 info in 1 file');
  });

  it('empty and truncated files are invalid JSON too', async () => {
    await put('empty.json', '');
    await put('cut.json', '{"family": "web", "containerDefinitions": [');
    const r = await cli(['validate', 'empty.json', 'cut.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as JsonOutput;
    expect(out.findings.map((f) => [f.file, f.rule])).toEqual([
      ['empty.json', 'input/invalid-json'],
      ['cut.json', 'input/invalid-json'],
    ]);
    for (const f of out.findings) expect(f.message).toMatch(/\(line \d+, column \d+\)/);
  });

  it('an unknown container property: its JSON Pointer, exit 1', async () => {
    await put('td.json', { ...VALID_TD, containerDefinitions: [{ ...VALID_TD.containerDefinitions[0], imagePullPolicy: 'Always' }] });
    const r = await cli(['validate', 'td.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stdout)[0]).toMatch(/^td\.json:\/containerDefinitions\/0\/imagePullPolicy: error schema\/unknown-property: .*imagePullPolicy/);
  });

  it('a wrong type: schema/invalid-type at the value', async () => {
    await put('td.json', { ...VALID_TD, containerDefinitions: [{ ...VALID_TD.containerDefinitions[0], portMappings: [{ containerPort: 80, hostPort: '80' }] }] });
    const r = await cli(['validate', 'td.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as JsonOutput).findings).toEqual([
      { rule: 'schema/invalid-type', severity: 'error', message: expect.stringContaining('expected integer') as unknown as string, file: 'td.json', path: '/containerDefinitions/0/portMappings/0/hostPort' },
    ]);
  });

  it('missing required fields and enum values', async () => {
    await put('td.json', { networkMode: 'weird', containerDefinitions: [{ name: 'app' }] });
    const r = await cli(['validate', 'td.json', '--format', 'json'], { cwd: dir });
    const found = (JSON.parse(r.stdout) as JsonOutput).findings.map((f) => `${f.rule} ${f.path}`);
    expect(found).toEqual(expect.arrayContaining(['schema/required /family', 'schema/required /containerDefinitions/0/image', 'schema/invalid-enum /networkMode']));
    expect(r.code).toBe(1);
  });

  it('describe-task-definition output: paths point into the wrapper (/taskDefinition/…), top-level tags at /tags', async () => {
    await put('describe.json', {
      taskDefinition: { ...VALID_TD, taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3', revision: 3, status: 'ACTIVE', cpu: 256 },
      tags: [{ key: 'team', value: 7 }],
    });
    const r = await cli(['validate', 'describe.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const paths = (JSON.parse(r.stdout) as JsonOutput).findings.map((f) => f.path).sort();
    expect(paths).toEqual(['/taskDefinition/cpu', '/tags/0/value'].sort());
  });

  it('JSON output is exactly {"findings":[{rule,severity,message,file,path}]}, all files together, file as given', async () => {
    await put('a.json', { ...VALID_TD, family: 7 });
    await put('b.json', { ...VALID_TD, bogus: true });
    await put('ok.json', VALID_TD);
    const r = await cli(['validate', 'a.json', 'ok.json', `./b.json`, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as JsonOutput;
    expect(Object.keys(out)).toEqual(['findings']);
    expect(out.findings.map((f) => Object.keys(f))).toEqual([
      ['rule', 'severity', 'message', 'file', 'path'],
      ['rule', 'severity', 'message', 'file', 'path'],
    ]);
    expect(out.findings.map((f) => [f.file, f.path, f.severity])).toEqual([
      ['a.json', '/family', 'error'],
      ['./b.json', '/bogus', 'error'],
    ]);
  });

  it('JSON output with no findings is {"findings":[]}, exit 0', async () => {
    await put('td.json', VALID_TD);
    const r = await cli(['validate', '--format', 'json', 'td.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ findings: [] });
  });

  it('design files: a valid one passes, an invalid one gives design/invalid-file findings with their path', async () => {
    await put('td.json', VALID_TD);
    expect((await cli(['import', 'td.json', '-o', 'app.ecsd.json'], { cwd: dir })).code).toBe(0);
    expect(await cli(['validate', 'app.ecsd.json'], { cwd: dir })).toMatchObject({ code: 0, stdout: '0 errors, 0 warnings, 0 info in 1 file\n' });

    const design = JSON.parse(await readFile(path.join(dir, 'app.ecsd.json'), 'utf8')) as { nodes: { id: string }[]; name: unknown };
    design.name = 42;
    await put('bad.ecsd.json', design);
    const r = await cli(['validate', 'bad.ecsd.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as JsonOutput).findings).toEqual([expect.objectContaining({ rule: 'design/invalid-file', severity: 'error', file: 'bad.ecsd.json', path: '/name' })]);
  });

  it('a design from a newer version of the app is refused with a finding at /schemaVersion', async () => {
    await put('future.ecsd.json', { schemaVersion: 999, id: 'd', name: 'x', nodes: [], edges: [] });
    const r = await cli(['validate', 'future.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stdout)[0]).toMatch(/^future\.ecsd\.json:\/schemaVersion: error design\/invalid-file: /);
  });

  it('anything else is input/unknown-format', async () => {
    await put('compose.json', { services: { web: { image: 'nginx' } } });
    await put('list.json', [1, 2]);
    const r = await cli(['validate', 'compose.json', 'list.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([
      expect.stringMatching(/^compose\.json: error input\/unknown-format: a JSON object that is neither a design file/),
      expect.stringMatching(/^list\.json: error input\/unknown-format: a JSON array/),
      '2 errors, 0 warnings, 0 info in 2 files',
    ]);
  });

  it('a leading byte-order mark is accepted', async () => {
    await put('bom.json', `\uFEFF${JSON.stringify(VALID_TD)}`);
    expect((await cli(['validate', 'bom.json'], { cwd: dir })).code).toBe(0);
  });

  it('a missing file: one line naming it, exit 2', async () => {
    const r = await cli(['validate', 'nope.json'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: cannot read nope.json: no such file or directory\n' });
  });

  it('a missing file among others: the others are still checked, exit 2 wins over 1', async () => {
    await put('bad.json', '{');
    const r = await cli(['validate', 'bad.json', 'nope.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['error: cannot read nope.json: no such file or directory']);
    expect(lines(r.stdout)).toEqual([expect.stringMatching(/^bad\.json: error input\/invalid-json/), '1 error, 0 warnings, 0 info in 1 file']);
  });

  it('a directory or an unreadable file is an I/O error, exit 2', async () => {
    expect(await cli(['validate', '.'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'error: cannot read .: it is a directory, not a file\n' });
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    const r = await cli(['validate', 'secret.json'], { cwd: dir, fs: { readFile: () => Promise.reject(denied) } });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: cannot read secret.json: permission denied\n' });
  });

  it('usage errors exit 2 with one line and a hint to --help', async () => {
    await put('td.json', VALID_TD);
    for (const argv of [['validate'], ['validate', 'td.json', '--format', 'xml'], ['validate', 'td.json', '--strict']]) {
      const r = await cli(argv, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toEqual([expect.stringMatching(/^error: .*\(see "ecs-designer validate --help"\)$/)]);
    }
  });

  it('the summary counts errors, warnings and info over all files', async () => {
    await put('a.json', { ...VALID_TD, x: 1, y: 2 });
    await put('b.json', VALID_TD);
    const r = await cli(['validate', 'a.json', 'b.json'], { cwd: dir });
    expect(lines(r.stdout).at(-1)).toBe('2 errors, 0 warnings, 0 info in 2 files');
  });

  it('corpus task definitions that AWS accepts validate without errors', async () => {
    const files = ['aws-samples__ecs-firelens__appmesh-envoy.json', 'infinitybase__bako-safe-api__stg-socket-describe-arm64.json'];
    const r = await cli(['validate', ...files.map((f) => path.join(CORPUS_DIR, 'taskdefs', f))], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout).at(-1)).toMatch(/^0 errors, \d+ warnings?, \d+ info in 2 files$/);
  });
});
