// Roles, departments, and the personal-data rules (validation and masking).
// Single validators, not the whole library: start-up time matters on every command.
import * as mobile from 'validator/lib/isMobilePhone.js';
import * as identity from 'validator/lib/isIdentityCard.js';

// validator's files are CommonJS with __esModule: Node hands the function over
// as default.default, bundlers as default.
type Fn = (s: string, locale: string) => boolean;
const cjs = (m: unknown): Fn => {
  const d = (m as { default: Fn | { default: Fn } }).default;
  return typeof d === 'function' ? d : d.default;
};
const isMobilePhone = cjs(mobile);
const isIdentityCard = cjs(identity);

export const ROLES = ['staff', 'clerk', 'supervisor', 'manager', 'director', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENTS = ['cs', 'engineering', 'security', 'cleaning', 'greening', 'admin', 'finance'] as const;

export function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}

export function roleRank(r: Role): number {
  return ROLES.indexOf(r);
}

export function roleAtLeast(r: Role, min: Role): boolean {
  return roleRank(r) >= roleRank(min);
}

/**
 * Separation of duties (issue 14): the standard's approval chains mean
 * different people, so no one hands out a role at or above their own, takes
 * one away from someone at or above them, or deactivates someone above them.
 */
export type DutyRefusal = 'grant_not_below' | 'change_not_below' | 'deactivate_above';

/** Giving `role` (to a new or an existing staff code whose role was `before`). */
export function checkGrant(actor: Role, role: Role, before?: Role): DutyRefusal | null {
  if (before !== undefined && before !== role && roleRank(before) >= roleRank(actor)) return 'change_not_below';
  if ((before === undefined || before !== role) && roleRank(role) >= roleRank(actor)) return 'grant_not_below';
  return null;
}

export function checkDeactivate(actor: Role, target: Role): DutyRefusal | null {
  return roleRank(target) > roleRank(actor) ? 'deactivate_above' : null;
}

/** A code created or promoted this recently may not approve or witness. */
export const SEASONING_DAYS = 7;
const DAY = 86_400_000;

/** Milliseconds until a code given its role at `roleSince` may approve or witness (0: now). */
export function seasoningLeft(roleSince: number | null | undefined, now: number): number {
  if (roleSince == null) return 0;
  return Math.max(0, roleSince + SEASONING_DAYS * DAY - now);
}

/** A site's own department codes are allowed: lower-case letters, digits, _ and -. */
export function isDeptCode(d: string): boolean {
  return /^[a-z][a-z0-9_-]{0,31}$/.test(d);
}

/** Mainland mobile numbers (also accepts +86 / 86 prefixes) and landlines like 010-12345678. */
export function isValidPhone(p: string): boolean {
  const s = p.replace(/[\s-]/g, '');
  if (isMobilePhone(s, 'zh-CN')) return true;
  return /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(p.trim());
}

export function normalizePhone(p: string): string {
  const s = p.trim().replace(/\s+/g, '');
  const m = /^(?:\+?86)?(1\d{10})$/.exec(s.replace(/-/g, ''));
  return m ? m[1] : s;
}

/** 18-digit resident ID with the GB 11643 check digit (and a plausible birth date). */
export function isValidIdNumber(id: string): boolean {
  const s = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  return isIdentityCard(s, 'zh-CN');
}

/** GB 11643 check digit of the first 17 digits (used by the demo generator). */
export function idCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += +first17[i] * w[i];
  return '10X98765432'[sum % 11];
}

/** 138****8000 — keeps the first 3 and last 4 digits. */
export function maskPhone(p: string | null | undefined): string {
  if (!p) return p ?? '';
  const s = String(p);
  const digits = s.replace(/\D/g, '');
  if (digits.length < 7) return s.replace(/\d/g, '*');
  if (/^1\d{10}$/.test(digits)) return digits.slice(0, 3) + '****' + digits.slice(7);
  return s.slice(0, Math.max(0, s.length - 8)) + s.slice(-8).replace(/\d(?=\d{4})/g, '*');
}

/** 110101********123X — keeps the first 6 and the last 4. */
export function maskId(id: string | null | undefined): string {
  if (!id) return id ?? '';
  const s = String(id);
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

/** Natural-order key of a unit label part: digits padded, others kept. */
export function naturalPart(s: string): string {
  // The usual part is a short run of digits: padded without a regex (a big
  // roster import sorts every row).
  const n = s.length;
  let digits = n > 0 && n <= 8;
  for (let i = 0; digits && i < n; i++) {
    const c = s.charCodeAt(i);
    digits = c >= 48 && c <= 57;
  }
  if (digits) {
    let z = 0;
    while (z < n - 1 && s.charCodeAt(z) === 48) z++;
    return '00000000'.slice(0, 8 - (n - z)) + (z ? s.slice(z) : s);
  }
  return s.replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(8, '0'));
}

/** Sort key for units: building, unit, floor, room — each naturally ordered. */
export function unitSortKey(building: string, unit: string, floor: string | number, room: string): string {
  return [building, unit, String(floor), room].map(naturalPart).join('\u0001');
}
