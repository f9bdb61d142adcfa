/**
 * The Export dialog's side of the export worker (exportJob.ts): one session per opening of the dialog, one
 * promise per format asked for. A worker that fails (an uncaught error, a message it cannot read) answers every
 * request in flight with the reason and is replaced by a new one on the next request, primed with the session's
 * design again.
 */
import type { Finding } from '../../../shared/findings';
import type { Design } from '../../../shared/model/document';
import type { ExportFormat } from './generate';
import type { ExportReply, ExportRequest, Generated } from './exportJob';

/** What the generator needs of a Worker (a Worker, or a stand-in in unit tests). */
export interface ExportWorkerPort {
  postMessage(message: ExportRequest): void;
  onmessage: ((e: MessageEvent<ExportReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  terminate(): void;
}

export class ExportGenerator {
  private worker: ExportWorkerPort | undefined;
  private session = 0;
  private nextId = 0;
  private design: { readonly design: Design; readonly findings: readonly Finding[] | undefined } | undefined;
  private readonly pending = new Map<number, (result: Generated) => void>();
  /** Why the session's design could not be sent to the worker (it cannot be copied), when it could not. */
  private unsent: string | undefined;

  constructor(private readonly makeWorker: () => ExportWorkerPort) {}

  /** Starts the worker ahead of the first export (it loads its code meanwhile), when the app is idle. */
  warm(): void {
    // A worker that cannot start is reported by the first request that needs it.
    this.ensureWorker();
  }

  /** Starts a session for `design` (the dialog opened), with the findings the page already has for it. */
  open(design: Design, findings: readonly Finding[] | undefined): void {
    this.session++;
    this.design = { design, findings };
    this.unsent = undefined;
    if (this.worker !== undefined) this.sendDesign(this.worker);
  }

  /** The files of one format of the session's design. Every failure is a result, never a rejection. */
  generate(format: ExportFormat, force: boolean): Promise<Generated> {
    if (this.design === undefined) return Promise.resolve({ ok: false, validation: false, message: 'no design to export (the dialog is closed)' });
    const worker = this.ensureWorker();
    if (typeof worker === 'string') return Promise.resolve({ ok: false, validation: false, message: worker });
    if (this.unsent !== undefined) return Promise.resolve({ ok: false, validation: false, message: this.unsent });
    const id = ++this.nextId;
    return new Promise<Generated>((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ kind: 'generate', session: this.session, id, format, force });
    });
  }

  /** Ends the session (the dialog closed): the worker drops the design and its graph; answers still due are dropped. */
  close(): void {
    if (this.design === undefined) return;
    this.design = undefined;
    this.worker?.postMessage({ kind: 'forget', session: this.session });
    this.pending.clear();
  }

  /** The worker, started when there is none; why it cannot start when it cannot (e.g. refused by the page's policy). */
  private ensureWorker(): ExportWorkerPort | string {
    if (this.worker !== undefined) return this.worker;
    let worker: ExportWorkerPort;
    try {
      worker = this.makeWorker();
    } catch (e) {
      return `the export worker could not be started: ${e instanceof Error ? e.message : String(e)}`;
    }
    worker.onmessage = (e) => {
      const reply = e.data;
      const resolve = this.pending.get(reply.id);
      if (resolve === undefined) return; // the dialog closed meanwhile
      this.pending.delete(reply.id);
      resolve(reply.result);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.fail(worker, `the export worker failed: ${e.message || 'unknown error'}`);
    };
    worker.onmessageerror = () => this.fail(worker, 'the export worker sent a message that could not be read');
    this.worker = worker;
    this.sendDesign(worker);
    return worker;
  }

  private sendDesign(worker: ExportWorkerPort): void {
    if (this.design === undefined) return;
    const { design, findings } = this.design;
    try {
      worker.postMessage({ kind: 'design', session: this.session, design, ...(findings !== undefined ? { findings } : {}) });
      this.unsent = undefined;
    } catch (e) {
      // postMessage copies the design (structured clone) and refuses what it cannot copy, e.g. a function.
      this.unsent = `the design could not be sent to the export worker: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Answers every request in flight with `message` and drops the worker (the next request starts a new one). */
  private fail(worker: ExportWorkerPort, message: string): void {
    if (this.worker !== worker) return;
    worker.terminate();
    this.worker = undefined;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of waiting) resolve({ ok: false, validation: false, message });
  }
}
