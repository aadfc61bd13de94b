// 《文件借阅登记表》: archive loans and returns.
import { requireSeasoned } from '../duties.js';
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import { lendable, loanRefusal } from '../../domain/archive.js';
import { isDuration, parseDuration, dueAfter } from '../../domain/duration.js';
import { parseTime, formatLocal } from '../../domain/time.js';
import { writeTx } from '../../store/db.js';
import { nextId } from '../../store/common.js';
import type { Role } from '../../domain/people.js';
import { type Ctx, audit, eventTime, idDate, requireActiveStaff } from '../context.js';
import { staffByCode } from '../../store/people.js';
import {
  dossierExists,
  findLoan,
  insertLoan,
  loanDocumentIds,
  loanList,
  markLoanReturned,
  openLoanOf,
  openLoansFor,
  type LoanRow,
} from '../../store/archive.js';
import { documentsOf, getDocument, getDossier, recordEvent, requireKeeper, type DocumentRow } from './dossiers.js';

export type { LoanRow };

export interface LoanView extends LoanRow {
  documents: string[];
  kept: string[];
}

export interface LendInput {
  to: string;
  purpose: string;
  due: string;
  approvedBy?: string;
  signedBy?: string;
  at?: string;
}

export function getLoan(ctx: Ctx, id: string): LoanView {
  const l = findLoan(ctx.db, id);
  if (!l) throw new NotFound('err.arch_no_loan', { id }, 'fix.arch_loans');
  return { ...l, documents: loanDocumentIds(ctx.db, id), kept: [] };
}

/**
 * `archive lend UNIT|DOC`. A single document is lent as it is, unless it is
 * confidential (refused). A whole dossier leaves the room without its
 * confidential papers (ID copies): they stay in the archive room and the
 * loan lists what was kept back — the bag can still go to a colleague who
 * needs the renovation agreement, and no ID copy ever leaves.
 */
export function lend(ctx: Ctx, target: string, i: LendInput): LoanView {
  return writeTx(ctx.db, () => {
    requireKeeper(ctx, 'action.arch_lend');
    const isUnit = dossierExists(ctx.db, target);
    let unit: string;
    let docs: DocumentRow[];
    let documentId: string | null = null;
    if (isUnit) {
      unit = target;
      docs = documentsOf(ctx, unit);
    } else {
      const d = getDocument(ctx, target);
      if (d.status === 'destroyed') throw new RuleRefused('err.arch_lend_destroyed', { id: d.id }, 'fix.arch_show');
      if (d.confidential) throw new RuleRefused('err.arch_lend_confidential', { id: d.id, type: d.type }, 'fix.arch_confidential');
      unit = d.unit;
      docs = [d];
      documentId = d.id;
    }
    getDossier(ctx, unit);
    // Borrower: a staff code on the roster is staff; anything else is an outsider.
    const st = staffByCode(ctx.db, i.to);
    if (st && !st.active) throw new RuleRefused('err.staff_inactive', { code: st.code }, 'fix.staff_active');
    let approverRole: Role | null = null;
    if (i.approvedBy) {
      // Seasoning first, as before: a code both too new and deactivated is refused as too new
      // (an unknown code has no role date, so it still gets "no such staff").
      requireSeasoned(ctx, i.approvedBy, 'approve');
      approverRole = requireActiveStaff(ctx.db, i.approvedBy).role;
    }
    const refusal = loanRefusal({
      borrowerIsStaff: !!st,
      approverRole,
      registrarRole: ctx.actor?.role ?? null, // null while bootstrapping with an empty roster
      registrarCs: ctx.actor?.department === 'cs',
    });
    if (refusal === 'director_approval') throw new RuleRefused('err.arch_lend_director', { to: i.to }, 'fix.arch_lend_director');
    const signedBy = i.signedBy?.trim() || st?.name;
    if (!signedBy) throw new UsageError('err.missing_options', { list: 'field.signed_by' }, 'fix.arch_signed_by');
    if (!i.purpose?.trim()) throw new UsageError('err.missing_options', { list: 'field.purpose' }, 'fix.give_options');
    const lentAt = eventTime(ctx, i.at);
    const due = isDuration(i.due) ? dueAfter(lentAt, parseDuration(i.due), ctx.calendar(), ctx.tz) : parseTime(i.due, ctx.clock.now(), ctx.tz);
    if (due <= lentAt) throw new UsageError('err.arch_due_past', { due: formatLocal(due, ctx.tz) }, 'fix.arch_due');
    const { lend: ids, kept } = lendable(
      docs.filter((d) => !d.superseded_by || !isUnit).map((d) => ({ id: d.id, confidential: !!d.confidential, status: d.status })),
    );
    if (!ids.length) throw new RuleRefused('err.arch_lend_nothing', { unit }, 'fix.arch_confidential');
    for (const id of ids) {
      const out = openLoanOf(ctx.db, id);
      if (out) throw new RuleRefused('err.arch_already_out', { id, loan: out }, 'fix.arch_return');
    }
    const id = nextId(ctx.db, 'AL', idDate(ctx, lentAt));
    insertLoan(
      ctx.db,
      {
        id,
        unit,
        document_id: documentId,
        to_person: i.to,
        to_staff: st ? 1 : 0,
        purpose: i.purpose.trim(),
        lent_at: lentAt,
        due_at: due,
        approved_by: i.approvedBy ?? null,
        registered_by: ctx.actor?.code ?? null,
        signed_by: signedBy,
      },
      ids,
    );
    recordEvent(ctx, { unit, at: lentAt, action: 'lent', document_id: documentId, ref_id: id, detail: { to: i.to, documents: ids, kept } });
    const loan = { ...getLoan(ctx, id), kept };
    audit(ctx, 'archive.lend', 'archive_loan:' + id, null, loan);
    return loan;
  });
}

/** `archive return LOAN|UNIT|DOC`: by loan id, or the one open loan of a dossier or document. */
export function returnLoan(ctx: Ctx, target: string, o: { at?: string; note?: string }): LoanView {
  return writeTx(ctx.db, () => {
    requireKeeper(ctx, 'action.arch_return');
    let id = findLoan(ctx.db, target)?.id;
    if (!id) {
      const open = openLoansFor(ctx.db, target);
      if (!open.length) throw new NotFound('err.arch_no_open_loan', { target }, 'fix.arch_loans');
      if (open.length > 1) throw new UsageError('err.arch_many_loans', { target, ids: open.join(', ') }, 'fix.arch_return_id');
      id = open[0];
    }
    const before = getLoan(ctx, id);
    if (before.returned_at !== null) throw new RuleRefused('err.arch_already_returned', { id }, 'fix.arch_loans');
    const at = eventTime(ctx, o.at, before.lent_at);
    markLoanReturned(ctx.db, id, at, ctx.actor?.code ?? null, o.note ?? null);
    recordEvent(ctx, { unit: before.unit, at, action: 'returned', document_id: before.document_id, ref_id: id, detail: { note: o.note ?? null } });
    const after = getLoan(ctx, id);
    audit(ctx, 'archive.return', 'archive_loan:' + id, before, after);
    return after;
  });
}

export function listLoans(ctx: Ctx, f: { open?: boolean; overdue?: boolean; unit?: string }): LoanRow[] {
  return loanList(ctx.db, { open: f.open, dueBefore: f.overdue ? ctx.clock.now() : undefined, unit: f.unit });
}
