import { Option, type Command } from 'commander';
import { RULES, SCHEMA_RULES } from '../../shared/rules/index';
import type { CliContext } from './context';
import { CliError, EXIT } from './errors';
import { collectFindings, formatFindingLine, INPUT_RULES, summaryLine, type FileFinding } from './findings';
import { fixText } from './fix';
import { describeIoError } from './io';
import { toSarif } from './sarif';
import { cliVersion } from './version';

type ValidateOptions = { format: 'text' | 'json' | 'sarif'; ignore: string[]; fix?: boolean };

const KNOWN_RULE_IDS: readonly string[] = [...RULES, ...SCHEMA_RULES, ...INPUT_RULES].map((r) => r.id);

export function validateCommand(ctx: CliContext, parent: string): Command {
  return ctx
    .command('validate', parent)
    .summary('check design files and task-definition JSON files against every ECS rule')
    .description(
      'Check design files (.ecsd.json) and ECS task-definition JSON files (RegisterTaskDefinition input or ' +
        '"aws ecs describe-task-definition" output). Each file is recognised by its content. Task-definition files get ' +
        'the schema checks (unknown properties, wrong types, missing required fields, invalid enum values) and then ' +
        'every task-definition rule; design files every task-definition and cross-resource rule. Each finding has a ' +
        'rule id (docs/rules.md), a severity and a JSON Pointer into the file.',
    )
    .argument('<file...>', 'design or task-definition JSON files')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--ignore <rule>', 'suppress a rule ("fargate/task-size"), a whole area ("fargate/*") or everything ("*"); repeatable', collect, [])
    .option('--fix', 'apply the quick fixes of fixable findings and rewrite the files (the original is kept as <file>.bak), then report what remains')
    .addHelpText(
      'after',
      [
        '',
        'Output:',
        '  text   a line per finding, "file:path: severity rule: message", then a summary',
        '  json   {"findings":[{"rule","severity","message","file","path"}]}',
        '         path is an RFC 6901 JSON Pointer into the file ("" = the whole file)',
        '  sarif  SARIF 2.1.0 for GitHub code scanning (codeql-action/upload-sarif),',
        '         each result at the line and column of its JSON value',
        '',
        '--ignore does not hide input/* and design/invalid-file findings: a file that',
        'cannot be read as JSON, or as a design, was not validated at all.',
        '',
        '--fix writes a design file back in the design format, and a task-definition file',
        '(RegisterTaskDefinition input, or describe-task-definition output with its',
        'wrapper) in its own form, key order and indentation. The original is kept as',
        '<file>.bak. It never writes a file that does not parse or load. What was fixed',
        'goes to standard output with --format text, to standard error otherwise; the',
        'findings reported are those left after the fixes.',
        '',
        'Exit status: 0 no error findings (after --fix); 1 error findings; 2 usage error,',
        'unreadable file or a file that could not be written.',
        '',
        'Examples:',
        `  ${parent} validate taskdef.json`,
        `  ${parent} validate app.ecsd.json taskdefs/*.json --format json`,
        `  ${parent} validate taskdefs/*.json --format sarif > ecs-designer.sarif`,
        `  ${parent} validate app.ecsd.json --fix --ignore "security/*"`,
      ].join('\n'),
    )
    .action(async (files: string[], opts: ValidateOptions) => {
      for (const pattern of opts.ignore) {
        if (!matchesSomeRule(pattern)) ctx.err(`warning: --ignore ${pattern} matches no rule (rule ids are listed in docs/rules.md)`);
      }
      const ignore = opts.ignore.length === 0 ? {} : { ignore: opts.ignore };
      // What --fix did: part of the report in text output; kept off standard output for json and sarif.
      const log = (line: string) => (opts.format === 'text' ? ctx.out(line) : ctx.err(line));
      const findings: FileFinding[] = [];
      const texts = new Map<string, string>();
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
        if (opts.fix === true) text = await fixFile(ctx, file, text, ignore, log);
        checked++;
        texts.set(file, text);
        for (const f of collectFindings(text, ignore)) findings.push({ ...f, file });
      }

      if (opts.format === 'json') {
        const out = findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, file: f.file, path: f.path }));
        ctx.out(JSON.stringify({ findings: out }, null, 2));
      } else if (opts.format === 'sarif') {
        ctx.out(JSON.stringify(toSarif(findings, { cwd: ctx.io.cwd, version: cliVersion(), texts }), null, 2));
      } else {
        for (const f of findings) ctx.out(formatFindingLine(f));
        // Nothing was read (every file unreadable): the error lines say it all.
        if (checked > 0) ctx.out(summaryLine(findings, checked));
      }
      if (findings.some((f) => f.severity === 'error')) ctx.fail(EXIT.findings);
    });
}

/**
 * `validate --fix` on one file: applies the fixes, keeps the original as `<file>.bak`, writes the fixed text
 * atomically, and returns the text to validate (the original when nothing was written).
 */
async function fixFile(ctx: CliContext, file: string, text: string, opts: { ignore?: string[] }, log: (line: string) => void): Promise<string> {
  const outcome = fixText(text, opts);
  if (outcome.kind === 'refused') {
    ctx.err(`${file}: not fixed: ${outcome.reason}`);
    return text;
  }
  for (const note of outcome.notes) log(`${file}: ${note}`);
  if (outcome.kind === 'unchanged') return text;

  const target = ctx.resolve(file);
  const backup = `${file}.bak`;
  try {
    await ctx.fs.writeFile(ctx.resolve(backup), text, { overwrite: true });
  } catch (e) {
    ctx.err(`error: not fixed: cannot write the backup ${backup}: ${describeIoError(e)}`);
    ctx.fail(EXIT.usage);
    return text;
  }
  try {
    await ctx.fs.writeFile(target, outcome.text, { overwrite: true });
  } catch (e) {
    ctx.err(`error: not fixed: cannot write ${file}: ${describeIoError(e)}`);
    ctx.fail(EXIT.usage);
    return text;
  }
  for (const fix of outcome.applied) log(`${file}: fixed: ${fix.label} (${fix.id})`);
  log(`${file}: wrote the fixed file; the original is in ${backup}`);
  return outcome.text;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function matchesSomeRule(pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('/*')) return KNOWN_RULE_IDS.some((id) => id.startsWith(pattern.slice(0, -1)));
  return KNOWN_RULE_IDS.includes(pattern);
}
