import { z } from 'zod';

/** Tags in the ECS API style (`key`/`value`), used by every node kind that AWS lets you tag. */
export const TagListSchema = z
  .array(
    z.strictObject({
      key: z.string().min(1).max(128).describe('Tag key (1–128 characters).'),
      value: z.string().max(256).describe('Tag value (0–256 characters).'),
    }),
  )
  .max(50)
  .describe('Resource tags (at most 50).');

/** AWS resource names used by ECS: 1–255 letters, digits, hyphens and underscores. */
export const EcsNameSchema = z.string().min(1).max(255);

export const ArnSchema = z.string().min(1).describe('Full Amazon Resource Name of an existing resource.');

export const PositionSchema = z.strictObject({ x: z.number(), y: z.number() });
