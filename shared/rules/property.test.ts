import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveJsonPointer } from '../jsonPointer';
import type { Design } from '../model/document';
import { sequentialIds } from '../model/ids';
import { importTaskDefinition } from '../taskdef/import';
import type { Finding } from '../findings';
import { IncrementalValidator, validateDesign, validateTaskDefinitionFile } from './index';
import { addEdge, removeNodes, serviceDesign, setProps } from './testing/designs';

const names = fc.constantFrom('app', 'sidecar', 'init', 'envoy', 'log_router', '', 'bad name', 'app');
const port = fc.oneof(fc.integer({ min: -5, max: 70_000 }), fc.constantFrom(0, 22, 80, 443, 2375, 8080, 51678));
const str = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('true', 'false', 'blocking', 'x', ''));

const portMapping = fc.record(
  {
    containerPort: port,
    hostPort: port,
    protocol: fc.constantFrom('tcp', 'udp'),
    appProtocol: fc.constantFrom('http', 'http2', 'grpc'),
    containerPortRange: fc.constantFrom('8000-9000', '9-1', 'x', '1-70000'),
    name: fc.constantFrom('web', 'p-80'),
  },
  { requiredKeys: [] },
);

const secret = fc.record({
  name: fc.constantFrom('DB', 'TOKEN', ''),
  valueFrom: fc.constantFrom(
    'arn:aws:secretsmanager:eu-central-1:123456789012:secret:db-AbCdEf',
    'arn:aws:secretsmanager:eu-central-1:123456789012:secret:db-AbCdEf:password::',
    'arn:aws:ssm:eu-central-1:123456789012:parameter/app/db',
    'arn:aws:s3:::bucket/key',
    '/app/param',
    'not a name',
    '',
  ),
});

const container = fc.record(
  {
    name: names,
    image: fc.constantFrom('nginx', 'nginx:latest', 'nginx:1.27', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1', '{{image}}', '', 'a@sha256:abcd', 'x'.repeat(300)),
    essential: fc.boolean(),
    cpu: fc.integer({ min: 0, max: 20_000 }),
    memory: fc.integer({ min: 0, max: 130_000 }),
    memoryReservation: fc.integer({ min: 0, max: 130_000 }),
    portMappings: fc.array(portMapping, { maxLength: 3 }),
    links: fc.array(names, { maxLength: 2 }),
    dependsOn: fc.array(fc.record({ containerName: names, condition: fc.constantFrom('START', 'COMPLETE', 'SUCCESS', 'HEALTHY') }), { maxLength: 3 }),
    healthCheck: fc.record(
      {
        command: fc.array(fc.constantFrom('CMD', 'CMD-SHELL', 'curl -f http://localhost/', 'true'), { maxLength: 3 }),
        interval: fc.integer({ min: -1, max: 400 }),
        timeout: fc.integer({ min: 0, max: 100 }),
        retries: fc.integer({ min: 0, max: 20 }),
        startPeriod: fc.integer({ min: -1, max: 400 }),
      },
      { requiredKeys: ['command'] },
    ),
    logConfiguration: fc.record(
      {
        logDriver: fc.constantFrom('awslogs', 'awsfirelens', 'json-file', 'splunk', 'fluentd'),
        options: fc.dictionary(fc.constantFrom('awslogs-group', 'awslogs-region', 'awslogs-stream-prefix', 'mode', 'awslogs-create-group', 'tag', 'Name'), str, { maxKeys: 4 }),
        secretOptions: fc.array(secret, { maxLength: 2 }),
      },
      { requiredKeys: ['logDriver'] },
    ),
    secrets: fc.array(secret, { maxLength: 3 }),
    environment: fc.array(fc.record({ name: fc.constantFrom('PASSWORD', 'PORT', 'API_KEY', 'TOKEN_URL'), value: str }, { requiredKeys: [] }), { maxLength: 3 }),
    mountPoints: fc.array(fc.record({ sourceVolume: fc.constantFrom('data', 'logs', ''), containerPath: fc.constantFrom('/data', ''), readOnly: fc.boolean() }, { requiredKeys: [] }), { maxLength: 2 }),
    volumesFrom: fc.array(fc.record({ sourceContainer: names, readOnly: fc.boolean() }, { requiredKeys: [] }), { maxLength: 2 }),
    stopTimeout: fc.integer({ min: 0, max: 300 }),
    privileged: fc.boolean(),
    readonlyRootFilesystem: fc.boolean(),
    linuxParameters: fc.record(
      { devices: fc.array(fc.record({ hostPath: fc.constant('/dev/xvda') }), { maxLength: 1 }), maxSwap: fc.nat(100), sharedMemorySize: fc.nat(100), tmpfs: fc.array(fc.record({ containerPath: fc.constant('/tmp'), size: fc.nat(64) }), { maxLength: 1 }) },
      { requiredKeys: [] },
    ),
    dockerSecurityOptions: fc.array(fc.constantFrom('no-new-privileges', 'label:x'), { maxLength: 1 }),
    resourceRequirements: fc.array(fc.record({ type: fc.constantFrom('GPU', 'InferenceAccelerator'), value: fc.constant('1') }), { maxLength: 1 }),
    firelensConfiguration: fc.record({ type: fc.constantFrom('fluentbit', 'fluentd') }),
    repositoryCredentials: fc.record({ credentialsParameter: fc.constantFrom('arn:aws:secretsmanager:eu-central-1:1:secret:reg', '/param') }),
  },
  { requiredKeys: ['name', 'image'] },
);

const volume = fc.record(
  {
    name: fc.constantFrom('data', 'logs', ''),
    host: fc.record({ sourcePath: fc.constantFrom('/var/data', '') }, { requiredKeys: [] }),
    dockerVolumeConfiguration: fc.record({ scope: fc.constantFrom('task', 'shared') }, { requiredKeys: [] }),
    efsVolumeConfiguration: fc.record(
      {
        fileSystemId: fc.constantFrom('fs-1234', ''),
        rootDirectory: fc.constantFrom('/', '/data'),
        transitEncryption: fc.constantFrom('ENABLED', 'DISABLED'),
        authorizationConfig: fc.record({ accessPointId: fc.constant('fsap-1'), iam: fc.constantFrom('ENABLED', 'DISABLED') }, { requiredKeys: [] }),
      },
      { requiredKeys: ['fileSystemId'] },
    ),
  },
  { requiredKeys: [] },
);

/** Task definitions shaped like real ones, with values drawn to hit every rule's edge. */
const taskDefinition = fc.record(
  {
    family: fc.constantFrom('web', '<TASK_NAME>', '', 'a_b-1'),
    networkMode: fc.constantFrom('bridge', 'host', 'awsvpc', 'none'),
    requiresCompatibilities: fc.subarray(['EC2', 'FARGATE', 'EXTERNAL']),
    cpu: fc.constantFrom('256', '512', '1024', '1 vCPU', '300', 'x', '16384', '0.25 vcpu'),
    memory: fc.constantFrom('512', '1024', '2 GB', '4096', 'y', '122880'),
    taskRoleArn: fc.constantFrom('arn:aws:iam::123456789012:role/task', 'arn:aws:iam::123456789012:role/exec'),
    executionRoleArn: fc.constantFrom('arn:aws:iam::123456789012:role/exec'),
    containerDefinitions: fc.array(container, { maxLength: 12 }),
    volumes: fc.array(volume, { maxLength: 3 }),
    pidMode: fc.constantFrom('host', 'task'),
    ipcMode: fc.constantFrom('host', 'task', 'none'),
    placementConstraints: fc.array(fc.record({ type: fc.constant('memberOf'), expression: fc.constant('attribute:ecs.os-type == linux') }), { maxLength: 1 }),
    ephemeralStorage: fc.record({ sizeInGiB: fc.integer({ min: 0, max: 300 }) }),
    runtimePlatform: fc.record(
      { cpuArchitecture: fc.constantFrom('X86_64', 'ARM64'), operatingSystemFamily: fc.constantFrom('LINUX', 'WINDOWS_SERVER_2019_CORE', 'WINDOWS_SERVER_2016_FULL') },
      { requiredKeys: [] },
    ),
    proxyConfiguration: fc.record({ type: fc.constant('APPMESH'), containerName: names }),
  },
  { requiredKeys: ['family', 'containerDefinitions'] },
);

/** A task-definition file: the input form, or describe output around it. */
const taskDefinitionFile = fc.oneof(taskDefinition, taskDefinition.map((td) => ({ taskDefinition: { ...td, revision: 1, status: 'ACTIVE' }, tags: [] })));

/** The path resolves in the document, or names a missing member of an object that exists. */
function pathResolves(doc: unknown, f: Finding): boolean {
  if (resolveJsonPointer(doc, f.path).found) return true;
  const parent = resolveJsonPointer(doc, f.path.slice(0, f.path.lastIndexOf('/')));
  return parent.found && typeof parent.value === 'object' && parent.value !== null && !Array.isArray(parent.value);
}

describe('property: random task definitions', () => {
  it('never crash the validator, whatever the JSON', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const findings = validateTaskDefinitionFile(raw);
        expect(Array.isArray(findings)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never crash a rule, and every finding path resolves in the input', () => {
    let ranRules = 0;
    fc.assert(
      fc.property(taskDefinitionFile, (raw) => {
        const findings = validateTaskDefinitionFile(raw);
        if (!findings.some((f) => f.rule.startsWith('schema/'))) ranRules++;
        for (const f of findings) {
          expect(f.rule).not.toBe('internal/rule-error');
          expect(pathResolves(raw, f), `${f.rule} ${f.path}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
    // Most generated files are schema-valid, so the rules themselves are exercised.
    expect(ranRules).toBeGreaterThan(200);
  });

  it('imported as designs: no crash, paths resolve in the design and name an existing node', () => {
    fc.assert(
      fc.property(taskDefinition, (raw) => {
        const imported = importTaskDefinition(raw, { ids: sequentialIds() });
        if (!imported.ok) return;
        const design = imported.design;
        for (const f of validateDesign(design)) {
          expect(f.rule).not.toBe('internal/rule-error');
          expect(design.nodes.some((n) => n.id === f.nodeId)).toBe(true);
          expect(pathResolves(design, f), `${f.rule} ${f.path}`).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ── Incremental validation equals full validation ──────────────────────────────────────────────────────────

type Edit = (d: Design) => Design;

const PATCHES: [string, Record<string, unknown>][] = [
  ['s0-td', { cpu: '300' }],
  ['s0-td', { memory: '4096' }],
  ['s0-td', { networkMode: 'bridge' }],
  ['s1-td', { requiresCompatibilities: ['EC2'] }],
  ['s0-app', { portMappings: [{ containerPort: 8080, hostPort: 0 }] }],
  ['s0-app', { readonlyRootFilesystem: false }],
  ['s1-app', { healthCheck: { command: ['curl'] } }],
  ['s1-sidecar', { image: 'nginx:latest' }],
  ['s2-init', { essential: true }],
  ['s0-service', { desiredCount: 20 }],
  ['s1-service', { launchType: 'EC2' }],
  ['s2-service', { assignPublicIp: 'ENABLED' }],
  ['s0-tg', { targetType: 'instance' }],
  ['s1-exec-role', { inlinePolicies: undefined }],
  ['s2-secret', { kmsKeyId: 'key-1' }],
  ['s0-logs', { logGroupName: '/ecs/renamed' }],
  ['s1-repo', { accountId: '210987654321' }],
  ['s2-scaling', { minCapacity: 30 }],
  ['cluster', { containerInsights: 'disabled' }],
  ['subnet-a', { public: true }],
];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.constantFrom(...PATCHES).map(([id, patch]): Edit => (d) => setProps(d, id, patch)),
  fc.constantFrom('s0-app', 's1-td', 's2-service').map((id): Edit => (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === id ? { ...n, position: { x: n.position.x + 5, y: 0 } } : n)) })),
  fc.constantFrom('s0-td', 's1-app', 's2-tg').map((id): Edit => (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === id ? { ...n, ignore: ['security/*', 'container/image-tag'] } : n)) })),
  fc.constant<Edit>((d) => ({ ...d, edges: d.edges.map((e) => (e.kind === 'service-target-group' && e.source === 's1-service' ? { ...e, properties: { containerName: 'app', containerPort: 9999 } } : e)) })),
  fc.constant<Edit>((d) => ({ ...d, settings: { accountId: '123456789012' } })),
  fc.constant<Edit>((d) => (d.nodes.some((n) => n.id === 's2-listener') ? removeNodes(d, ['s2-listener']) : d)),
  fc.constant<Edit>((d) => addEdge(d, 'service-subnet', 's0-service', 'public-a')),
);

describe('property: incremental validation', () => {
  it('after any sequence of edits, equals a full validation of the same design', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const validator = new IncrementalValidator();
        let design = serviceDesign(3);
        validator.validate(design);
        for (const e of edits) {
          design = e(design);
          expect(validator.validate(design)).toEqual(validateDesign(design));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('returns the same array when nothing relevant changed', () => {
    const validator = new IncrementalValidator();
    const design = setProps(serviceDesign(2), 's0-td', { cpu: '300' });
    const first = validator.validate(design);
    expect(validator.validate({ ...design })).toBe(first);
    const moved = { ...design, nodes: design.nodes.map((n) => (n.id === 's1-app' ? { ...n, position: { x: 1, y: 2 } } : n)) };
    expect(validator.validate(moved)).toBe(first);
  });
});

describe('property: designs that break the model schema (in-memory edits gone wrong)', () => {
  it('never crash the validator: a rule that cannot run reports internal/rule-error instead', () => {
    const base = serviceDesign(2);
    const ids = base.nodes.map((n) => n.id);
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.dictionary(fc.string({ maxLength: 20 }), fc.anything(), { maxKeys: 6 }), fc.boolean(), (id, garbage, merge) => {
        const design = { ...base, nodes: base.nodes.map((n) => (n.id === id ? ({ ...n, properties: merge ? { ...(n.properties as object), ...garbage } : garbage } as typeof n) : n)) };
        expect(() => validateDesign(design)).not.toThrow();
        const v = new IncrementalValidator();
        v.validate(base);
        expect(() => v.validate(design)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
