import type { Command } from 'commander';
import { DESIGN_FILE_EXTENSION, DesignSettingsSchema, serializeDesign } from '../../shared/model/document';
import { findPattern, PATTERNS } from '../../shared/patterns/index';
import type { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { describeIoError, errorCode } from './io';

type NewOptions = { listPatterns?: boolean; pattern?: string; output?: string; force?: boolean; name?: string; region?: string; account?: string };

export function newCommand(ctx: CliContext, parent: string): Command {
  return ctx
    .command('new', parent)
    .summary('create a design file from a pattern')
    .description(
      'Create a design file from a ready-made pattern (the same patterns as File › New from Pattern in the app). ' +
        'Every pattern validates with zero errors; "--list-patterns" prints their names.',
    )
    .option('--list-patterns', 'print the pattern names, one per line: the name, then its title')
    .option('-p, --pattern <name>', 'pattern to create (see --list-patterns)')
    .option('-o, --output <design>', `design file to write (${DESIGN_FILE_EXTENSION})`)
    .option('-f, --force', 'overwrite the design file if it exists')
    .option('--name <name>', 'name of the design (default: the pattern title)')
    .option('--region <region>', 'AWS region of the design (e.g. eu-central-1)')
    .option('--account <id>', '12-digit AWS account id of the design')
    .addHelpText(
      'after',
      [
        '',
        'Exit status: 0 created (or listed); 2 usage error, unknown pattern, or an',
        'output that exists or cannot be written.',
        '',
        'Examples:',
        `  ${parent} new --list-patterns`,
        `  ${parent} new --pattern web-service -o web${DESIGN_FILE_EXTENSION}`,
        `  ${parent} new --pattern queue-worker --region eu-central-1 --account 123456789012 -o worker${DESIGN_FILE_EXTENSION}`,
      ].join('\n'),
    )
    .action(async (opts: NewOptions) => {
      if (opts.listPatterns) {
        const width = Math.max(...PATTERNS.map((p) => p.id.length));
        for (const p of PATTERNS) ctx.out(`${p.id.padEnd(width)}  ${p.title}`);
        return;
      }
      if (opts.pattern === undefined) throw new CliError('choose a pattern with --pattern NAME (see "new --list-patterns")', EXIT.usage);
      const pattern = findPattern(opts.pattern);
      if (!pattern) throw new CliError(`unknown pattern "${opts.pattern}"; choose one of: ${PATTERNS.map((p) => p.id).join(', ')}`, EXIT.usage);
      if (opts.output === undefined) throw new CliError('missing the design file to write: -o, --output <design>', EXIT.usage);

      const settings = DesignSettingsSchema.safeParse({
        ...(opts.region === undefined ? {} : { region: opts.region }),
        ...(opts.account === undefined ? {} : { accountId: opts.account }),
      });
      if (!settings.success) throw new CliError(`invalid ${settings.error.issues[0]?.path.join('.') === 'region' ? '--region' : '--account'}: ${settings.error.issues[0]?.message ?? 'invalid'}`, EXIT.usage);

      const design = pattern.build({ settings: settings.data, ...(opts.name === undefined ? {} : { name: opts.name }) });
      const target = ctx.resolve(opts.output);
      const refuse = () => new CliError(`${opts.output} already exists; use --force to overwrite it`, EXIT.usage);
      try {
        if (!opts.force && (await ctx.fs.exists(target))) throw refuse();
        await ctx.fs.writeFile(target, serializeDesign(design), { overwrite: opts.force === true });
      } catch (e) {
        if (e instanceof CliError) throw e;
        if (errorCode(e) === 'EEXIST') throw refuse();
        throw new CliError(`cannot write ${opts.output}: ${describeIoError(e)}`, EXIT.usage);
      }
      ctx.out(`Created "${design.name}" (${design.nodes.length} resources, ${design.edges.length} connections) from pattern ${pattern.id} in ${opts.output}`);
      if (!opts.output.endsWith(DESIGN_FILE_EXTENSION)) ctx.err(`note: design files normally end in ${DESIGN_FILE_EXTENSION}`);
    });
}
