import { fileStem, taskDefinitionFileNames } from '../../shared/taskdef/fileNames';
import path from 'node:path';
import type { Command } from 'commander';
import { parseDesignValue, type Design } from '../../shared/model/document';
import { exportTaskDefinitions, type TaskDefinitionExport } from '../../shared/taskdef/export';
import { generateIac, IacBuildError, IacValidationError, IAC_FORMATS, type IacFormat } from '../../shared/iac';
import { validateDesign } from '../../shared/rules';
import type { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { detectInputKind, formatFindingLine, parseInputText, plural } from './findings';
import { describeIoError } from './io';

/** Export formats: infrastructure as code from the resource graph (shared/iac), or the task definitions alone. */
export const EXPORT_FORMATS = [...IAC_FORMATS, 'taskdefs'] as const;

type ExportOptions = { format: string; output: string; yaml?: boolean; json?: boolean; force?: boolean; stackName?: string };

export function exportCommand(ctx: CliContext, parent: string): Command {
  return ctx
    .command('export', parent)
    .summary('write a design as CloudFormation, Terraform, a CDK app, or task definition JSON files')
    .description(
      'cloudformation: template.yaml (or template.json with --json); terraform: *.tf for the AWS provider; cdk: a ' +
        'TypeScript aws-cdk-lib app. All three come from one resource graph of the design, with least-privilege IAM ' +
        'derived from its edges, parameters for existing VPCs/subnets/security groups and image tags, and outputs.\n' +
        'taskdefs: each task definition as <family>.json, the exact RegisterTaskDefinition input that ' +
        '"aws ecs register-task-definition --cli-input-json file://<family>.json" accepts, with role ARNs, image URIs, ' +
        'log groups and secret ARNs resolved from the connected nodes.',
    )
    .argument('<design>', 'design file (.ecsd.json)')
    .requiredOption('--format <format>', `output format (supported: ${EXPORT_FORMATS.join(', ')})`)
    .requiredOption('-o, --output <dir>', 'directory to write to (created if missing; files of the same name are replaced)')
    .option('--yaml', 'cloudformation: write template.yaml (the default)')
    .option('--json', 'cloudformation: write template.json')
    .option('--stack-name <name>', 'cdk: stack name (default: from the design name)')
    .option('--force', 'generate infrastructure as code even when the design has validation errors')
    .addHelpText(
      'after',
      [
        '',
        'Infrastructure as code is not generated from a design with validation errors',
        '(they are listed; --force generates anyway).',
        '',
        'Task definitions that share a family are written as family.json, family-2.json,',
        '… in design order. A task definition that cannot be exported (e.g. a role the',
        'design creates while the design has no account id) is not written; each problem',
        'is printed with the node and the JSON Pointer to fix.',
        '',
        'Exit status: 0 all written; 1 the design is invalid, has validation errors, or a',
        'task definition could not be exported; 2 usage error, unknown format, unreadable',
        'design or unwritable directory.',
        '',
        'Example:',
        `  ${parent} export app.ecsd.json --format cloudformation --json -o out/cfn`,
        `  ${parent} export app.ecsd.json --format terraform -o out/terraform`,
        `  ${parent} export app.ecsd.json --format taskdefs -o out/taskdefs`,
      ].join('\n'),
    )
    .action(async (file: string, opts: ExportOptions) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
        throw new CliError(`unknown format ${opts.format}; supported: ${EXPORT_FORMATS.join(', ')}`, EXIT.usage);
      }
      if (opts.yaml === true && opts.json === true) throw new CliError('--yaml and --json exclude each other', EXIT.usage);
      if ((opts.yaml === true || opts.json === true) && opts.format !== 'cloudformation') {
        throw new CliError(`--${opts.json === true ? 'json' : 'yaml'} applies to --format cloudformation only`, EXIT.usage);
      }
      if (opts.stackName !== undefined && opts.format !== 'cdk') throw new CliError('--stack-name applies to --format cdk only', EXIT.usage);
      if (opts.stackName !== undefined && !/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(opts.stackName)) {
        throw new CliError(`stack name ${opts.stackName} is not valid: letters, digits and hyphens, starting with a letter (at most 128)`, EXIT.usage);
      }
      const design = await loadDesign(ctx, file);
      if (design === undefined) return;
      if (opts.format !== 'taskdefs') {
        await exportIac(ctx, file, design, opts.format as IacFormat, opts);
        return;
      }

      const exports = exportTaskDefinitions(design);
      if (exports.length === 0) {
        ctx.out(`${file} has no task definitions; nothing was written`);
        return;
      }
      const names = taskDefinitionFileNames(exports.map((e) => e.family));
      const ok = exports.flatMap((e, i) => (e.ok ? [{ e, name: names[i] ?? '' }] : []));
      const failed = exports.filter((e): e is Extract<TaskDefinitionExport, { ok: false }> => !e.ok);

      for (const e of failed) {
        for (const err of e.errors) {
          ctx.err(`${file}:${err.path}: error export/unresolved: task definition "${e.family}" (node ${e.nodeId}): node ${err.nodeId}: ${err.message}`);
        }
      }

      if (ok.length > 0) {
        const dir = ctx.resolve(opts.output);
        try {
          await ctx.fs.mkdirp(dir);
        } catch (e) {
          throw new CliError(`cannot create directory ${opts.output}: ${describeIoError(e)}`, EXIT.usage);
        }
        for (const { e, name } of ok) {
          if (!e.ok) continue;
          const shown = path.join(opts.output, name);
          try {
            await ctx.fs.writeFile(path.join(dir, name), `${JSON.stringify(e.input, null, 2)}\n`, { overwrite: true });
          } catch (err) {
            throw new CliError(`cannot write ${shown}: ${describeIoError(err)}`, EXIT.usage);
          }
          ctx.out(`wrote ${shown} (task definition "${e.family}")`);
        }
      }
      for (const note of fileNameNotes(exports.map((e) => e.family), names)) ctx.err(`note: ${note}`);

      if (failed.length > 0) {
        ctx.err(`error: ${plural(failed.length, 'task definition')} of ${file} could not be exported and ${failed.length === 1 ? 'was' : 'were'} not written (${plural(ok.length, 'file')} written)`);
        ctx.fail(EXIT.findings);
      }
    });
}

async function exportIac(ctx: CliContext, file: string, design: Design, format: IacFormat, opts: ExportOptions): Promise<void> {
  const findings = validateDesign(design);
  let files;
  try {
    files = generateIac(design, format, {
      findings,
      cfnFormat: opts.json === true ? 'json' : 'yaml',
      ...(opts.stackName !== undefined ? { stackName: opts.stackName } : {}),
      ...(opts.force === true ? { force: true } : {}),
    });
  } catch (e) {
    if (e instanceof IacValidationError) {
      for (const f of e.findings) ctx.err(formatFindingLine({ ...f, file }));
      ctx.err(`error: ${file} has ${plural(e.findings.length, 'validation error')}: no ${format} written (fix them, or generate anyway with --force)`);
      ctx.fail(EXIT.findings);
      return;
    }
    if (e instanceof IacBuildError) {
      const index = design.nodes.findIndex((n) => n.id === e.nodeId);
      ctx.err(`${file}:${index >= 0 ? `/nodes/${index}` : ''}: error export/unresolved: node ${e.nodeId}: ${e.message}`);
      ctx.fail(EXIT.findings);
      return;
    }
    throw e;
  }
  if (opts.force === true) {
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) ctx.err(`warning: generated despite ${plural(errors.length, 'validation error')} (--force); the result may not deploy`);
  }
  const dir = ctx.resolve(opts.output);
  for (const f of files) {
    const target = path.join(dir, ...f.path.split('/'));
    const shown = path.join(opts.output, ...f.path.split('/'));
    try {
      await ctx.fs.mkdirp(path.dirname(target));
      await ctx.fs.writeFile(target, f.contents, { overwrite: true });
    } catch (err) {
      throw new CliError(`cannot write ${shown}: ${describeIoError(err)}`, EXIT.usage);
    }
    ctx.out(`wrote ${shown}`);
  }
}

/** The design in a file, or undefined after printing why it cannot be loaded (exit status 1). */
async function loadDesign(ctx: CliContext, file: string): Promise<Design | undefined> {
  const parsed = parseInputText(await ctx.readText(file));
  if (!parsed.ok) {
    ctx.err(formatFindingLine({ ...parsed.finding, file }));
    ctx.fail(EXIT.findings);
    return undefined;
  }
  if (detectInputKind(parsed.value) === 'taskDefinition') {
    throw new CliError(`${file} is a task definition, not a design file; create a design from it with "ecs-designer import ${file} -o <design>.ecsd.json"`, EXIT.findings);
  }
  const loaded = parseDesignValue(parsed.value);
  if (!loaded.ok) {
    for (const e of loaded.errors) ctx.err(formatFindingLine({ rule: 'design/invalid-file', severity: 'error', message: e.message, path: e.path, file }));
    ctx.err(`error: ${file} is not a valid design file; nothing was written`);
    ctx.fail(EXIT.findings);
    return undefined;
  }
  return loaded.design;
}

function fileNameNotes(families: readonly string[], names: readonly string[]): string[] {
  const notes: string[] = [];
  const byStem = new Map<string, number[]>();
  families.forEach((family, i) => {
    const key = fileStem(family).toLowerCase();
    byStem.set(key, [...(byStem.get(key) ?? []), i]);
  });
  for (const indexes of byStem.values()) {
    if (indexes.length < 2) continue;
    const distinct = [...new Set(indexes.map((i) => `"${families[i] ?? ''}"`))];
    const files = `${indexes.map((i) => names[i] ?? '').join(', ')} (in design order)`;
    notes.push(
      distinct.length === 1
        ? `${indexes.length} task definitions have the family ${distinct[0] ?? ''}: their files are ${files}`
        : `families ${distinct.join(', ')} give the same file name: their files are ${files}`,
    );
  }
  families.forEach((family, i) => {
    if (fileStem(family) !== family) notes.push(`family "${family}" is not a portable file name; its file is ${names[i] ?? ''}`);
  });
  return notes;
}
