/**
 * A small, strict parser for the INI dialect of the AWS shared config and credentials files (as botocore and the
 * AWS SDKs read them): `[section]` headers, `key = value` (or `key: value`) pairs, full-line `#` / `;` comments, and
 * indented continuation lines (nested settings such as `s3 =\n  max_concurrent_requests = 20`), which are kept
 * out of the flat key map.
 *
 * Error messages name the file and the line but never echo the line's content: these files hold secrets.
 */

export class IniSyntaxError extends Error {
  override readonly name = 'IniSyntaxError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

export interface IniSection {
  /** The text between the brackets, trimmed (`profile dev`, `default`, `sso-session corp`). */
  readonly name: string;
  /** 1-based line of the header. */
  readonly line: number;
  /** Keys lower-cased; a later duplicate wins, as in botocore. */
  readonly values: ReadonlyMap<string, string>;
}

const SECTION_HEADER = /^\[([^\]]*)\]\s*(?:[#;].*)?$/;
const KEY_VALUE = /^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$/;

/** Whether the text looks like binary data rather than an INI file: NUL bytes or undecodable UTF-8. */
function binaryLine(text: string): number | undefined {
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes('\0') || line.includes('\uFFFD')) return i + 1;
    // Other C0 control characters (tab, and the form feed some editors leave, are fine).
    for (let j = 0; j < line.length; j++) {
      const code = line.charCodeAt(j);
      if (code < 0x20 && code !== 0x09 && code !== 0x0c) return i + 1;
    }
  }
  return undefined;
}

export function parseIni(text: string, file: string): IniSection[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const binary = binaryLine(source);
  if (binary !== undefined) throw new IniSyntaxError(file, binary, 'this is not a text file (binary data)');

  const sections: IniSection[] = [];
  let current: { name: string; line: number; values: Map<string, string> } | null = null;
  const lines = source.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;

    const indented = /^[ \t]/.test(raw);
    if (indented && current !== null && current.values.size > 0) {
      // A continuation line (as in Python's configparser): the rest of a multi-line value, or a nested block
      // (`s3 =` followed by indented settings). Neither is needed to list profiles, and neither is an error.
      continue;
    }

    if (trimmed.startsWith('[')) {
      const header = SECTION_HEADER.exec(trimmed);
      if (!header) throw new IniSyntaxError(file, lineNo, 'unterminated section header (missing "]")');
      const name = header[1]!.trim().replace(/\s+/g, ' ');
      if (name === '') throw new IniSyntaxError(file, lineNo, 'empty section name');
      current = { name, line: lineNo, values: new Map() };
      sections.push(current);
      continue;
    }

    const pair = KEY_VALUE.exec(trimmed);
    if (!pair) throw new IniSyntaxError(file, lineNo, 'expected "key = value", a [section] header or a comment');
    if (current === null) throw new IniSyntaxError(file, lineNo, 'a setting before the first [section] header');
    const key = pair[1]!.trim().toLowerCase();
    const value = pair[2]!.trim();
    current.values.set(key, value);
  }
  return sections;
}
