import { createOpenFlag } from '../app/openFlag';

/** Whether the "Import from AWS Account…" dialog is open. */
const flag = createOpenFlag();
export const openAwsImportDialog = flag.open;
export const closeAwsImportDialog = flag.close;
export const useAwsImportDialogOpen = flag.useIsOpen;
