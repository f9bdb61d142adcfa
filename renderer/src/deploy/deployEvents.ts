import { DeployEventSchema, type DeployEvent } from '../../../shared/ipc/deploy';

/**
 * Subscribes to main's deploy events (progress, stack events, MFA prompts). The preload lets through only
 * well-framed events; here each one is checked against the full schema before a listener sees it.
 */
export function onDeployEvent(listener: (event: DeployEvent) => void): () => void {
  const api = window.ecsDesigner;
  if (!api) return () => undefined;
  return api.onDeployEvent((raw) => {
    const parsed = DeployEventSchema.safeParse(raw);
    if (parsed.success) listener(parsed.data);
    else console.warn('deploy event refused', parsed.error.issues[0]?.message);
  });
}

let counter = 0;
/** A fresh run id for one operation (its events carry it). */
export function newRunId(kind: string): string {
  counter += 1;
  return `${kind}-${Date.now().toString(36)}-${counter}`;
}
