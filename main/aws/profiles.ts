import * as nodeFs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AwsProfile, AwsProfileKind, AwsProfileList, AwsProfileProblem } from '../../shared/ipc/contract';
import { IniSyntaxError, parseIni, type IniSection } from './iniFile';

/**
 * Lists the AWS profiles of the shared config and credentials files: names, regions and the *kind* of credentials
 * each one uses. Plain Node, no AWS SDK.
 *
 * Secrets never leave this module: access keys, secret keys, session tokens and credential_process commands are
 * read into a local map only to decide the kind, and nothing but the derived fields below is returned. Error
 * messages name the file and the line, never the content of a line.
 */

export interface ProfileSources {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly homedir?: string;
  readonly readFile?: (file: string) => Promise<Buffer>;
}

/** Far bigger than any real AWS config; a larger file is a mistake (or not a config file). */
export const MAX_AWS_FILE_BYTES = 1024 * 1024;

/** Where the SDKs look: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials. */
export function awsFileLocations(env: Readonly<Record<string, string | undefined>>, homedir: string) {
  const expand = (p: string) => (p === '~' ? homedir : p.startsWith('~/') || p.startsWith('~\\') ? path.join(homedir, p.slice(2)) : p);
  const pick = (name: string, fallback: string) => {
    const value = env[name]?.trim();
    return path.resolve(value ? expand(value) : fallback);
  };
  return {
    config: pick('AWS_CONFIG_FILE', path.join(homedir, '.aws', 'config')),
    credentials: pick('AWS_SHARED_CREDENTIALS_FILE', path.join(homedir, '.aws', 'credentials')),
  };
}

type Source = 'config' | 'credentials';

interface RawProfile {
  readonly name: string;
  readonly values: Map<string, string>;
  readonly sources: Set<Source>;
}

function has(values: ReadonlyMap<string, string>, key: string): boolean {
  const value = values.get(key);
  return value !== undefined && value !== '';
}

/** The kind of credentials a profile resolves to, in the order the SDKs' credential chain checks them. */
export function profileKind(values: ReadonlyMap<string, string>): AwsProfileKind {
  if (has(values, 'role_arn')) {
    if (has(values, 'source_profile') || has(values, 'credential_source')) return 'assume-role';
    if (has(values, 'web_identity_token_file')) return 'web-identity';
  }
  if (has(values, 'sso_session') || has(values, 'sso_start_url')) return 'sso';
  if (has(values, 'credential_process')) return 'credential-process';
  if (has(values, 'aws_access_key_id')) return 'static';
  return 'none';
}

/** `[profile dev]` / `[default]` in the config file; `[dev]` in the credentials file. Other sections are skipped. */
function profileNameOf(section: IniSection, source: Source): string | null {
  if (source === 'credentials') return section.name;
  if (section.name === 'default') return 'default';
  const match = /^profile\s+(.+)$/.exec(section.name);
  return match ? match[1]!.trim() : null;
}

async function readSections(
  file: string,
  source: Source,
  readFile: (file: string) => Promise<Buffer>,
  problems: AwsProfileProblem[],
): Promise<IniSection[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    problems.push({ file, message: `Cannot read the AWS ${source} file ${file}${code ? ` (${code})` : ''}.` });
    return [];
  }
  if (bytes.length > MAX_AWS_FILE_BYTES) {
    problems.push({ file, message: `Skipped the AWS ${source} file ${file}: it is larger than ${MAX_AWS_FILE_BYTES} bytes.` });
    return [];
  }
  try {
    return parseIni(new TextDecoder('utf-8').decode(bytes), file);
  } catch (error) {
    if (error instanceof IniSyntaxError) {
      problems.push({ file, line: error.line, message: `The AWS ${source} file ${file} cannot be read: line ${error.line}: ${error.reason}.` });
      return [];
    }
    throw error;
  }
}

export async function listAwsProfiles(sources: ProfileSources = {}): Promise<AwsProfileList> {
  const env = sources.env ?? process.env;
  const homedir = sources.homedir ?? os.homedir();
  const readFile = sources.readFile ?? ((file: string) => nodeFs.readFile(file));
  const files = awsFileLocations(env, homedir);
  const problems: AwsProfileProblem[] = [];

  const profiles = new Map<string, RawProfile>();
  const add = (sections: IniSection[], source: Source) => {
    for (const section of sections) {
      const name = profileNameOf(section, source);
      if (name === null || name === '') continue;
      let profile = profiles.get(name);
      if (!profile) {
        profile = { name, values: new Map(), sources: new Set() };
        profiles.set(name, profile);
      }
      profile.sources.add(source);
      // Credentials-file keys take precedence over config-file keys, as in the SDKs (credentials read last).
      for (const [key, value] of section.values) profile.values.set(key, value);
    }
  };
  add(await readSections(files.config, 'config', readFile, problems), 'config');
  add(await readSections(files.credentials, 'credentials', readFile, problems), 'credentials');

  const list: AwsProfile[] = [...profiles.values()]
    .map((p): AwsProfile => {
      const kind = profileKind(p.values);
      const region = p.values.get('region');
      const sourceProfile = kind === 'assume-role' ? p.values.get('source_profile') : undefined;
      const ssoSession = kind === 'sso' ? p.values.get('sso_session') : undefined;
      return {
        name: p.name,
        kind,
        ...(region ? { region } : {}),
        ...(sourceProfile ? { sourceProfile } : {}),
        ...(ssoSession ? { ssoSession } : {}),
        sources: (['config', 'credentials'] as const).filter((s) => p.sources.has(s)),
      };
    })
    .sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));

  return { profiles: list, configFile: files.config, credentialsFile: files.credentials, problems };
}
