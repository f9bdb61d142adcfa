import * as fs from 'node:fs';
import path from 'node:path';
import { startMoto, type MotoServer } from '../../main/aws/testing/moto';
import { test, type Bridge } from './fixtures';

/**
 * One moto server for a spec file: started before its tests (moto's first start and first EC2/ELB calls load a
 * lot of Python, so the hook has time on a loaded machine), stopped after; the AWS file variables the tests set are
 * restored after each test. Call at the top level of a spec; use the getter inside tests.
 */
export function useMotoServer(env?: Readonly<Record<string, string>>): () => MotoServer {
  let moto: MotoServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    moto = await startMoto(env ? { env: { ...env } } : {});
  });
  test.afterAll(async () => {
    await moto?.stop();
  });
  const AWS_ENV = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED'] as const;
  const savedEnv = Object.fromEntries(AWS_ENV.map((k) => [k, process.env[k]]));
  test.afterEach(() => {
    for (const k of AWS_ENV) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
  });
  return () => {
    if (!moto) throw new Error('moto is not running (useMotoServer hooks did not run)');
    return moto;
  };
}

/** A static-keys `moto` profile in this test's AWS files; the bridged handlers (in this process) read them through the SDK. */
export function writeMotoProfile(bridge: Bridge, keyId: string, secret: string): void {
  fs.mkdirSync(path.dirname(bridge.awsFiles.config), { recursive: true });
  fs.writeFileSync(bridge.awsFiles.config, '[profile moto]\nregion = us-east-1\n');
  fs.writeFileSync(bridge.awsFiles.credentials, `[moto]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\n`);
  process.env['AWS_CONFIG_FILE'] = bridge.awsFiles.config;
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = bridge.awsFiles.credentials;
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
}
