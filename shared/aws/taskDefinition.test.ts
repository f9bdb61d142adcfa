import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseJsonPointer, jsonPointer, resolveJsonPointer } from '../jsonPointer';
import { describeOnlyTaskDefinitionMembers } from './ecsModel.generated';
import {
  READ_ONLY_TASK_DEFINITION_FIELDS,
  unwrapTaskDefinitionJson,
  validateRegisterTaskDefinition,
  type SchemaFinding,
} from './taskDefinition';

// The corpus lives beside the repository: /work/shared/corpus next to /work/main.
const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/taskdefs/', import.meta.url));
const corpusFiles = readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

/**
 * Corpus files that must NOT validate: templates with placeholders in enum fields
 * (see corpus MANIFEST.md). Every other file must validate without findings.
 */
const EXPECTED_FAILURES: Record<string, Pick<SchemaFinding, 'rule' | 'path'>[]> = {
  'aws-samples__container-insights__cwagent-prometheus-templated.json': [
    { rule: 'schema/invalid-enum', path: '/networkMode' },
    { rule: 'schema/invalid-enum', path: '/requiresCompatibilities/0' },
  ],
};

/** Files in describe-task-definition form ({"taskDefinition": {...}}). */
const WRAPPED = new Set(['aws-samples__ecs-firelens__efs.json', 'kayac__ecspresso__td-in-tags.json']);

function validContainer(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'web',
    image: 'public.ecr.aws/nginx/nginx:1.27',
    essential: true,
    cpu: 256,
    memory: 512,
    portMappings: [{ containerPort: 80, protocol: 'tcp' }],
    mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: true }],
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-west-1' },
    },
    healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], interval: 30 },
    ...extra,
  };
}

/** A valid task definition; `extra` members set to undefined are removed. */
function validTaskDefinition(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const td: Record<string, unknown> = {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [validContainer()],
    volumes: [{ name: 'data' }],
    tags: [{ key: 'team', value: 'core' }],
    ...extra,
  };
  for (const k of Object.keys(td)) if (td[k] === undefined) delete td[k];
  return td;
}

function findings(input: unknown, basePointer?: string): SchemaFinding[] {
  const r = validateRegisterTaskDefinition(input, basePointer);
  if (r.ok) throw new Error('expected validation to fail');
  return r.findings;
}

describe('corpus of real task definitions', () => {
  it('has the corpus', () => {
    expect(corpusFiles.length).toBeGreaterThanOrEqual(29);
    for (const f of Object.keys(EXPECTED_FAILURES)) expect(corpusFiles).toContain(f);
  });

  it.each(corpusFiles)('%s', (file) => {
    const raw: unknown = JSON.parse(readFileSync(CORPUS_DIR + file, 'utf8'));
    const unwrapped = unwrapTaskDefinitionJson(raw);
    if (!unwrapped.ok) throw new Error(unwrapped.message);
    expect(unwrapped.basePointer).toBe(WRAPPED.has(file) ? '/taskDefinition' : '');
    const result = validateRegisterTaskDefinition(unwrapped.input, unwrapped.basePointer);
    const expected = EXPECTED_FAILURES[file];
    if (expected === undefined) {
      expect(result.ok ? [] : result.findings).toEqual([]);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings.map(({ rule, path }) => ({ rule, path }))).toEqual(expected);
    for (const f of result.findings) {
      // Each finding points into the original document and names the field.
      expect(resolveJsonPointer(raw, f.path).found).toBe(true);
      expect(f.severity).toBe('error');
    }
  });

  it('reports the templated networkMode with a readable one-line message', () => {
    const raw: unknown = JSON.parse(
      readFileSync(CORPUS_DIR + 'aws-samples__container-insights__cwagent-prometheus-templated.json', 'utf8'),
    );
    const u = unwrapTaskDefinitionJson(raw);
    if (!u.ok) throw new Error(u.message);
    expect(findings(u.input).map((f) => f.message)).toEqual([
      'networkMode: "{{networkmode}}" is not one of bridge, host, awsvpc, none',
      'requiresCompatibilities[0]: "{{launchtype}}" is not one of EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES',
    ]);
  });

  it('drops the read-only fields of the console/describe export', () => {
    const raw: unknown = JSON.parse(
      readFileSync(CORPUS_DIR + 'infinitybase__bako-safe-api__stg-socket-describe-arm64.json', 'utf8'),
    );
    const u = unwrapTaskDefinitionJson(raw);
    if (!u.ok) throw new Error(u.message);
    expect(u.droppedReadOnly).toEqual([
      'taskDefinitionArn',
      'revision',
      'status',
      'requiresAttributes',
      'compatibilities',
      'registeredAt',
      'registeredBy',
    ]);
    // Without unwrapping, the same document is rejected for exactly those fields.
    const rawFindings = findings(raw);
    expect(rawFindings.every((f) => f.rule === 'schema/unknown-property')).toBe(true);
    expect(rawFindings.map((f) => f.path).sort()).toEqual(u.droppedReadOnly.map((k) => `/${k}`).sort());
  });

  it('accepts readOnly: null only because nulls are stripped', () => {
    const raw: unknown = JSON.parse(readFileSync(CORPUS_DIR + 'datadog__docs__datadog-agent-ecs-win.json', 'utf8'));
    const direct = findings(raw);
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.every((f) => f.rule === 'schema/invalid-type' && f.path.endsWith('/readOnly'))).toBe(true);
    expect(direct[0]?.message).toMatch(/expected boolean, received null/);
    const u = unwrapTaskDefinitionJson(raw);
    if (!u.ok) throw new Error(u.message);
    expect(validateRegisterTaskDefinition(u.input).ok).toBe(true);
  });
});

describe('validateRegisterTaskDefinition', () => {
  it('accepts a valid task definition and returns the parsed value', () => {
    const input = validTaskDefinition({ enableFaultInjection: false, ephemeralStorage: { sizeInGiB: 30 } });
    const r = validateRegisterTaskDefinition(input);
    expect(r).toEqual({ ok: true, value: input });
  });

  it('reports an unknown property at the key itself, with the AWS rationale', () => {
    const input = validTaskDefinition({
      containerDefinitions: [validContainer(), validContainer({ name: 'b', imagePullPolicy: 'Always' })],
    });
    expect(findings(input)).toEqual([
      {
        rule: 'schema/unknown-property',
        severity: 'error',
        message:
          'containerDefinitions[1]: unknown property "imagePullPolicy"; the AWS API rejects unknown properties',
        path: '/containerDefinitions/1/imagePullPolicy',
      },
    ]);
  });

  it('reports one finding per unknown key, escaping the pointer and suggesting close names', () => {
    const input = validTaskDefinition({
      Family: 'x',
      containerDefinitions: [validContainer({ 'a/b~c': 1, portMapings: [] })],
    });
    const f = findings(input);
    expect(f.map((x) => [x.rule, x.path])).toEqual([
      ['schema/unknown-property', '/containerDefinitions/0/a~1b~0c'],
      ['schema/unknown-property', '/containerDefinitions/0/portMapings'],
      ['schema/unknown-property', '/Family'],
    ]);
    expect(f[1]?.message).toContain('(did you mean "portMappings"?)');
    expect(f[2]?.message).toBe(
      'task definition: unknown property "Family"; the AWS API rejects unknown properties (did you mean "family"?)',
    );
    for (const x of f) expect(resolveJsonPointer(input, x.path).found).toBe(true);
  });

  it('rejects unknown keys at every depth (strict objects throughout)', () => {
    const input = validTaskDefinition({
      volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', encrypted: true } }],
    });
    expect(findings(input).map((x) => x.path)).toEqual(['/volumes/0/efsVolumeConfiguration/encrypted']);
  });

  it('reports wrong types naming expected and received types', () => {
    const input = validTaskDefinition({
      cpu: 256, // task-level cpu is a string in the API model
      containerDefinitions: [validContainer({ cpu: '256', memory: 512.5, essential: 'true', command: 'npm start' })],
    });
    expect(findings(input).map((x) => [x.rule, x.path, x.message])).toEqual([
      [
        'schema/invalid-type',
        '/containerDefinitions/0/cpu',
        'containerDefinitions[0].cpu: expected integer, received string "256"',
      ],
      [
        'schema/invalid-type',
        '/containerDefinitions/0/memory',
        'containerDefinitions[0].memory: expected integer, received number 512.5',
      ],
      [
        'schema/invalid-type',
        '/containerDefinitions/0/essential',
        'containerDefinitions[0].essential: expected boolean, received string "true"',
      ],
      [
        'schema/invalid-type',
        '/containerDefinitions/0/command',
        'containerDefinitions[0].command: expected array, received string "npm start"',
      ],
      ['schema/invalid-type', '/cpu', 'cpu: expected string, received number 256'],
    ]);
  });

  it('reports map values of the wrong type at the map key', () => {
    const input = validTaskDefinition({
      containerDefinitions: [validContainer({ dockerLabels: { 'com.example/tier': 3 } })],
    });
    const [f] = findings(input);
    expect(f?.path).toBe('/containerDefinitions/0/dockerLabels/com.example~1tier');
    expect(f?.message).toBe(
      'containerDefinitions[0].dockerLabels["com.example/tier"]: expected string, received number 3',
    );
  });

  it('requires container name and image (service-enforced) with the path at the missing member', () => {
    const noImage = validContainer();
    delete noImage['image'];
    const noName = validContainer();
    delete noName['name'];
    const f = findings(validTaskDefinition({ containerDefinitions: [noImage, noName] }));
    expect(f).toEqual([
      {
        rule: 'schema/required',
        severity: 'error',
        message: 'containerDefinitions[0]: missing required property "image"',
        path: '/containerDefinitions/0/image',
      },
      {
        rule: 'schema/required',
        severity: 'error',
        message: 'containerDefinitions[1]: missing required property "name"',
        path: '/containerDefinitions/1/name',
      },
    ]);
  });

  it('requires the members the model marks required', () => {
    const input = validTaskDefinition({
      containerDefinitions: [validContainer({ logConfiguration: { options: {} } })],
    });
    delete input['family'];
    expect(findings(input).map((x) => [x.rule, x.path, x.message])).toEqual([
      ['schema/required', '/family', 'task definition: missing required property "family"'],
      [
        'schema/required',
        '/containerDefinitions/0/logConfiguration/logDriver',
        'containerDefinitions[0].logConfiguration: missing required property "logDriver"',
      ],
    ]);
    expect(findings({}).map((x) => x.path)).toEqual(['/family', '/containerDefinitions']);
  });

  it('reports invalid enum values, listing allowed values and quoting the received one', () => {
    const input = validTaskDefinition({
      networkMode: '{{networkmode}}',
      containerDefinitions: [validContainer({ portMappings: [{ containerPort: 80, protocol: 'TCP' }] })],
      runtimePlatform: { cpuArchitecture: 'arm64' },
    });
    expect(findings(input).map((x) => [x.rule, x.path, x.message])).toEqual([
      ['schema/invalid-enum', '/networkMode', 'networkMode: "{{networkmode}}" is not one of bridge, host, awsvpc, none'],
      [
        'schema/invalid-enum',
        '/containerDefinitions/0/portMappings/0/protocol',
        'containerDefinitions[0].portMappings[0].protocol: "TCP" is not one of tcp, udp',
      ],
      [
        'schema/invalid-enum',
        '/runtimePlatform/cpuArchitecture',
        'runtimePlatform.cpuArchitecture: "arm64" is not one of X86_64, ARM64',
      ],
    ]);
  });

  it('reports model constraints (tag count and length, 32-bit integers) as invalid values', () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    tags[3] = { key: '', value: 'v' };
    const input = validTaskDefinition({
      tags,
      containerDefinitions: [validContainer({ memory: 3_000_000_000 })],
    });
    // zod does not look inside an array that is over its maximum length, so the empty
    // key is only reported once the count is fixed.
    expect(findings(input).map((x) => [x.rule, x.path, x.message])).toEqual([
      [
        'schema/invalid-value',
        '/containerDefinitions/0/memory',
        'containerDefinitions[0].memory: 3000000000 is greater than the maximum 2147483647',
      ],
      ['schema/invalid-value', '/tags', 'tags: has 51 items, at most 50 allowed'],
    ]);
    tags.pop();
    expect(findings(validTaskDefinition({ tags })).map((x) => [x.rule, x.path, x.message])).toEqual([
      ['schema/invalid-value', '/tags/3/key', 'tags[3].key: must be at least 1 character long (got 0)'],
    ]);
    expect(validateRegisterTaskDefinition(validTaskDefinition({ tags: tags.slice(4) })).ok).toBe(true);
  });

  it('prefixes paths with the base pointer', () => {
    const input = validTaskDefinition({ networkMode: 'nat' });
    expect(findings(input, '/taskDefinition').map((x) => x.path)).toEqual(['/taskDefinition/networkMode']);
  });

  it('reports a non-object input at the root', () => {
    expect(findings([1, 2])).toEqual([
      {
        rule: 'schema/invalid-type',
        severity: 'error',
        message: 'task definition: expected object, received array',
        path: '',
      },
    ]);
  });

  it('keeps every model member, including deprecated and recent ones', () => {
    const input = validTaskDefinition({
      pidMode: 'task',
      ipcMode: 'none',
      inferenceAccelerators: [{ deviceName: 'd1', deviceType: 'eia2.medium' }],
      enableFaultInjection: true,
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }],
      proxyConfiguration: { type: 'APPMESH', containerName: 'envoy', properties: [{ name: 'AppPorts', value: '80' }] },
      volumes: [
        { name: 'data', configuredAtLaunch: true },
        { name: 's3', s3filesVolumeConfiguration: { fileSystemArn: 'arn:aws:s3files:eu-west-1:1:fs/x' } },
      ],
      containerDefinitions: [
        validContainer({
          restartPolicy: { enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 60 },
          versionConsistency: 'disabled',
          credentialSpecs: ['credentialspecdomainless:arn:aws:ssm:eu-west-1:1:parameter/x'],
          linuxParameters: { initProcessEnabled: true, tmpfs: [{ containerPath: '/tmp', size: 64 }] },
        }),
      ],
    });
    expect(validateRegisterTaskDefinition(input)).toEqual({ ok: true, value: input });
  });
});

describe('unwrapTaskDefinitionJson', () => {
  const describeOutput = () => ({
    taskDefinition: {
      ...validTaskDefinition({ tags: undefined }),
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3',
      revision: 3,
      status: 'ACTIVE',
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }],
      compatibilities: ['EC2', 'FARGATE'],
      registeredAt: '2024-05-01T10:00:00.000Z',
      registeredBy: 'arn:aws:iam::123456789012:user/me',
    },
    tags: [{ key: 'owner', value: 'me' }],
  });

  it('accepts the RegisterTaskDefinition input form unchanged', () => {
    const raw = validTaskDefinition();
    const u = unwrapTaskDefinitionJson(raw);
    expect(u).toEqual({ ok: true, input: raw, droppedReadOnly: [], basePointer: '' });
    if (u.ok) expect(u.input).not.toBe(raw); // a copy, never the caller's object
  });

  it('unwraps describe-task-definition output and carries the top-level tags', () => {
    const raw = describeOutput();
    expect('tags' in raw.taskDefinition).toBe(false);
    const before = structuredClone(raw);
    const u = unwrapTaskDefinitionJson(raw);
    expect(raw).toEqual(before); // input not mutated
    if (!u.ok) throw new Error(u.message);
    expect(u.basePointer).toBe('/taskDefinition');
    expect(u.droppedReadOnly).toEqual([
      'taskDefinitionArn',
      'revision',
      'status',
      'requiresAttributes',
      'compatibilities',
      'registeredAt',
      'registeredBy',
    ]);
    expect(u.topLevelTags).toEqual([{ key: 'owner', value: 'me' }]);
    expect(u.input['tags']).toEqual([{ key: 'owner', value: 'me' }]);
    expect(Object.keys(u.input)).not.toContain('taskDefinitionArn');
    expect(validateRegisterTaskDefinition(u.input, u.basePointer)).toMatchObject({ ok: true });
  });

  it('keeps the inner tags when the describe object has its own', () => {
    const raw = describeOutput();
    (raw.taskDefinition as Record<string, unknown>)['tags'] = [{ key: 'inner', value: '1' }];
    const u = unwrapTaskDefinitionJson(raw);
    if (!u.ok) throw new Error(u.message);
    expect(u.input['tags']).toEqual([{ key: 'inner', value: '1' }]);
    expect(u.topLevelTags).toEqual([{ key: 'owner', value: 'me' }]);
  });

  it('unwraps a bare describe object (read-only fields at the top level)', () => {
    const raw = { ...describeOutput().taskDefinition, deregisteredAt: '2024-06-01T00:00:00Z', deleteRequestedAt: 1 };
    const u = unwrapTaskDefinitionJson(raw);
    if (!u.ok) throw new Error(u.message);
    expect(u.basePointer).toBe('');
    expect(u.topLevelTags).toBeUndefined();
    expect('topLevelTags' in u).toBe(false);
    expect(u.droppedReadOnly).toContain('deregisteredAt');
    expect(u.droppedReadOnly).toContain('deleteRequestedAt');
    expect(validateRegisterTaskDefinition(u.input).ok).toBe(true);
  });

  it('treats JSON null as absent at any depth, but keeps null array elements', () => {
    const raw = validTaskDefinition({
      taskRoleArn: null,
      status: null,
      containerDefinitions: [
        validContainer({
          mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: null }],
          logConfiguration: { logDriver: 'awslogs', options: null, secretOptions: null },
          command: ['run', null],
        }),
      ],
    });
    const u = unwrapTaskDefinitionJson(raw);
    if (!u.ok) throw new Error(u.message);
    expect('taskRoleArn' in u.input).toBe(false);
    expect(u.droppedReadOnly).toEqual([]); // status was null, i.e. absent
    const c = (u.input['containerDefinitions'] as Record<string, unknown>[])[0];
    expect(c?.['mountPoints']).toEqual([{ sourceVolume: 'data', containerPath: '/data' }]);
    expect(c?.['logConfiguration']).toEqual({ logDriver: 'awslogs' });
    expect(c?.['command']).toEqual(['run', null]);
    expect(findings(u.input)).toEqual([
      {
        rule: 'schema/invalid-type',
        severity: 'error',
        message: 'containerDefinitions[0].command[1]: expected string, received null',
        path: '/containerDefinitions/0/command/1',
      },
    ]);
  });

  it('rejects documents that are not task definitions with a clear message', () => {
    const cases: [unknown, RegExp][] = [
      [null, /got null/],
      ['{}', /got string/],
      [[{ name: 'web', image: 'x' }], /got an array.*wrap it as/],
      [{}, /expected an object with a "containerDefinitions" array/],
      [{ taskDefinition: { family: 'x' } }, /taskDefinition\.containerDefinitions is missing/],
      [{ taskDefinition: [] }, /expected an object with a "containerDefinitions" array/],
      [{ family: 'x', containerDefinitions: {} }, /containerDefinitions must be an array .* got object/],
      [{ family: 'x', containerDefinitions: null }, /expected an object with a "containerDefinitions" array/],
      [{ Family: 'x', ContainerDefinitions: [] }, /CloudFormation properties \(PascalCase\)/],
      [{ AWSTemplateFormatVersion: '2010-09-09', Resources: {} }, /looks like a CloudFormation template/],
    ];
    for (const [raw, message] of cases) {
      const u = unwrapTaskDefinitionJson(raw);
      expect(u.ok, JSON.stringify(raw)).toBe(false);
      if (!u.ok) expect(u.message).toMatch(message);
    }
  });

  it('lists exactly the describe-only members of the API model as read-only', () => {
    expect([...READ_ONLY_TASK_DEFINITION_FIELDS].sort()).toEqual([...describeOnlyTaskDefinitionMembers].sort());
  });
});

// ---------------------------------------------------------------------------
// Property: every finding's path resolves in the document (or, for a missing
// required member, its parent does and the member itself is absent).

const memberNames = [
  'family', 'containerDefinitions', 'networkMode', 'cpu', 'memory', 'tags', 'volumes', 'name', 'image',
  'portMappings', 'containerPort', 'protocol', 'logConfiguration', 'logDriver', 'options', 'healthCheck',
  'command', 'essential', 'mountPoints', 'readOnly', 'key', 'value', 'efsVolumeConfiguration', 'fileSystemId',
  'requiresCompatibilities', 'dockerLabels', 'ulimits', 'softLimit',
];

type Mutation = { at: number; key: string; value: unknown; remove: boolean };

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  key: fc.oneof(fc.constantFrom(...memberNames), fc.string(), fc.constantFrom('a/b', '~', '~1', '')),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('FARGATE', 'awsvpc', 'tcp', 'awslogs', 512, '512', [], {}),
  ),
  remove: fc.boolean(),
});

/** Containers (objects/arrays) of a document, in a deterministic order. */
function containers(doc: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      out.push(v);
      v.forEach(walk);
    } else if (typeof v === 'object' && v !== null) {
      out.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(doc);
  return out;
}

function mutate(doc: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  for (const m of mutations) {
    const all = containers(doc);
    const target = all[m.at % all.length];
    if (Array.isArray(target)) {
      if (m.remove && target.length > 0) target.splice(m.at % target.length, 1);
      else target.push(structuredClone(m.value));
    } else if (typeof target === 'object' && target !== null) {
      const obj = target as Record<string, unknown>;
      if (m.remove) delete obj[m.key];
      else Object.defineProperty(obj, m.key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
    }
  }
  return doc;
}

function checkFindingPaths(doc: unknown, result: ReturnType<typeof validateRegisterTaskDefinition>): void {
  if (result.ok) return;
  expect(result.findings.length).toBeGreaterThan(0);
  for (const f of result.findings) {
    expect(f.message).not.toMatch(/[\r\n]/);
    expect(f.rule).toMatch(/^schema\/(unknown-property|invalid-type|required|invalid-enum|invalid-value)$/);
    const segments = parseJsonPointer(f.path);
    if (f.rule === 'schema/required') {
      const parent = jsonPointer(segments.slice(0, -1));
      expect(resolveJsonPointer(doc, parent).found, `${f.path} parent`).toBe(true);
      expect(resolveJsonPointer(doc, f.path).found, `${f.path} must be absent`).toBe(false);
    } else {
      expect(resolveJsonPointer(doc, f.path).found, `${f.path}: ${f.message}`).toBe(true);
    }
  }
}

describe('finding paths (property)', () => {
  it('resolve in arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        checkFindingPaths(doc, validateRegisterTaskDefinition(doc));
      }),
      { numRuns: 300 },
    );
  });

  it('resolve in randomly mutated task definitions', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (mutations) => {
        const doc = mutate(validTaskDefinition(), mutations);
        checkFindingPaths(doc, validateRegisterTaskDefinition(doc));
      }),
      { numRuns: 500 },
    );
  });

  it('resolve in the original describe-output document after unwrapping', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (mutations) => {
        const inner = mutate(validTaskDefinition({ tags: undefined, revision: 7 }), mutations);
        const raw = { taskDefinition: inner };
        const u = unwrapTaskDefinitionJson(raw);
        if (!u.ok) return; // e.g. containerDefinitions mutated away
        const r = validateRegisterTaskDefinition(u.input, u.basePointer);
        if (r.ok) return;
        for (const f of r.findings) {
          const p = f.rule === 'schema/required' ? jsonPointer(parseJsonPointer(f.path).slice(0, -1)) : f.path;
          expect(resolveJsonPointer(raw, p).found, `${f.path}: ${f.message}`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
