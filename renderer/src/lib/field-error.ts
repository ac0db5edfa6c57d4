import type { z } from 'zod';

/** The first message the schema has for this value, or undefined when it passes: one field's error. */
export function fieldError(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}
