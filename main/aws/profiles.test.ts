import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsProfileListSchema } from '../../shared/ipc/contract';
import { parseIni } from './iniFile';
import { awsFileLocations, listAwsProfiles } from './profiles';

const SECRETS = {
  accessKey: 'AKIAIOSFODNN7EXAMPLE',
  secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN',
  processCommand: '/usr/local/bin/vault-creds --token s3cr3t-T0KEN',
  otherSecret: 'hunter2-super-secret',
};

const CONFIG = `# shared config
[default]
region = eu-west-1
output = json

[profile static-in-config]
region = us-east-1

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
region = eu-central-1

[profile ec2-role]
role_arn = arn:aws:iam::123456789012:role/Ec2
credential_source = Ec2InstanceMetadata

[profile sso-new]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-west-2

[profile sso-legacy]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile vault]
credential_process = ${SECRETS.processCommand}
  second line of a multi-line value

[profile web]
role_arn = arn:aws:iam::123456789012:role/Web
web_identity_token_file = /var/run/token

[profile tuned]
region = ap-southeast-2
s3 =
  max_concurrent_requests = 20
  multipart_threshold = 64MB

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[services local]
ecs =
  endpoint_url = http://localhost:5000
`;

const CREDENTIALS = `[default]
aws_access_key_id = ${SECRETS.accessKey}
aws_secret_access_key = ${SECRETS.secretKey}

[static-in-config]
aws_access_key_id=${SECRETS.accessKey}
aws_secret_access_key=${SECRETS.secretKey}
aws_session_token=${SECRETS.sessionToken}

; only in the credentials file
[ci]
aws_access_key_id: ${SECRETS.accessKey}
aws_secret_access_key: ${SECRETS.secretKey}
`;

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsd-aws-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
}

async function list(config: string | Buffer | null, credentials: string | Buffer | null) {
  const env: Record<string, string> = {
    AWS_CONFIG_FILE: config === null ? path.join(dir, 'missing-config') : await write('config', config),
    AWS_SHARED_CREDENTIALS_FILE: credentials === null ? path.join(dir, 'missing-credentials') : await write('credentials', credentials),
  };
  return listAwsProfiles({ env, homedir: dir });
}

describe('listAwsProfiles', () => {
  it('lists every profile with its region and kind, merging config and credentials', async () => {
    const result = await list(CONFIG, CREDENTIALS);
    expect(AwsProfileListSchema.parse(result)).toEqual(result);
    expect(result.problems).toEqual([]);
    const byName = Object.fromEntries(result.profiles.map((p) => [p.name, p]));
    expect(result.profiles.map((p) => p.name)).toEqual([
      'default', 'admin', 'ci', 'ec2-role', 'sso-legacy', 'sso-new', 'static-in-config', 'tuned', 'vault', 'web',
    ]);
    expect(byName['default']).toEqual({ name: 'default', kind: 'static', region: 'eu-west-1', sources: ['config', 'credentials'] });
    expect(byName['static-in-config']).toEqual({ name: 'static-in-config', kind: 'static', region: 'us-east-1', sources: ['config', 'credentials'] });
    expect(byName['ci']).toEqual({ name: 'ci', kind: 'static', sources: ['credentials'] });
    expect(byName['admin']).toEqual({ name: 'admin', kind: 'assume-role', region: 'eu-central-1', sourceProfile: 'default', sources: ['config'] });
    expect(byName['ec2-role']?.kind).toBe('assume-role');
    expect(byName['sso-new']).toEqual({ name: 'sso-new', kind: 'sso', region: 'us-west-2', ssoSession: 'corp', sources: ['config'] });
    expect(byName['sso-legacy']).toEqual({ name: 'sso-legacy', kind: 'sso', sources: ['config'] });
    expect(byName['vault']).toEqual({ name: 'vault', kind: 'credential-process', sources: ['config'] });
    expect(byName['web']?.kind).toBe('web-identity');
    expect(byName['tuned']).toEqual({ name: 'tuned', kind: 'none', region: 'ap-southeast-2', sources: ['config'] });
    // sso-session and services sections are not profiles.
    expect(byName['corp']).toBeUndefined();
    expect(byName['local']).toBeUndefined();
  });

  it('never returns a secret value, anywhere in the response', async () => {
    const result = await list(CONFIG, CREDENTIALS);
    const serialized = JSON.stringify(result);
    for (const secret of Object.values(SECRETS)) {
      expect(serialized).not.toContain(secret);
      expect(serialized).not.toContain(secret.slice(0, 12));
    }
    expect(serialized).not.toMatch(/aws_secret_access_key|aws_session_token|credential_process|vault-creds/);
  });

  it('never echoes a line of a broken file (it may hold a secret)', async () => {
    const broken = `[default]\naws_secret_access_key ${SECRETS.otherSecret}\n`;
    const result = await list(null, broken);
    expect(result.problems).toEqual([
      {
        file: path.join(dir, 'credentials'),
        line: 2,
        message: `The AWS credentials file ${path.join(dir, 'credentials')} cannot be read: line 2: expected "key = value", a [section] header or a comment.`,
      },
    ]);
    expect(JSON.stringify(result)).not.toContain(SECRETS.otherSecret);
  });

  it('reports an unterminated section with the file and line, and still lists the other file', async () => {
    const result = await list(`[default]\nregion = eu-west-1\n\n[profile dev\nregion = us-east-1\n`, CREDENTIALS);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file: path.join(dir, 'config'), line: 4 });
    expect(result.problems[0]?.message).toContain('line 4: unterminated section header');
    expect(result.profiles.map((p) => p.name)).toEqual(['default', 'ci', 'static-in-config']);
  });

  it('reports binary garbage instead of crashing', async () => {
    const garbage = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0xff, 0xfe, 0x0a, 0x5b, 0x00, 0x93]);
    const result = await list(garbage, null);
    expect(result.profiles).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ file: path.join(dir, 'config'), line: 1, message: expect.stringContaining('not a text file') }),
    ]);
    const invalidUtf8 = await list(Buffer.from('[default]\nregion = \xff\xfe\n', 'latin1'), null);
    expect(invalidUtf8.problems[0]).toMatchObject({ line: 2, message: expect.stringContaining('not a text file') });
  });

  it('reports settings before the first section, and files that cannot be read', async () => {
    const result = await list('region = eu-west-1\n[default]\n', null);
    expect(result.problems[0]?.message).toContain('line 1: a setting before the first [section] header');
    await fs.mkdir(path.join(dir, 'a-folder'));
    const folder = await listAwsProfiles({ env: { AWS_CONFIG_FILE: path.join(dir, 'a-folder') }, homedir: dir });
    expect(folder.problems[0]?.message).toMatch(/Cannot read the AWS config file .*a-folder \(EISDIR\)/);
  });

  it('has no profiles and no problems when neither file exists', async () => {
    expect(await list(null, null)).toEqual({
      profiles: [],
      configFile: path.join(dir, 'missing-config'),
      credentialsFile: path.join(dir, 'missing-credentials'),
      problems: [],
    });
  });

  it('reads ~/.aws by default, and expands ~ in the environment variables', () => {
    expect(awsFileLocations({}, '/home/u')).toEqual({ config: '/home/u/.aws/config', credentials: '/home/u/.aws/credentials' });
    expect(awsFileLocations({ AWS_CONFIG_FILE: '~/work/aws-config', AWS_SHARED_CREDENTIALS_FILE: '  ' }, '/home/u')).toEqual({
      config: '/home/u/work/aws-config',
      credentials: '/home/u/.aws/credentials',
    });
  });
});

describe('parseIni', () => {
  it('accepts CRLF, a BOM, comments, colons and inline header comments', () => {
    const sections = parseIni('\uFEFF; c\r\n[profile  a ] # note\r\nKey: v\r\n# c\r\n[b]\r\nx=1\r\nx = 2\r\n', 'f');
    expect(sections.map((s) => [s.name, s.line, Object.fromEntries(s.values)])).toEqual([
      ['profile a', 2, { key: 'v' }],
      ['b', 5, { x: '2' }],
    ]);
  });

  it('refuses an empty section name', () => {
    expect(() => parseIni('[ ]\n', '/x/config')).toThrow('/x/config:1: empty section name');
  });
});
