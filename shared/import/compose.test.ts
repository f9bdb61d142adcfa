import { describe, expect, it } from 'vitest';
import { parseDesignValue, type Design } from '../model/document';
import { sequentialIds } from '../model/ids';
import type { DesignNode, NodeOf } from '../model/nodes';
import { validateDesign } from '../rules/index';
import { exportTaskDefinitions } from '../taskdef/export';
import { corpusFiles } from '../test-support/corpus';
import { importCompose, type ComposeImportOptions } from './compose';
import type { ImportReportEntry } from './report';
import { parseYaml } from './yamlText';

function ok(text: string, opts: ComposeImportOptions = {}): { design: Design; report: ImportReportEntry[] } {
  const r = importCompose(text, { ids: sequentialIds(), ...opts });
  if (!r.ok) throw new Error(r.message);
  return r;
}
const nodes = <K extends DesignNode['kind']>(d: Design, kind: K) => d.nodes.filter((n): n is NodeOf<K> => n.kind === kind);
const container = (d: Design, name: string) => {
  const c = nodes(d, 'container').find((n) => n.properties.name === name);
  if (!c) throw new Error(`no container ${name}`);
  return c;
};
const targetsOf = (d: Design, source: string, kind: string) => d.edges.filter((e) => e.source === source && e.kind === kind).map((e) => d.nodes.find((n) => n.id === e.target));
const paths = (report: ImportReportEntry[]) => report.map((e) => e.path);

describe('compose corpus', () => {
  for (const file of corpusFiles('compose')) {
    const raw = parseYaml(file.text);
    const services = raw.ok ? Object.entries((raw.value as { services: Record<string, Record<string, unknown> | null> }).services) : [];

    it(`${file.name}: one Fargate service per compose service; a valid design with no error findings`, () => {
      const { design, report } = ok(file.text, { projectName: 'app' });
      expect(parseDesignValue(JSON.parse(JSON.stringify(design))).ok).toBe(true);
      expect(nodes(design, 'service').map((s) => s.properties.serviceName).sort()).toEqual(services.map(([n]) => n).sort());
      expect(nodes(design, 'taskDefinition').every((t) => t.properties.networkMode === 'awsvpc' && t.properties.requiresCompatibilities?.includes('FARGATE'))).toBe(true);
      // Everything the importer could not express is in the report, so the design itself has no errors.
      expect(validateDesign(design).filter((f) => f.severity === 'error')).toEqual([]);
      // Never dropped silently: every key of every service is either mapped or named in the report.
      const mapped = new Set(['image', 'volumes', 'secrets', 'logging', 'environment', 'command', 'entrypoint', 'healthcheck', 'deploy', 'depends_on', 'ports', 'expose', 'user', 'working_dir', 'labels', 'tty', 'stdin_open', 'read_only', 'init', 'stop_grace_period', 'mem_limit', 'mem_reservation', 'cpus', 'platform']);
      for (const [name, svc] of services) {
        for (const key of Object.keys(svc ?? {})) {
          if (mapped.has(key)) continue;
          expect(paths(report).some((p) => p === `services.${name}.${key}` || p.startsWith(`services.${name}.${key}[`) || p.startsWith(`services.${name}.${key}.`)), `services.${name}.${key}`).toBe(true);
        }
      }
    });

    it(`${file.name}: exports back to one RegisterTaskDefinition input per compose service`, () => {
      const { design } = ok(file.text, { projectName: 'app' });
      const withAccount = { ...design, settings: { accountId: '123456789012', region: 'eu-west-1' } };
      // Only the ids of EFS file systems the design creates are unknown before deployment (named volumes).
      const strict = exportTaskDefinitions(withAccount).flatMap((e) => (e.ok ? [] : e.errors.map((x) => x.path.replace(/^\/nodes\/\d+/, ''))));
      expect(strict.filter((p) => p !== '/properties/fileSystemId')).toEqual([]);
      const exported = exportTaskDefinitions(withAccount, undefined, { lenient: true });
      expect(exported.filter((e) => !e.ok)).toEqual([]);
      const names = exported.flatMap((e) => (e.ok ? e.input.containerDefinitions.map((c) => c.name) : []));
      expect(names.sort()).toEqual(services.map(([n]) => n).sort());
      const project = raw.ok ? ((raw.value as { name?: string }).name ?? 'app') : 'app';
      for (const e of exported) if (e.ok) expect(e.input.executionRoleArn).toBe(`arn:aws:iam::123456789012:role/${project}-task-execution`);
    });

    it(`${file.name}: single task — one task definition; its only errors are port clashes the report names`, () => {
      const { design, report } = ok(file.text, { projectName: 'app', singleTask: true });
      expect(parseDesignValue(JSON.parse(JSON.stringify(design))).ok).toBe(true);
      expect(nodes(design, 'taskDefinition')).toHaveLength(1);
      expect(nodes(design, 'container')).toHaveLength(services.length);
      for (const f of validateDesign(design).filter((x) => x.severity === 'error')) {
        expect(f.rule).toBe('network/duplicate-host-port');
        expect(report.some((e) => e.message.includes('also used by'))).toBe(true);
      }
    });
  }

  const voting = corpusFiles('compose').find((f) => f.name === 'dockersamples__example-voting-app__docker-compose.yml')!;

  it('example-voting-app: services, builds → ECR, postgres health check, named volume → EFS', () => {
    const { design, report } = ok(voting.text, { projectName: 'voting' });
    expect(nodes(design, 'service').map((s) => s.properties.serviceName)).toEqual(['vote', 'result', 'worker', 'redis', 'db', 'seed']);
    expect(nodes(design, 'ecrRepository').map((r) => r.properties.repositoryName).sort()).toEqual(['voting/result', 'voting/seed', 'voting/vote', 'voting/worker']);
    expect(container(design, 'vote').properties.imageTag).toBe('latest');
    expect(targetsOf(design, container(design, 'db').id, 'container-image')[0]).toMatchObject({ kind: 'externalImage', properties: { image: 'postgres' } });
    expect(container(design, 'db').properties.imageTag).toBe('15-alpine');
    expect(container(design, 'db').properties.healthCheck).toEqual({ command: ['CMD-SHELL', '/healthchecks/postgres.sh'], interval: 5 });
    expect(container(design, 'vote').properties.healthCheck).toEqual({ command: ['CMD', 'curl', '-f', 'http://localhost'], interval: 15, timeout: 5, retries: 3, startPeriod: 10 });
    expect(container(design, 'result').properties.entryPoint).toEqual(['nodemon', '--inspect=0.0.0.0', 'server.js']);
    expect(container(design, 'result').properties.portMappings).toEqual([{ containerPort: 80, protocol: 'tcp' }, { containerPort: 9229, protocol: 'tcp' }]);
    const dbTask = design.nodes.find((n) => n.id === container(design, 'db').parentId)!;
    expect(dbTask.properties).toMatchObject({ volumes: [{ name: 'db-data', efsVolumeConfiguration: { transitEncryption: 'ENABLED' } }] });
    expect(targetsOf(design, dbTask.id, 'volume-efs')).toEqual([expect.objectContaining({ kind: 'efsFileSystem', properties: expect.objectContaining({ name: 'voting-db-data' }) })]);
    expect(container(design, 'db').properties.mountPoints).toEqual([{ sourceVolume: 'db-data', containerPath: '/var/lib/postgresql/data', readOnly: false }]);
    // Separate services: depends_on cannot be container dependencies; each one is in the report.
    expect(paths(report).filter((p) => p.includes('.depends_on.')).sort()).toEqual([
      'services.result.depends_on.db',
      'services.seed.depends_on.vote',
      'services.vote.depends_on.redis',
      'services.worker.depends_on.db',
      'services.worker.depends_on.redis',
    ]);
    expect(paths(report)).toEqual(expect.arrayContaining(['services.vote.build', 'services.vote.volumes[0]', 'services.result.ports[0]', 'services.result.ports[1]', 'services.seed.profiles']));
  });

  it('example-voting-app, single task: depends_on conditions become container dependencies', () => {
    const { design } = ok(voting.text, { projectName: 'voting', singleTask: true });
    expect(container(design, 'vote').properties.dependsOn).toEqual([{ containerName: 'redis', condition: 'HEALTHY' }]);
    expect(container(design, 'worker').properties.dependsOn).toEqual([
      { containerName: 'redis', condition: 'HEALTHY' },
      { containerName: 'db', condition: 'HEALTHY' },
    ]);
    expect(container(design, 'seed').properties.dependsOn).toEqual([{ containerName: 'vote', condition: 'HEALTHY' }]);
    expect(nodes(design, 'service')).toHaveLength(1);
  });

  it('example-voting-app stack file: deploy.replicas → desired count', () => {
    const stack = corpusFiles('compose').find((f) => f.name === 'dockersamples__example-voting-app__docker-stack.yml')!;
    const { design } = ok(stack.text);
    const count = (name: string) => nodes(design, 'service').find((s) => s.properties.serviceName === name)?.properties.desiredCount;
    expect([count('vote'), count('result'), count('redis'), count('db')]).toEqual([2, 1, 1, 1]);
  });
});

describe('compose mapping', () => {
  const FILE = `
name: shop
services:
  web:
    image: ghcr.io/acme/web:\${WEB_TAG:-1.2.3}
    command: npm run "start prod"
    entrypoint: ["/sbin/tini", "--"]
    user: "1000"
    working_dir: /srv
    ports:
      - target: 8080
        published: "80"
        protocol: tcp
        app_protocol: http
        name: web
      - "9000-9001/udp"
    environment:
      - NODE_ENV=production
      - FROM_HOST
      - MISSING=\${NOT_SET}
    env_file: [web.env, missing.env]
    secrets: [api_key, {source: db_password, target: db-pass}]
    volumes: [uploads:/srv/uploads:ro, /tmp/cache, ./src:/srv/src]
    depends_on:
      migrate: {condition: service_completed_successfully}
      cache: {condition: service_healthy}
    healthcheck:
      test: curl -f http://localhost:8080/health
      interval: 500ms
      timeout: 1m30s
      retries: 20
      start_period: 2s
      start_interval: 1s
    deploy:
      replicas: 3
      resources:
        limits: {cpus: "0.5", memory: 512M}
        reservations: {memory: 256m, devices: [{capabilities: [gpu]}]}
    logging:
      driver: awslogs
      options: {awslogs-group: /shop/web, awslogs-region: eu-west-1, awslogs-stream-prefix: web}
    privileged: true
  cache:
    image: redis:7
    healthcheck: {test: ["CMD", "redis-cli", "ping"], interval: 10s}
    logging: {driver: json-file}
  migrate:
    build: {context: ./migrate, target: prod}
    image: shop/migrate:v5
    healthcheck: {test: ["NONE"]}
volumes:
  uploads:
secrets:
  api_key: {file: ./api_key.txt}
  db_password: {name: prod/db}
x-common: &c {a: 1}
`;

  it('maps every supported key and reports the rest', () => {
    const { design, report } = ok(FILE, { singleTask: true, env: { FROM_HOST: 'h' }, envFiles: { 'web.env': 'A=1\nB=2' } });
    const web = container(design, 'web').properties;
    expect(web.imageTag).toBe('1.2.3');
    expect(web.command).toEqual(['npm', 'run', 'start prod']);
    expect(web.entryPoint).toEqual(['/sbin/tini', '--']);
    expect(web.user).toBe('1000');
    expect(web.workingDirectory).toBe('/srv');
    expect(web.portMappings).toEqual([{ containerPort: 8080, protocol: 'tcp', name: 'web', appProtocol: 'http' }, { containerPortRange: '9000-9001', protocol: 'udp' }]);
    expect(web.environment).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'NODE_ENV', value: 'production' }, { name: 'FROM_HOST', value: 'h' }, { name: 'MISSING', value: '' }]);
    expect(web.healthCheck).toEqual({ command: ['CMD-SHELL', 'curl -f http://localhost:8080/health'], interval: 5, timeout: 60, startPeriod: 2, retries: 10 });
    expect(web.cpu).toBe(512);
    expect(web.memory).toBe(512);
    expect(web.memoryReservation).toBe(256);
    expect(web.mountPoints).toEqual([
      { sourceVolume: 'uploads', containerPath: '/srv/uploads', readOnly: true },
      { sourceVolume: 'web-scratch-1', containerPath: '/tmp/cache', readOnly: false },
    ]);
    expect(web.dependsOn).toEqual([{ containerName: 'migrate', condition: 'SUCCESS' }, { containerName: 'cache', condition: 'HEALTHY' }]);
    expect(container(design, 'migrate').properties.essential).toBe(false);
    expect(container(design, 'migrate').properties.healthCheck).toBeUndefined();
    expect(web.logConfiguration).toEqual({ logDriver: 'awslogs', options: { 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'web' } });
    expect(targetsOf(design, container(design, 'web').id, 'container-log-group')).toEqual([expect.objectContaining({ properties: expect.objectContaining({ logGroupName: '/shop/web' }) })]);
    expect(targetsOf(design, container(design, 'migrate').id, 'container-image')).toEqual([expect.objectContaining({ kind: 'ecrRepository', properties: expect.objectContaining({ repositoryName: 'shop/migrate' }) })]);
    expect(container(design, 'migrate').properties.imageTag).toBe('v5');
    expect(design.edges.filter((e) => e.kind === 'container-secret').map((e) => [e.properties, (design.nodes.find((n) => n.id === e.target) as NodeOf<'secret'>).properties.name])).toEqual([
      [{ name: 'API_KEY' }, 'shop/api_key'],
      [{ name: 'DB_PASS' }, 'prod/db'],
    ]);
    const td = nodes(design, 'taskDefinition')[0]!;
    // 512 CPU units and 512 MiB (web) + nothing for the others → the nearest Fargate size.
    expect([td.properties.cpu, td.properties.memory]).toEqual(['512', '1024']);
    expect(nodes(design, 'service')[0]?.properties.desiredCount).toBe(3);

    const byPath = new Map(report.map((e) => [e.path, e.message]));
    expect(byPath.get('services.web.healthcheck.interval')).toMatch(/500 ms changed to 5 s: ECS allows healthCheck.interval 5–300 s/);
    expect(byPath.get('services.web.healthcheck.retries')).toMatch(/20 retries changed to 10/);
    expect(byPath.get('services.web.healthcheck.start_interval')).toMatch(/not carried over/);
    expect(byPath.get('services.web.environment[2]') ?? byPath.get('services.web.environment.MISSING')).toMatch(/NOT_SET is not set/);
    expect(byPath.get('services.web.env_file[1]')).toMatch(/missing.env was not read/);
    expect(byPath.get('services.web.env_file[0]')).toMatch(/2 variables read from web.env/);
    expect(byPath.get('services.web.volumes[2]')).toMatch(/bind mount of .\/src/);
    expect(byPath.get('services.web.privileged')).toMatch(/Fargate does not run privileged/);
    expect(byPath.get('services.web.deploy.resources.reservations.devices')).toMatch(/not carried over/);
    expect(byPath.get('services.cache.logging')).toMatch(/log driver "json-file" not carried over/);
    expect(byPath.get('services.migrate.build')).toMatch(/built from .\/migrate \(target prod\).*"shop\/migrate" \(tag v5\)/);
    expect(byPath.get('secrets.api_key.file')).toMatch(/not read/);
    expect(byPath.get('services.migrate.healthcheck')).toMatch(/disabled/);
    expect(byPath.get('x-common')).toMatch(/extension field/);
    expect(validateDesign(design).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('service names ECS does not accept as container names are adjusted, references too', () => {
    const { design, report } = ok('services:\n  web.app: {image: a, depends_on: [db.main]}\n  db.main: {image: b}\n', { singleTask: true });
    expect(nodes(design, 'container').map((c) => c.properties.name)).toEqual(['web-app', 'db-main']);
    expect(container(design, 'web-app').properties.dependsOn).toEqual([{ containerName: 'db-main', condition: 'START' }]);
    expect(report.find((e) => e.path === 'services."web.app"')?.message).toMatch(/named "web-app"/);
    expect(validateDesign(design).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('service_healthy on a dependency without a health check falls back to START, reported', () => {
    const { design, report } = ok('services:\n  a: {image: a, depends_on: {b: {condition: service_healthy}}}\n  b: {image: b}\n', { singleTask: true });
    expect(container(design, 'a').properties.dependsOn).toEqual([{ containerName: 'b', condition: 'START' }]);
    expect(report.find((e) => e.path === 'services.a.depends_on.b')?.message).toMatch(/HEALTHY changed to START/);
  });

  it('bad input: YAML errors carry line and column; other files are refused clearly', () => {
    expect(importCompose('services:\n  web:\n    image: [nginx\n')).toMatchObject({ ok: false, line: 4, message: expect.stringMatching(/^not valid YAML: .*\(line 4, column \d+\)$/) });
    expect(importCompose('Resources: {}\n')).toEqual({ ok: false, format: 'compose', message: 'not a docker-compose file: it has no top-level "services" map' });
    expect(importCompose('services:\n  web: {image: 5, ports: ["http"]}\n')).toMatchObject({ ok: false, path: 'services.web.image' });
    expect(importCompose('services:\n  web: {image: nginx, ports: ["http"]}\n')).toMatchObject({ ok: false, message: expect.stringMatching(/^services\.web\.ports\[0\]: not a port specification/) });
    expect(importCompose('services:\n  web: {image: nginx, volumes: ["data:/d"]}\n')).toMatchObject({ ok: false, message: 'services.web.volumes[0]: volume "data" is not defined in the top-level volumes' });
    expect(importCompose('services:\n  web: {ports: ["80"]}\n')).toMatchObject({ ok: false, message: 'services.web: a service needs an image or a build' });
  });

  it('task sizes snap to valid Fargate sizes', () => {
    const size = (limits: string) => {
      const td = nodes(ok(`services:\n  a: {image: a, deploy: {resources: {limits: ${limits}}}}\n`).design, 'taskDefinition')[0]!;
      return [td.properties.cpu, td.properties.memory];
    };
    expect(size('{cpus: "0.25", memory: 512M}')).toEqual(['256', '512']);
    expect(size('{cpus: "1.5", memory: 1g}')).toEqual(['2048', '4096']);
    expect(size('{memory: 3000m}')).toEqual(['512', '3072']);
    expect(size('{cpus: "64"}')).toEqual(['16384', '32768']);
  });
});
