import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDesignText } from '../../shared/model/document';
import { seedAccount } from '../aws/testing/accountImportSeed';
import { startMoto, type MotoServer } from '../aws/testing/moto';
import { cli, useTempDir } from './testkit';

/** `ecs-designer import --from-aws` against moto, with credentials from a real profile in temp AWS files. */

let dir: string;
useTempDir((d) => (dir = d));

let moto: MotoServer;
const saved: Record<string, string | undefined> = {};
const KEY_ID = 'AKIDCLITEST000000001';
const SECRET = 'cli-test-secret-never-printed';

beforeAll(async () => {
  moto = await startMoto();
}, 90_000);
afterAll(async () => {
  await moto?.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** The SDK reads the profile files through process.env; the CLI's own region lookup through io.env. */
async function useAwsFiles(config: string): Promise<Record<string, string>> {
  const env = {
    AWS_CONFIG_FILE: path.join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'aws-credentials'),
    // Never fall through to the EC2 instance metadata service: tests reach 127.0.0.1 only.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  await writeFile(env.AWS_CONFIG_FILE, config);
  await writeFile(env.AWS_SHARED_CREDENTIALS_FILE, `[moto]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`);
  for (const [k, v] of Object.entries(env)) {
    if (!(k in saved)) saved[k] = process.env[k];
    process.env[k] = v;
  }
  return env;
}

beforeEach(async () => {
  await moto.reset();
});

describe('ecs-designer import --from-aws', () => {
  it('imports a cluster with a profile whose region comes from the AWS config file', async () => {
    await seedAccount(moto.endpoint, 'small');
    const env = await useAwsFiles('[profile moto]\nregion = us-east-1\n');
    const r = await cli(['import', '--from-aws', '--cluster', 'shop', '--profile', 'moto', '--endpoint-url', moto.endpoint, '-o', 'shop.ecsd.json'], { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Imported cluster "shop" from us-east-1: 1 service, 1 task definition, \d+ nodes \(\d+ API calls\) into shop\.ecsd\.json\n/);
    expect(r.stdout).toContain('    service: web\n');
    const text = await readFile(path.join(dir, 'shop.ecsd.json'), 'utf8');
    const parsed = parseDesignText(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.design.nodes.filter((n) => n.kind === 'service').map((n) => n.kind === 'service' && n.properties.serviceName)).toEqual(['web']);
    for (const s of [r.stdout, r.stderr, text]) {
      expect(s).not.toContain(KEY_ID);
      expect(s).not.toContain(SECRET);
    }
  });

  it('an unknown cluster exits 1 naming it; nothing is written', async () => {
    const env = await useAwsFiles('');
    const r = await cli(['import', '--from-aws', '--cluster', 'nope', '--profile', 'moto', '--region', 'us-east-1', '--endpoint-url', moto.endpoint, '-o', 'x.ecsd.json'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cluster "nope" was not found in region us-east-1');
    await expect(readFile(path.join(dir, 'x.ecsd.json'))).rejects.toThrow();
  });

  it('a profile that does not exist exits 2 naming the profile', async () => {
    const env = await useAwsFiles('');
    const r = await cli(['import', '--from-aws', '--cluster', 'shop', '--profile', 'nosuch', '--region', 'us-east-1', '--endpoint-url', moto.endpoint, '-o', 'x.ecsd.json'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('profile "nosuch"');
  });

  it('usage errors exit 2 with a message', async () => {
    const env = await useAwsFiles('');
    const cases: [string[], string][] = [
      [['import', '--from-aws', '--region', 'us-east-1', '-o', 'x.ecsd.json'], '--from-aws needs --cluster <name>'],
      [['import', '--from-aws', '--cluster', 'shop', '--region', 'us-east-1'], "required option '-o, --output <design>' not specified"],
      [['import', '--from-aws', '--cluster', 'shop', '-o', 'x.ecsd.json'], 'no AWS region: pass --region'],
      [['import', '--from-aws', '--cluster', 'shop', '--region', 'nowhere', '-o', 'x.ecsd.json'], 'region: "nowhere" is not an AWS region name'],
      [['import', '--from-aws', '--cluster', 'shop', '--region', 'us-east-1', '--endpoint-url', 'file:///etc', '-o', 'x.ecsd.json'], 'must be an http:// or https:// URL'],
      [['import', 'taskdef.json', '--from-aws', '--cluster', 'shop', '--region', 'us-east-1', '-o', 'x.ecsd.json'], 'do not also give a file ("taskdef.json")'],
      [['import', '-o', 'x.ecsd.json'], "missing required argument 'file' (or use --from-aws --cluster NAME)"],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv, { cwd: dir, env });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain(message);
    }
  });

  it('refuses to overwrite an existing design without --force', async () => {
    await seedAccount(moto.endpoint, 'small');
    const env = await useAwsFiles('[profile moto]\nregion = us-east-1\n');
    await writeFile(path.join(dir, 'shop.ecsd.json'), 'mine');
    const argv = ['import', '--from-aws', '--cluster', 'shop', '--profile', 'moto', '--endpoint-url', moto.endpoint, '-o', 'shop.ecsd.json'];
    const refused = await cli(argv, { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('shop.ecsd.json already exists; use --force');
    expect(await readFile(path.join(dir, 'shop.ecsd.json'), 'utf8')).toBe('mine');
    const forced = await cli([...argv, '--force'], { cwd: dir, env });
    expect(forced.code).toBe(0);
  });
});
