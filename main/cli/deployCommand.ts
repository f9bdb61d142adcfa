import path from 'node:path';
import readline from 'node:readline/promises';
import { Option, type Command } from 'commander';
import { buildResourceGraph, IacBuildError } from '../../shared/iac/build';
import { stackNameOf } from '../../shared/iac/index';
import type { IrTemplate } from '../../shared/iac/ir';
import { parseDesignValue, type Design } from '../../shared/model/document';
import { validateDesign } from '../../shared/rules/index';
import type { AwsTarget } from '../aws/clientConfig';
import type { DeployReport, PlanStep } from '../deploy/engine';
import { planText, progressLine, reportFileName, reportText } from '../deploy/report';
import { ParameterError } from '../deploy/resolve';
import type { StackEvent, StackPlan, StackReport } from '../deploy/stack';
import type { ServiceStatus } from '../deploy/status';
import { loadDeployEngine, type DeployEngine } from '../deploy/loadEngine';
import { awsMessage } from '../deploy/values';
import type { Finding } from '../../shared/findings';
import type { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { formatFindingLine, parseInputText, plural } from './findings';

type TargetOptions = { profile?: string; region?: string; endpointUrl?: string; format: 'text' | 'json'; yes?: boolean };
type DeployOptions = TargetOptions & {
  plan?: boolean;
  apply?: boolean;
  verify?: boolean;
  asStack?: boolean;
  skipVerify?: boolean;
  param: string[];
  reportDir?: string;
  stableTimeout: string;
};

const collect = (value: string, previous: string[]) => [...previous, value];

function targetOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'AWS profile of ~/.aws/config and ~/.aws/credentials (default: the SDK default chain)')
    .option('--region <region>', 'AWS region (default: the design settings region, else AWS_REGION)')
    .option('--endpoint-url <url>', 'endpoint of a local emulator instead of AWS (e.g. http://127.0.0.1:5000)')
    .option('--yes', 'confirm without asking: deletions, and with --as-stack the execution of the change set')
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

function target(ctx: CliContext, engine: DeployEngine, design: Design, opts: TargetOptions): AwsTarget {
  const env = ctx.io.env ?? process.env;
  const region = opts.region ?? design.settings?.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
  if (region === undefined) throw new CliError('no region: pass --region, or set one in the design settings', EXIT.usage);
  const t: AwsTarget = { region, ...(opts.profile !== undefined ? { profile: opts.profile } : {}), ...(opts.endpointUrl !== undefined ? { endpointUrl: opts.endpointUrl } : {}) };
  try {
    engine.checkAwsTarget(t);
  } catch (e) {
    if (e instanceof engine.AwsTargetError) throw new CliError(e.message, EXIT.usage);
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

/**
 * A finding the deployed resources resolve (as the IaC export treats it, shared/iac/index.ts): an execution role
 * the design creates gets the permissions its edges need from the resource graph, so "lacks …" does not apply.
 */
function satisfiedByGraph(design: Design, f: Finding): boolean {
  if (f.rule !== 'role/execution-role-permissions' || f.nodeId === undefined) return false;
  const role = design.nodes.find((n) => n.id === f.nodeId);
  return role?.kind === 'executionRole' && role.properties.arn === undefined;
}

function refuseInvalid(ctx: CliContext, design: Design, file: string): void {
  const errors = validateDesign(design).filter((f) => f.severity === 'error' && !satisfiedByGraph(design, f));
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
async function engineCall<T>(engine: DeployEngine, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ParameterError || e instanceof engine.TemplateError) throw new CliError(e.message, EXIT.usage);
    if (e instanceof engine.StackError) throw new CliError(e.message, EXIT.findings);
    if (e instanceof CliError) throw e;
    throw new CliError(`AWS: ${awsMessage(e)}`, EXIT.findings);
  }
}

async function writeReport(ctx: CliContext, report: DeployReport | StackReport, designFile: string, dir: string | undefined): Promise<string> {
  const folder = dir !== undefined ? ctx.resolve(dir) : path.dirname(ctx.resolve(designFile));
  const file = path.join(folder, 'kind' in report ? reportFileName(designFile, report.kind) : reportFileName(designFile, 'deploy').replace(/\.deploy-report\.json$/, '.stack-report.json'));
  try {
    await ctx.fs.mkdirp(folder);
    await ctx.fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`, { overwrite: true });
  } catch (e) {
    throw new CliError(`cannot write the deploy report ${file}: ${awsMessage(e)}`, EXIT.usage);
  }
  return file;
}

/** Verify findings as validate prints them: `file:path: severity rule: message`. */
function printFindings(line: (s: string) => void, findings: readonly Finding[], file: string): void {
  for (const f of findings) line(formatFindingLine({ ...f, file }));
  const count = (sev: Finding['severity']) => findings.filter((f) => f.severity === sev).length;
  line(`verify: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info in the live account`);
}

const CHANGE_SYMBOL: Record<string, string> = { Add: '+', Modify: '~', Remove: '-', Import: '>', Dynamic: '?' };

/** The change set as text: one line per resource, what changes below it. */
export function changeSetText(plan: StackPlan): string[] {
  if (plan.nothingToDo) return [`nothing to do: stack ${plan.stackName} already matches the design`];
  const lines: string[] = [];
  for (const c of plan.changes) {
    const replacement = c.replacement === 'True' ? ' — replacement' : c.replacement === 'Conditional' ? ' — replacement possible' : '';
    lines.push(`${CHANGE_SYMBOL[c.action] ?? '?'} ${c.action.padEnd(7)} ${c.type} ${c.logicalId}${c.physicalId ? ` (${c.physicalId})` : ''}${c.nodeId ? ` node ${c.nodeId}` : ''}${replacement}`);
    for (const d of c.details) lines.push(`      ${d}`);
  }
  const count = (a: string) => plan.changes.filter((c) => c.action === a).length;
  lines.push(`change set ${plan.changeSetName ?? ''} (${plan.changeSetType} of stack ${plan.stackName}): ${count('Add')} to add, ${count('Modify')} to modify, ${count('Remove')} to remove`);
  return lines;
}

/** One stack event line for stderr: "[stack] WebService (node n5) AWS::ECS::Service CREATE_FAILED — reason". */
export function stackEventLine(e: StackEvent): string {
  return `[stack] ${e.logicalId}${e.nodeId ? ` (node ${e.nodeId})` : ''} ${e.type} ${e.status}${e.reason ? ` — ${e.reason}` : ''}`;
}

export function stackReportText(r: StackReport): string[] {
  const lines = [`stack ${r.status}: ${r.message}`];
  for (const f of r.failures) lines.push(`failed ${f.logicalId}${f.nodeId ? ` (node ${f.nodeId})` : ''} ${f.type}: ${f.reason ?? f.status}`);
  for (const b of r.rolledBack) lines.push(`rolled back ${b.logicalId}${b.nodeId ? ` (node ${b.nodeId})` : ''} ${b.type}: ${b.status}`);
  for (const [k, v] of Object.entries(r.outputs)) lines.push(`output ${k} = ${v}`);
  lines.push(`API calls: ${r.apiCalls.total} (${r.apiCalls.mutating} changing)`);
  return lines;
}

/** Asks before executing a change set; without a terminal (and without --yes) the answer is no. */
async function confirmExecute(ctx: CliContext, plan: StackPlan, yes: boolean | undefined): Promise<boolean> {
  // What goes, listed exactly: removed resources, and resources CloudFormation replaces (the old one is deleted).
  const going = plan.changes.filter((c) => c.action === 'Remove' || c.replacement === 'True' || c.replacement === 'Conditional');
  if (going.length > 0) {
    ctx.err('Executing the change set deletes these resources:');
    for (const c of going) ctx.err(`  - ${c.type} ${c.logicalId}${c.physicalId ? ` (${c.physicalId})` : ''}${c.nodeId ? `, node ${c.nodeId}` : ''}${c.action === 'Remove' ? '' : c.replacement === 'True' ? ' — replaced' : ' — may be replaced'}`);
  }
  if (yes) return true;
  if (!process.stdin.isTTY) {
    ctx.err('not confirmed: rerun with --yes to execute the change set');
    return false;
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`Execute the change set on stack ${plan.stackName}? [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

export function deployCommand(ctx: CliContext, parent: string): Command {
  return targetOptions(
    ctx
      .command('deploy', parent)
      .summary('verify, plan or apply a design to an AWS account')
      .description(
        'Deploy a design with the AWS SDK. First, verify checks with read-only calls that what the design references ' +
          'exists and fits (existing cluster, roles given by ARN and their trust, ECR images and tags, secrets and SSM ' +
          'parameters, existing log groups and target groups, subnets and security groups in one VPC; a created ' +
          'cluster name is free or ours) and prints findings like validate. --verify stops there. --plan compares the ' +
          'design with what exists (create / update / replace / delete / no change, with property diffs) and changes ' +
          'nothing; --apply makes the changes in dependency order, waits for services to become stable, and on a ' +
          'failure stops and rolls updated services back; verify errors block --apply. Everything created is tagged ' +
          'with the design id and node id; resources without those tags are never changed. A design with validation ' +
          'errors is refused. With --as-stack, the design goes through CloudFormation instead: --plan shows the ' +
          'change set of the exported template (and deletes it), --apply executes it after confirmation and streams ' +
          'the stack events.',
      )
      .argument('<design>', 'design file (.ecsd.json)')
      .option('--verify', 'only verify the design against the account; change nothing')
      .option('--plan', 'verify, then show what would change; change nothing')
      .option('--apply', 'verify, then make the changes')
      .option('--as-stack', 'with --plan or --apply: deploy as a CloudFormation stack (named after the design) through a change set')
      .option('--skip-verify', 'with --plan or --apply: do not verify (AWS reports missing references during the apply instead)')
      .option('--param <Key=Value>', 'value of a template parameter (repeatable)', collect, [])
      .option('--report-dir <dir>', 'folder for the deploy report JSON (default: beside the design)')
      .option('--stable-timeout <seconds>', 'how long to wait for each service to become stable (with --as-stack: for the whole stack)', '600'),
  )
    .addHelpText(
      'after',
      [
        '',
        'Verify findings go to stderr (to stdout with --verify), one per line as',
        '"file:path: severity rule: message". Progress lines and stack events go to stderr;',
        '--format json prints {"design","findings"} plus "plan", "report" and "reportFile",',
        'or with --as-stack "changeSet", "report" and "reportFile", on stdout.',
        'Exit status: 0 ok; 1 verify errors, deploy failed or refused (conflicts, resource',
        'types the engine does not deploy, unconfirmed deletions or change set), validation',
        'errors, AWS errors; 2 usage error.',
        '',
        'Examples:',
        `  ${parent} deploy app.ecsd.json --verify --region eu-west-1`,
        `  ${parent} deploy app.ecsd.json --plan --region eu-west-1`,
        `  ${parent} deploy app.ecsd.json --apply --profile prod --param WebImageTag=1.4.2`,
        `  ${parent} deploy app.ecsd.json --as-stack --apply --yes --region eu-west-1`,
      ].join('\n'),
    )
    .action(async (file: string, opts: DeployOptions) => {
      const modes = [opts.verify, opts.plan, opts.apply].filter((m) => m === true).length;
      if (modes !== 1) throw new CliError('choose one of --verify, --plan or --apply', EXIT.usage);
      if (opts.verify && opts.asStack) throw new CliError('--as-stack goes with --plan or --apply', EXIT.usage);
      if (opts.verify && opts.skipVerify) throw new CliError('--skip-verify goes with --plan or --apply', EXIT.usage);
      const stable = Number(opts.stableTimeout);
      if (!Number.isFinite(stable) || stable <= 0) throw new CliError(`--stable-timeout ${opts.stableTimeout}: expected a number of seconds`, EXIT.usage);
      const parameters = parseParams(opts.param);
      const design = await loadDesign(ctx, file);
      refuseInvalid(ctx, design, file);
      const template = build(design);
      const engine = await loadDeployEngine();
      const aws = target(ctx, engine, design, opts);
      const json = opts.format === 'json';

      let findings: Finding[] = [];
      if (opts.skipVerify) ctx.err('warning: --skip-verify: the live account was not verified; missing references show up as AWS errors during the apply');
      else {
        findings = await engineCall(engine, () => engine.verifyDesign(design, template, { target: aws, designId: design.id, parameters }));
        if (opts.verify) {
          if (json) ctx.out(JSON.stringify({ design: design.name, findings }, null, 2));
          else printFindings((l) => ctx.out(l), findings, file);
          if (findings.some((f) => f.severity === 'error')) ctx.fail(EXIT.findings);
          return;
        }
        if (findings.length > 0) printFindings((l) => ctx.err(l), findings, file);
      }
      const verifyErrors = findings.filter((f) => f.severity === 'error').length;
      if (opts.apply && verifyErrors > 0) {
        if (json) ctx.out(JSON.stringify({ design: design.name, findings }, null, 2));
        throw new CliError(`verify found ${plural(verifyErrors, 'error')} in the live account: nothing was changed; fix them, or pass --skip-verify to deploy anyway`, EXIT.findings);
      }

      if (opts.asStack) {
        const stackOpts = { target: aws, designId: design.id, stackName: stackNameOf(design), parameters, executeTimeoutMs: stable * 1000 };
        const changeSet = await engineCall(engine, () => engine.planStack(template, stackOpts));
        if (!json) for (const line of changeSetText(changeSet)) ctx.out(line);
        if (opts.plan) {
          await engineCall(engine, () => engine.discardStackPlan(changeSet, stackOpts));
          if (json) ctx.out(JSON.stringify({ design: design.name, findings, changeSet }, null, 2));
          else if (!changeSet.nothingToDo) ctx.out('the change set was deleted: --apply creates it again and executes it after confirmation');
          if (verifyErrors > 0) ctx.fail(EXIT.findings);
          return;
        }
        if (changeSet.nothingToDo) {
          if (json) ctx.out(JSON.stringify({ design: design.name, findings, changeSet }, null, 2));
          return;
        }
        if (!(await confirmExecute(ctx, changeSet, opts.yes))) {
          await engineCall(engine, () => engine.discardStackPlan(changeSet, stackOpts));
          if (json) ctx.out(JSON.stringify({ design: design.name, findings, changeSet }, null, 2));
          else ctx.out(`not executed: the change set was deleted; stack ${changeSet.stackName} is unchanged`);
          ctx.fail(EXIT.findings);
          return;
        }
        const report = await engineCall(engine, () => engine.executeStack(changeSet, { ...stackOpts, onEvent: (e) => ctx.err(stackEventLine(e)) }));
        const written = await writeReport(ctx, report, file, opts.reportDir);
        if (json) ctx.out(JSON.stringify({ design: design.name, findings, changeSet, report, reportFile: written }, null, 2));
        else {
          for (const line of stackReportText(report)) ctx.out(line);
          ctx.out(`report: ${written}`);
        }
        if (report.status !== 'succeeded') ctx.fail(EXIT.findings);
        return;
      }

      const engineOpts = {
        target: aws,
        designId: design.id,
        stackName: stackNameOf(design),
        parameters,
        stableTimeoutMs: stable * 1000,
        onProgress: (e: Parameters<typeof progressLine>[0]) => ctx.err(progressLine(e)),
      };
      if (opts.plan) {
        const p = await engineCall(engine, () => engine.plan(template, engineOpts));
        if (json) ctx.out(JSON.stringify({ design: design.name, findings, plan: p }, null, 2));
        else for (const line of planText(p)) ctx.out(line);
        if (verifyErrors > 0) ctx.fail(EXIT.findings);
        return;
      }
      const report = await engineCall(engine, () => engine.apply(template, { ...engineOpts, confirmDeletions: confirmer(ctx, opts.yes) }));
      const written = await writeReport(ctx, report, file, opts.reportDir);
      if (json) ctx.out(JSON.stringify({ design: design.name, findings, report, reportFile: written }, null, 2));
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
      const engine = await loadDeployEngine();
      const report = await engineCall(engine, () =>
        engine.destroy({
          target: target(ctx, engine, design, opts),
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

/** Status of the services as text: a line per service, then its deployments, recent events and stopped tasks. */
export function statusText(list: readonly ServiceStatus[]): string[] {
  if (list.length === 0) return ['the design has no services'];
  const lines: string[] = [];
  for (const s of list) {
    const where = `${s.service || s.logicalId}${s.nodeId ? ` (node ${s.nodeId})` : ''}${s.cluster ? ` in ${s.cluster}` : ''}`;
    if (s.error !== undefined || s.status === 'MISSING' || s.status === 'UNKNOWN') {
      lines.push(`${where}: ${s.status}${s.error !== undefined ? ` — ${s.error}` : ' — not deployed'}`);
      continue;
    }
    lines.push(`${where}: ${s.status} — desired ${s.desired}, running ${s.running}, pending ${s.pending}; task definition ${s.taskDefinition.split('/').pop() ?? ''}`);
    for (const d of s.deployments) {
      const rollout = d.rolloutState ? `, rollout ${d.rolloutState}${d.rolloutStateReason ? ` (${d.rolloutStateReason})` : ''}` : '';
      lines.push(`  deployment ${d.status} ${d.taskDefinition.split('/').pop() ?? ''}: desired ${d.desired}, running ${d.running}, pending ${d.pending}, failed ${d.failed}${rollout}`);
    }
    for (const e of s.events) lines.push(`  event ${e.at} ${e.message}`);
    for (const t of s.stoppedTasks) {
      const containers = t.containers.filter((c) => c.reason !== undefined || c.exitCode !== undefined).map((c) => `container ${c.name}${c.reason ? `: ${c.reason}` : ''}${c.exitCode !== undefined ? ` (exit ${c.exitCode})` : ''}`);
      lines.push(`  stopped task ${t.taskArn.split('/').pop() ?? ''}${t.stoppedAt ? ` at ${t.stoppedAt}` : ''}: ${t.stoppedReason || '(no reason)'}${containers.length > 0 ? `; ${containers.join('; ')}` : ''}`);
    }
  }
  return lines;
}

export function statusCommand(ctx: CliContext, parent: string): Command {
  return ctx
    .command('status', parent)
    .summary('show the live status of the services of a deployed design')
    .description(
      'For each ECS service of the design: status, desired / running / pending task counts, task definition, ' +
        'deployments (with rollout state), recent service events and why recent tasks stopped ' +
        '(CannotPullContainerError, ResourceInitializationError, exit codes…). Finds the services of a design ' +
        'deployed as a CloudFormation stack through the stack. Read-only.',
    )
    .argument('<design>', 'design file (.ecsd.json)')
    .option('--profile <name>', 'AWS profile of ~/.aws/config and ~/.aws/credentials (default: the SDK default chain)')
    .option('--region <region>', 'AWS region (default: the design settings region, else AWS_REGION)')
    .option('--endpoint-url <url>', 'endpoint of a local emulator instead of AWS (e.g. http://127.0.0.1:5000)')
    .option('--param <Key=Value>', 'value of a template parameter, as given to deploy (repeatable)', collect, [])
    .option('--events <n>', 'service events shown per service', '5')
    .addOption(new Option('--format <format>', 'output format on stdout').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      [
        '',
        '--format json prints {"design","services":[…]} with up to 100 recent events per service',
        '(--events applies to text); both formats show the last 5 stopped tasks of each service.',
        'Exit status: 0 ok (also when services are not deployed: their status says MISSING);',
        '1 AWS errors; 2 usage error.',
        '',
        'Example:',
        `  ${parent} status app.ecsd.json --region eu-west-1`,
      ].join('\n'),
    )
    .action(async (file: string, opts: TargetOptions & { param: string[]; events: string }) => {
      const events = Number(opts.events);
      if (!Number.isInteger(events) || events < 0) throw new CliError(`--events ${opts.events}: expected a whole number`, EXIT.usage);
      const parameters = parseParams(opts.param);
      const design = await loadDesign(ctx, file);
      const template = build(design);
      const engine = await loadDeployEngine();
      const list = await engineCall(engine, () =>
        engine.serviceStatus(template, { target: target(ctx, engine, design, opts), designId: design.id, stackName: stackNameOf(design), parameters, eventLimit: opts.format === 'json' ? 100 : events }),
      );
      if (opts.format === 'json') ctx.out(JSON.stringify({ design: design.name, services: list }, null, 2));
      else for (const line of statusText(list)) ctx.out(line);
    });
}
