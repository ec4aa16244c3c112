/*
 * JSON with ±∞ and NaN spelled out. JSON has no non-finite numbers (JSON.stringify writes them as null, which a
 * reader cannot tell from a missing value: A.Fig2's infinite slack once read back as nothing). Every report file
 * writes them as the strings "Infinity", "-Infinity" and "NaN" (the JSON Schemas in schemas/ allow exactly these
 * where a number may be non-finite); readers turn them back into numbers in the fields that hold numbers.
 */

const NON_FINITE: Readonly<Record<string, number>> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN };

/** JSON.stringify that writes ±∞ and NaN as strings. */
export function encodeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), indent);
}

/** The numeric fields of a report or counterexample file that may hold a spelled-out non-finite number. */
const NUMERIC_KEYS = new Set(['lhs', 'rhs', 'max', 'pValue', 'criticalFailures', 'min']);

/** JSON.parse that reads "Infinity", "-Infinity" and "NaN" back as numbers in the numeric fields. */
export function decodeJson(text: string): unknown {
  return JSON.parse(text, (k, v: unknown) => (NUMERIC_KEYS.has(k) && typeof v === 'string' && v in NON_FINITE ? NON_FINITE[v] : v));
}
