import { z } from 'zod';

/**
 * The Deploy channels (Deploy › Deploy…, Destroy…, Refresh deployment status). The renderer sends the target
 * (profile NAME, region, optional emulator endpoint), the design as JSON text and template parameter values; main
 * resolves credentials from the profile inside the SDK. Every object is strict, so a field the contract does not
 * name — `accessKeyId`, `secretAccessKey`, `credentials`… — is refused with BAD_REQUEST before anything runs.
 *
 * Long operations (apply, destroy, stack execution) answer when they are done; their progress arrives meanwhile on
 * the `deploy:event` channel (./deployEvents.ts) tagged with the `runId` the renderer chose.
 */

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export const DeployTargetSchema = z.strictObject({
  profile: z
    .string()
    .regex(/^[\w.+@/-]{1,128}$/, 'a profile name (letters, digits and _ . + @ / -)')
    .optional()
    .describe('Profile of the shared AWS config files; absent = the default credential chain.'),
  region: z.string().regex(REGION, 'an AWS region such as eu-west-1'),
  endpointUrl: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/, 'an http:// or https:// URL')
    .optional()
    .describe('Endpoint of a local emulator (moto, LocalStack), e.g. http://127.0.0.1:5000.'),
});
export type DeployTarget = z.infer<typeof DeployTargetSchema>;

/** Chosen by the renderer for one operation; its events carry it. */
export const RunIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1–64 letters, digits, - or _');

const DesignText = z.string().min(2).max(32 * 1024 * 1024);

/** Template parameter values by parameter id (the IR parameters of the design). */
export const DeployParametersSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,254}$/, 'a template parameter id'), z.string().max(4096))
  .default({});

/** What every design-level request carries. `designPath` (a file opened or saved through a dialog) is where the report goes. */
const DesignRequest = {
  target: DeployTargetSchema,
  design: DesignText,
  designPath: z.string().min(1).max(4096).optional(),
  parameters: DeployParametersSchema,
};

export const PlanActionSchema = z.enum(['create', 'update', 'replace', 'delete', 'no-change', 'conflict', 'unsupported']);
export type PlanActionName = z.infer<typeof PlanActionSchema>;

export const PropertyChangeSchema = z.strictObject({ path: z.string(), before: z.unknown(), after: z.unknown() });

export const PlanStepSchema = z.strictObject({
  action: PlanActionSchema,
  logicalId: z.string(),
  type: z.string(),
  nodeId: z.string().optional(),
  name: z.string(),
  changes: z.array(PropertyChangeSchema),
  reason: z.string().optional(),
});
export type PlanStepView = z.infer<typeof PlanStepSchema>;

/** One removal the user confirmed (a deletion, or the old resource of a replacement): exactly as the plan listed it. */
export const ConfirmedRemovalSchema = z.strictObject({ logicalId: z.string().max(255), type: z.string().max(255), name: z.string().max(2048) });
export type ConfirmedRemoval = z.infer<typeof ConfirmedRemovalSchema>;

export const FindingSchema = z.strictObject({
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  path: z.string(),
  nodeId: z.string().optional(),
  docUrl: z.string().optional(),
  fixes: z.array(z.string()).optional(),
});

export const ProgressSchema = z.strictObject({
  step: z.enum(['plan', 'create', 'update', 'replace', 'delete', 'rollback', 'wait']),
  resource: z.string(),
  nodeId: z.string().optional(),
  status: z.enum(['started', 'succeeded', 'failed', 'info']),
  message: z.string().optional(),
});
export type DeployProgress = z.infer<typeof ProgressSchema>;

export const ResourceResultSchema = z.strictObject({
  logicalId: z.string(),
  type: z.string(),
  nodeId: z.string().optional(),
  action: PlanActionSchema,
  status: z.enum(['succeeded', 'failed', 'skipped']),
  physicalId: z.string().optional(),
  error: z.string().optional(),
  details: z.array(z.string()).optional(),
});

export const DeployReportSchema = z.strictObject({
  kind: z.enum(['deploy', 'destroy']),
  designId: z.string(),
  region: z.string(),
  endpointUrl: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(['succeeded', 'failed', 'refused']),
  message: z.string(),
  plan: z.array(PlanStepSchema),
  results: z.array(ResourceResultSchema),
  failure: z
    .strictObject({ logicalId: z.string(), nodeId: z.string().optional(), error: z.string(), details: z.array(z.string()) })
    .optional(),
  rollbacks: z.array(
    z.strictObject({ service: z.string(), taskDefinition: z.string(), status: z.enum(['succeeded', 'failed']), error: z.string().optional() }),
  ),
  apiCalls: z.strictObject({ total: z.number().int().min(0), mutating: z.number().int().min(0) }),
});
export type DeployReportView = z.infer<typeof DeployReportSchema>;

/** Why main could not run an operation at all (bad design, missing parameter, AWS unreachable…): an answer, not an IPC error. */
const Failed = z.strictObject({ status: z.literal('failed'), message: z.string() });

export const DeployPlanResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('planned'), steps: z.array(PlanStepSchema), nothingToDo: z.boolean(), apiCalls: z.number().int().min(0) }),
  Failed,
]);
export type DeployPlanResponse = z.infer<typeof DeployPlanResponseSchema>;

export const DeployReportResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('done'),
    report: DeployReportSchema,
    /** Where the report JSON was written (beside the design), absent for a design that was never saved. */
    reportFile: z.string().optional(),
    /** The report as written (pretty JSON), for Copy. */
    reportText: z.string(),
  }),
  Failed,
]);
export type DeployReportResponse = z.infer<typeof DeployReportResponseSchema>;

export const DeployPlanRequestSchema = z.strictObject({ ...DesignRequest, runId: RunIdSchema });
export const DeployApplyRequestSchema = z.strictObject({
  ...DesignRequest,
  runId: RunIdSchema,
  /** Exactly the deletions and replacements the user ticked; main refuses when the plan it computes differs. */
  confirmedRemovals: z.array(ConfirmedRemovalSchema).max(5000).default([]),
  /** Bounded wait for each service to become stable. */
  stableTimeoutSeconds: z.number().int().min(1).max(3600).default(600),
});
export const DeployDestroyRequestSchema = z.strictObject({
  target: DeployTargetSchema,
  design: DesignText,
  designPath: z.string().min(1).max(4096).optional(),
  runId: RunIdSchema,
  /** List only (what would go); delete nothing. */
  planOnly: z.boolean().default(false),
  confirmedRemovals: z.array(ConfirmedRemovalSchema).max(5000).default([]),
});

export const DeployMfaAnswerSchema = z.strictObject({
  requestId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** The 6-digit code, or null when the user cancelled. Never stored. */
  code: z
    .string()
    .regex(/^\d{6}$/, 'six digits')
    .nullable(),
});

/** Events on `deploy:event` (frame: ./deployEvents.ts). */
export const DeployEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ runId: RunIdSchema, kind: z.literal('progress'), progress: ProgressSchema }),
  z.strictObject({
    runId: RunIdSchema,
    kind: z.literal('stack-event'),
    event: z.strictObject({
      at: z.string(),
      logicalId: z.string(),
      type: z.string(),
      status: z.string(),
      reason: z.string().optional(),
      physicalId: z.string().optional(),
      nodeId: z.string().optional(),
    }),
  }),
  z.strictObject({ runId: RunIdSchema, kind: z.literal('mfa'), requestId: z.string(), mfaSerial: z.string() }),
]);
export type DeployEvent = z.infer<typeof DeployEventSchema>;

// ── Verify, status and the CloudFormation stack route ─────────────────────────────────────────────────────

export const DeployVerifyRequestSchema = z.strictObject({ ...DesignRequest, runId: RunIdSchema });
export const DeployVerifyResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('verified'), findings: z.array(FindingSchema), apiCalls: z.number().int().min(0) }),
  Failed,
]);
export type DeployVerifyResponse = z.infer<typeof DeployVerifyResponseSchema>;

export const ServiceStatusSchema = z.strictObject({
  nodeId: z.string().optional(),
  logicalId: z.string(),
  cluster: z.string(),
  service: z.string(),
  status: z.string(),
  desired: z.number(),
  running: z.number(),
  pending: z.number(),
  taskDefinition: z.string(),
  /** Why the status could not be read (cluster missing, not deployed, AWS error). */
  error: z.string().optional(),
  deployments: z.array(
    z.strictObject({
      id: z.string(),
      status: z.string(),
      rolloutState: z.string().optional(),
      rolloutStateReason: z.string().optional(),
      taskDefinition: z.string(),
      desired: z.number(),
      running: z.number(),
      pending: z.number(),
      failedTasks: z.number().optional(),
      createdAt: z.string().optional(),
      updatedAt: z.string().optional(),
    }),
  ),
  events: z.array(z.strictObject({ at: z.string(), message: z.string() })),
  stoppedTasks: z.array(
    z.strictObject({
      taskArn: z.string(),
      stoppedAt: z.string().optional(),
      stoppedReason: z.string(),
      stopCode: z.string().optional(),
      containers: z.array(z.strictObject({ name: z.string(), reason: z.string().optional(), exitCode: z.number().optional() })),
    }),
  ),
});
export type ServiceStatusIpc = z.infer<typeof ServiceStatusSchema>;

export const DeployStatusRequestSchema = z.strictObject({ target: DeployTargetSchema, design: DesignText, parameters: DeployParametersSchema });
export const DeployStatusResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('read'), services: z.array(ServiceStatusSchema), at: z.string() }),
  Failed,
]);
export type DeployStatusResponse = z.infer<typeof DeployStatusResponseSchema>;

/** A change of a CloudFormation change set, as shown before execution. */
export const StackChangeSchema = z.strictObject({
  action: z.string(),
  logicalId: z.string(),
  type: z.string(),
  physicalId: z.string().optional(),
  replacement: z.string().optional(),
  nodeId: z.string().optional(),
  details: z.array(z.string()),
});
export type StackChangeView = z.infer<typeof StackChangeSchema>;

/** Main keeps the change set; the page refers to it by this id only (it never sends a change set back). */
export const StackPlanIdSchema = z.string().regex(/^stack-plan-[0-9]{1,9}$/, 'a stack plan id');

export const DeployStackPlanRequestSchema = z.strictObject({ ...DesignRequest, runId: RunIdSchema });
export const DeployStackPlanResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('planned'),
    planId: StackPlanIdSchema,
    stackName: z.string(),
    changeSetType: z.enum(['CREATE', 'UPDATE']),
    nothingToDo: z.boolean(),
    changes: z.array(StackChangeSchema),
  }),
  Failed,
]);
export type DeployStackPlanResponse = z.infer<typeof DeployStackPlanResponseSchema>;

const StackOutcomeSchema = z.strictObject({ logicalId: z.string(), type: z.string(), nodeId: z.string().optional(), status: z.string(), reason: z.string().optional() });

export const StackReportSchema = z.strictObject({
  stackName: z.string(),
  stackId: z.string().optional(),
  status: z.enum(['succeeded', 'failed']),
  stackStatus: z.string(),
  message: z.string(),
  failures: z.array(StackOutcomeSchema),
  rolledBack: z.array(StackOutcomeSchema),
  events: z.array(
    z.strictObject({ at: z.string(), logicalId: z.string(), type: z.string(), status: z.string(), reason: z.string().optional(), physicalId: z.string().optional(), nodeId: z.string().optional() }),
  ),
  outputs: z.record(z.string(), z.string()),
  startedAt: z.string(),
  finishedAt: z.string(),
  apiCalls: z.strictObject({ total: z.number().int().min(0), mutating: z.number().int().min(0) }),
});
export type StackReportView = z.infer<typeof StackReportSchema>;

export const DeployStackExecuteRequestSchema = z.strictObject({
  planId: StackPlanIdSchema,
  runId: RunIdSchema,
  designPath: z.string().min(1).max(4096).optional(),
  /** The removals (Remove, and Modify with replacement) the user ticked: exactly those of the change set. */
  confirmedRemovals: z.array(z.strictObject({ logicalId: z.string().max(255), type: z.string().max(255) })).max(5000).default([]),
});
export const DeployStackExecuteResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('done'), report: StackReportSchema, reportFile: z.string().optional(), reportText: z.string() }),
  Failed,
]);
export type DeployStackExecuteResponse = z.infer<typeof DeployStackExecuteResponseSchema>;

export const DeployStackDiscardRequestSchema = z.strictObject({ planId: StackPlanIdSchema });
