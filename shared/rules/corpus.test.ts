import { describe, expect, it } from 'vitest';
import { resolveJsonPointer } from '../jsonPointer';
import { sequentialIds } from '../model/ids';
import { importTaskDefinition } from '../taskdef/import';
import { corpusFiles } from '../test-support/corpus';
import { TASKDEF_RULES, validateDesign, validateTaskDefinitionFile } from './index';

/**
 * Corpus files that AWS would genuinely reject (or whose tasks could not start) as they are stored, and why.
 * Every other file must validate without errors (warnings and info are fine).
 */
const GENUINELY_INVALID: Record<string, { rule: string; path: string; why: string }[]> = {
  'aws-samples__container-insights__cwagent-emf-ec2-bridge.json': [
    { rule: 'container/image', path: '/containerDefinitions/0/image', why: 'template: the image is the placeholder "{{demo-app-image}}"' },
  ],
  'aws-samples__container-insights__cwagent-prometheus-templated.json': [
    { rule: 'schema/invalid-enum', path: '/networkMode', why: 'template: networkMode is "{{networkmode}}"' },
    { rule: 'schema/invalid-enum', path: '/requiresCompatibilities/0', why: 'template: requiresCompatibilities is ["{{launchtype}}"]' },
  ],
  'aws-samples__containers-taskdefs__wildfly-fargate.json': [
    {
      rule: 'role/execution-role-missing',
      path: '/executionRoleArn',
      why: 'Fargate with the awslogs driver and no executionRoleArn: RegisterTaskDefinition fails ("Fargate requires task definition to have execution role ARN to support log driver awslogs")',
    },
  ],
  'aws__ecs-agent-ftest__container-ordering-healthy-windows.json': [
    { rule: 'healthcheck/command', path: '/containerDefinitions/1/healthCheck/command/0', why: 'health check command ["powershell", …] lacks the CMD / CMD-SHELL prefix the API requires' },
  ],
  'datadog__docs__datadog-agent-ecs-fargate.json': [{ rule: 'taskdef/family', path: '/family', why: 'documentation placeholder family "<TASK_NAME>" is not a valid family name' }],
  'kayac__ecspresso__td-in-tags.json': [
    { rule: 'container/image', path: '/taskDefinition/containerDefinitions/0/image', why: 'Go template left in the image ("{{ env `TAG` `latest` }}")' },
    { rule: 'taskdef/proxy-configuration', path: '/taskDefinition/proxyConfiguration/containerName', why: 'App Mesh proxy container "envoy" is not in the task definition' },
  ],
  'kayac__ecspresso__td-plain.json': [
    { rule: 'container/image', path: '/containerDefinitions/0/image', why: 'Go template left in the image ("{{ env `TAG` `latest` }}")' },
    { rule: 'taskdef/proxy-configuration', path: '/proxyConfiguration/containerName', why: 'App Mesh proxy container "envoy" is not in the task definition' },
  ],
};

const TASKDEF_RULE_IDS = new Set(TASKDEF_RULES.map((r) => r.id));

describe('the public task-definition corpus', () => {
  const files = corpusFiles('taskdefs');

  it('lists only files that exist', () => {
    const names = new Set(files.map((f) => f.name));
    for (const name of Object.keys(GENUINELY_INVALID)) expect(names.has(name), name).toBe(true);
  });

  for (const file of files) {
    const raw = JSON.parse(file.text) as unknown;
    const expected = GENUINELY_INVALID[file.name] ?? [];
    it(`${file.name}: ${expected.length === 0 ? 'no errors' : `errors only where AWS would reject it (${expected.map((e) => e.rule).join(', ')})`}`, () => {
      const findings = validateTaskDefinitionFile(raw);
      const errors = findings.filter((f) => f.severity === 'error').map((f) => ({ rule: f.rule, path: f.path }));
      expect(errors).toEqual(expected.map(({ rule, path }) => ({ rule, path })));
      for (const f of findings) {
        const at = resolveJsonPointer(raw, f.path);
        if (!at.found) {
          const parent = resolveJsonPointer(raw, f.path.slice(0, f.path.lastIndexOf('/')));
          expect(parent.found && typeof parent.value === 'object', `${f.rule} ${f.path}`).toBe(true);
        }
      }
    });

    const imported = importTaskDefinition(raw, { ids: sequentialIds() });
    if (!imported.ok) continue;
    it(`${file.name}: as a design, the task-definition rules find the same things, on the design's nodes`, () => {
      const fromFile = validateTaskDefinitionFile(raw).map((f) => `${f.rule} ${f.severity}`).sort();
      const design = imported.design;
      const fromDesign = validateDesign(design).filter((f) => TASKDEF_RULE_IDS.has(f.rule));
      expect(fromDesign.map((f) => `${f.rule} ${f.severity}`).sort()).toEqual(fromFile);
      for (const f of fromDesign) {
        expect(design.nodes.some((n) => n.id === f.nodeId)).toBe(true);
        const at = resolveJsonPointer(design, f.path);
        const parent = resolveJsonPointer(design, f.path.slice(0, f.path.lastIndexOf('/')));
        expect(at.found || (parent.found && typeof parent.value === 'object'), `${f.rule} ${f.path}`).toBe(true);
      }
    });
  }
});
