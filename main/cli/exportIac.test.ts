import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { serializeDesign, type Design } from '../../shared/model/document';
import { containerAt, PatternBuilder } from '../../shared/patterns/builder';
import { loadBalancedWebService } from '../../shared/patterns';
import { cli, lines, useTempDir } from './testkit';

let dir: string;
useTempDir((d) => (dir = d));

async function save(design: Design, name = 'app.ecsd.json'): Promise<string> {
  await writeFile(path.join(dir, name), serializeDesign(design));
  return name;
}

/** A design the validator reports an error for (Fargate memory outside the CPU's range). */
function brokenDesign(): Design {
  const b = new PatternBuilder('d', 'broken', '');
  const td = b.node('taskDefinition', { family: 'x', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '99999' });
  b.node('container', { name: 'app', image: 'nginx:1' }, containerAt(td));
  return b.design;
}

describe('ecs-designer export --format cloudformation|terraform|cdk', () => {
  it('cloudformation writes template.yaml by default and template.json with --json', async () => {
    await save(loadBalancedWebService());
    const y = await cli(['export', 'app.ecsd.json', '--format', 'cloudformation', '-o', 'out'], { cwd: dir });
    expect(y).toEqual({ code: 0, stdout: `wrote ${path.join('out', 'template.yaml')}\n`, stderr: '' });
    const yaml = parse(await readFile(path.join(dir, 'out', 'template.yaml'), 'utf8')) as { Resources: Record<string, { Type: string }> };
    expect(yaml.Resources['WebService']?.Type).toBe('AWS::ECS::Service');
    const j = await cli(['export', 'app.ecsd.json', '--format', 'cloudformation', '--json', '-o', 'out'], { cwd: dir });
    expect(j.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, 'out', 'template.json'), 'utf8'))).toEqual(yaml);
  });

  it('terraform and cdk write their file sets (sub-folders created)', async () => {
    await save(loadBalancedWebService());
    const tf = await cli(['export', 'app.ecsd.json', '--format', 'terraform', '-o', 'tf'], { cwd: dir });
    expect(tf.code).toBe(0);
    expect((await readdir(path.join(dir, 'tf'))).sort()).toEqual(lines(tf.stdout).map((l) => path.basename(l.replace(/^wrote /, ''))).sort());
    expect(await readFile(path.join(dir, 'tf', 'main.tf'), 'utf8')).toContain('resource "aws_ecs_service"');
    const cdk = await cli(['export', 'app.ecsd.json', '--format', 'cdk', '--stack-name', 'WebStack', '-o', 'cdk'], { cwd: dir });
    expect(cdk.code).toBe(0);
    expect(await readFile(path.join(dir, 'cdk', 'bin', 'app.ts'), 'utf8')).toContain('WebStack');
  });

  it('a design with validation errors: the findings, exit 1, nothing written; --force writes with a warning', async () => {
    await save(brokenDesign());
    const r = await cli(['export', 'app.ecsd.json', '--format', 'cloudformation', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const err = lines(r.stderr);
    expect(err.slice(0, -1).every((l) => /^app\.ecsd\.json:\/nodes\/\d+.*: error \S+: /.test(l))).toBe(true);
    expect(err.at(-1)).toMatch(/^error: app\.ecsd\.json has \d+ validation errors?: no cloudformation written \(fix them, or generate anyway with --force\)$/);
    expect(await readdir(dir)).toEqual(['app.ecsd.json']);
    const forced = await cli(['export', 'app.ecsd.json', '--format', 'cloudformation', '--force', '-o', 'out'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/^warning: generated despite \d+ validation errors? \(--force\)/);
    expect(await readdir(path.join(dir, 'out'))).toEqual(['template.yaml']);
  });

  it('bad option combinations: one line, exit 2, nothing read', async () => {
    const cases: [string[], string][] = [
      [['--format', 'cloudformation', '--yaml', '--json'], '--yaml and --json exclude each other'],
      [['--format', 'terraform', '--json'], '--json applies to --format cloudformation only'],
      [['--format', 'taskdefs', '--yaml'], '--yaml applies to --format cloudformation only'],
      [['--format', 'cloudformation', '--stack-name', 'S'], '--stack-name applies to --format cdk only'],
      [['--format', 'cdk', '--stack-name', '1bad'], 'stack name 1bad is not valid: letters, digits and hyphens, starting with a letter (at most 128)'],
    ];
    for (const [args, message] of cases) {
      expect(await cli(['export', 'missing.ecsd.json', ...args, '-o', 'out'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: `error: ${message}\n` });
    }
    expect(await readdir(dir)).toEqual([]);
  });
});
