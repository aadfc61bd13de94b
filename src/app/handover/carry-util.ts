// Shared by the modules' carry.ts files: the contract tables arrive with other
// modules, so each query first checks that its table exists.
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
