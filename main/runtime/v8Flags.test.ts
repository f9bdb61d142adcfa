import { execFile } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../cli/testkit';
import { CLI_SHEBANG, V8_FLAGS } from './v8Flags';

const exec = promisify(execFile);

let dir: string;
let cleanup: () => Promise<void>;

describe('V8 flags of the CLI', () => {
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(async () => {
    await cleanup();
  });

  it('bin/ecs-designer.mjs starts with the shebang that passes V8_FLAGS to node', async () => {
    const bin = await readFile(path.join(REPO_ROOT, 'bin/ecs-designer.mjs'), 'utf8');
    expect(bin.split('\n', 1)[0]).toBe(CLI_SHEBANG);
    expect(V8_FLAGS).toContain('--max-semi-space-size=64');
  });

  // Executed by the operating system through its first line, as a shell runs the installed command.
  it.skipIf(process.platform === 'win32')('a script with that shebang runs in node with the flags', async () => {
    const script = path.join(dir, 'flags.mjs');
    await writeFile(script, `${CLI_SHEBANG}\nprocess.stdout.write(JSON.stringify(process.execArgv));\n`);
    await chmod(script, 0o755);
    const { stdout } = await exec(script, [], { env: { ...process.env, NODE_OPTIONS: '' } });
    expect(JSON.parse(stdout)).toEqual(V8_FLAGS);
  });
});
