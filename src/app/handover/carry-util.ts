// Shared by the modules' carry.ts files. hasTable is for the carry functions
// that still check for their table (written while the modules arrived one by
// one); the key and meeting tables are in schema.sql and need no check.
export { hasTable } from '../../store/handover.js';

/**
 * The id the taker types to acknowledge a loan or action. Text ids are kept as
 * the module prints them; bare row numbers get a prefix so they cannot clash
 * with checklist codes or another module's numbers (e.g. KL-12).
 */
export function carriedId(prefix: string, id: unknown): string {
  const s = String(id);
  return /^\d+$/.test(s) ? `${prefix}-${s}` : s;
}
