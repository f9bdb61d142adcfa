import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesignText } from '../../shared/model/document';
import { PATTERNS } from '../../shared/patterns/index';
import { validateDesign } from '../../shared/rules/index';
import { cli, lines, useTempDir } from './testkit';

let dir: string;
useTempDir((d) => (dir = d));

describe('ecs-designer new', () => {
  it('--list-patterns prints one pattern per line, its name first', async () => {
    const r = await cli(['new', '--list-patterns'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const names = lines(r.stdout).map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(PATTERNS.map((p) => p.id));
    expect(names).toEqual(['web-service', 'queue-worker', 'scheduled-task', 'ec2-cluster', 'efs-service']);
    expect(lines(r.stdout)[0]).toMatch(/^web-service\s+Load-balanced web service on Fargate$/);
  });

  for (const p of PATTERNS) {
    it(`--pattern ${p.id} writes a design that opens and validates with zero errors`, async () => {
      const r = await cli(['new', '--pattern', p.id, '-o', `${p.id}.ecsd.json`, '--region', 'eu-central-1', '--account', '123456789012'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Created ".+" \\(\\d+ resources, \\d+ connections\\) from pattern ${p.id} in ${p.id}\\.ecsd\\.json\\n$`));
      const parsed = parseDesignText(await readFile(path.join(dir, `${p.id}.ecsd.json`), 'utf8'));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.design.settings).toEqual({ region: 'eu-central-1', accountId: '123456789012' });
      expect(validateDesign(parsed.design).filter((f) => f.severity === 'error')).toEqual([]);
      const check = await cli(['validate', `${p.id}.ecsd.json`], { cwd: dir });
      expect(check.code).toBe(0);
    });
  }

  it('--name names the design', async () => {
    const r = await cli(['new', '--pattern', 'web-service', '--name', 'Shop front', '-o', 'shop.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const parsed = parseDesignText(await readFile(path.join(dir, 'shop.ecsd.json'), 'utf8'));
    expect(parsed.ok && parsed.design.name).toBe('Shop front');
  });

  it('refuses an unknown pattern, a missing output, bad settings, and an existing file without --force', async () => {
    const unknown = await cli(['new', '--pattern', 'lambda', '-o', 'x.ecsd.json'], { cwd: dir });
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'error: unknown pattern "lambda"; choose one of: web-service, queue-worker, scheduled-task, ec2-cluster, efs-service\n' });
    const noOut = await cli(['new', '--pattern', 'web-service'], { cwd: dir });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--output');
    const none = await cli(['new'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--pattern');
    const region = await cli(['new', '--pattern', 'web-service', '--region', 'mars', '-o', 'x.ecsd.json'], { cwd: dir });
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('--region');

    await writeFile(path.join(dir, 'taken.ecsd.json'), 'keep me');
    const taken = await cli(['new', '--pattern', 'web-service', '-o', 'taken.ecsd.json'], { cwd: dir });
    expect(taken).toEqual({ code: 2, stdout: '', stderr: 'error: taken.ecsd.json already exists; use --force to overwrite it\n' });
    expect(await readFile(path.join(dir, 'taken.ecsd.json'), 'utf8')).toBe('keep me');
    const forced = await cli(['new', '--pattern', 'web-service', '-o', 'taken.ecsd.json', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(parseDesignText(await readFile(path.join(dir, 'taken.ecsd.json'), 'utf8')).ok).toBe(true);
  });

  it('new --help describes the command', async () => {
    const r = await cli(['new', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Usage: ecs-designer new [options]\n')).toBe(true);
    for (const m of ['--list-patterns', '-p, --pattern <name>', '-o, --output <design>']) expect(r.stdout).toContain(m);
  });
});
