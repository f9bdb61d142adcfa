import { createOpenFlag } from '../app/openFlag';

/** Whether the "Export Infrastructure as Code…" dialog is open. */
const flag = createOpenFlag();
export const openExportIacDialog = flag.open;
export const closeExportIacDialog = flag.close;
export const useExportIacDialogOpen = flag.useIsOpen;
