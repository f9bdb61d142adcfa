import { ExportGenerator } from './exportClient';
import ExportWorker from './export.worker?worker';

let shared: ExportGenerator | undefined;

/** The app's export generator: one worker, made when the Export dialog first generates, kept for the next opening. */
export function exportGenerator(): ExportGenerator {
  shared ??= new ExportGenerator(() => new ExportWorker({ name: 'export' }));
  return shared;
}
