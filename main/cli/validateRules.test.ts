import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveJsonPointer } from '../../shared/jsonPointer';
import { parseDesignText } from '../../shared/model/document';
import { locateJsonPointer } from '../../shared/jsonLocate';
import { SARIF_SCHEMA } from './sarif';
import { CORPUS_DIR, cli, lines, useTempDir } from './testkit';
import { cliVersion } from './version';

let dir: string;
useTempDir((d) => (dir = d));

/** A Fargate task definition whose only problem is its size: 256 CPU units allow at most 2048 MiB, not 4096. */
const FARGATE_TD = {
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '4096',
  containerDefinitions: [{ name: 'app', image: 'nginx:1.27', essential: true, readonlyRootFilesystem: true, portMappings: [{ containerPort: 80 }] }],
};

async function put(name: string, content: unknown): Promise<string> {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return name;
}
const read = (name: string) => readFile(path.join(dir, name), 'utf8');

type JsonOutput = { findings: { rule: string; severity: string; message: string; file: string; path: string }[] };

describe('validate runs the rule catalog', () => {
  it('a task-definition file gets rule findings (fargate/task-size at /memory), exit 1', async () => {
    await put('td.json', FARGATE_TD);
    const r = await cli(['validate', 'td.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as JsonOutput;
    expect(out.findings.map((f) => [f.rule, f.severity, f.path])).toEqual([['fargate/task-size', 'error', '/memory']]);
    // JSON output keeps exactly its five keys; docUrl, nodeId and fixes stay out of it.
    expect(Object.keys(out.findings[0] ?? {})).toEqual(['rule', 'severity', 'message', 'file', 'path']);
  });

  it('describe-task-definition output: rule findings point under /taskDefinition', async () => {
    await put('describe.json', { taskDefinition: { ...FARGATE_TD, revision: 4, status: 'ACTIVE' } });
    const r = await cli(['validate', 'describe.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stdout)[0]).toMatch(/^describe\.json:\/taskDefinition\/memory: error fargate\/task-size: /);
  });

  it('design files get the design rules (the same task-definition rule on the design node)', async () => {
    await put('td.json', FARGATE_TD);
    expect((await cli(['import', 'td.json', '-o', 'app.ecsd.json'], { cwd: dir })).code).toBe(0);
    const r = await cli(['validate', 'app.ecsd.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const errors = (JSON.parse(r.stdout) as JsonOutput).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule)).toEqual(['fargate/task-size']);
    expect(errors[0]?.path).toMatch(/^\/nodes\/\d+\/properties\/memory$/);
  });
});

describe('validate --ignore', () => {
  it('suppresses a rule: nothing else left, exit 0', async () => {
    await put('td.json', FARGATE_TD);
    const r = await cli(['validate', 'td.json', '--ignore', 'fargate/task-size'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '0 errors, 0 warnings, 0 info in 1 file\n', stderr: '' });
  });

  it('takes area/* and can be repeated', async () => {
    await put('td.json', { ...FARGATE_TD, containerDefinitions: [{ ...FARGATE_TD.containerDefinitions[0], readonlyRootFilesystem: false, image: 'nginx' }] });
    const all = JSON.parse((await cli(['validate', 'td.json', '--format', 'json'], { cwd: dir })).stdout) as JsonOutput;
    expect(all.findings.map((f) => f.rule).sort()).toEqual(['container/image-tag', 'fargate/task-size', 'security/readonly-root-filesystem']);
    const r = await cli(['validate', 'td.json', '--format', 'json', '--ignore', 'fargate/*', '--ignore', 'security/readonly-root-filesystem'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonOutput).findings.map((f) => f.rule)).toEqual(['container/image-tag']);
  });

  it('warns about a pattern that matches no rule, and never hides input/* findings', async () => {
    await put('broken.json', '{');
    const r = await cli(['validate', 'broken.json', '--ignore', 'fargate/tasksize', '--ignore', '*'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('warning: --ignore fargate/tasksize matches no rule (rule ids are listed in docs/rules.md)\n');
    expect(lines(r.stdout)[0]).toMatch(/^broken\.json: error input\/invalid-json: /);
  });
});

type Sarif = {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; helpUri?: string; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
    }[];
  }[];
};

/** The essential structure of SARIF 2.1.0 (sarif-schema-2.1.0.json: required members and value sets) that GitHub code scanning reads. */
function expectValidSarif(log: unknown): asserts log is Sarif {
  const s = log as Sarif;
  expect(s.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  expect(s.version).toBe('2.1.0');
  expect(s.runs).toHaveLength(1);
  const run = s.runs[0];
  if (!run) throw new Error('no run');
  const driver = run.tool.driver;
  expect(driver.name).toBe('ecs-designer');
  expect(driver.version).toBe(cliVersion());
  expect(driver.informationUri).toMatch(/^https:\/\//);
  const ids = driver.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of driver.rules) {
    expect(rule.id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    if (rule.helpUri !== undefined) expect(rule.helpUri).toMatch(/^https:\/\//);
    expect(['error', 'warning', 'note', 'none']).toContain(rule.defaultConfiguration.level);
  }
  // Every rule listed has fired.
  expect(new Set(run.results.map((r) => r.ruleId))).toEqual(new Set(ids));
  for (const result of run.results) {
    expect(typeof result.ruleId).toBe('string');
    expect(driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(['error', 'warning', 'note']).toContain(result.level);
    expect(result.message.text.length).toBeGreaterThan(0);
    expect(result.locations).toHaveLength(1);
    const loc = result.locations[0]?.physicalLocation;
    expect(loc?.artifactLocation.uri).toMatch(/^(?![a-z]+:)[^\\]+$|^file:\/\//);
    expect(Number.isInteger(loc?.region.startLine) && (loc?.region.startLine ?? 0) >= 1).toBe(true);
    expect(Number.isInteger(loc?.region.startColumn) && (loc?.region.startColumn ?? 0) >= 1).toBe(true);
  }
}

describe('validate --format sarif', () => {
  it('SARIF 2.1.0: one run, the rules that fired, results at the line and column of the JSON value', async () => {
    await put('taskdefs/td.json', FARGATE_TD);
    await put('taskdefs/ok.json', { ...FARGATE_TD, memory: '512' });
    const r = await cli(['validate', 'taskdefs/td.json', './taskdefs/ok.json', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const log = JSON.parse(r.stdout) as unknown;
    expectValidSarif(log);
    expect(SARIF_SCHEMA).toBe(log.$schema);
    const run = log.runs[0];
    expect(run?.tool.driver.rules).toEqual([
      {
        id: 'fargate/task-size',
        shortDescription: { text: 'Fargate cpu/memory is a supported pair' },
        fullDescription: { text: expect.any(String) as unknown as string },
        helpUri: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size',
        defaultConfiguration: { level: 'error' },
      },
    ]);
    // JSON.stringify(…, null, 2): line 1 "{", 2 family, 3-5 requiresCompatibilities, 6 networkMode, 7 cpu, 8 memory.
    const text = await read('taskdefs/td.json');
    expect(text.split('\n')[7]).toBe('  "memory": "4096",');
    expect(run?.results).toEqual([
      {
        ruleId: 'fargate/task-size',
        ruleIndex: 0,
        level: 'error',
        message: { text: expect.stringContaining('4096') as unknown as string },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: 'taskdefs/td.json' }, region: { startLine: 8, startColumn: 13 } },
            logicalLocations: [{ fullyQualifiedName: '/memory', kind: 'member' }],
          },
        ],
        properties: { jsonPointer: '/memory' },
      },
    ]);
  });

  it('with no findings: a valid log with no rules and no results, exit 0', async () => {
    await put('ok.json', { ...FARGATE_TD, memory: '512' });
    const r = await cli(['validate', 'ok.json', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout) as unknown;
    expectValidSarif(log);
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules).toEqual([]);
  });

  it('invalid JSON is located at the syntax error; schema findings, warnings as "warning", files outside cwd as file: URIs', async () => {
    await put('broken.json', '{\n  "family": "web"\n  "cpu": "256"\n}\n');
    await put('img.json', { ...FARGATE_TD, memory: '512', containerDefinitions: [{ ...FARGATE_TD.containerDefinitions[0], image: 'nginx' }] });
    await put('sub/x.json', '{}');
    const r = await cli(['validate', 'broken.json', 'img.json', 'sub/x.json', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as unknown;
    expectValidSarif(log);
    const results = log.runs[0]?.results ?? [];
    const imageLine = (await read('img.json')).split('\n').findIndex((l) => l.includes('"image": "nginx"')) + 1;
    expect(imageLine).toBe(12);
    expect(results.map((x) => [x.ruleId, x.level, x.locations[0]?.physicalLocation.region.startLine])).toEqual([
      ['input/invalid-json', 'error', 3],
      ['container/image-tag', 'warning', imageLine],
      ['input/unknown-format', 'error', 1],
    ]);
    const outside = await cli(['validate', '../img.json', '--format', 'sarif'], { cwd: path.join(dir, 'sub') });
    const outsideLog = JSON.parse(outside.stdout) as unknown;
    expectValidSarif(outsideLog);
    expect(outsideLog.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/.*\/img\.json$/);
  });
});

describe('locateJsonPointer', () => {
  const text = '\uFEFF{\n  "a": {"b": [1, {"c": "x,]}"}, 3]},\n  "d~/e": null,\n  "a": {"b": [9, 8]}\n}';
  it('finds the value a pointer names (last duplicate wins, escapes, strings with brackets)', () => {
    expect(locateJsonPointer(text, '')).toEqual({ line: 1, column: 1 });
    expect(locateJsonPointer(text, '/d~0~1e')).toEqual({ line: 3, column: 11 });
    expect(locateJsonPointer(text, '/a/b/1')).toEqual({ line: 4, column: 18 });
    const flat = '{"a": {"b": [1, {"c": "x,]}"}, 3]}, "z": 1}';
    expect(locateJsonPointer(flat, '/z')).toEqual({ line: 1, column: flat.indexOf('"z": 1') + 6 });
    expect(locateJsonPointer(flat, '/a/b/2')).toEqual({ line: 1, column: flat.indexOf('3]') + 1 });
  });
  it('falls back to the deepest value that exists; never throws', () => {
    expect(locateJsonPointer(text, '/a/missing/x')).toEqual({ line: 4, column: 8 });
    expect(locateJsonPointer(text, '/a/b/7')).toEqual({ line: 4, column: 14 });
    expect(locateJsonPointer('{"a": ', '/a/b')).toEqual({ line: 1, column: 1 });
    expect(locateJsonPointer('[]', 'no-slash')).toEqual({ line: 1, column: 1 });
  });
});

describe('locateJsonPointer on the corpus', () => {
  it('every pointer that resolves lands on the first character of its value', async () => {
    const cwd = path.join(CORPUS_DIR, 'taskdefs');
    let checked = 0;
    for (const name of (await readdir(cwd)).filter((f) => f.endsWith('.json'))) {
      const text = await readFile(path.join(cwd, name), 'utf8');
      const doc = JSON.parse(text) as unknown;
      const pointers: string[] = [];
      const walk = (v: unknown, p: string) => {
        pointers.push(p);
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}/${i}`));
        else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      };
      walk(doc, '');
      const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];
      for (const p of pointers) {
        const at = locateJsonPointer(text, p);
        const offset = (lineStarts[at.line - 1] ?? 0) + at.column - 1;
        const value = resolveJsonPointer(doc, p);
        if (!value.found) throw new Error(p);
        const v = value.value;
        const expected = Array.isArray(v) ? '[' : v !== null && typeof v === 'object' ? '{' : JSON.stringify(v);
        expect(text.startsWith(expected, offset), `${name} ${p}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('validate --fix', () => {
  async function fargateDesign(): Promise<string> {
    await put('td.json', FARGATE_TD);
    expect((await cli(['import', 'td.json', '-o', 'app.ecsd.json'], { cwd: dir })).code).toBe(0);
    return read('app.ecsd.json');
  }

  it('a design file: the size is snapped, the file rewritten, the original kept as .bak, exit 0', async () => {
    const before = await fargateDesign();
    const r = await cli(['validate', 'app.ecsd.json', '--fix'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual([
      'app.ecsd.json: fixed: Snap task cpu/memory to the nearest valid Fargate size (fargate/snap-task-size)',
      'app.ecsd.json: wrote the fixed file; the original is in app.ecsd.json.bak',
      '0 errors, 0 warnings, 0 info in 1 file',
    ]);
    expect(r.code).toBe(0);
    expect(await read('app.ecsd.json.bak')).toBe(before);
    const fixed = parseDesignText(await read('app.ecsd.json'));
    expect(fixed.ok).toBe(true);
    const td = fixed.ok ? fixed.design.nodes.find((n) => n.kind === 'taskDefinition') : undefined;
    expect(td?.kind === 'taskDefinition' && [td.properties.cpu, td.properties.memory]).toEqual(['512', '4096']);
    expect((await readdir(dir)).sort()).toEqual(['app.ecsd.json', 'app.ecsd.json.bak', 'td.json']);
    // Nothing left to fix: the file is not written again.
    const again = await cli(['validate', 'app.ecsd.json', '--fix'], { cwd: dir });
    expect(again).toEqual({ code: 0, stdout: '0 errors, 0 warnings, 0 info in 1 file\n', stderr: '' });
  });

  it('with --format json the fix report goes to stderr and stdout stays JSON', async () => {
    await fargateDesign();
    const r = await cli(['validate', 'app.ecsd.json', '--fix', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ findings: [] });
    expect(lines(r.stderr)[0]).toBe('app.ecsd.json: fixed: Snap task cpu/memory to the nearest valid Fargate size (fargate/snap-task-size)');
  });

  it('--ignore keeps a rule from being fixed', async () => {
    const before = await fargateDesign();
    const r = await cli(['validate', 'app.ecsd.json', '--fix', '--ignore', 'fargate/task-size'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '0 errors, 0 warnings, 0 info in 1 file\n', stderr: '' });
    expect(await read('app.ecsd.json')).toBe(before);
  });

  it('a RegisterTaskDefinition input file is fixed in its own form: key order, indentation, final newline', async () => {
    const original = `${JSON.stringify({ containerDefinitions: FARGATE_TD.containerDefinitions, memory: '4096', cpu: '256', family: 'web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'] }, null, 4)}\n`;
    await put('td.json', original);
    const r = await cli(['validate', 'td.json', '--fix'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'td.json: fixed: Snap task cpu/memory to the nearest valid Fargate size (fargate/snap-task-size)',
      'td.json: wrote the fixed file; the original is in td.json.bak',
      '0 errors, 0 warnings, 0 info in 1 file',
    ]);
    expect(await read('td.json.bak')).toBe(original);
    expect(await read('td.json')).toBe(original.replace('"cpu": "256"', '"cpu": "512"'));
  });

  it('describe-task-definition output keeps its wrapper, read-only fields, top-level tags and nulls', async () => {
    const original = JSON.stringify(
      { taskDefinition: { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:4', ...FARGATE_TD, pidMode: null, revision: 4, status: 'ACTIVE' }, tags: [{ key: 'team', value: 'a' }] },
      null,
      2,
    );
    await put('describe.json', original);
    const r = await cli(['validate', 'describe.json', '--fix'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await read('describe.json')).toBe(original.replace('"cpu": "256"', '"cpu": "512"'));
  });

  it('a task-definition file with nothing it can hold fixed is left alone, saying why', async () => {
    const wildfly = path.join(CORPUS_DIR, 'taskdefs', 'aws-samples__containers-taskdefs__wildfly-fargate.json');
    const original = await readFile(wildfly, 'utf8');
    await put('wildfly.json', original);
    const r = await cli(['validate', 'wildfly.json', '--fix'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stdout)[0]).toBe(
      'wildfly.json: not applied: Add a task execution role (role/add-execution-role): what it adds cannot be written into a task-definition file; fix it in a design or by hand',
    );
    expect(lines(r.stdout)).toContainEqual(expect.stringMatching(/^wildfly\.json:\/executionRoleArn: error role\/execution-role-missing: /));
    expect(await read('wildfly.json')).toBe(original);
    expect(await readdir(dir)).toEqual(['wildfly.json']);
  });

  it('never touches a file that does not parse or load', async () => {
    await put('broken.json', '{\n  "family": "web",\n');
    await put('bad.ecsd.json', { schemaVersion: 1, id: 'd', name: 42, nodes: [], edges: [] });
    await put('schema.json', { ...FARGATE_TD, family: 7 });
    const r = await cli(['validate', 'broken.json', 'bad.ecsd.json', 'schema.json', '--fix'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      'broken.json: not fixed: it is not valid JSON',
      'bad.ecsd.json: not fixed: the design file does not load (see its design/invalid-file findings)',
      'schema.json: not fixed: it does not pass the task-definition schema checks (see its schema findings); fix those by hand first',
    ]);
    expect(await read('broken.json')).toBe('{\n  "family": "web",\n');
    expect((await readdir(dir)).sort()).toEqual(['bad.ecsd.json', 'broken.json', 'schema.json']);
  });

  it('a file that cannot be written: exit 2, the original stays, its findings are reported', async () => {
    await fargateDesign();
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    const r = await cli(['validate', 'app.ecsd.json', '--fix'], {
      cwd: dir,
      fs: { writeFile: (file) => (file.endsWith('.bak') ? Promise.resolve() : Promise.reject(denied)) },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: not fixed: cannot write app.ecsd.json: permission denied\n');
    expect(lines(r.stdout).at(-1)).toBe('1 error, 0 warnings, 0 info in 1 file');
  });
});

/**
 * The corpus files AWS would reject, and why: the same list as shared/rules/corpus.test.ts (GENUINELY_INVALID),
 * which explains each entry.
 */
const CORPUS_ERRORS: [file: string, rule: string, path: string][] = [
  ['aws-samples__container-insights__cwagent-emf-ec2-bridge.json', 'container/image', '/containerDefinitions/0/image'],
  ['aws-samples__container-insights__cwagent-prometheus-templated.json', 'schema/invalid-enum', '/networkMode'],
  ['aws-samples__container-insights__cwagent-prometheus-templated.json', 'schema/invalid-enum', '/requiresCompatibilities/0'],
  ['aws-samples__containers-taskdefs__wildfly-fargate.json', 'role/execution-role-missing', '/executionRoleArn'],
  ['aws__ecs-agent-ftest__container-ordering-healthy-windows.json', 'healthcheck/command', '/containerDefinitions/1/healthCheck/command/0'],
  ['datadog__docs__datadog-agent-ecs-fargate.json', 'taskdef/family', '/family'],
  ['kayac__ecspresso__td-in-tags.json', 'container/image', '/taskDefinition/containerDefinitions/0/image'],
  ['kayac__ecspresso__td-in-tags.json', 'taskdef/proxy-configuration', '/taskDefinition/proxyConfiguration/containerName'],
  ['kayac__ecspresso__td-plain.json', 'container/image', '/containerDefinitions/0/image'],
  ['kayac__ecspresso__td-plain.json', 'taskdef/proxy-configuration', '/proxyConfiguration/containerName'],
];

describe('validate over the whole task-definition corpus', () => {
  it('exits 1 only because of the files known to be invalid; SARIF of the corpus is valid', async () => {
    const cwd = path.join(CORPUS_DIR, 'taskdefs');
    const files = (await readdir(cwd)).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThan(20);
    const r = await cli(['validate', ...files, '--format', 'json'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const errors = (JSON.parse(r.stdout) as JsonOutput).findings.filter((f) => f.severity === 'error').map((f) => [f.file, f.rule, f.path]);
    expect(errors.sort()).toEqual([...CORPUS_ERRORS].sort());

    const clean = files.filter((f) => !CORPUS_ERRORS.some(([file]) => file === f));
    expect((await cli(['validate', ...clean], { cwd })).code).toBe(0);

    const sarif = await cli(['validate', ...files, '--format', 'sarif'], { cwd });
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as unknown;
    expectValidSarif(log);
    expect(log.runs[0]?.results.filter((x) => x.level === 'error')).toHaveLength(CORPUS_ERRORS.length);
  });
});
