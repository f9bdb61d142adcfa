import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, cli, lines, useTempDir } from './testkit';

let dir: string;
useTempDir((d) => (dir = d));

describe('ecs-designer (program)', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await cli([flag], { cwd: dir })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    // `npx ecs-designer -- --version` (the "--" keeps older npx from reading --version itself)
    expect(await cli(['--', '--version'], { cwd: dir })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists the commands and exit codes', async () => {
    const r = await cli(['--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: ecs-designer \[options\] \[command\]/);
    for (const c of ['import', 'export', 'validate']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stdout).toContain('Exit status: 0 ok');
  });

  for (const [command, usage, mentions] of [
    ['import', 'Usage: ecs-designer import [options] <file>', ['-o, --output <design>', '--force']],
    ['export', 'Usage: ecs-designer export [options] <design>', ['--format <format>', '--json', '--force', '-o, --output <dir>']],
    ['validate', 'Usage: ecs-designer validate [options] <file...>', ['--format <format>', '"text", "json"', 'RFC 6901']],
  ] as const) {
    it(`${command} --help (and help ${command}) describe the command`, async () => {
      const r = await cli([command, '--help'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.startsWith(`${usage}\n`)).toBe(true);
      for (const m of mentions) expect(r.stdout).toContain(m);
      expect(await cli(['help', command], { cwd: dir })).toEqual(r);
    });
  }

  it('no command: the help on stderr, exit 2', async () => {
    const r = await cli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: ecs-designer/);
  });

  it('an unknown command or option: one line with a hint to --help, exit 2', async () => {
    expect(await cli(['valdate', 'x.json'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: unknown command 'valdate'; did you mean validate? (see "ecs-designer --help")\n`,
    });
    expect(await cli(['--verbose'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: `error: unknown option '--verbose' (see "ecs-designer --help")\n` });
    const r = await cli(['export', 'a.ecsd.json', '--format', 'taskdefs', '-o', 'out', '--frce'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^error: unknown option '--frce'.*\(see "ecs-designer export --help"\)$/)]);
  });

  it('an unexpected internal error: one line, exit 70; the stack only with ECS_DESIGNER_DEBUG=1', async () => {
    const broken = { readFile: () => Promise.resolve(undefined as unknown as string) };
    const r = await cli(['validate', 'x.json'], { cwd: dir, fs: broken });
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^error: internal error: .* \(this is a bug; set ECS_DESIGNER_DEBUG=1 to see the stack trace\)$/)]);

    const debug = await cli(['validate', 'x.json'], { cwd: dir, fs: broken, env: { ECS_DESIGNER_DEBUG: '1' } });
    expect(debug.code).toBe(70);
    expect(lines(debug.stderr).length).toBeGreaterThan(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('run() can be called repeatedly (no state kept between runs)', async () => {
    const a = await cli(['validate', 'nope.json'], { cwd: dir });
    const b = await cli(['validate', 'nope.json'], { cwd: dir });
    expect(a).toEqual(b);
  });
});
