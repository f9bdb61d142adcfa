import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesignText, type Design } from '../../shared/model/document';
import { CORPUS_DIR, cli, lines, useTempDir } from './testkit';

let dir: string;
useTempDir((d) => (dir = d));

const design = async (file: string): Promise<Design> => {
  const parsed = parseDesignText(await readFile(path.join(dir, file), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.design;
};

describe('ecs-designer import: docker-compose', () => {
  const voting = path.join(CORPUS_DIR, 'compose', 'dockersamples__example-voting-app__docker-compose.yml');

  it('detects a compose file, writes the design, prints the report on stderr', async () => {
    const r = await cli(['import', voting, '-o', 'vote.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([expect.stringMatching(/^Imported docker-compose file .*example-voting-app__docker-compose\.yml into vote\.ecsd\.json: 6 services, 6 task definitions, 6 containers \(\d+ nodes, \d+ edges\)$/)]);
    const err = lines(r.stderr);
    expect(err).toContain(`${voting}: warning services.vote.build: built from ./vote (target dev): build the image and push it to the ECR repository "dockersamples__example-voting-app__docker-compose/vote" (tag latest); ECS does not build images`);
    expect(err.filter((l) => l.includes('.depends_on.'))).toHaveLength(5);
    expect(err[err.length - 1]).toMatch(new RegExp(`^${voting.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: import report: \\d+ warnings, \\d+ info$`));
    expect((await design('vote.ecsd.json')).nodes.filter((n) => n.kind === 'service')).toHaveLength(6);
  });

  it('--compose-single-task: one task definition, depends_on kept', async () => {
    const r = await cli(['import', voting, '-o', 'vote.ecsd.json', '--compose-single-task', '--name', 'Voting'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(': 1 service, 1 task definition, 6 containers');
    const d = await design('vote.ecsd.json');
    expect(d.name).toBe('Voting');
    const vote = d.nodes.find((n) => n.kind === 'container' && n.properties.name === 'vote');
    expect(vote?.properties).toMatchObject({ dependsOn: [{ containerName: 'redis', condition: 'HEALTHY' }] });
  });

  it('reads env_file files next to the compose file; a missing one is reported', async () => {
    await writeFile(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    env_file: [app.env, gone.env]\n');
    await writeFile(path.join(dir, 'app.env'), 'GREETING=hello\n');
    const r = await cli(['import', 'compose.yaml', '-o', 'x.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('compose.yaml: warning services.web.env_file[1]: gone.env was not read');
    const web = (await design('x.ecsd.json')).nodes.find((n) => n.kind === 'container');
    expect(web?.properties).toMatchObject({ environment: [{ name: 'GREETING', value: 'hello' }] });
  });

  it('${VAR} interpolation: .env beside the compose file, overridden by the environment; unset variables reported', async () => {
    await writeFile(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:${TAG:-1}\n    environment: {MODE: "${MODE}", REGION: "${REGION}", GONE: "${GONE}"}\n');
    await writeFile(path.join(dir, '.env'), 'TAG=1.27\nMODE=dev\n');
    const r = await cli(['import', 'compose.yaml', '-o', 'x.ecsd.json'], { cwd: dir, env: { MODE: 'prod', REGION: 'eu-west-1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: 2 variables read from .env for ${VAR} interpolation\n');
    expect(r.stderr).toContain('compose.yaml: warning services.web.environment.GONE: variable GONE is not set and has no default; it was replaced by an empty string');
    const web = (await design('x.ecsd.json')).nodes.find((n) => n.kind === 'container');
    expect(web?.properties).toMatchObject({ imageTag: '1.27', environment: [{ name: 'MODE', value: 'prod' }, { name: 'REGION', value: 'eu-west-1' }, { name: 'GONE', value: '' }] });
  });

  it('invalid YAML: file:line:column, exit 1, nothing written', async () => {
    await writeFile(path.join(dir, 'bad.yml'), 'services:\n  web:\n    image: [nginx\n');
    const r = await cli(['import', 'bad.yml', '-o', 'x.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^bad\.yml:4:1: error import\/unknown-format: not valid YAML: .*\(line 4, column 1\)$/)]);
    const forced = await cli(['import', 'bad.yml', '-o', 'x.ecsd.json', '--format', 'compose'], { cwd: dir });
    expect(lines(forced.stderr)).toEqual([expect.stringMatching(/^bad\.yml:4:1: error import\/compose: not valid YAML: /), 'error: bad.yml was not imported; nothing was written']);
    expect(await readdir(dir)).toEqual(['bad.yml']);
  });

  it('a YAML file that is none of the formats, or a bad --format: clear errors', async () => {
    await writeFile(path.join(dir, 'k8s.yaml'), 'kind: Deployment\n');
    const r = await cli(['import', 'k8s.yaml', '-o', 'x.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^k8s\.yaml: error import\/unknown-format: not a task definition .*docker-compose file .*CloudFormation template/);
    const bad = await cli(['import', 'k8s.yaml', '-o', 'x.ecsd.json', '--format', 'helm'], { cwd: dir });
    expect(bad).toMatchObject({ code: 2, stderr: 'error: --format must be one of auto, taskdef, compose, cloudformation, not "helm"\n' });
  });
});

describe('ecs-designer import: CloudFormation', () => {
  it('every corpus template imports; the report lists what was not carried over', async () => {
    const files = (await readdir(path.join(CORPUS_DIR, 'cloudformation'))).sort();
    for (const [i, f] of files.entries()) {
      const r = await cli(['import', path.join(CORPUS_DIR, 'cloudformation', f), '-o', `t${i}.ecsd.json`], { cwd: dir });
      expect(r.code, f).toBe(0);
      expect(r.stdout, f).toMatch(/^Imported CloudFormation template .* into t\d+\.ecsd\.json: \d+ services?, \d+ task definitions?, \d+ containers? \(\d+ nodes, \d+ edges\)\n$/);
      expect((await design(`t${i}.ecsd.json`)).nodes.length).toBeGreaterThan(0);
    }
  });

  it('a YAML template with short-form tags', async () => {
    await writeFile(
      path.join(dir, 'stack.yaml'),
      'Parameters:\n  Name: {Type: String, Default: shop}\nResources:\n  C:\n    Type: AWS::ECS::Cluster\n    Properties: {ClusterName: !Sub "${Name}-prod"}\n  Bucket:\n    Type: AWS::S3::Bucket\n',
    );
    const r = await cli(['import', 'stack.yaml', '-o', 'x.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual(['stack.yaml: warning Resources.Bucket: AWS::S3::Bucket is not part of an ECS design; not carried over', 'stack.yaml: import report: 1 warning, 0 info']);
    expect((await design('x.ecsd.json')).nodes.map((n) => [n.kind, (n.properties as { clusterName?: string }).clusterName])).toEqual([['cluster', 'shop-prod']]);
  });
});
