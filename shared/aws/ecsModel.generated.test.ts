import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import * as generated from './ecsModel.generated';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'gen-ecs-schema.mjs');
const GENERATED = fileURLToPath(new URL('./ecsModel.generated.ts', import.meta.url));
const DEFAULT_MODEL =
  '/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/botocore/data/ecs/2014-11-13/service-2.json.gz';

const objectSchemas: [string, z.ZodObject][] = [];
for (const [name, value] of Object.entries(generated as Record<string, unknown>)) {
  if (value instanceof z.ZodObject) objectSchemas.push([name, value]);
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('generated ECS model schemas', () => {
  it('records where it came from', () => {
    expect(generated.ecsModelInfo.apiVersion).toBe('2014-11-13');
    expect(generated.ecsModelInfo.botocoreVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(generated.ecsModelInfo.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(GENERATED, 'utf8')).toMatch(/^\/\/ GENERATED FILE, DO NOT EDIT\.[\s\S]*node scripts\/gen-ecs-schema\.mjs/);
  });

  it('exports the reachable structures, each strict and with a type-level twin', () => {
    const names = objectSchemas.map(([n]) => n);
    for (const n of [
      'RegisterTaskDefinitionRequestSchema',
      'ContainerDefinitionSchema',
      'PortMappingSchema',
      'VolumeSchema',
      'EFSVolumeConfigurationSchema',
      'LogConfigurationSchema',
      'HealthCheckSchema',
      'LinuxParametersSchema',
    ]) {
      expect(names).toContain(n);
    }
    for (const [name, schema] of objectSchemas) {
      expect(schema.safeParse({ __unknown__: 1 }).success, name).toBe(false);
      const issues = schema.safeParse({ __unknown__: 1 }).error?.issues ?? [];
      expect(issues.some((i) => i.code === 'unrecognized_keys'), name).toBe(true);
    }
  });

  it('describes every member with one line of plain text', () => {
    let members = 0;
    for (const [name, schema] of objectSchemas) {
      for (const [member, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
        members++;
        const d = field.description;
        expect(d, `${name}.${member}`).toBeTypeOf('string');
        expect(d!.length, `${name}.${member}`).toBeGreaterThan(5);
        expect(d!.length, `${name}.${member}`).toBeLessThanOrEqual(200);
        expect(d, `${name}.${member}`).not.toMatch(/<[a-z/]|&[a-z]+;|\s\s|\n/i);
      }
    }
    expect(members).toBeGreaterThan(100);
  });

  it('keeps the model types (task cpu/memory are strings, container cpu/memory integers)', () => {
    const td = generated.RegisterTaskDefinitionRequestSchema.shape;
    const cd = generated.ContainerDefinitionSchema.shape;
    expect(td.cpu.safeParse('1 vCPU').success).toBe(true);
    expect(td.cpu.safeParse(1024).success).toBe(false);
    expect(cd.cpu.safeParse(256).success).toBe(true);
    expect(cd.cpu.safeParse('256').success).toBe(false);
    expect(cd.memory.safeParse(2 ** 31).success).toBe(false);
    expect(td.inferenceAccelerators.meta()).toMatchObject({ deprecated: true });
    expect(generated.TagsSchema.safeParse(Array.from({ length: 50 }, () => ({ key: 'k' }))).success).toBe(true);
    expect(generated.TagsSchema.safeParse(Array.from({ length: 51 }, () => ({ key: 'k' }))).success).toBe(false);
  });

  it.skipIf(!existsSync(DEFAULT_MODEL))('is reproducible: regenerating gives identical output', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gen-ecs-'));
    try {
      const a = path.join(dir, 'a.ts');
      const b = path.join(dir, 'b.ts');
      execFileSync(process.execPath, [SCRIPT, DEFAULT_MODEL, '--out', a]);
      execFileSync(process.execPath, [SCRIPT, '--out', b]);
      expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
      // The committed file is current whenever it was generated from this same model.
      if (sha256(DEFAULT_MODEL) === generated.ecsModelInfo.modelSha256) {
        expect(readFileSync(a, 'utf8')).toBe(readFileSync(GENERATED, 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
