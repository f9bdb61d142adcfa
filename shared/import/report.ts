/**
 * The import report: everything an importer did not carry over (or carried over differently), one entry per
 * source key, with the path of that key in the source file (`services.web.build`, `Resources.Alarm`). Importers
 * never drop a construct silently: either it becomes part of the design, or it is listed here.
 */
export type ImportFormat = 'taskdef' | 'compose' | 'cloudformation';

export type ImportReportEntry = {
  /** warning: something was not carried over (or was changed) and the design may need a hand; info: a note. */
  severity: 'warning' | 'info';
  /** Dotted path of the source key (`services.db.healthcheck.interval`); '' for the whole file. */
  path: string;
  message: string;
};

export type ImportReport = { format: ImportFormat; entries: ImportReportEntry[] };

/** A failed import: the file cannot be read as the format (with line/column for syntax errors), or is not one. */
export type ImportFailure = { ok: false; format?: ImportFormat; message: string; path?: string; line?: number; column?: number };

export class ReportBuilder {
  readonly entries: ImportReportEntry[] = [];

  warn(path: string, message: string): void {
    this.entries.push({ severity: 'warning', path, message });
  }

  note(path: string, message: string): void {
    this.entries.push({ severity: 'info', path, message });
  }
}

/** `warning services.web.build: …` — one line per entry, as the CLI prints it. */
export function formatReportEntry(e: ImportReportEntry): string {
  return `${e.severity} ${e.path === '' ? '(file)' : e.path}: ${e.message}`;
}

/** Dotted path of a source key; keys with dots or spaces are quoted. */
export function keyPath(...parts: (string | number)[]): string {
  return parts.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z0-9_-]+$/.test(p) ? p : JSON.stringify(p))).join('.').replace(/\.\[/g, '[');
}
