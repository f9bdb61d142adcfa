import { serializeDesign } from '../../../shared/model/document';
import type { CommandContext } from '../commands/registry';
import { call } from '../ipc/client';
import { currentDesign, designStore } from '../store/designStore';
import { deployState } from './deployState';
import { openDeployDialog } from './openState';

/**
 * Reads the live status of the open design's services with the target last used for it (Deploy › Refresh
 * Deployment Status, and after every successful deploy). Without a target yet, the Deploy dialog opens to choose one.
 */
export async function refreshDeploymentStatus(ctx: Pick<CommandContext, 'notify'>, opts: { quiet?: boolean } = {}): Promise<void> {
  const design = currentDesign(designStore.getState());
  if (!design) return;
  const remembered = deployState.get().targets.get(design.id);
  if (!remembered) {
    ctx.notify('Choose the target account first: Deploy… remembers it for Refresh Deployment Status.');
    openDeployDialog();
    return;
  }
  const r = await call('deploy:status', { target: remembered.target, design: serializeDesign(design), parameters: { ...remembered.parameters } });
  if (!r.ok || r.value.status === 'failed') {
    const message = r.ok ? (r.value.status === 'failed' ? r.value.message : '') : r.error.message;
    deployState.setStatus(design.id, [], message);
    ctx.notify(`Deployment status could not be read: ${message}`, 'error');
    return;
  }
  deployState.setStatus(design.id, r.value.services);
  if (!opts.quiet) {
    const running = r.value.services.reduce((n, s) => n + s.running, 0);
    const desired = r.value.services.reduce((n, s) => n + s.desired, 0);
    ctx.notify(`Deployment status: ${r.value.services.length} service${r.value.services.length === 1 ? '' : 's'}, ${running} of ${desired} tasks running`);
  }
}
