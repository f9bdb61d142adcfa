import path from 'node:path';
import { DESIGN_FILE_EXTENSION, serializeDesign, type Design } from '../../shared/model/document';
import { composeEnvFilePaths } from '../../shared/import/compose';
import { parseEnvFile } from '../../shared/import/composeUnits';
import { formatReportEntry, importFile, type ImportFormat } from '../../shared/import/index';
import type { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { formatFindingLine, plural } from './findings';
import { describeIoError, errorCode } from './io';

export type TemplateImportOptions = { output: string; force?: boolean; name?: string; composeSingleTask?: boolean };

const FORMAT_LABEL: Record<ImportFormat, string> = { taskdef: 'task definition', compose: 'docker-compose file', cloudformation: 'CloudFormation template' };

/**
 * `import <file>` for docker-compose files and CloudFormation templates: writes the design, prints a summary on
 * stdout and every import report entry (what was not carried over, or changed) on stderr as
 * `file: warning <source path>: message`. Exit 1 when the file cannot be read as the format (YAML/JSON errors carry
 * line and column), 2 for usage and I/O problems.
 */
export async function importTemplateFile(ctx: CliContext, file: string, text: string, format: 'compose' | 'cloudformation', opts: TemplateImportOptions): Promise<void> {
  const envFiles = format === 'compose' ? await readEnvFiles(ctx, file, text) : undefined;
  const env = format === 'compose' ? await interpolationEnv(ctx, file) : undefined;
  const result = importFile(text, {
    ...(env ? { env } : {}),
    format,
    fileName: file,
    ...(opts.name === undefined ? {} : { designName: opts.name }),
    composeSingleTask: opts.composeSingleTask === true,
    ...(envFiles ? { envFiles } : {}),
  });
  if (!result.ok) {
    const where = result.line === undefined ? '' : `:${result.line}:${result.column ?? 1}`;
    ctx.err(formatFindingLine({ file: `${file}${where}`, path: '', severity: 'error', rule: `import/${format}`, message: result.message }));
    ctx.err(`error: ${file} was not imported; nothing was written`);
    ctx.fail(EXIT.findings);
    return;
  }
  await writeDesign(ctx, opts, result.design);
  const count = (kind: string) => result.design.nodes.filter((n) => n.kind === kind).length;
  ctx.out(
    `Imported ${FORMAT_LABEL[format]} ${file} into ${opts.output}: ${plural(count('service'), 'service')}, ${plural(count('taskDefinition'), 'task definition')}, ` +
      `${plural(count('container'), 'container')} (${plural(result.design.nodes.length, 'node')}, ${plural(result.design.edges.length, 'edge')})`,
  );
  const warnings = result.report.filter((e) => e.severity === 'warning').length;
  for (const e of result.report) ctx.err(`${file}: ${formatReportEntry(e)}`);
  if (result.report.length > 0) ctx.err(`${file}: import report: ${plural(warnings, 'warning')}, ${result.report.length - warnings} info`);
  if (!opts.output.endsWith(DESIGN_FILE_EXTENSION)) ctx.err(`note: design files normally end in ${DESIGN_FILE_EXTENSION}`);
}

/** env_file entries are read relative to the compose file (what `docker compose` does); a missing one is reported by the importer. */
async function readEnvFiles(ctx: CliContext, file: string, text: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const base = path.dirname(ctx.resolve(file));
  for (const p of composeEnvFilePaths(text)) {
    try {
      out[p] = await ctx.fs.readFile(path.resolve(base, p));
    } catch {
      // Not readable: the importer lists it as not carried over.
    }
  }
  return out;
}

/**
 * Variables for `${VAR}` in a compose file, as `docker compose` finds them: the `.env` file beside the compose file,
 * overridden by the environment of the CLI.
 */
async function interpolationEnv(ctx: CliContext, file: string): Promise<Record<string, string>> {
  const dotEnv = path.join(path.dirname(ctx.resolve(file)), '.env');
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseEnvFile(await ctx.fs.readFile(dotEnv));
    ctx.err(`note: ${Object.keys(fromFile).length} variables read from ${path.relative(ctx.io.cwd, dotEnv) || '.env'} for \${VAR} interpolation`);
  } catch {
    // No .env: only the environment.
  }
  const processEnv = Object.fromEntries(Object.entries(ctx.io.env ?? process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { ...fromFile, ...processEnv };
}

async function writeDesign(ctx: CliContext, opts: TemplateImportOptions, design: Design): Promise<void> {
  try {
    await ctx.fs.writeFile(ctx.resolve(opts.output), serializeDesign(design), { overwrite: opts.force === true });
  } catch (e) {
    if (errorCode(e) === 'EEXIST') throw new CliError(`${opts.output} already exists; use --force to overwrite it`, EXIT.usage);
    throw new CliError(`cannot write ${opts.output}: ${describeIoError(e)}`, EXIT.usage);
  }
}
