// Key control (钥匙管理, SPEC §4, seed [004]): pure rules. Each check returns
// the refusal (message key + params) or null, so the app layer turns it into
// exit 4 and the tests can drive every rule from a table.
import { naturalPart, roleAtLeast, type Role } from './people.js';
import { HOUR } from './time.js';

export const OWNER_KINDS = ['security_door', 'unit_door', 'interior_door', 'intercom', 'mailbox'] as const;
export const PUBLIC_KINDS = ['public_door', 'public_window'] as const;
export const KEY_KINDS = [...OWNER_KINDS, ...PUBLIC_KINDS, 'facility'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

export const KEY_STATUSES = ['in_cabinet', 'on_loan', 'issued', 'damaged', 'lost', 'retired'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

export type KeyClass = 'owner' | 'public' | 'facility';

/** Loans are counted in hours: past this a loan needs a stated reason (overnight work). */
export const MAX_LOAN_MS = 24 * HOUR;
/** …and never longer than this, even for overnight work. */
export const MAX_OVERNIGHT_MS = 72 * HOUR;

const KIND_ZH: Record<string, KeyKind> = {
  防盗门: 'security_door',
  防盗铁门: 'security_door',
  入户门: 'security_door',
  单元门: 'unit_door',
  室内门: 'interior_door',
  房门: 'interior_door',
  对讲门: 'intercom',
  电子对讲门: 'intercom',
  对讲: 'intercom',
  信报箱: 'mailbox',
  信箱: 'mailbox',
  公共门: 'public_door',
  公用门: 'public_door',
  公共区域门: 'public_door',
  公共窗: 'public_window',
  公用窗: 'public_window',
  公共区域窗: 'public_window',
  设施设备房: 'facility',
  设备房: 'facility',
  设施: 'facility',
};

export function parseKind(v: string): KeyKind | undefined {
  const s = v.trim();
  if (KIND_ZH[s]) return KIND_ZH[s];
  const l = s.toLowerCase().replace(/[\s-]/g, '_');
  return (KEY_KINDS as readonly string[]).includes(l) ? (l as KeyKind) : undefined;
}

export function isKeyStatus(s: string): s is KeyStatus {
  return (KEY_STATUSES as readonly string[]).includes(s);
}

export function keyClass(kind: KeyKind): KeyClass {
  if ((OWNER_KINDS as readonly string[]).includes(kind)) return 'owner';
  if ((PUBLIC_KINDS as readonly string[]).includes(kind)) return 'public';
  return 'facility';
}

/** Owner and public keys are taken over by customer service; facility rooms are engineering's ([004] 3(2)①). */
export function defaultHolderDept(kind: KeyKind): string {
  return keyClass(kind) === 'facility' ? 'engineering' : 'cs';
}

/** Tag text as typed: trimmed, runs of spaces collapsed (so a double space still finds the key). */
export function normalizeLabel(label: string): string {
  return label.replace(/[\s\u3000]+/g, ' ').trim();
}

export function isValidLabel(label: string): boolean {
  return label.length > 0 && label.length <= 64 && !/[\u0000-\u001f\u007f]/.test(label);
}

/** Owner keys by their unit's natural order then kind, then public keys, then facility rooms. */
export function keySortKey(kind: KeyKind, label: string, unitSortKey?: string | null): string {
  const c = keyClass(kind);
  const nat = naturalPart(label);
  if (c === 'owner') return `1\u0001${unitSortKey ?? ''}\u0001${KEY_KINDS.indexOf(kind)}\u0001${nat}`;
  return `${c === 'public' ? 2 : 3}\u0001${nat}`;
}

export interface Refusal {
  key: string;
  params?: Record<string, string | number>;
  fix?: string;
}

export interface StaffRef {
  code: string;
  name: string;
  role: Role;
  department: string;
}

export interface KeyFacts {
  label: string;
  kind: KeyKind;
  status: KeyStatus;
  /** the unit's owner and (for a let unit) tenant, as in the roster */
  owners?: string[];
}

/** Why a key in this status cannot leave the cabinet (lend, issue, copy). */
export function unavailable(k: KeyFacts): Refusal | null {
  switch (k.status) {
    case 'in_cabinet':
      return null;
    case 'damaged':
      return { key: 'err.key_damaged', params: { label: k.label }, fix: 'fix.key_damaged' };
    case 'lost':
      return { key: 'err.key_lost', params: { label: k.label }, fix: 'fix.key_rekey' };
    case 'issued':
      return { key: 'err.key_issued', params: { label: k.label }, fix: 'fix.key_show' };
    case 'on_loan':
      return { key: 'err.key_on_loan', params: { label: k.label }, fix: 'fix.key_return_first' };
    default:
      return { key: 'err.key_retired', params: { label: k.label }, fix: 'fix.key_show' };
  }
}

const PRIVATE_PURPOSE = /私人|私用|私事|自用|private|personal/i;

export interface LendRequest {
  key: KeyFacts;
  /** the borrower: an active staff member, or an outside person by name */
  to: { staff: StaffRef | null; name: string };
  purpose: string;
  lentAt: number;
  dueAt: number | null;
  approver: StaffRef | null;
  ownerConsent?: string;
  overnight?: string;
}

/** Is the borrower the unit's owner (or its tenant, for a let unit)? */
export function isOwnerOf(name: string, owners: string[] | undefined): boolean {
  const n = name.replace(/\s+/g, '');
  return !!n && (owners ?? []).some((o) => o && o.replace(/\s+/g, '') === n);
}

/** Every rule of [004] a loan must pass, in the order a desk would check them. */
export function checkLend(r: LendRequest): Refusal | null {
  const k = r.key;
  const cls = keyClass(k.kind);
  if (!r.purpose.trim()) return { key: 'err.key_no_purpose', params: { label: k.label }, fix: 'fix.key_purpose' };
  if (PRIVATE_PURPOSE.test(r.purpose)) return { key: 'err.key_private', params: { purpose: r.purpose }, fix: 'fix.key_purpose' };
  if (r.dueAt === null) return { key: 'err.key_no_due', params: { label: k.label }, fix: 'fix.key_due' };
  const u = unavailable(k);
  if (u) return u;
  if (r.dueAt <= r.lentAt) return { key: 'err.key_due_past', params: {}, fix: 'fix.key_due' };
  const span = r.dueAt - r.lentAt;
  if (span > MAX_OVERNIGHT_MS) return { key: 'err.key_due_too_long', params: { max: 72 }, fix: 'fix.key_due_hours' };
  if (span > MAX_LOAN_MS && !r.overnight?.trim()) return { key: 'err.key_due_over_24h', params: {}, fix: 'fix.key_overnight' };
  if (r.approver && r.to.staff && r.approver.code === r.to.staff.code)
    return { key: 'err.key_self_approval', params: { code: r.approver.code }, fix: 'fix.key_other_approver' };
  if (cls === 'facility') {
    if (!r.to.staff) return { key: 'err.key_facility_staff_only', params: { label: k.label, to: r.to.name }, fix: 'fix.key_facility_staff' };
    if (!r.approver) return { key: 'err.key_facility_approval', params: { label: k.label }, fix: 'fix.key_eng_approver' };
    if (!isEngineeringApprover(r.approver, 'supervisor'))
      return { key: 'err.key_approver_not_eng', params: { code: r.approver.code, need: 'supervisor' }, fix: 'fix.key_eng_approver' };
  }
  if (cls === 'owner' && !isOwnerOf(r.to.name, k.owners) && !r.ownerConsent?.trim())
    return { key: 'err.key_owner_consent', params: { label: k.label, to: r.to.name }, fix: 'fix.key_owner_consent' };
  return null;
}

export function isEngineeringApprover(s: StaffRef, min: Role): boolean {
  return s.department === 'engineering' && roleAtLeast(s.role, min);
}

export interface CopyRequest {
  key: KeyFacts;
  approver: StaffRef | null;
  ownerConsent?: string;
}

/**
 * No private copies ([004] 篇2 5.0): public and facility keys only with an
 * engineering manager's approval (SPEC §4); an owner's key also needs the
 * owner's consent and a customer-service supervisor (or above) to approve.
 */
export function checkCopy(r: CopyRequest): Refusal | null {
  const k = r.key;
  const u = unavailable(k);
  if (u) return u;
  if (!r.approver) return { key: 'err.key_copy_approval', params: { label: k.label }, fix: 'fix.key_copy_approver' };
  if (keyClass(k.kind) === 'owner') {
    if (!roleAtLeast(r.approver.role, 'supervisor') || !['cs', 'engineering'].includes(r.approver.department))
      return { key: 'err.key_copy_owner_approver', params: { code: r.approver.code }, fix: 'fix.key_copy_approver' };
    if (!r.ownerConsent?.trim()) return { key: 'err.key_copy_owner_consent', params: { label: k.label }, fix: 'fix.key_owner_consent' };
    return null;
  }
  if (!isEngineeringApprover(r.approver, 'manager'))
    return { key: 'err.key_approver_not_eng', params: { code: r.approver.code, need: 'manager' }, fix: 'fix.key_copy_approver' };
  return null;
}

/** What `key return` may do with a key in this status. */
export function checkReturn(label: string, status: KeyStatus): Refusal | null {
  if (status === 'on_loan' || status === 'issued') return null;
  if (status === 'lost') return { key: 'err.key_return_lost', params: { label }, fix: 'fix.key_rekey' };
  return { key: 'err.key_not_out', params: { label, status }, fix: 'fix.key_show' };
}

export interface IssueRequest {
  key: KeyFacts;
  toOwner: boolean;
  idChecked: boolean;
  signedBy: string;
  /** written authorisation when someone other than the owner signs (委托书) */
  ownerConsent?: string;
}

/** Move-in: the owner signs for the keys after an identity check ([004] 3(1)). */
export function checkIssue(r: IssueRequest): Refusal | null {
  const k = r.key;
  if (keyClass(k.kind) !== 'owner') return { key: 'err.key_issue_not_owner_key', params: { label: k.label }, fix: 'fix.key_issue_owner_only' };
  const u = unavailable(k);
  if (u) return u;
  if (!r.toOwner) return { key: 'err.key_issue_to_owner', params: {}, fix: 'fix.key_issue_flags' };
  if (!r.idChecked) return { key: 'err.key_issue_id', params: {}, fix: 'fix.key_issue_flags' };
  if (!r.signedBy.trim()) return { key: 'err.key_issue_signed', params: {}, fix: 'fix.key_issue_flags' };
  if (!k.owners?.length) return { key: 'err.key_issue_no_owner', params: { label: k.label }, fix: 'fix.unit_list' };
  if (!isOwnerOf(r.signedBy, k.owners) && !r.ownerConsent?.trim())
    return { key: 'err.key_issue_not_owner', params: { name: r.signedBy, label: k.label }, fix: 'fix.key_issue_agent' };
  return null;
}

/** Statuses from which a key may be reported lost / damaged. */
export function checkLost(label: string, status: KeyStatus): Refusal | null {
  if (status === 'lost') return { key: 'err.key_already_lost', params: { label }, fix: 'fix.key_rekey' };
  if (status === 'retired') return { key: 'err.key_retired', params: { label }, fix: 'fix.key_show' };
  return null;
}

export function checkDamaged(label: string, status: KeyStatus): Refusal | null {
  if (status === 'in_cabinet') return null;
  if (status === 'on_loan') return { key: 'err.key_damaged_on_loan', params: { label }, fix: 'fix.key_return_damaged' };
  if (status === 'damaged') return { key: 'err.key_already_damaged', params: { label }, fix: 'fix.key_show' };
  return { key: 'err.key_not_in_cabinet', params: { label, status }, fix: 'fix.key_show' };
}

export function checkRekeyed(label: string, status: KeyStatus): Refusal | null {
  return status === 'lost' ? null : { key: 'err.key_not_lost', params: { label, status }, fix: 'fix.key_show' };
}

export function checkRetire(label: string, status: KeyStatus): Refusal | null {
  if (status === 'in_cabinet' || status === 'damaged') return null;
  return { key: 'err.key_retire_status', params: { label, status }, fix: 'fix.key_show' };
}

// ---- inventory (盘点) -------------------------------------------------------

export interface RegisterEntry {
  label: string;
  status: KeyStatus;
  copies: number;
}

export interface CountedEntry {
  label: string;
  /** copies found on the tag, when the count sheet says */
  copies?: number;
}

export interface AuditFindings {
  expected: number;
  counted: number;
  /** in the cabinet by the register (in_cabinet or damaged), not found */
  missing: { label: string; status: KeyStatus }[];
  /** found, but the register says it is out (lent, issued, lost, retired) */
  present_but_out: { label: string; status: KeyStatus }[];
  /** found, not in the register */
  unknown: string[];
  /** found with a different number of copies than registered */
  copies_mismatch: { label: string; registered: number; counted: number }[];
}

/** Keys that should hang in the cabinet: damaged keys stay there, set apart, until retired. */
export function expectedInCabinet(s: KeyStatus): boolean {
  return s === 'in_cabinet' || s === 'damaged';
}

export function compareCount(register: RegisterEntry[], counted: CountedEntry[]): AuditFindings {
  const reg = new Map(register.map((r) => [r.label, r]));
  const found = new Map(counted.map((c) => [normalizeLabel(c.label), c]));
  const f: AuditFindings = { expected: 0, counted: found.size, missing: [], present_but_out: [], unknown: [], copies_mismatch: [] };
  for (const r of register) {
    if (!expectedInCabinet(r.status)) continue;
    f.expected++;
    if (!found.has(r.label)) f.missing.push({ label: r.label, status: r.status });
  }
  for (const [label, c] of found) {
    const r = reg.get(label);
    if (!r) f.unknown.push(label);
    else if (!expectedInCabinet(r.status)) f.present_but_out.push({ label, status: r.status });
    else if (c.copies !== undefined && c.copies !== r.copies) f.copies_mismatch.push({ label, registered: r.copies, counted: c.copies });
  }
  return f;
}

export function findingsCount(f: AuditFindings): number {
  return f.missing.length + f.present_but_out.length + f.unknown.length + f.copies_mismatch.length;
}
