import { z } from 'zod';

/**
 * The `aws:import-account` channel (File › Import from AWS Account…): the renderer sends only the target — profile
 * name, region, optional emulator endpoint, cluster name — and main answers with the design as JSON text (as for
 * every design crossing IPC) and the import report. Credentials never cross: main resolves them from the profile.
 */

export const AwsImportRequestSchema = z.strictObject({
  profile: z
    .string()
    .regex(/^[\w.+@/-]{1,128}$/, 'a profile name (letters, digits and _ . + @ / -)')
    .optional()
    .describe('Profile of the shared AWS config files; absent = the default credential chain.'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'an AWS region such as eu-west-1'),
  endpointUrl: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/, 'an http:// or https:// URL')
    .optional()
    .describe('Endpoint of a local emulator (moto, LocalStack), e.g. http://127.0.0.1:5000.'),
  cluster: z.string().regex(/^[A-Za-z0-9_-]{1,255}$|^arn:[^\s]{1,2000}$/, 'a cluster name (letters, digits, - and _) or ARN'),
});
export type AwsImportRequest = z.infer<typeof AwsImportRequestSchema>;

export const AwsImportReportSchema = z.strictObject({
  cluster: z.string(),
  region: z.string(),
  endpointUrl: z.string().optional(),
  created: z.array(z.string()),
  warnings: z.array(z.strictObject({ resource: z.string(), message: z.string() })),
  apiCalls: z.number().int().min(0),
  layout: z.string(),
});
export type AwsImportReport = z.infer<typeof AwsImportReportSchema>;

/** Why an import failed, as the renderer shows it (the message names the API call, region and profile). */
export const AwsImportFailureCodeSchema = z.enum(['target', 'credentials', 'endpoint', 'access-denied', 'cluster-not-found', 'aws']);

export const AwsImportResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('imported'), text: z.string().min(2), report: AwsImportReportSchema }),
  z.strictObject({ status: z.literal('failed'), code: AwsImportFailureCodeSchema, message: z.string() }),
]);
export type AwsImportResponse = z.infer<typeof AwsImportResponseSchema>;
