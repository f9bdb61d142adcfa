import { DESIGN_FILE_EXTENSION, serializeDesign } from '../../shared/model/document';
import type { AccountImportResult } from '../aws/accountImport';
import type { AwsTarget } from '../aws/clientConfig';
import { listAwsProfiles } from '../aws/profiles';
import type { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { plural } from './findings';
import { describeIoError, errorCode } from './io';

/**
 * `ecs-designer import --from-aws --cluster NAME [--profile P] [--region R] [--endpoint-url URL] -o <design>`:
 * the live-account branch of `import` (registered in importCommand.ts), delegating to main/aws/accountImport.ts.
 *
 * Credentials come from the SDK provider chain of the profile (or the default chain); they are never printed.
 * Exit status: 0 imported (warnings on stderr); 1 the account answered but the cluster could not be imported
 * (not found, access denied, an AWS error); 2 usage: missing --cluster / -o / region, a bad region, profile or
 * endpoint URL, no credentials, an endpoint that does not answer, or an output that exists or cannot be written.
 */

export type FromAwsOptions = {
  fromAws?: boolean;
  cluster?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  output?: string;
  force?: boolean;
  name?: string;
};

export const FROM_AWS_HELP = [
  '',
  'From a live AWS account (read-only: Describe/List/Get calls only):',
  '  --from-aws --cluster NAME [--profile P] [--region R] [--endpoint-url URL] -o <design>',
  '  The region is --region, else AWS_REGION / AWS_DEFAULT_REGION, else the region of the profile.',
  '  Exit status: 0 imported (anything not carried over is listed on stderr as "warning: …");',
  '  1 cluster not found, access denied or another AWS error (the message names the API call);',
  '  2 usage error, bad region/profile/endpoint, no credentials, endpoint not reachable, or output exists.',
].join('\n');

/** The region to use: the option, then the environment, then the profile's `region` in ~/.aws/config. */
async function resolveRegion(ctx: CliContext, opts: FromAwsOptions): Promise<string> {
  if (opts.region !== undefined && opts.region !== '') return opts.region;
  const env = ctx.io.env ?? process.env;
  const fromEnv = env['AWS_REGION']?.trim() || env['AWS_DEFAULT_REGION']?.trim();
  if (fromEnv) return fromEnv;
  const profileName = opts.profile ?? (env['AWS_PROFILE']?.trim() || 'default');
  const list = await listAwsProfiles({ env });
  const region = list.profiles.find((p) => p.name === profileName)?.region;
  if (region) return region;
  throw new CliError(`no AWS region: pass --region, set AWS_REGION, or set a region for profile "${profileName}" in the AWS config file`, EXIT.usage);
}

export async function importFromAws(ctx: CliContext, file: string | undefined, opts: FromAwsOptions): Promise<void> {
  if (file !== undefined) throw new CliError(`--from-aws imports from the account: do not also give a file ("${file}")`, EXIT.usage);
  if (opts.cluster === undefined || opts.cluster === '') throw new CliError('--from-aws needs --cluster <name>', EXIT.usage);
  if (opts.output === undefined) throw new CliError('--from-aws needs -o <design>', EXIT.usage);
  const region = await resolveRegion(ctx, opts);
  const target: AwsTarget = {
    region,
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(opts.endpointUrl !== undefined ? { endpointUrl: opts.endpointUrl } : {}),
  };

  const out = ctx.resolve(opts.output);
  const refuse = () => new CliError(`${opts.output} already exists; use --force to overwrite it`, EXIT.usage);
  if (!opts.force) {
    let exists: boolean;
    try {
      exists = await ctx.fs.exists(out);
    } catch (e) {
      throw new CliError(`cannot write ${opts.output}: ${describeIoError(e)}`, EXIT.usage);
    }
    if (exists) throw refuse();
  }

  // The account import and the AWS SDK behind it are loaded only now: every other command starts without them.
  const { AccountImportError, importFromAccount } = await import('../aws/accountImport');
  let result: AccountImportResult;
  try {
    result = await importFromAccount(target, opts.cluster, opts.name === undefined ? {} : { designName: opts.name });
  } catch (e) {
    if (e instanceof AccountImportError) {
      const usage = e.code === 'target' || e.code === 'credentials' || e.code === 'endpoint';
      throw new CliError(e.message, usage ? EXIT.usage : EXIT.findings);
    }
    throw e;
  }

  try {
    await ctx.fs.writeFile(out, serializeDesign(result.design), { overwrite: opts.force === true });
  } catch (e) {
    if (errorCode(e) === 'EEXIST') throw refuse();
    throw new CliError(`cannot write ${opts.output}: ${describeIoError(e)}`, EXIT.usage);
  }

  const { design, report } = result;
  const count = (kind: string) => design.nodes.filter((n) => n.kind === kind).length;
  ctx.out(
    `Imported cluster "${report.cluster}" from ${region}: ${plural(count('service'), 'service')}, ${plural(count('taskDefinition'), 'task definition')}, ` +
      `${plural(design.nodes.length, 'node')} (${plural(report.apiCalls, 'API call')}) into ${opts.output}`,
  );
  ctx.out(`  layout: ${report.layout}`);
  ctx.out('  created nodes:');
  for (const c of report.created) ctx.out(`    ${c}`);
  for (const w of report.warnings) ctx.err(`warning: ${w.resource}: ${w.message}`);
  if (!opts.output.endsWith(DESIGN_FILE_EXTENSION)) ctx.err(`note: design files normally end in ${DESIGN_FILE_EXTENSION}`);
}
