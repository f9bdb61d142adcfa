import { CommanderError, type Command } from 'commander';
import { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { costCommand } from './costCommand';
import { deployCommand, destroyCommand, statusCommand } from './deployCommand';
import { exportCommand } from './exportCommand';
import { importCommand } from './importCommand';
import type { CliIo } from './io';
import { newCommand } from './newCommand';
import { validateCommand } from './validateCommand';
import { cliVersion } from './version';

export type { CliFs, CliIo } from './io';
export { EXIT } from './errors';
export { collectFindings } from './findings';

export const PROGRAM_NAME = 'ecs-designer';

/**
 * Runs the CLI on `argv` (the arguments after the program name) and returns the exit code:
 * 0 ok, 1 error findings / input that cannot be imported or exported, 2 usage or I/O error, 70 internal error.
 * Never throws and never calls process.exit; all output goes through `io`.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const ctx = new CliContext(io);
  // `npx ecs-designer -- --version`: the "--" that keeps some npm versions from taking the options for themselves
  // reaches us first; before the command name it means nothing, so it is dropped.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  try {
    await createProgram(ctx).parseAsync(args, { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help / --version / `help` exit 0; every other commander error (unknown command or option, missing
      // argument, invalid choice, no command) is a usage error, already printed as one line.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CliError) {
      ctx.err(`error: ${e.message}`);
      return Math.max(ctx.exitCode, e.exitCode);
    }
    const env = io.env ?? process.env;
    const message = e instanceof Error ? e.message : String(e);
    ctx.err(`error: internal error: ${message.split('\n')[0] ?? ''} (this is a bug; set ECS_DESIGNER_DEBUG=1 to see the stack trace)`);
    if (env['ECS_DESIGNER_DEBUG'] === '1' && e instanceof Error && e.stack !== undefined) ctx.err(e.stack);
    return EXIT.internal;
  }
}

export function createProgram(ctx: CliContext): Command {
  const program = ctx
    .command(PROGRAM_NAME)
    .description('ECS Designer command line: import, export and validate ECS task definitions and design files; create designs from patterns.')
    .version(cliVersion(), '-V, --version', 'print the version')
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText(
      'after',
      [
        '',
        'Exit status: 0 ok; 1 error findings, or input that cannot be imported or',
        'exported; 2 usage or I/O error; 70 internal error (ECS_DESIGNER_DEBUG=1 prints',
        'its stack trace).',
        '',
        `Run "${PROGRAM_NAME} <command> --help" for the options of a command.`,
      ].join('\n'),
    );
  program.addCommand(importCommand(ctx, PROGRAM_NAME));
  program.addCommand(exportCommand(ctx, PROGRAM_NAME));
  program.addCommand(validateCommand(ctx, PROGRAM_NAME));
  program.addCommand(newCommand(ctx, PROGRAM_NAME));
  program.addCommand(costCommand(ctx, PROGRAM_NAME));
  program.addCommand(deployCommand(ctx, PROGRAM_NAME));
  program.addCommand(destroyCommand(ctx, PROGRAM_NAME));
  program.addCommand(statusCommand(ctx, PROGRAM_NAME));
  return program;
}
