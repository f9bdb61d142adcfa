/**
 * The Export dialog's generation, as the export worker runs it (export.worker.ts is only its message glue): a
 * 1,000-service design takes a few hundred milliseconds to validate, build and render, which on the page's thread
 * froze the window (and the dialog's Close button) each time the dialog opened or the format changed.
 *
 * Messages are plain data (structured clone). The dialog sends the design once per opening (a session), then one
 * request per format it shows; the worker keeps the session's resource graph, so changing formats renders again
 * without building the graph again.
 */
import type { Finding } from '../../../shared/findings';
import { IacValidationError } from '../../../shared/iac/index';
import type { GeneratedFile } from '../../../shared/iac/ir';
import type { Design } from '../../../shared/model/document';
import { EXPORT_FORMATS, ExportGraphCache, generateExport, type ExportFormat } from './generate';

/** What one format of a design gives: its files, or why there are none. */
export type Generated =
  | { readonly ok: true; readonly files: readonly GeneratedFile[] }
  | { readonly ok: false; readonly message: string; readonly validation: boolean };

export type ExportRequest =
  /** The design of a new session (the dialog opened), with the findings the page already has for it. */
  | { readonly kind: 'design'; readonly session: number; readonly design: Design; readonly findings?: readonly Finding[] }
  /** Generate one format of the session's design; answered by an ExportReply with the same id. */
  | { readonly kind: 'generate'; readonly session: number; readonly id: number; readonly format: ExportFormat; readonly force: boolean }
  /** The session ended (the dialog closed): its design and graph are dropped. */
  | { readonly kind: 'forget'; readonly session: number };

export interface ExportReply {
  readonly id: number;
  readonly result: Generated;
}

/** Generates one format, turning every failure into the message the dialog shows. */
export function generate(design: Design, format: ExportFormat, opts: { force: boolean; findings?: readonly Finding[]; graphs: ExportGraphCache }): Generated {
  try {
    return { ok: true, files: generateExport(design, format, opts) };
  } catch (e) {
    if (e instanceof IacValidationError) {
      const n = e.findings.length;
      return { ok: false, validation: true, message: `the design has ${n} validation error${n === 1 ? '' : 's'} (see the Problems panel), so the result may not deploy.` };
    }
    return { ok: false, validation: false, message: e instanceof Error ? e.message : String(e) };
  }
}

const FORMAT_IDS: ReadonlySet<string> = new Set(EXPORT_FORMATS.map((f) => f.id));

/** Why a message is not an ExportRequest (undefined when it is one). Only the dialog posts here; this catches our own mistakes by name. */
export function requestProblem(msg: unknown): string | undefined {
  if (typeof msg !== 'object' || msg === null) return `expected an object, got ${msg === null ? 'null' : typeof msg}`;
  const m = msg as Record<string, unknown>;
  if (typeof m['session'] !== 'number') return `"session" must be a number (message kind ${JSON.stringify(m['kind'])})`;
  switch (m['kind']) {
    case 'design': {
      const d = m['design'] as Record<string, unknown> | null | undefined;
      if (typeof d !== 'object' || d === null || !Array.isArray(d['nodes']) || !Array.isArray(d['edges'])) return '"design" must be a design (with nodes and edges)';
      if (m['findings'] !== undefined && !Array.isArray(m['findings'])) return '"findings" must be a list when given';
      return undefined;
    }
    case 'generate':
      if (typeof m['id'] !== 'number') return '"id" of a generate request must be a number';
      if (typeof m['format'] !== 'string' || !FORMAT_IDS.has(m['format'])) return `unknown format ${JSON.stringify(m['format'])} (one of ${[...FORMAT_IDS].join(', ')})`;
      if (typeof m['force'] !== 'boolean') return '"force" must be true or false';
      return undefined;
    case 'forget':
      return undefined;
    default:
      return `unknown message kind ${JSON.stringify(m['kind'])} (design, generate or forget)`;
  }
}

/** The worker's state: the design of the current session and its resource graph. */
export class ExportJobs {
  private current: { readonly session: number; readonly design: Design; readonly findings: readonly Finding[] | undefined; readonly graphs: ExportGraphCache } | undefined;

  /** Handles one message; a generate request gets its reply, other messages none. Throws on a malformed message. */
  handle(msg: unknown): ExportReply | undefined {
    const problem = requestProblem(msg);
    if (problem !== undefined) throw new Error(`export worker: ${problem}`);
    const request = msg as ExportRequest;
    switch (request.kind) {
      case 'design':
        this.current = { session: request.session, design: request.design, findings: request.findings, graphs: new ExportGraphCache() };
        return undefined;
      case 'forget':
        if (this.current?.session === request.session) this.current = undefined;
        return undefined;
      case 'generate': {
        const cur = this.current;
        if (cur === undefined || cur.session !== request.session) {
          return { id: request.id, result: { ok: false, validation: false, message: 'the export worker has no design for this dialog (it was closed or restarted); open the dialog again' } };
        }
        const findings = cur.findings !== undefined ? { findings: cur.findings } : {};
        return { id: request.id, result: generate(cur.design, request.format, { force: request.force, graphs: cur.graphs, ...findings }) };
      }
    }
  }
}
