/**
 * The export worker: runs the Export dialog's generation off the page's thread (exportJob.ts; this file is only the
 * message glue). A message it cannot read is answered, when it carries a request id, with the reason.
 */
import { ExportJobs, type ExportReply } from './exportJob';

interface WorkerScope {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage(message: ExportReply): void;
}

const scope = self as unknown as WorkerScope;
const jobs = new ExportJobs();

scope.onmessage = (e) => {
  try {
    const reply = jobs.handle(e.data);
    if (reply !== undefined) scope.postMessage(reply);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const id = (e.data as { id?: unknown } | null)?.id;
    if (typeof id === 'number') scope.postMessage({ id, result: { ok: false, validation: false, message } });
    else console.error(message);
  }
};
