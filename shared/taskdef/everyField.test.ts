import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ContainerDefinitionSchema,
  EFSVolumeConfigurationSchema,
  LinuxParametersSchema,
  RegisterTaskDefinitionRequestSchema,
  VolumeSchema,
} from '../aws/ecsModel.generated';
import { DesignIndex, parseDesignText, serializeDesign } from '../model/document';
import { sequentialIds } from '../model/ids';
import { exportTaskDefinition } from './export';
import { importTaskDefinition } from './import';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/every-field.json', import.meta.url), 'utf8')) as Record<string, unknown> & {
  containerDefinitions: Record<string, unknown>[];
  volumes: Record<string, unknown>[];
};

const keysOf = (objects: Record<string, unknown>[]) => new Set(objects.flatMap((o) => Object.keys(o)));

// The fixture uses every member of RegisterTaskDefinition and of its nested shapes at least once. It is a
// round-trip fixture, not a deployable task definition (awsvpc with links, GPU and Fargate together…).
describe('a task definition using every RegisterTaskDefinition field', () => {
  it('covers every member of the AWS model (this test fails when the model grows)', () => {
    expect(new Set(Object.keys(fixture))).toEqual(new Set(Object.keys(RegisterTaskDefinitionRequestSchema.shape)));
    expect(keysOf(fixture.containerDefinitions)).toEqual(new Set(Object.keys(ContainerDefinitionSchema.shape)));
    expect(keysOf(fixture.volumes)).toEqual(new Set(Object.keys(VolumeSchema.shape)));
    const app = fixture.containerDefinitions[0] as { linuxParameters: Record<string, unknown> };
    expect(new Set(Object.keys(app.linuxParameters))).toEqual(new Set(Object.keys(LinuxParametersSchema.shape)));
    const efs = (fixture.volumes[0] as { efsVolumeConfiguration: Record<string, unknown> }).efsVolumeConfiguration;
    expect(new Set(Object.keys(efs))).toEqual(new Set(Object.keys(EFSVolumeConfigurationSchema.shape)));
  });

  it('round-trips losslessly, also through a saved design file', () => {
    const result = importTaskDefinition(fixture, { ids: sequentialIds() });
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    const exported = exportTaskDefinition(result.design, result.taskDefinitionId);
    expect(exported.ok && exported.input).toStrictEqual(fixture);
    const reloaded = parseDesignText(serializeDesign(result.design));
    if (!reloaded.ok) throw new Error(JSON.stringify(reloaded.errors));
    const again = exportTaskDefinition(reloaded.design, result.taskDefinitionId);
    expect(again.ok && again.input).toStrictEqual(fixture);
  });

  it('turns references into connected nodes', () => {
    const result = importTaskDefinition(fixture, { ids: sequentialIds() });
    if (!result.ok) throw new Error('import failed');
    const index = new DesignIndex(result.design);
    const td = result.taskDefinitionId;
    const [app, config] = index.containersOf(td);
    expect(index.targetOf(td, 'task-role')?.properties).toEqual({ arn: 'arn:aws:iam::123456789012:role/every-field-task' });
    expect(index.targetOf(td, 'execution-role')?.kind).toBe('executionRole');
    expect(app?.properties.imageTag).toBe('1.4.2');
    expect(index.targetOf(app!.id, 'container-image')?.properties).toMatchObject({ repositoryName: 'shop/web', accountId: '123456789012', region: 'eu-central-1' });
    expect(index.targetOf(app!.id, 'container-log-group')?.properties).toMatchObject({ logGroupName: '/ecs/every-field' });
    expect(app?.properties.logConfiguration?.options?.['awslogs-group']).toBeUndefined();
    const secretEdges = index.outgoing(app!.id, 'container-secret');
    expect(secretEdges.map((e) => e.properties)).toEqual([{ name: 'DB_PASSWORD', jsonKey: 'password' }, { name: 'API_TOKEN' }, { name: 'FEATURE_FLAGS' }]);
    expect(secretEdges.map((e) => index.node(e.target)?.properties)).toEqual([
      { store: 'secretsmanager', arn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:shop/db-AbCdEf' },
      { store: 'ssm', arn: 'arn:aws:ssm:eu-central-1:123456789012:parameter/shop/api-token' },
      { store: 'ssm', name: '/shop/feature-flags' },
    ]);
    const configImage = index.targetOf(config!.id, 'container-image');
    expect(configImage?.properties).toEqual({ image: 'ghcr.io/shop/config-loader', registry: 'other' });
    expect(config?.properties.imageTag).toMatch(/^sha256:/);
    expect(index.targetOf(configImage!.id, 'image-credentials')?.kind).toBe('secret');
    const efs = index.outgoing(td, 'volume-efs');
    expect(efs.map((e) => [e.properties?.volume, (index.node(e.target)?.properties as { fileSystemId?: string } | undefined)?.fileSystemId])).toEqual([['uploads', 'fs-0123456789abcdef0']]);
    const ap = index.targetOf(td, 'volume-access-point');
    expect(ap?.properties).toEqual({ accessPointId: 'fsap-0123456789abcdef0' });
    expect(index.targetOf(ap!.id, 'access-point-file-system')?.id).toBe(efs[0]?.target);
  });

  it('reports an unknown container property at its path and imports nothing', () => {
    const bad = structuredClone(fixture);
    (bad.containerDefinitions[1] as Record<string, unknown>)['imagePullPolicy'] = 'Always';
    const result = importTaskDefinition(bad);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.findings.map((f) => [f.rule, f.path])).toContainEqual(['schema/unknown-property', '/containerDefinitions/1/imagePullPolicy']);
  });
});
