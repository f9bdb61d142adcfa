import path from 'node:path';
import readline from 'node:readline/promises';
import { Option, type Command } from 'commander';
import { buildResourceGraph, IacBuildError } from '../../shared/iac/build';
import { stackNameOf } from '../../shared/iac/index';
import type { IrTemplate } from '../../shared/iac/ir';
import { parseDesignValue, type Design } from '../../shared/model/document';
import { validateDesign } from '../../shared/rules/index';
import { AwsTargetError, checkAwsTarget, type AwsTarget } from '../aws/clientConfig';
import { apply, destroy, plan, TemplateError, type DeployReport, type PlanStep } from '../deploy/engine';
import { planText, progressLine, reportFileName, reportText } from '../deploy/report';
import { ParameterError } from '../deploy/resolve';
import { awsMessage } from '../deploy/values';
import type { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { formatFindingLine, parseInputText } from './findings';

type TargetOptions = { profile?: string; region?: string; endpointUrl?: string; format: 'text' | 'json'; yes?: boolean };
type DeployOptions = TargetOptions & { plan?: boolean; apply?: boolean; param: string[]; reportDir?: string; stableTimeout: string };

const collect = (value: string, previous: string[]) => [...previous, value];

function targetOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'AWS profile of ~/.aws/config and ~/.aws/credentials (default: the SDK default chain)')
    .option('--region <region>', 'AWS region (default: the design settings region, else AWS_REGION)')
    .option('--endpoint-url <url>', 'endpoint of a local emulator instead of AWS (e.g. http://127.0.0.1:5000)')
    .option('--yes', 'confirm deletions without asking')
    .addOption(new Option('--format <format>', 'summary format on stdout').choices(['text', 'json']).default('text'));
}

async function loadDesign(ctx: CliContext, file: string): Promise<Design> {
  const parsed = parseInputText(await ctx.readText(file));
  if (!parsed.ok) {
    ctx.err(formatFindingLine({ ...parsed.finding, file }));
    throw new CliError(`${file} is not a design file`, EXIT.findings);
  }
  const loaded = parseDesignValue(parsed.value);
  if (!loaded.ok) {
    for (const e of loaded.errors) ctx.err(formatFindingLine({ rule: 'design/invalid-file', severity: 'error', message: e.message, path: e.path, file }));
    throw new CliError(`${file} is not a valid design file`, EXIT.findings);
  }
  return loaded.design;
}

function target(ctx: CliContext, design: Design, opts: TargetOptions): AwsTarget {
  const env = ctx.io.env ?? process.env;
  const region = opts.region ?? design.settings?.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
  if (region === undefined) throw new CliError('no region: pass --region, or set one in the design settings', EXIT.usage);
  const t: AwsTarget = { region, ...(opts.profile !== undefined ? { profile: opts.profile } : {}), ...(opts.endpointUrl !== undefined ? { endpointUrl: opts.endpointUrl } : {}) };
  try {
    checkAwsTarget(t);
  } catch (e) {
    if (e instanceof AwsTargetError) throw new CliError(e.message, EXIT.usage);
    throw e;
  }
  return t;
}

function parseParams(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new CliError(`--param ${v}: expected Key=Value`, EXIT.usage);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/** Asks on the terminal, listing exactly what goes; without a terminal (and without --yes) the answer is no. */
function confirmer(ctx: CliContext, yes: boolean | undefined): (steps: readonly PlanStep[]) => Promise<boolean> {
  return async (steps) => {
    ctx.err(`These resources will be deleted:`);
    for (const s of steps) ctx.err(`  - ${s.type} ${s.name} (${s.logicalId}${s.nodeId ? `, node ${s.nodeId}` : ''})${s.reason ? ` — ${s.reason}` : ''}`);
    if (yes) return true;
    if (!process.stdin.isTTY) {
      ctx.err('not confirmed: rerun with --yes to delete them');
      return false;
    }
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question('Delete them? [y/N] ')).trim());
    } finally {
      rl.close();
    }
  };
}

function refuseInvalid(ctx: CliContext, design: Design, file: string): void {
  const errors = validateDesign(design).filter((f) => f.severity === 'error');
  if (errors.length === 0) return;
  for (const f of errors) ctx.err(formatFindingLine({ ...f, file }));
  throw new CliError(`${file} has ${errors.length} validation error(s): fix them before deploying`, EXIT.findings);
}

function build(design: Design): IrTemplate {
  try {
    return buildResourceGraph(design);
  } catch (e) {
    if (e instanceof IacBuildError) throw new CliError(`cannot build the resources of the design: ${e.message}`, EXIT.findings);
    throw e;
  }
}

/** Errors from AWS or the engine: one line, exit 1 (a deploy failure, not a bug). */
async function engineCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ParameterError || e instanceof TemplateError) throw new CliError(e.message, EXIT.usage);
    if (e instanceof CliError) throw e;
    throw new CliError(`AWS: ${awsMessage(e)}`, EXIT.findings);
  }
}

async function writeReport(ctx: CliContext, report: DeployReport, designFile: string, dir: string | undefined): Promise<string> {
  const folder = dir !== undefined ? ctx.resolve(dir) : path.dirname(ctx.resolve(designFile));
  const file = path.join(folder, reportFileName(designFile, report.kind));
  try {
    await ctx.fs.mkdirp(folder);
    await ctx.fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`, { overwrite: true });
  } catch (e) {
    throw new CliError(`cannot write the deploy report ${file}: ${awsMessage(e)}`, EXIT.usage);
  }
  return file;
}

export function deployCommand(ctx: CliContext, parent: string): Command {
  return targetOptions(
    ctx
      .command('deploy', parent)
      .summary('plan or apply a design to an AWS account')
      .description(
        'Deploy a design with the AWS SDK: --plan compares the design with what exists (create / update / replace / ' +
          'delete / no change, with property diffs) and changes nothing; --apply makes the changes in dependency order, ' +
          'waits for services to become stable, and on a failure stops and rolls updated services back. Everything ' +
          'created is tagged with the design id and node id; resources without those tags are never changed. A design ' +
          'with validation errors is refused.',
      )
      .argument('<design>', 'design file (.ecsd.json)')
      .option('--plan', 'show what would change; change nothing')
      .option('--apply', 'make the changes')
      .option('--param <Key=Value>', 'value of a template parameter (repeatable)', collect, [])
      .option('--report-dir <dir>', 'folder for the deploy report JSON (default: beside the design)')
      .option('--stable-timeout <seconds>', 'how long to wait for each service to become stable', '600'),
  )
    .addHelpText(
      'after',
      [
        '',
        'Progress lines go to stderr; --format json prints {"design","plan"} or {"design","report"} on stdout.',
        'Exit status: 0 ok; 1 deploy failed or refused (conflicts, resource types the engine',
        'does not deploy, unconfirmed deletions), validation errors, AWS errors; 2 usage error.',
        '',
        'Examples:',
        `  ${parent} deploy app.ecsd.json --plan --region eu-west-1`,
        `  ${parent} deploy app.ecsd.json --apply --profile prod --param WebImageTag=1.4.2`,
      ].join('\n'),
    )
    .action(async (file: string, opts: DeployOptions) => {
      if (opts.plan === opts.apply) throw new CliError('choose one of --plan or --apply', EXIT.usage);
      const stable = Number(opts.stableTimeout);
      if (!Number.isFinite(stable) || stable <= 0) throw new CliError(`--stable-timeout ${opts.stableTimeout}: expected a number of seconds`, EXIT.usage);
      const parameters = parseParams(opts.param);
      const design = await loadDesign(ctx, file);
      refuseInvalid(ctx, design, file);
      const template = build(design);
      const engineOpts = {
        target: target(ctx, design, opts),
        designId: design.id,
        stackName: stackNameOf(design),
        parameters,
        stableTimeoutMs: stable * 1000,
        onProgress: (e: Parameters<typeof progressLine>[0]) => ctx.err(progressLine(e)),
      };
      if (opts.plan) {
        const p = await engineCall(() => plan(template, engineOpts));
        if (opts.format === 'json') ctx.out(JSON.stringify({ design: design.name, plan: p }, null, 2));
        else for (const line of planText(p)) ctx.out(line);
        return;
      }
      const report = await engineCall(() => apply(template, { ...engineOpts, confirmDeletions: confirmer(ctx, opts.yes) }));
      const written = await writeReport(ctx, report, file, opts.reportDir);
      if (opts.format === 'json') ctx.out(JSON.stringify({ design: design.name, report, reportFile: written }, null, 2));
      else {
        for (const line of planText({ designId: report.designId, steps: report.plan, nothingToDo: report.plan.every((s) => s.action === 'no-change') })) ctx.out(line);
        for (const line of reportText(report)) ctx.out(line);
        ctx.out(`report: ${written}`);
      }
      if (report.status !== 'succeeded') ctx.fail(EXIT.findings);
    });
}

export function destroyCommand(ctx: CliContext, parent: string): Command {
  return targetOptions(
    ctx
      .command('destroy', parent)
      .summary('delete every AWS resource a design deployed')
      .description('Delete the resources tagged with the design id (and only those), services first. Lists them and asks before deleting, unless --yes.')
      .argument('<design>', 'design file (.ecsd.json)')
      .option('--plan', 'list what would be deleted; delete nothing')
      .option('--report-dir <dir>', 'folder for the destroy report JSON (default: beside the design)'),
  )
    .addHelpText('after', ['', 'Exit status: 0 ok; 1 destroy failed or not confirmed, AWS errors; 2 usage error.'].join('\n'))
    .action(async (file: string, opts: TargetOptions & { plan?: boolean; reportDir?: string }) => {
      const design = await loadDesign(ctx, file);
      const report = await engineCall(() =>
        destroy({
          target: target(ctx, design, opts),
          designId: design.id,
          stackName: stackNameOf(design),
          ...(opts.plan ? { plan: true } : {}),
          confirmDeletions: confirmer(ctx, opts.yes),
          onProgress: (e) => ctx.err(progressLine(e)),
        }),
      );
      const written = opts.plan ? undefined : await writeReport(ctx, report, file, opts.reportDir);
      if (opts.format === 'json') ctx.out(JSON.stringify({ design: design.name, report, ...(written ? { reportFile: written } : {}) }, null, 2));
      else {
        for (const s of report.plan) ctx.out(`- delete ${s.type} ${s.name} (${s.logicalId})`);
        for (const line of reportText(report)) ctx.out(line);
        if (written) ctx.out(`report: ${written}`);
      }
      if (report.status !== 'succeeded') ctx.fail(EXIT.findings);
    });
}
