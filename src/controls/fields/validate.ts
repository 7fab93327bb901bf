import { FIELDS, parseConfig, type ExperimentConfig } from '../../config/schema';
import type { z } from 'zod';

/**
 * Why `value` would be refused for field `name` (the store's setField keeps the old value then),
 * or null when it is accepted: the field's own schema first, then rules between fields.
 */
export function fieldError(name: string, value: unknown, config: ExperimentConfig): string | null {
  const field = (FIELDS as Record<string, { schema: z.ZodTypeAny }>)[name];
  if (!field) return `unknown field ${name}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'enter a number';
  const own = field.schema.safeParse(value);
  if (!own.success) return own.error.issues[0]?.message ?? 'invalid value';
  const issue = parseConfig({ ...config, [name]: value }).issues.find((i) => i.field === name);
  return issue ? issue.message.replace(/; using .*$/, '') : null;
}
