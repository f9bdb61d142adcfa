import { Option, type Command } from 'commander';
import type { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { collectFindings, formatFindingLine, summaryLine, type FileFinding } from './findings';

type ValidateOptions = { format: 'text' | 'json' };

export function validateCommand(ctx: CliContext, parent: string): Command {
  return ctx
    .command('validate', parent)
    .summary('check design files and task-definition JSON files')
    .description(
      'Check design files (.ecsd.json) and ECS task-definition JSON files (RegisterTaskDefinition input or ' +
        '"aws ecs describe-task-definition" output). Each file is recognised by its content. Reports unknown ' +
        'properties, wrong types, missing required fields and invalid enum values, each with a JSON Pointer into the file.',
    )
    .argument('<file...>', 'design or task-definition JSON files')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      [
        '',
        'Output:',
        '  text  a line per finding, "file:path: severity rule: message", then a summary',
        '  json  {"findings":[{"rule","severity","message","file","path"}]}',
        '        path is an RFC 6901 JSON Pointer into the file ("" = the whole file)',
        '',
        'Exit status: 0 no error findings; 1 error findings; 2 usage error or unreadable',
        'file.',
        '',
        'Examples:',
        `  ${parent} validate taskdef.json`,
        `  ${parent} validate app.ecsd.json taskdefs/*.json --format json`,
      ].join('\n'),
    )
    .action(async (files: string[], opts: ValidateOptions) => {
      const findings: FileFinding[] = [];
      let checked = 0;
      for (const file of files) {
        let text: string;
        try {
          text = await ctx.readText(file);
        } catch (e) {
          if (!(e instanceof CliError)) throw e;
          // An unreadable file is reported and makes the exit status 2; the other files are still checked.
          ctx.err(`error: ${e.message}`);
          ctx.fail(e.exitCode);
          continue;
        }
        checked++;
        for (const f of collectFindings(text)) findings.push({ ...f, file });
      }

      if (opts.format === 'json') {
        const out = findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, file: f.file, path: f.path }));
        ctx.out(JSON.stringify({ findings: out }, null, 2));
      } else {
        for (const f of findings) ctx.out(formatFindingLine(f));
        // Nothing was read (every file unreadable): the error lines say it all.
        if (checked > 0) ctx.out(summaryLine(findings, checked));
      }
      if (findings.some((f) => f.severity === 'error')) ctx.fail(EXIT.findings);
    });
}
