import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT } from '../i18n/index.js';
import { importOptions, importOutput, importRunOptions } from '../importer.js';
import type { Column, Output, Row } from '../../render/view.js';
import { formatIso } from '../../domain/time.js';
import { overdueCommand } from '../overdue-command.js';
import type { KeyView, LoanRow, KeyHistory, LockChangeRow } from '../../app/key/keys.js';
import type { AuditResult } from '../../app/key/audit.js';

const KEY_COLUMNS: Column[] = [
  { key: 'label', label: 'col.key_label' },
  { key: 'kind', label: 'col.key_kind', type: 'state' },
  { key: 'where', label: 'col.key_where' },
  { key: 'holder_dept', label: 'col.key_holder', type: 'state' },
  { key: 'copies', label: 'col.key_copies', type: 'number' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'loan_to', label: 'col.key_loan_to' },
  { key: 'loan_due', label: 'col.key_due', type: 'time' },
];

const KEY_FIELDS: Column[] = [
  { key: 'label', label: 'col.key_label' },
  { key: 'kind', label: 'col.key_kind', type: 'state' },
  { key: 'unit', label: 'col.unit' },
  { key: 'place', label: 'col.key_place' },
  { key: 'holder_dept', label: 'col.key_holder', type: 'state' },
  { key: 'copies', label: 'col.key_copies', type: 'number' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'loan_id', label: 'col.key_loan' },
  { key: 'loan_to', label: 'col.key_loan_to' },
  { key: 'loan_purpose', label: 'col.key_purpose' },
  { key: 'loan_lent', label: 'col.key_lent_at', type: 'time' },
  { key: 'loan_due', label: 'col.key_due', type: 'time' },
  { key: 'loan_approved', label: 'col.key_approved_by' },
];

function loanJson(l: LoanRow, tz: string) {
  return {
    id: l.id,
    to: l.to_person,
    to_name: l.to_name,
    to_kind: l.to_kind,
    purpose: l.purpose,
    lent_at: formatIso(l.lent_at, tz),
    due_at: formatIso(l.due_at, tz),
    approved_by: l.approved_by,
    owner_consent: l.owner_consent,
    lent_by: l.lent_by,
    ...(l.to_phone ? { to_phone: l.to_phone } : {}),
    ...(l.overnight ? { overnight: l.overnight } : {}),
    returned_at: l.returned_at === null ? null : formatIso(l.returned_at, tz),
    closed_as: l.closed_as,
  };
}

export function keyJson(k: KeyView, tz: string, now?: number) {
  const out: Record<string, unknown> = {
    label: k.label,
    kind: k.kind,
    unit: k.unit,
    place: k.place,
    holder_dept: k.holder_dept,
    status: k.status,
    copies: k.copies,
  };
  if (k.loan) {
    const l = loanJson(k.loan, tz);
    out.loan = { id: l.id, to: l.to, to_name: l.to_name, to_kind: l.to_kind, purpose: l.purpose, lent_at: l.lent_at, due_at: l.due_at, approved_by: l.approved_by, owner_consent: l.owner_consent, ...(now !== undefined ? { overdue: k.loan.due_at < now } : {}) };
  }
  return out;
}

function borrower(l: LoanRow): string {
  return l.to_kind === 'staff' ? `${l.to_name} (${l.to_person})` : l.to_name;
}

function keyRow(k: KeyView): Row {
  return {
    ...k,
    where: k.unit ?? k.place ?? '',
    loan_id: k.loan?.id,
    loan_to: k.loan ? borrower(k.loan) : undefined,
    loan_purpose: k.loan?.purpose,
    loan_lent: k.loan?.lent_at,
    loan_due: k.loan?.due_at,
    loan_approved: k.loan?.approved_by,
  };
}

/** The record without the rows that do not apply (loan fields while in the cabinet, place of an owner key). */
function keyRecord(k: KeyView): { fields: Column[]; row: Row } {
  const row = keyRow(k);
  return { fields: KEY_FIELDS.filter((f) => row[f.key] !== null && row[f.key] !== undefined && row[f.key] !== ''), row };
}

function one(io: Io, k: KeyView, tz: string, notes: string[] = []): Output {
  return { json: keyJson(k, tz), record: keyRecord(k), notes };
}

function historyOutput(io: Io, h: KeyHistory, tz: string): Output {
  const ev = h.events.map((e) => ({ type: e.type, at: formatIso(e.at, tz), by: e.by, loan: e.loan_id, note: e.note, ...(e.data ? { data: JSON.parse(e.data) } : {}) }));
  const json = {
    ...keyJson(h.key, tz),
    history: ev,
    loans: h.loans.map((l) => loanJson(l, tz)),
    lock_changes: h.lock_changes.map((c: LockChangeRow) => ({
      id: c.id,
      reported_at: formatIso(c.reported_at, tz),
      notified: JSON.parse(c.notified) as string[],
      due_at: formatIso(c.due_at, tz),
      done_at: c.done_at === null ? null : formatIso(c.done_at, tz),
    })),
  };
  const detail = (e: (typeof h.events)[number]): string => {
    const d = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {};
    const parts: string[] = [];
    if (e.type === 'lent') {
      parts.push(io.t('msg.key_h_lent', { to: String(d.to), due: formatIso(Number(d.due_at), tz).slice(0, 16).replace('T', ' ') }));
      if (d.approved_by) parts.push(io.t('msg.key_h_approved', { code: String(d.approved_by) }));
      if (d.owner_consent) parts.push(io.t('msg.key_h_consent', { ref: String(d.owner_consent) }));
    } else if (e.type === 'returned') parts.push(io.t('msg.key_h_returned', { condition: io.t('enum.' + String(d.condition ?? 'ok')) }));
    else if (e.type === 'issued') parts.push(io.t('msg.key_h_issued', { name: String(d.signed_by) }));
    else if (e.type === 'lost') parts.push(io.t('msg.key_h_lost', { id: String(d.lock_change), who: (d.notified as string[]).join(', ') }));
    else if (e.type === 'rekeyed' && d.lock_change) parts.push(String(d.lock_change));
    else if (e.type === 'copied') parts.push(io.t('msg.key_h_copied', { n: Number(d.count), copies: Number(d.copies), code: String(d.approved_by) }));
    if (e.note) parts.push(e.note);
    return parts.join(io.lang === 'zh' ? '；' : '; ');
  };
  return {
    json,
    record: keyRecord(h.key),
    sections: [
      {
        title: 'title.key_history',
        columns: [
          { key: 'at', label: 'col.at', type: 'time' },
          { key: 'type', label: 'col.type', type: 'state' },
          { key: 'by', label: 'col.actor' },
          { key: 'loan', label: 'col.key_loan' },
          { key: 'detail', label: 'col.detail' },
        ],
        rows: h.events.map((e) => ({ at: e.at, type: 'key_' + e.type, by: e.by, loan: e.loan_id, detail: detail(e) })),
      },
    ],
  };
}

function auditOutput(io: Io, r: AuditResult, tz: string): Output {
  const f = r.findings;
  const rows: Row[] = [
    ...f.missing.map((m) => ({ finding: 'key_missing', label: m.label, status: m.status, detail: '' })),
    ...f.present_but_out.map((m) => ({ finding: 'key_present_but_out', label: m.label, status: m.status, detail: '' })),
    ...f.unknown.map((label) => ({ finding: 'key_unknown', label, status: '', detail: '' })),
    ...f.copies_mismatch.map((m) => ({ finding: 'key_copies_mismatch', label: m.label, status: '', detail: io.t('msg.key_copies_mismatch', { registered: m.registered, counted: m.counted }) })),
  ];
  const json = {
    id: r.id,
    counted_at: formatIso(r.counted_at, tz),
    file: r.file,
    expected: f.expected,
    counted: f.counted,
    missing: f.missing,
    present_but_out: f.present_but_out,
    unknown: f.unknown,
    copies_mismatch: f.copies_mismatch,
    ok: rows.length === 0,
  };
  if (!r.file) {
    // No count given: the checklist to count against.
    return {
      json: { ...json, register: r.register },
      table: {
        title: 'title.key_checklist',
        columns: [
          { key: 'label', label: 'col.key_label' },
          { key: 'status', label: 'col.status', type: 'state' },
          { key: 'copies', label: 'col.key_copies', type: 'number' },
          { key: 'in_cabinet', label: 'col.key_should_be_in', type: 'bool' },
        ],
        rows: r.register.map((e) => ({ ...e, in_cabinet: e.status === 'in_cabinet' || e.status === 'damaged' })),
      },
      notes: [io.t('msg.key_audit_howto')],
    };
  }
  return {
    json,
    table: {
      title: 'title.key_audit',
      empty: 'msg.key_audit_clean',
      columns: [
        { key: 'finding', label: 'col.key_finding', type: 'state' },
        { key: 'label', label: 'col.key_label' },
        { key: 'status', label: 'col.key_register_says', type: 'state' },
        { key: 'detail', label: 'col.detail' },
      ],
      rows,
    },
    notes: [io.t('msg.key_audit_summary', { id: r.id ?? '-', expected: f.expected, counted: f.counted, missing: f.missing.length, out: f.present_but_out.length, unknown: f.unknown.length })],
  };
}

export function register(program: Command): void {
  const t = helpT();
  const key = program.command('key').description(t('cmd.key')).addHelpText('before', t('help.key'));
  const app = () => import('../../app/key/keys.js');

  key
    .command('add <label>')
    .description(t('cmd.key_add'))
    .option('--kind <kind>', t('opt.key_kind'))
    .option('--unit <unit>', t('opt.key_unit'))
    .option('--place <place>', t('opt.key_place'))
    .option('--holder-dept <dept>', t('opt.key_holder_dept'))
    .option('--copies <n>', t('opt.key_copies'))
    .option('--at <time>', t('opt.key_at'))
    .addHelpText('before', t('help.key_add'))
    .action(
      action({ write: true, choices: { kind: 'keyKind', holderDept: 'department' } }, async (io, label: string) => {
        const o = io.opts;
        await io.prompt.fill(o, [{ name: 'kind', flag: '--kind', ask: 'prompt.key_kind' }]);
        const ctx = await io.ctx();
        const k = (await app()).addKey(ctx, { label, kind: o.kind, unit: o.unit, place: o.place, holderDept: o.holderDept, copies: o.copies, at: o.at });
        return one(io, k, ctx.tz);
      }),
    );

  importOptions(key.command('import <file>').description(t('cmd.key_import')).addHelpText('before', t('help.key_import')), t).action(
    action({ write: true }, async (io, file: string) => importOutput(io, await (await app()).importKeys(await io.ctx(), file, await importRunOptions(io)))),
  );

  key
    .command('list')
    .description(t('cmd.key_list'))
    .option('--status <status>', t('opt.key_status'))
    .option('--unit <unit>', t('opt.key_unit'))
    .option('--kind <kind>', t('opt.key_kind'))
    .option('--holder-dept <dept>', t('opt.key_holder_dept'))
    .action(
      action({ choices: { status: 'keyListStatus', kind: 'keyKind', holderDept: 'department' } }, async (io) => {
        const ctx = await io.ctx();
        const rows = (await app()).listKeys(ctx, { status: io.opts.status, unit: io.opts.unit, kind: io.opts.kind, holderDept: io.opts.holderDept });
        const now = ctx.clock.now();
        return { json: rows.map((k) => keyJson(k, ctx.tz, now)), table: { title: '', columns: KEY_COLUMNS, rows: rows.map(keyRow) } };
      }),
    );

  key
    .command('show <label>')
    .description(t('cmd.key_show'))
    .action(
      action({}, async (io, label: string) => {
        const ctx = await io.ctx();
        return historyOutput(io, (await app()).showKey(ctx, label), ctx.tz);
      }),
    );

  key
    .command('lend <label>')
    .description(t('cmd.key_lend'))
    .option('--to <person>', t('opt.key_to'))
    .option('--purpose <text>', t('opt.key_purpose'))
    .option('--due <time|duration>', t('opt.key_due'))
    .option('--approved-by <code>', t('opt.key_approved_by'))
    .option('--owner-consent <ref>', t('opt.key_owner_consent'))
    .option('--overnight <reason>', t('opt.key_overnight'))
    .option('--phone <phone>', t('opt.key_phone'))
    .option('--at <time>', t('opt.key_at'))
    .addHelpText('before', t('help.key_lend'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const o = io.opts;
        // On a TTY ask for what is missing; otherwise a loan without purpose or
        // due time is refused by the rule (exit 4), not a usage error.
        if (io.interactive)
          await io.prompt.fill(o, [
            { name: 'to', flag: '--to', ask: 'prompt.key_to' },
            { name: 'purpose', flag: '--purpose', ask: 'prompt.key_purpose' },
            { name: 'due', flag: '--due', ask: 'prompt.key_due', default: () => '2h' },
          ]);
        else await io.prompt.fill(o, [{ name: 'to', flag: '--to', ask: 'prompt.key_to' }]);
        const ctx = await io.ctx();
        const k = (await app()).lendKey(ctx, {
          label, to: o.to, purpose: o.purpose, due: o.due, approvedBy: o.approvedBy, ownerConsent: o.ownerConsent, overnight: o.overnight, phone: o.phone, at: o.at,
        });
        const notes = k.notified.length ? [io.t('msg.key_notified_security', { who: k.notified.join(',') })] : [];
        return one(io, k, ctx.tz, notes);
      }),
    );

  key
    .command('return <label>')
    .description(t('cmd.key_return'))
    .option('--condition <c>', t('opt.key_condition'), 'ok')
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true, choices: { condition: 'keyCondition' } }, async (io, label: string) => {
        const ctx = await io.ctx();
        const k = (await app()).returnKey(ctx, { label, condition: io.opts.condition, note: io.opts.note, at: io.opts.at });
        return one(io, k, ctx.tz, k.status === 'damaged' ? [io.t('msg.key_now_damaged', { label: k.label })] : []);
      }),
    );

  key
    .command('issue <label>')
    .description(t('cmd.key_issue'))
    .option('--to-owner', t('opt.key_to_owner'))
    .option('--id-checked', t('opt.key_id_checked'))
    .option('--signed-by <name>', t('opt.key_signed_by'))
    .option('--owner-consent <ref>', t('opt.key_agent'))
    .option('--at <time>', t('opt.key_at'))
    .addHelpText('before', t('help.key_issue'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const o = io.opts;
        const ctx = await io.ctx();
        const k = (await app()).issueKey(ctx, { label, toOwner: o.toOwner, idChecked: o.idChecked, signedBy: o.signedBy, ownerConsent: o.ownerConsent, at: o.at });
        return one(io, k, ctx.tz);
      }),
    );

  key
    .command('damaged <label>')
    .description(t('cmd.key_damaged'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const ctx = await io.ctx();
        return one(io, (await app()).damagedKey(ctx, { label, note: io.opts.note, at: io.opts.at }), ctx.tz);
      }),
    );

  key
    .command('lost <label>')
    .description(t('cmd.key_lost'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const ctx = await io.ctx();
        const r = (await app()).lostKey(ctx, { label, note: io.opts.note, at: io.opts.at });
        const notified = JSON.parse(r.lock_change.notified) as string[];
        const out = one(io, r, ctx.tz, [io.t('msg.key_lost_opened', { id: r.lock_change.id, who: notified.join(', ') || '-' })]);
        out.json = { ...(out.json as object), lock_change: { id: r.lock_change.id, notified, due_at: formatIso(r.lock_change.due_at, ctx.tz), done_at: null } };
        return out;
      }),
    );

  key
    .command('rekeyed <label>')
    .description(t('cmd.key_rekeyed'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const ctx = await io.ctx();
        const r = (await app()).rekeyedKey(ctx, { label, note: io.opts.note, at: io.opts.at });
        const out = one(io, r, ctx.tz, r.lock_change ? [io.t('msg.key_rekeyed', { id: r.lock_change.id })] : []);
        if (r.lock_change)
          out.json = { ...(out.json as object), lock_change: { id: r.lock_change.id, done_at: r.lock_change.done_at === null ? null : formatIso(r.lock_change.done_at, ctx.tz) } };
        return out;
      }),
    );

  key
    .command('copy <label>')
    .description(t('cmd.key_copy'))
    .option('--approved-by <code>', t('opt.key_copy_approved_by'))
    .option('--owner-consent <ref>', t('opt.key_owner_consent'))
    .option('--count <n>', t('opt.key_copy_count'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const o = io.opts;
        const ctx = await io.ctx();
        return one(io, (await app()).copyKey(ctx, { label, approvedBy: o.approvedBy, ownerConsent: o.ownerConsent, count: o.count, note: o.note, at: o.at }), ctx.tz);
      }),
    );

  key
    .command('retire <label>')
    .description(t('cmd.key_retire'))
    .option('--reason <text>', t('opt.key_reason'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const ctx = await io.ctx();
        await io.prompt.confirm(io.g.yes, 'prompt.key_retire', { label });
        return one(io, (await app()).retireKey(ctx, { label, reason: io.opts.reason, at: io.opts.at }), ctx.tz);
      }),
    );

  importOptions(
    key.command('audit').description(t('cmd.key_audit')).option('--counted <file>', t('opt.key_counted')).addHelpText('before', t('help.key_audit')),
    t,
  ).action(
    action({ write: true }, async (io) => {
      const ctx = await io.ctx();
      const a = await import('../../app/key/audit.js');
      const r = io.opts.counted ? await a.auditCount(ctx, io.opts.counted, await importRunOptions(io)) : a.auditChecklist(ctx);
      return auditOutput(io, r, ctx.tz);
    }),
  );

  overdueCommand(key.command('overdue').description(t('cmd.key_overdue')), t, 'key');
}
