// How values from links and files appear in messages. Such values are anyone's: a message must
// stay short (a 1 MB link value is cut), readable (control characters and bidirectional overrides
// escaped, so a value cannot disguise the text around it) and must never throw (a value nested a
// million levels deep is not stringified whole).
import type { ZodIssue } from 'zod';

/** Characters longer than this are cut, with an ellipsis. */
export const SHOWN_CHARS = 60;

// C0 and C1 controls, and the bidirectional overrides and isolates ("Trojan Source").
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Text as it was typed (a link's key or value), cut and with unsafe characters escaped. */
export function asTyped(text: string, max = SHOWN_CHARS): string {
  return cut(text.slice(0, max + 1), max).replace(UNSAFE, escapeChar);
}

/** Text in double quotes, as JSON writes it (quotes and backslashes escaped), cut inside the quotes. */
export function quoted(text: string, max = SHOWN_CHARS): string {
  return `"${cut(text.slice(0, max + 1), max).replace(/["\\]/g, (c) => `\\${c}`).replace(UNSAFE, escapeChar)}"`;
}

/** Any value, briefly, JSON-like (strings quoted, NaN as NaN): at most two levels and 8 items deep. */
export function shown(value: unknown, max = SHOWN_CHARS): string {
  return cut(preview(value, 2, max), max);
}

function preview(value: unknown, depth: number, max: number): string {
  if (typeof value === 'string') return quoted(value, max);
  if (typeof value !== 'object' || value === null) return String(value);
  if (depth === 0) return Array.isArray(value) ? '[…]' : '{…}';
  const items: string[] = [];
  if (Array.isArray(value)) {
    for (let i = 0; i < Math.min(value.length, 8); i++) items.push(preview(value[i], depth - 1, max));
    return `[${items.join(',')}${value.length > 8 ? ',…' : ''}]`;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (items.length === 8) {
      items.push('…');
      break;
    }
    items.push(`${quoted(key, 20)}:${preview((value as Record<string, unknown>)[key], depth - 1, max)}`);
  }
  return `{${items.join(',')}}`;
}

/**
 * Why zod refused a value, in words that do not repeat the value (which may be huge) and in one
 * sentence (zod's own enum message is two: "Invalid enum value. Expected …").
 */
export function zodReason(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_enum_value':
      return `${issue.path.length ? `${shown(issue.received)} is ` : ''}not one of ${cut(issue.options.join(', '), 400)}`;
    case 'invalid_type':
      return issue.received === 'undefined' ? 'missing' : `expected ${issue.expected}, not ${issue.received}`;
    case 'invalid_literal':
      return `expected ${shown(issue.expected)}`;
    case 'invalid_union':
      return 'not any of the allowed forms';
    default:
      return cut(issue.message, 200).replace(/\.\s+/g, '; ');
  }
}
