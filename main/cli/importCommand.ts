import type { Command } from 'commander';
import { DESIGN_FILE_EXTENSION, serializeDesign } from '../../shared/model/document';
import { importTaskDefinition } from '../../shared/taskdef/import';
import type { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { formatFindingLine, parseInputText, plural } from './findings';
import { FROM_AWS_HELP, importFromAws, type FromAwsOptions } from './importFromAws';
import { importTemplateFile } from './importTemplate';
import { detectFormat } from '../../shared/import/detect';
import { describeIoError, errorCode } from './io';

type ImportOptions = { output: string; force?: boolean; name?: string; format?: string; composeSingleTask?: boolean };

const FORMATS = ['auto', 'taskdef', 'compose', 'cloudformation'] as const;

export function importCommand(ctx: CliContext, parent: string): Command {
  return ctx
    .command('import', parent)
    .summary('create a design file from a task definition, docker-compose file or CloudFormation template')
    .description(
      'Create a design file from an ECS task definition JSON file: the RegisterTaskDefinition input ' +
        '("aws ecs register-task-definition --cli-input-json" form) or "aws ecs describe-task-definition" output. ' +
        'Read-only fields (taskDefinitionArn, revision, status, …) are dropped; the roles, image sources, log groups, ' +
        'secrets and EFS file systems it references become nodes of the design. ' +
        'Also imports docker-compose files (each service becomes a Fargate service and task definition) and ' +
        'CloudFormation templates (YAML or JSON; ECS, IAM, ECR, EFS, logs, ELB, scaling and VPC resources); ' +
        'what is not carried over is listed on stderr.',
    )
    .argument('[file]', 'task definition JSON, docker-compose or CloudFormation file (none with --from-aws)')
    .usage(`[options] <file>\n   or: ${parent} import --from-aws --cluster <name> [--profile P] [--region R] [--endpoint-url URL] -o <design>`)
    .requiredOption('-o, --output <design>', `design file to write (${DESIGN_FILE_EXTENSION})`)
    .option('-f, --force', 'overwrite the design file if it exists')
    .option('--name <name>', 'name of the design (default: the task definition family, compose project or file name)')
    .option('--format <format>', `input format: ${FORMATS.join(', ')} (auto detects it from the content)`, 'auto')
    .option('--compose-single-task', 'docker-compose: one task definition with every container (depends_on kept as container dependencies)')
    .option('--from-aws', 'import a cluster of a live AWS account instead of a file (read-only)')
    .option('--cluster <name>', 'with --from-aws: the ECS cluster to import')
    .option('--profile <profile>', 'with --from-aws: AWS profile (default: the SDK default chain)')
    .option('--region <region>', 'with --from-aws: AWS region (default: AWS_REGION, else the profile region)')
    .option('--endpoint-url <url>', 'with --from-aws: endpoint of a local emulator, e.g. http://127.0.0.1:5000')
    .addHelpText(
      'after',
      [
        '',
        'Exit status: 0 imported (compose/CloudFormation: what was not carried over is',
        'listed on stderr as "file: warning <path>: message"); 1 the file is not valid',
        'JSON/YAML (with line and column) or not an importable file (each problem is',
        'printed as "file:path: severity rule: message");',
        '2 usage error, unreadable input, or an output that exists or cannot be written.',
        '',
        'Examples:',
        `  ${parent} import taskdef.json -o web${DESIGN_FILE_EXTENSION}`,
        '  aws ecs describe-task-definition --task-definition web > web.json',
        `  ${parent} import web.json -o web${DESIGN_FILE_EXTENSION} --force`,
        `  ${parent} import docker-compose.yml -o shop${DESIGN_FILE_EXTENSION} --compose-single-task`,
        `  ${parent} import stack.yaml --format cloudformation -o stack${DESIGN_FILE_EXTENSION}`,
        `  ${parent} import --from-aws --cluster shop --profile dev --region eu-west-1 -o shop${DESIGN_FILE_EXTENSION}`,
        FROM_AWS_HELP,
      ].join('\n'),
    )
    .action(async (file: string | undefined, opts: ImportOptions & FromAwsOptions, cmd: Command) => {
      if (opts.fromAws) return importFromAws(ctx, file, opts);
      if (file === undefined) cmd.error("error: missing required argument 'file' (or use --from-aws --cluster NAME)", { code: 'commander.missingArgument' });
      const target = ctx.resolve(opts.output);
      const refuse = () => new CliError(`${opts.output} already exists; use --force to overwrite it`, EXIT.usage);
      if (!opts.force && (await existsOrFail(ctx, target, opts.output))) throw refuse();

      const text = await ctx.readText(file);
      const format = opts.format ?? 'auto';
      if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`, EXIT.usage);
      // auto: compose files and templates go to their importer; anything else (also unreadable JSON) is read as a
      // task definition, so its problems are reported as task-definition findings.
      const detected = format === 'auto' ? detectFormat(text) : undefined;
      const chosen = format === 'auto' ? (detected?.ok ? detected.format : text.trimStart().startsWith('{') ? 'taskdef' : undefined) : format;
      if (chosen === undefined) {
        ctx.err(formatFindingLine({ file: detected && !detected.ok && detected.line !== undefined ? `${file}:${detected.line}:${detected.column ?? 1}` : file, path: '', severity: 'error', rule: 'import/unknown-format', message: detected && !detected.ok ? detected.message : 'unknown format' }));
        ctx.fail(EXIT.findings);
        return;
      }
      if (chosen === 'compose' || chosen === 'cloudformation') return importTemplateFile(ctx, file, text, chosen, opts);
      const parsed = parseInputText(text);
      if (!parsed.ok) {
        ctx.err(formatFindingLine({ ...parsed.finding, file }));
        ctx.fail(EXIT.findings);
        return;
      }
      const result = importTaskDefinition(parsed.value, opts.name === undefined ? {} : { designName: opts.name });
      if (!result.ok) {
        const findings = result.findings.length > 0 ? result.findings : [{ rule: 'schema/invalid-value', severity: 'error' as const, message: result.message ?? 'not a valid task definition', path: '' }];
        for (const f of findings) ctx.err(formatFindingLine({ ...f, file }));
        ctx.err(`error: ${file} was not imported (${plural(findings.length, 'problem')}); nothing was written`);
        ctx.fail(EXIT.findings);
        return;
      }

      try {
        await ctx.fs.writeFile(target, serializeDesign(result.design), { overwrite: opts.force === true });
      } catch (e) {
        if (errorCode(e) === 'EEXIST') throw refuse();
        throw new CliError(`cannot write ${opts.output}: ${describeIoError(e)}`, EXIT.usage);
      }

      const td = result.design.nodes.find((n) => n.id === result.taskDefinitionId);
      const family = td?.kind === 'taskDefinition' ? td.properties.family : result.taskDefinitionId;
      const containers = result.design.nodes.filter((n) => n.kind === 'container' && n.parentId === result.taskDefinitionId).length;
      ctx.out(`Imported task definition "${family}" (${plural(containers, 'container')}) from ${file} into ${opts.output}`);
      if (result.report.droppedReadOnly.length > 0) ctx.out(`  dropped read-only fields: ${result.report.droppedReadOnly.join(', ')}`);
      if (result.report.created.length > 0) {
        ctx.out('  created nodes:');
        for (const c of result.report.created) ctx.out(`    ${c}`);
      }
      if (!opts.output.endsWith(DESIGN_FILE_EXTENSION)) ctx.err(`note: design files normally end in ${DESIGN_FILE_EXTENSION}`);
    });
}

async function existsOrFail(ctx: CliContext, target: string, shown: string): Promise<boolean> {
  try {
    return await ctx.fs.exists(target);
  } catch (e) {
    throw new CliError(`cannot write ${shown}: ${describeIoError(e)}`, EXIT.usage);
  }
}
