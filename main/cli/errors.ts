/** Exit codes of the CLI. */
export const EXIT = {
  ok: 0,
  /** The input has error findings, or could not be imported/exported because of its content. */
  findings: 1,
  /** Bad command line, or a file that cannot be read or written. */
  usage: 2,
  /** A bug: an unexpected internal error (EX_SOFTWARE). */
  internal: 70,
} as const;

/**
 * An expected failure with a one-line message for the user (printed as `error: <message>`, no stack trace)
 * and an exit code.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}
