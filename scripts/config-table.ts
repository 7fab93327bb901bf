// Prints the config keys as a markdown table (key, default, bounds, meaning), read from FIELDS,
// for docs/results.md:   npx vite-node scripts/config-table.ts
import { z } from 'zod';
import { FIELDS } from '../src/config/schema';

/** Allowed values, read from the zod schema (refinements unwrapped). */
function bounds(schema: z.ZodTypeAny): string {
  if (schema instanceof z.ZodEffects) return bounds(schema.innerType());
  if (schema instanceof z.ZodEnum) return (schema.options as string[]).join(', ');
  if (schema instanceof z.ZodArray) return `list of ${bounds(schema.element)} (or none)`;
  if (schema instanceof z.ZodNumber) return `${schema.isInt ? 'integer ' : ''}${schema.minValue} – ${schema.maxValue}`;
  if (schema instanceof z.ZodString) {
    const check = schema._def.checks.find((c) => c.kind === 'regex');
    return check?.message?.replace(/^use /, '') ?? 'text';
  }
  return '';
}

const value = (v: unknown) => (Array.isArray(v) ? v.join(',') || 'none' : String(v));
const cell = (s: string) => s.replace(/\|/g, '\\|');

console.log('| key | default | allowed | meaning |');
console.log('| --- | --- | --- | --- |');
for (const f of Object.values(FIELDS))
  console.log(`| \`${f.key}\` | \`${value(f.default)}\` | ${cell(bounds(f.schema as z.ZodTypeAny))} | ${cell(f.doc)} |`);
