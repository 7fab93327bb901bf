// Prints the config keys as a markdown table (key, default, bounds, meaning), read from FIELDS,
// for docs/results.md:   npx vite-node scripts/config-table.ts
import { z } from 'zod';
import { FIELDS } from '../src/config/schema';

/** Allowed values, read from the zod schema (refinements unwrapped). */
function bounds(schema: z.ZodTypeAny): string {
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodTypeAny[]).map(bounds).join(' or ');
  if (schema instanceof z.ZodLiteral) return String(schema.value);
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
// A field whose schema reads badly in words says what it allows itself (`allowed`).
for (const f of Object.values(FIELDS) as { key: string; default: unknown; schema: z.ZodTypeAny; doc: string; allowed?: string }[])
  console.log(`| \`${f.key}\` | \`${value(f.default)}\` | ${cell(f.allowed ?? bounds(f.schema))} | ${cell(f.doc)} |`);
