import { z } from 'zod';

/**
 * Errors that cross IPC: serializable, typed, never a lost stack trace.
 *
 * - BAD_REQUEST      the payload failed the channel's request schema (the message names the JSON path)
 * - UNKNOWN_CHANNEL  no such channel in the contract
 * - FORBIDDEN        refused by policy (untrusted sender, path not granted, URL not allowed)
 * - NOT_FOUND        the file does not exist
 * - CORRUPT_TARGET   saving would overwrite a file whose content is not valid JSON
 * - IO_ERROR         any other file-system failure
 * - INTERNAL         a bug: a handler threw or produced a response that fails its schema
 */
export const IPC_ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'NOT_FOUND',
  'CORRUPT_TARGET',
  'IO_ERROR',
  'INTERNAL',
] as const;

export const IpcErrorCodeSchema = z.enum(IPC_ERROR_CODES);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

export const IpcErrorSchema = z.strictObject({
  code: IpcErrorCodeSchema,
  message: z.string(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err = { readonly ok: false; readonly error: IpcError };
export type Result<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(code: IpcErrorCode, message: string): Err {
  return { ok: false, error: { code, message } };
}

/** Zod schema of `Result<z.output<T>>`, for checking a response that crossed a boundary. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: IpcErrorSchema }),
  ]);
}

/** Formats a zod issue path as a readable location: `settings.theme`, `items[2].name`, `(root)`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out.length === 0 ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
