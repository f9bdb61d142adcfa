import { serializeDesign } from '../../shared/model/document';
import type { AwsImportRequest, AwsImportResponse } from '../../shared/ipc/awsImport';
import type { AwsTarget } from './clientConfig';

/**
 * The main side of `aws:import-account`: the validated request becomes an AwsTarget whose credentials come from the
 * profile's provider chain (inside main), the cluster is imported, and the design goes back as JSON text with the
 * report. An AWS failure is an answer (`status: "failed"` with its code and message), not an IPC error.
 */
export async function importAccountForIpc(request: AwsImportRequest): Promise<AwsImportResponse> {
  const target: AwsTarget = {
    region: request.region,
    ...(request.profile !== undefined ? { profile: request.profile } : {}),
    ...(request.endpointUrl !== undefined ? { endpointUrl: request.endpointUrl } : {}),
  };
  // The account import and the AWS SDK behind it are loaded by the first import, not when the app starts.
  const { AccountImportError, importFromAccount } = await import('./accountImport');
  try {
    const { design, report } = await importFromAccount(target, request.cluster);
    return { status: 'imported', text: serializeDesign(design), report: { ...report } };
  } catch (e) {
    if (e instanceof AccountImportError) return { status: 'failed', code: e.code, message: e.message };
    throw e;
  }
}
