// Resident archives (住户档案, SPEC §5, [003] [004]): the required document
// checklists, completeness, retention, loan eligibility and the destruction
// chain's guards. Pure: no I/O, no clock.
import { roleAtLeast, type Role } from './people.js';

export type DossierType = 'owner' | 'tenant';
export const DOSSIER_TYPES: readonly DossierType[] = ['owner', 'tenant'];

/** [004] 住户档案管理规定 1(1): owner-occupied units. */
export const OWNER_REQUIRED = [
  'id_copy',
  'move_in_notice',
  'service_agreement',
  'owner_register',
  'covenant',
  'renovation_agreement',
  'fire_safety',
  'handover_record',
] as const;

/** [004] 1(2): tenants let through the service center. */
export const TENANT_REQUIRED = ['agency_agreement', 'tenant_id', 'lease', 'fee_settlement'] as const;

/** [003] 篇3's twelve archive contents, as optional types, plus `other`. */
export const OPTIONAL_TYPES = [
  'company_info',
  'fee_record',
  'renovation_file',
  'move_in_form',
  'supplement',
  'contact',
  'emergency_contact',
  'correspondence',
  'violation_record',
  'repair_record',
  'complaint_record',
  'engineering_file',
  'other',
] as const;

export const DOC_TYPES: readonly string[] = [...OWNER_REQUIRED, ...TENANT_REQUIRED, ...OPTIONAL_TYPES];

export function isDocType(t: string): boolean {
  return DOC_TYPES.includes(t);
}

/**
 * v2 ([003] 篇3): a let unit's dossier holds the owner's papers and the
 * tenant's — the owner still owns it, and the tenancy adds its own.
 */
export const LET_REQUIRED: readonly string[] = [...OWNER_REQUIRED, ...TENANT_REQUIRED];

export function requiredDocs(type: DossierType): readonly string[] {
  return type === 'owner' ? OWNER_REQUIRED : LET_REQUIRED;
}

/** ID copies are confidential by default ([004] 3(3): personal documents are never copied or lent). */
export const CONFIDENTIAL_BY_DEFAULT: readonly string[] = ['id_copy', 'tenant_id'];

export function confidentialByDefault(type: string): boolean {
  return CONFIDENTIAL_BY_DEFAULT.includes(type);
}

export interface Completeness {
  missing: string[];
  /** 0–100, one decimal */
  complete_pct: number;
  present: number;
  required: number;
}

/** Which required documents a dossier lacks, given the types it currently holds (active, not replaced). */
export function completeness(type: DossierType, held: Iterable<string>): Completeness {
  const have = new Set(held);
  const req = requiredDocs(type);
  const missing = req.filter((t) => !have.has(t));
  const present = req.length - missing.length;
  return { missing, present, required: req.length, complete_pct: pct(present, req.length) };
}

export function pct(part: number, whole: number): number {
  if (!whole) return 100;
  return Math.round((part / whole) * 1000) / 10;
}

/** Site completeness: required documents present over required documents, across every dossier. */
export function siteCompleteness(units: { present: number; required: number }[]): number {
  let p = 0;
  let r = 0;
  for (const u of units) {
    p += u.present;
    r += u.required;
  }
  return pct(p, r);
}

// ---- retention -------------------------------------------------------------

/** `permanent`, or a whole number of years, months or days. */
export type Retention = { permanent: true } | { permanent: false; n: number; unit: 'y' | 'mo' | 'd' };

export function parseRetention(text: string): Retention | undefined {
  const s = text.trim().toLowerCase();
  if (['permanent', 'forever', '永久', '长期'].includes(s)) return { permanent: true };
  const m = /^(\d{1,4})\s*(y|mo|d|年|个月|月|天)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n <= 0) return undefined;
  const unit = ({ y: 'y', 年: 'y', mo: 'mo', 个月: 'mo', 月: 'mo', d: 'd', 天: 'd' } as const)[m[2] as 'y'];
  return { permanent: false, n, unit };
}

export function formatRetention(r: Retention): string {
  return r.permanent ? 'permanent' : `${r.n}${r.unit}`;
}

/**
 * Site defaults: what proves ownership and the owner's undertakings is kept
 * for as long as the site stands; tenancy papers outlive the lease by a margin
 * for disputes; renovation papers cover the warranty years.
 */
export const DEFAULT_RETENTION: Record<string, string> = {
  id_copy: 'permanent',
  move_in_notice: 'permanent',
  service_agreement: 'permanent',
  owner_register: 'permanent',
  covenant: 'permanent',
  renovation_agreement: '5y',
  fire_safety: 'permanent',
  handover_record: 'permanent',
  agency_agreement: '3y',
  tenant_id: '3y',
  lease: '3y',
  fee_settlement: '3y',
  company_info: '3y',
  fee_record: '3y',
  renovation_file: '5y',
  move_in_form: 'permanent',
  supplement: '3y',
  contact: '3y',
  emergency_contact: '3y',
  correspondence: '3y',
  violation_record: '3y',
  repair_record: '3y',
  complaint_record: '3y',
  engineering_file: 'permanent',
  other: '3y',
};

/** The local date a document filed on `filedDate` (YYYY-MM-DD) passes retention, or null when permanent. */
export function retentionEnd(filedDate: string, r: Retention): string | null {
  if (r.permanent) return null;
  const [y, m, d] = filedDate.split('-').map(Number);
  if (r.unit === 'd') {
    const t = Date.UTC(y, m - 1, d) + r.n * 86_400_000;
    return new Date(t).toISOString().slice(0, 10);
  }
  const months = r.unit === 'y' ? r.n * 12 : r.n;
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  // 29 Feb + 1y → 28 Feb: clamp to the month's last day
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The latest filing date (YYYY-MM-DD) that is past retention on `today`; null when permanent. */
export function filedOnOrBefore(today: string, r: Retention): string | null {
  if (r.permanent) return null;
  const neg: Retention = { permanent: false, n: -r.n, unit: r.unit };
  // retentionEnd(filed) <= today  ⇔  filed <= today − retention (clamped)
  return retentionEnd(today, neg as Retention);
}

// ---- loans -------------------------------------------------------------------

export type LoanRefusal = 'confidential' | 'director_approval' | 'registrar_role' | 'destroyed' | 'on_loan' | 'nothing_to_lend';

export interface LoanCheck {
  borrowerIsStaff: boolean;
  approverRole: Role | null;
  registrarRole: Role | null;
  /** the registrar is on the customer-service desk */
  registrarCs: boolean;
}

/**
 * [004] 3: staff borrow for work; anyone else only with the service-center
 * director's approval; every loan is registered by a supervisor (客服主任).
 */
export function loanRefusal(c: LoanCheck): LoanRefusal | null {
  if (c.registrarRole && (!c.registrarCs || !roleAtLeast(c.registrarRole, 'supervisor'))) return 'registrar_role';
  if (!c.borrowerIsStaff && !(c.approverRole && roleAtLeast(c.approverRole, 'director'))) return 'director_approval';
  return null;
}

/** What leaves the room with a loan: a document, or a dossier minus what may not leave it. */
export function lendable(docs: { id: string; confidential: boolean; status: string }[]): { lend: string[]; kept: string[] } {
  const lend: string[] = [];
  const kept: string[] = [];
  for (const d of docs) {
    if (d.status !== 'active') continue;
    (d.confidential ? kept : lend).push(d.id);
  }
  return { lend, kept };
}

// ---- destruction chain --------------------------------------------------------

export type DestructionStatus = 'requested' | 'reviewed' | 'approved' | 'destroyed' | 'rejected';
export type DestructionStep = 'request' | 'review' | 'approve' | 'destroy' | 'reject';

export const DESTRUCTION_METHODS = ['shred', 'incinerate', 'pulp'] as const;
export type DestructionMethod = (typeof DESTRUCTION_METHODS)[number];

export interface StepActor {
  code: string;
  role: Role;
  department: string;
}

export interface DestructionState {
  status: DestructionStatus | null;
  requested_by: string | null;
  reviewed_by: string | null;
  approved_by: string | null;
}

/** Why a step may not be taken now (a message code), or null. */
export type ChainRefusal =
  | 'out_of_order'
  | 'witness_is_party'
  | 'role_request'
  | 'role_review'
  | 'role_approve'
  | 'role_destroy'
  | 'same_person'
  | 'witnesses_too_few'
  | 'witness_is_requester'
  | 'witness_duplicate';

const BEFORE: Record<Exclude<DestructionStep, 'reject'>, DestructionStatus | null> = {
  request: null,
  review: 'requested',
  approve: 'reviewed',
  destroy: 'approved',
};

/**
 * [004] 6: the 客服主任 (cs supervisor) requests, the 客户服务部主管 (cs manager)
 * reviews, the 服务中心主任 (director) approves, and two or more people witness.
 * No one checks their own step: requester, reviewer and approver are three people.
 */
export function chainRefusal(step: DestructionStep, s: DestructionState, a: StepActor | null, witnesses: string[] = []): ChainRefusal | null {
  if (step === 'reject') {
    if (s.status !== 'requested' && s.status !== 'reviewed' && s.status !== 'approved') return 'out_of_order';
  } else if (s.status !== BEFORE[step]) return 'out_of_order';
  if (a) {
    const cs = a.department === 'cs';
    switch (step) {
      case 'request':
        if (!cs || !roleAtLeast(a.role, 'supervisor')) return 'role_request';
        break;
      case 'review':
        if (!cs || !roleAtLeast(a.role, 'manager')) return 'role_review';
        if (a.code === s.requested_by) return 'same_person';
        break;
      case 'approve':
        if (!roleAtLeast(a.role, 'director')) return 'role_approve';
        if (a.code === s.requested_by || a.code === s.reviewed_by) return 'same_person';
        break;
      case 'reject':
        // whoever holds the pending step may turn it down
        if (s.status === 'requested' && !(cs && roleAtLeast(a.role, 'manager'))) return 'role_review';
        if (s.status !== 'requested' && !roleAtLeast(a.role, 'director')) return 'role_approve';
        break;
      case 'destroy':
        if (!cs || !roleAtLeast(a.role, 'supervisor')) return 'role_destroy';
        break;
    }
  }
  if (step === 'destroy') {
    if (new Set(witnesses).size !== witnesses.length) return 'witness_duplicate';
    if (witnesses.length < 2) return 'witnesses_too_few';
    if (s.requested_by && witnesses.includes(s.requested_by)) return 'witness_is_requester';
    // four different people: the witnesses are neither the reviewer nor the approver
    if (witnesses.some((w) => w === s.reviewed_by || w === s.approved_by)) return 'witness_is_party';
  }
  return null;
}

export function nextStep(status: DestructionStatus): DestructionStep | null {
  return ({ requested: 'review', reviewed: 'approve', approved: 'destroy', destroyed: null, rejected: null } as const)[status];
}

/** 3栋2单元 15层 1502室 — the label written on the dossier bag ([004] 2(2)). */
export function bagLabel(building: string, unit: string, floor: string, room: string): string {
  return `${building}栋${unit}单元 ${floor}层 ${room}室`;
}

/** What `archive find TEXT` should look for. */
export type FindQuery = { kind: 'phone'; digits: string } | { kind: 'phone_part'; digits: string } | { kind: 'text'; text: string };

export function classifyFind(text: string): FindQuery {
  const s = text.trim();
  const digits = s.replace(/[\s-]/g, '');
  if (/^(\+?86)?1\d{10}$/.test(digits)) return { kind: 'phone', digits: digits.slice(-11) };
  if (/^\d{4,10}$/.test(digits) && !s.includes('-')) return { kind: 'phone_part', digits };
  return { kind: 'text', text: s };
}
