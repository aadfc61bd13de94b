// Every text typed on the command line meets the same limits as an import
// (domain/limits.ts): checked once, where commander's values enter pmctl,
// before any handler runs. Over a limit or holding NUL or a control
// character is a usage error (exit 2) naming the option; nothing is cut.
import { UsageError } from '../errors.js';
import { hasForbiddenControl, overLimit, TEXT_LIMITS, type TextKind } from '../domain/limits.js';

/** Options by commander's (camelCase) name; any other text option is held to `note`. */
const OPTION_KIND: Record<string, TextKind> = {
  name: 'name',
  owner: 'name',
  tenant: 'name',
  to: 'name',
  signedBy: 'name',
  host: 'name',
  site: 'name',
  contractor: 'name',
  subject: 'subject',
  reason: 'subject',
  topic: 'subject',
  purpose: 'subject',
  place: 'subject',
  location: 'subject',
  reject: 'subject',
  phone: 'phone',
  ownerPhone: 'phone',
  tenantPhone: 'phone',
  unit: 'label',
  building: 'label',
  label: 'label',
  ref: 'label',
  as: 'label',
  staff: 'label',
  approvedBy: 'label',
  witness: 'label',
  actor: 'label',
  code: 'label',
  dept: 'label',
  role: 'label',
  kind: 'label',
  type: 'label',
  status: 'label',
  category: 'label',
  severity: 'label',
  channel: 'label',
  method: 'label',
  doc: 'label',
  note: 'note',
  notes: 'note',
  description: 'note',
};

function check(flag: string, kind: TextKind, v: string): void {
  if (hasForbiddenControl(v)) throw new UsageError('err.text_control', { opt: flag }, 'fix.text_control');
  const over = overLimit(kind, v);
  if (over) throw new UsageError('err.text_too_long', { opt: flag, limit: TEXT_LIMITS[kind], over }, 'fix.text_too_long');
}

const flagOf = (k: string) => '--' + k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/** Throws for the first option or argument over its limit or holding a control character. */
export function checkTextInput(opts: Record<string, unknown>, positional: unknown[]): void {
  for (const [k, v] of Object.entries(opts)) {
    const kind = OPTION_KIND[k] ?? 'note';
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') check(flagOf(k), kind, x);
  }
  positional.forEach((v, i) => {
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') check(`#${i + 1}`, 'note', x);
  });
}

/** The same check for a prompt's answer: true, or the message key and params. */
export function textProblem(optName: string, v: string): { key: string; params: Record<string, string | number> } | null {
  const kind = OPTION_KIND[optName] ?? 'note';
  if (hasForbiddenControl(v)) return { key: 'err.text_control', params: { opt: flagOf(optName) } };
  const over = overLimit(kind, v);
  return over ? { key: 'err.text_too_long', params: { opt: flagOf(optName), limit: TEXT_LIMITS[kind], over } } : null;
}
