import path from 'node:path';
import { Command } from 'commander';
import { CliError, EXIT } from './errors';
import { describeIoError, nodeCliFs, type CliFs, type CliIo } from './io';

/** What a command needs: output, the file system, path resolution against io.cwd, and the exit code to return. */
export class CliContext {
  readonly fs: CliFs;
  exitCode: number = EXIT.ok;

  constructor(readonly io: CliIo) {
    this.fs = { ...nodeCliFs, ...io.fs };
  }

  /** One line on standard output. */
  out(line: string): void {
    this.io.stdout(`${line}\n`);
  }

  /** One line on standard error. */
  err(line: string): void {
    this.io.stderr(`${line}\n`);
  }

  /** The exit code becomes the worst of the codes set (0 < 1 < 2). */
  fail(code: number): void {
    this.exitCode = Math.max(this.exitCode, code);
  }

  resolve(file: string): string {
    return path.resolve(this.io.cwd, file);
  }

  /** Text of a file named on the command line; an unreadable file is a CliError (exit 2) naming it. */
  async readText(file: string): Promise<string> {
    try {
      return await this.fs.readFile(this.resolve(file));
    } catch (e) {
      throw new CliError(`cannot read ${file}: ${describeIoError(e)}`, EXIT.usage);
    }
  }

  /**
   * A commander Command wired to this context: output to io, errors as one line with a hint to the command's
   * `--help`, and exceptions instead of process.exit (run() turns them into exit codes).
   */
  command(name: string, parentPath?: string): Command {
    const cmd = new Command(name);
    const fullName = parentPath === undefined ? name : `${parentPath} ${name}`;
    cmd
      .helpOption('-h, --help', 'show help')
      .exitOverride()
      .showSuggestionAfterError(true)
      .configureOutput({
        writeOut: (s) => this.io.stdout(s),
        writeErr: (s) => this.io.stderr(s),
        getOutHelpWidth: () => this.io.columns ?? 80,
        getErrHelpWidth: () => this.io.columns ?? 80,
        getOutHasColors: () => false,
        getErrHasColors: () => false,
        outputError: (s, write) => write(`${oneLineError(s)} (see "${fullName} --help")\n`),
      });
    return cmd;
  }
}

/** Commander's error text on one line: `error: unknown command 'x'\n(Did you mean y?)` → `… 'x'; did you mean y?`. */
function oneLineError(s: string): string {
  return s
    .trim()
    .replace(/\s*\n\s*\(Did you mean (.*)\)$/s, (_, rest: string) => `; did you mean ${rest}`)
    .replace(/\s*\n\s*/g, ' ');
}
