import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT } from '../i18n/index.js';
import type { Column, Output, Row } from '../../render/view.js';
import { formatIso } from '../../domain/time.js';

// Loaded lazily inside the handlers: `pmctl archive --help` stays fast.
const dossiers = () => import('../../app/archive/dossiers.js');
const loans = () => import('../../app/archive/loans.js');
const destruction = () => import('../../app/archive/destruction.js');

const iso = (ms: number | null | undefined, tz: string) => (ms == null ? null : formatIso(ms, tz));

const DOC_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'unit', label: 'col.unit' },
  { key: 'type', label: 'col.arch_doc_type', type: 'state' },
  { key: 'ref', label: 'col.arch_ref' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'confidential', label: 'col.arch_confidential', type: 'bool' },
  { key: 'filed_at', label: 'col.arch_filed_at', type: 'time' },
  { key: 'hold_reason', label: 'col.arch_hold' },
];

type Doc = import('../../app/archive/dossiers.js').DocumentRow;

function docJson(d: Doc, tz: string) {
  return {
    id: d.id,
    unit: d.unit,
    type: d.type,
    ref: d.ref,
    note: d.note,
    status: d.status,
    confidential: !!d.confidential,
    filed_at: iso(d.filed_at, tz),
    filed_by: d.filed_by,
    superseded_by: d.superseded_by,
    hold: d.hold_reason ? { reason: d.hold_reason, at: iso(d.held_at, tz), by: d.held_by } : null,
    destroyed_at: iso(d.destroyed_at, tz),
    destruction_id: d.destruction_id,
  };
}

type Loan = import('../../app/archive/loans.js').LoanView;

const LOAN_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'unit', label: 'col.unit' },
  { key: 'documents', label: 'col.arch_documents', type: 'list' },
  { key: 'to_person', label: 'col.arch_borrower' },
  { key: 'signed_by', label: 'col.arch_signed_by' },
  { key: 'purpose', label: 'col.arch_purpose' },
  { key: 'lent_at', label: 'col.arch_lent_at', type: 'time' },
  { key: 'due_at', label: 'col.due_at', type: 'time' },
  { key: 'approved_by', label: 'col.arch_approved_by' },
  { key: 'registered_by', label: 'col.arch_registered_by' },
  { key: 'returned_at', label: 'col.arch_returned_at', type: 'time' },
];

function loanJson(l: Loan, tz: string) {
  return {
    id: l.id,
    unit: l.unit,
    document_id: l.document_id,
    documents: l.documents,
    kept: l.kept,
    to: l.to_person,
    to_staff: !!l.to_staff,
    signed_by: l.signed_by,
    purpose: l.purpose,
    lent_at: iso(l.lent_at, tz),
    due_at: iso(l.due_at, tz),
    approved_by: l.approved_by,
    registered_by: l.registered_by,
    returned_at: iso(l.returned_at, tz),
    status: l.returned_at !== null ? 'returned' : 'on_loan',
  };
}

function loanOut(io: Io, l: Loan, tz: string): Output {
  const notes = l.kept.length ? [io.t('msg.arch_kept', { ids: l.kept.join(', ') })] : [];
  return { json: loanJson(l, tz), record: { fields: LOAN_COLUMNS, row: l as unknown as Row }, notes };
}

type XView = import('../../app/archive/destruction.js').DestructionView;

function destructionJson(x: XView, tz: string) {
  return {
    id: x.id,
    status: x.status,
    reason: x.reason,
    method: x.method,
    requested_by: x.requested_by,
    requested_at: iso(x.requested_at, tz),
    reviewed_by: x.reviewed_by,
    reviewed_at: iso(x.reviewed_at, tz),
    approved_by: x.approved_by,
    approved_at: iso(x.approved_at, tz),
    destroyed_at: iso(x.destroyed_at, tz),
    executed_by: x.executed_by,
    witnesses: x.witnesses,
    place: x.place,
    rejected_by: x.rejected_by,
    rejected_at: iso(x.rejected_at, tz),
    reject_reason: x.reject_reason,
    documents: x.documents.map((d) => ({ id: d.id, unit: d.unit, type: d.type, ref: d.ref, filed_at: iso(d.filed_at, tz), status: d.status, retention: d.retention, expired: d.expired })),
    units: [...new Set(x.documents.map((d) => d.unit))],
  };
}

async function destructionOut(io: Io, x: XView, tz: string, site: string): Promise<Output> {
  const { certificateText, certificateMd, certificateHtml } = await import('../../render/certificate.js');
  const o = io.renderOpts(tz);
  const cert = x.status === 'destroyed';
  const notes = cert ? [] : [io.t('msg.arch_next_step', { status: io.t('enum.' + x.status), next: io.t('msg.arch_next_' + x.status) })];
  return {
    json: destructionJson(x, tz),
    text: certificateText(x, o, site),
    md: certificateMd(x, o, site),
    html: certificateHtml(x, o, site),
    // what --csv prints: one line per document of the request
    table: {
      title: '',
      columns: [
        { key: 'destruction', label: 'col.arch_in_destruction' },
        { key: 'destruction_status', label: 'col.status', type: 'state' },
        { key: 'id', label: 'col.id' },
        { key: 'unit', label: 'col.unit' },
        { key: 'type', label: 'col.arch_doc_type', type: 'state' },
        { key: 'ref', label: 'col.arch_ref' },
        { key: 'filed_at', label: 'col.arch_filed_at', type: 'time' },
        { key: 'status', label: 'col.arch_doc_status', type: 'state' },
        { key: 'destroyed_at', label: 'col.arch_destroyed_at', type: 'time' },
      ],
      rows: x.documents.map((d) => ({ ...d, destruction: x.id, destruction_status: x.status })) as unknown as Row[],
    },
    notes,
  };
}

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

export function register(program: Command): void {
  const t = helpT();
  const ar = program.command('archive').description(t('cmd.archive')).addHelpText('before', t('help.archive'));

  ar.command('open <unit>')
    .description(t('cmd.arch_open'))
    .option('--type <type>', t('opt.arch_type'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true, choices: { type: 'dossierType' } }, async (io, unit: string) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        const d = m.openDossier(ctx, unit, io.opts.type ? m.parseDossierType(io.opts.type) : undefined, io.opts.at);
        const c = m.checkArchives(ctx, unit).units[0];
        const row = { ...d, missing: c.missing, complete_pct: c.complete_pct / 100 };
        return {
          json: { id: d.unit, unit: d.unit, type: d.type, bag_label: d.bag_label, opened_at: iso(d.opened_at, ctx.tz), opened_by: d.opened_by, missing: c.missing, complete_pct: c.complete_pct },
          record: {
            fields: [
              { key: 'unit', label: 'col.unit' },
              { key: 'bag_label', label: 'col.arch_bag' },
              { key: 'type', label: 'col.type', type: 'state' },
              { key: 'opened_at', label: 'col.arch_opened_at', type: 'time' },
              { key: 'missing', label: 'col.arch_missing', type: 'list' },
              { key: 'complete_pct', label: 'col.arch_complete', type: 'pct' },
            ],
            row,
          },
        };
      }),
    );

  ar.command('add <unit>')
    .description(t('cmd.arch_add'))
    .option('--doc <type>', t('opt.arch_doc'))
    .option('--ref <ref>', t('opt.arch_ref'))
    .option('--note <note>', t('opt.note'))
    .option('--confidential', t('opt.arch_confidential'))
    .option('--at <time>', t('opt.arch_filed_at'))
    .action(
      action({ write: true, choices: { doc: 'docType' } }, async (io, unit: string) => {
        await io.prompt.fill(io.opts, [{ name: 'doc', flag: '--doc', ask: 'prompt.arch_doc' }]);
        const m = await dossiers();
        const ctx = await io.ctx();
        const d = m.addDocument(ctx, unit, { type: m.parseDocType(io.opts.doc), ref: io.opts.ref, note: io.opts.note, confidential: !!io.opts.confidential, at: io.opts.at });
        return { json: docJson(d, ctx.tz), record: { fields: DOC_COLUMNS, row: d as unknown as Row } };
      }),
    );

  ar.command('update <unit>')
    .description(t('cmd.arch_update'))
    .option('--type <type>', t('opt.arch_type'))
    .option('--doc <type>', t('opt.arch_replace'))
    .option('--ref <ref>', t('opt.arch_ref'))
    .option('--note <note>', t('opt.note'))
    .option('--confidential', t('opt.arch_confidential'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true, choices: { type: 'dossierType', doc: 'docType' } }, async (io, unit: string) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        const r = m.updateDossier(ctx, unit, {
          type: io.opts.type ? m.parseDossierType(io.opts.type) : undefined,
          doc: io.opts.doc ? m.parseDocType(io.opts.doc) : undefined,
          ref: io.opts.ref,
          note: io.opts.note,
          confidential: !!io.opts.confidential,
          at: io.opts.at,
        });
        return {
          json: { id: r.dossier.unit, unit: r.dossier.unit, type: r.dossier.type, changes: r.changes },
          table: {
            title: '',
            columns: [
              { key: 'action', label: 'col.action', type: 'state' },
              { key: 'document_id', label: 'col.id' },
              { key: 'from', label: 'col.arch_from' },
              { key: 'to', label: 'col.arch_to' },
            ],
            rows: r.changes.map((c) => ({ ...c, from: Array.isArray(c.from) ? c.from.join(', ') : c.from })),
            empty: 'msg.arch_no_change',
          },
        };
      }),
    );

  ar.command('show <unit>')
    .description(t('cmd.arch_show'))
    .action(
      action({}, async (io, unit: string) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        const v = m.showDossier(ctx, unit);
        const docs = v.documents.map((d) => ({ ...d, status: d.status === 'destroyed' ? 'destroyed' : d.superseded_by ? 'superseded' : d.on_loan ? 'on_loan' : d.in_destruction ? 'in_destruction' : 'active' }));
        return {
          json: {
            unit: v.dossier.unit,
            type: v.dossier.type,
            bag_label: v.dossier.bag_label,
            opened_at: iso(v.dossier.opened_at, ctx.tz),
            missing: v.check.missing,
            complete_pct: v.check.complete_pct,
            documents: v.documents.map((d) => ({ ...docJson(d, ctx.tz), on_loan: d.on_loan, in_destruction: d.in_destruction })),
            loans: v.loans.map((l) => loanJson({ ...l, documents: [], kept: [] }, ctx.tz)),
            history: v.history.map((h) => ({ at: iso(h.at, ctx.tz), by: h.by, action: h.action, document_id: h.document_id, ref_id: h.ref_id, detail: h.detail ? JSON.parse(h.detail) : null })),
          },
          record: {
            title: v.dossier.bag_label,
            fields: [
              { key: 'unit', label: 'col.unit' },
              { key: 'type', label: 'col.type', type: 'state' },
              { key: 'missing', label: 'col.arch_missing', type: 'list' },
              { key: 'complete_pct', label: 'col.arch_complete', type: 'pct' },
            ],
            row: { unit: v.dossier.unit, type: v.dossier.type, missing: v.check.missing.map((x) => io.t('enum.' + x)), complete_pct: v.check.complete_pct / 100 },
          },
          sections: [
            { title: 'title.arch_documents', columns: DOC_COLUMNS.filter((c) => c.key !== 'unit'), rows: docs as unknown as Row[] },
            { title: 'title.arch_loans', columns: LOAN_COLUMNS.filter((c) => c.key !== 'unit' && c.key !== 'documents'), rows: v.loans as unknown as Row[] },
            {
              title: 'title.arch_history',
              columns: [
                { key: 'at', label: 'col.at', type: 'time' },
                { key: 'by', label: 'col.actor' },
                { key: 'action', label: 'col.action', type: 'state' },
                { key: 'document_id', label: 'col.id' },
                { key: 'ref_id', label: 'col.arch_ref_id' },
              ],
              rows: v.history as unknown as Row[],
            },
          ],
        };
      }),
    );

  ar.command('check [unit]')
    .description(t('cmd.arch_check'))
    .option('--incomplete', t('opt.arch_incomplete'))
    .option('--all', t('opt.arch_check_all'))
    .option('--limit <n>', t('opt.limit'))
    .action(
      action({}, async (io, unit: string | undefined) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        const r = m.checkArchives(ctx, unit);
        // On screen the site check lists what needs work; --json/--csv (and --all) list every unit.
        const human = io.format === 'table' || io.format === 'md';
        const gapsOnly = io.opts.incomplete || (!unit && human && !io.opts.all);
        let shown = gapsOnly ? r.units.filter((u) => u.missing.length) : r.units;
        const notes: string[] = [];
        // a terminal cannot show 100 000 rows usefully: the first ones, and how to get the rest
        const cap = io.opts.limit ? Number(io.opts.limit) : human ? 200 : Infinity;
        if (shown.length > cap) {
          notes.push(io.t('msg.arch_more', { n: shown.length - cap }));
          if (human) shown = shown.slice(0, cap);
        }
        return {
          json: {
            units: shown.map((u) => ({ unit: u.unit, type: u.type, dossier: u.dossier, missing: u.missing, complete_pct: u.complete_pct })),
            site_complete_pct: r.site_complete_pct,
            dossiers: r.dossiers,
            complete: r.complete,
            without_dossier: r.without_dossier,
          },
          table: {
            title: '',
            columns: [
              { key: 'unit', label: 'col.unit' },
              { key: 'type', label: 'col.type', type: 'state' },
              { key: 'dossier', label: 'col.arch_has_dossier', type: 'bool' },
              { key: 'missing', label: 'col.arch_missing', type: 'list' },
              { key: 'complete_pct', label: 'col.arch_complete', type: 'pct' },
            ],
            rows: shown.map((u) => ({ ...u, missing: u.missing.map((x) => io.t('enum.' + x)), complete_pct: u.complete_pct / 100 })),
          },
          notes: [...notes, io.t('msg.arch_site_complete', { pct: r.site_complete_pct, complete: r.complete, dossiers: r.dossiers, without: r.without_dossier })],
        };
      }),
    );

  ar.command('list')
    .description(t('cmd.arch_list'))
    .option('--type <type>', t('opt.arch_type'))
    .option('--building <b>', t('opt.building'))
    .option('--incomplete', t('opt.arch_incomplete'))
    .option('--limit <n>', t('opt.limit'))
    .option('--offset <n>', t('opt.offset'))
    .action(
      action({ choices: { type: 'dossierType' } }, async (io) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        const rows = m.listDossiers(ctx, {
          type: io.opts.type ? m.parseDossierType(io.opts.type) : undefined,
          building: io.opts.building,
          incomplete: !!io.opts.incomplete,
          limit: io.opts.limit ? Number(io.opts.limit) : undefined,
          offset: io.opts.offset ? Number(io.opts.offset) : undefined,
        });
        return {
          json: rows,
          table: {
            title: '',
            columns: [
              { key: 'unit', label: 'col.unit' },
              { key: 'bag_label', label: 'col.arch_bag' },
              { key: 'type', label: 'col.type', type: 'state' },
              { key: 'documents', label: 'col.arch_documents', type: 'number' },
              { key: 'missing', label: 'col.arch_missing', type: 'list' },
              { key: 'complete_pct', label: 'col.arch_complete', type: 'pct' },
              { key: 'on_loan', label: 'col.arch_on_loan', type: 'number' },
              { key: 'held', label: 'col.arch_held', type: 'number' },
              { key: 'destroyed', label: 'col.arch_destroyed', type: 'number' },
            ],
            rows: rows.map((r) => ({ ...r, missing: r.missing.map((x) => io.t('enum.' + x)), complete_pct: r.complete_pct / 100 })),
          },
        };
      }),
    );

  ar.command('find <text>')
    .description(t('cmd.arch_find'))
    .option('--limit <n>', t('opt.limit'))
    .action(
      action({}, async (io, text: string) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        const rows = m.findDossiers(ctx, text, io.opts.limit ? Number(io.opts.limit) : 50);
        return {
          json: rows,
          table: {
            title: '',
            columns: [
              { key: 'unit', label: 'col.unit' },
              { key: 'bag_label', label: 'col.arch_bag' },
              { key: 'type', label: 'col.type', type: 'state' },
              { key: 'owner_name', label: 'col.owner_name' },
              { key: 'owner_phone', label: 'col.owner_phone' },
              { key: 'tenant_name', label: 'col.tenant_name' },
              { key: 'tenant_phone', label: 'col.tenant_phone' },
              { key: 'documents', label: 'col.arch_documents', type: 'number' },
              { key: 'on_loan', label: 'col.arch_on_loan', type: 'number' },
              { key: 'matched', label: 'col.arch_matched', type: 'state' },
            ],
            rows: rows as unknown as Row[],
          },
        };
      }),
    );

  ar.command('lend <target>')
    .description(t('cmd.arch_lend'))
    .option('--to <person>', t('opt.arch_to'))
    .option('--purpose <p>', t('opt.arch_purpose'))
    .option('--due <time>', t('opt.arch_due'))
    .option('--approved-by <code>', t('opt.arch_approved_by'))
    .option('--signed-by <name>', t('opt.arch_signed_by'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true }, async (io, target: string) => {
        await io.prompt.fill(io.opts, [
          { name: 'to', flag: '--to', ask: 'prompt.arch_to' },
          { name: 'purpose', flag: '--purpose', ask: 'prompt.arch_purpose' },
          { name: 'due', flag: '--due', ask: 'prompt.arch_due' },
        ]);
        const m = await loans();
        const ctx = await io.ctx();
        const l = m.lend(ctx, target, { to: io.opts.to, purpose: io.opts.purpose, due: io.opts.due, approvedBy: io.opts.approvedBy, signedBy: io.opts.signedBy, at: io.opts.at });
        return loanOut(io, l, ctx.tz);
      }),
    );

  ar.command('return <target>')
    .description(t('cmd.arch_return'))
    .option('--note <note>', t('opt.note'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true }, async (io, target: string) => {
        const m = await loans();
        const ctx = await io.ctx();
        return loanOut(io, m.returnLoan(ctx, target, { at: io.opts.at, note: io.opts.note }), ctx.tz);
      }),
    );

  ar.command('loans')
    .description(t('cmd.arch_loans'))
    .option('--open', t('opt.arch_open_loans'))
    .option('--overdue', t('opt.arch_overdue_loans'))
    .option('--unit <unit>', t('opt.arch_unit'))
    .action(
      action({}, async (io) => {
        const m = await loans();
        const ctx = await io.ctx();
        const rows = m.listLoans(ctx, { open: io.opts.open, overdue: io.opts.overdue, unit: io.opts.unit }).map((l) => m.getLoan(ctx, l.id));
        return { json: rows.map((l) => loanJson(l, ctx.tz)), table: { title: '', columns: LOAN_COLUMNS, rows: rows as unknown as Row[] } };
      }),
    );

  ar.command('expired')
    .description(t('cmd.arch_expired'))
    .action(
      action({}, async (io) => {
        const m = await destruction();
        const ctx = await io.ctx();
        const rows = m.expiredDocuments(ctx);
        return {
          json: rows.map((d) => ({ ...docJson(d, ctx.tz), retention: d.retention, expired_on: d.expired_on, in_destruction: d.in_destruction })),
          table: {
            title: '',
            columns: [
              ...DOC_COLUMNS.filter((c) => c.key !== 'status' && c.key !== 'confidential'),
              { key: 'retention', label: 'col.arch_retention', type: 'duration' },
              { key: 'expired_on', label: 'col.arch_expired_on' },
              { key: 'in_destruction', label: 'col.arch_in_destruction' },
            ],
            rows: rows as unknown as Row[],
          },
        };
      }),
    );

  const ret = ar.command('retention').description(t('cmd.arch_retention'));
  ret
    .command('show', { isDefault: true })
    .description(t('cmd.arch_retention_show'))
    .action(
      action({}, async (io) => {
        const m = await destruction();
        const rows = m.listRetention(await io.ctx());
        return {
          json: rows,
          table: {
            title: '',
            columns: [
              { key: 'type', label: 'col.arch_doc_type', type: 'state' },
              { key: 'retention', label: 'col.arch_retention', type: 'duration' },
              { key: 'site', label: 'col.arch_site_setting', type: 'bool' },
            ],
            rows,
          },
        };
      }),
    );
  ret
    .command('set <type> <duration>')
    .description(t('cmd.arch_retention_set'))
    .action(
      action({ write: true }, async (io, type: string, duration: string) => {
        const m = await destruction();
        const r = m.setRetention(await io.ctx(), io.choice('docType', type), duration);
        return {
          json: r,
          record: {
            fields: [
              { key: 'type', label: 'col.arch_doc_type', type: 'state' },
              { key: 'retention', label: 'col.arch_retention', type: 'duration' },
              { key: 'previous', label: 'col.arch_previous' },
            ],
            row: r,
          },
        };
      }),
    );

  for (const [name, fn] of [
    ['hold', 'hold'],
    ['release', 'release'],
  ] as const) {
    const c = ar.command(`${name} <doc>`).description(t('cmd.arch_' + name));
    if (name === 'hold') c.option('--reason <r>', t('opt.arch_hold_reason'));
    c.option('--at <time>', t('opt.arch_at')).action(
      action({ write: true }, async (io, doc: string) => {
        if (name === 'hold') await io.prompt.fill(io.opts, [{ name: 'reason', flag: '--reason', ask: 'prompt.arch_reason' }]);
        const m = await destruction();
        const ctx = await io.ctx();
        const d = fn === 'hold' ? m.hold(ctx, doc, io.opts.reason, io.opts.at) : m.release(ctx, doc, io.opts.at);
        return { json: docJson(d, ctx.tz), record: { fields: DOC_COLUMNS, row: d as unknown as Row } };
      }),
    );
  }

  ar.command('destroy-request <docs...>')
    .description(t('cmd.arch_destroy_request'))
    .option('--reason <r>', t('opt.arch_destroy_reason'))
    .option('--method <m>', t('opt.arch_method'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true, formats: ['html'], choices: { method: 'destructionMethod' } }, async (io, docs: string[]) => {
        await io.prompt.fill(io.opts, [{ name: 'reason', flag: '--reason', ask: 'prompt.arch_reason' }]);
        const m = await destruction();
        const ctx = await io.ctx();
        return destructionOut(io, m.requestDestruction(ctx, docs, { reason: io.opts.reason, method: io.opts.method, at: io.opts.at }), ctx.tz, ctx.site);
      }),
    );

  // Review (cs manager) and approval (director) take the same form: the id, an
  // optional rejection, and --at.
  for (const [name, desc, step] of [
    ['destroy-review', 'cmd.arch_destroy_review', 'reviewDestruction'],
    ['destroy-approve', 'cmd.arch_destroy_approve', 'approveDestruction'],
  ] as const) {
    ar.command(`${name} <id>`)
      .description(t(desc))
      .option('--reject <reason>', t('opt.arch_reject'))
      .option('--at <time>', t('opt.arch_at'))
      .action(
        action({ write: true, formats: ['html'] }, async (io, id: string) => {
          const m = await destruction();
          const ctx = await io.ctx();
          const x = io.opts.reject ? m.rejectDestruction(ctx, id, { reason: io.opts.reject, at: io.opts.at }) : m[step](ctx, id, { at: io.opts.at });
          return destructionOut(io, x, ctx.tz, ctx.site);
        }),
      );
  }

  ar.command('destroy <id>')
    .description(t('cmd.arch_destroy'))
    .option('--witness <code>', t('opt.arch_witness'), collect, [])
    .option('--method <m>', t('opt.arch_method'))
    .option('--place <place>', t('opt.arch_place'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true, formats: ['html'], choices: { method: 'destructionMethod' } }, async (io, id: string) => {
        const m = await destruction();
        const ctx = await io.ctx();
        await io.prompt.confirm(io.g.yes, 'prompt.arch_destroy_confirm', { id });
        return destructionOut(io, m.executeDestruction(ctx, id, { witnesses: io.opts.witness, method: io.opts.method, place: io.opts.place, at: io.opts.at }), ctx.tz, ctx.site);
      }),
    );

  ar.command('destruction [id]')
    .description(t('cmd.arch_destruction'))
    .option('--status <s>', t('opt.arch_destruction_status'))
    .action(
      action({ formats: ['html'] }, async (io, id: string | undefined) => {
        const m = await destruction();
        const ctx = await io.ctx();
        if (id) return destructionOut(io, m.getDestruction(ctx, id), ctx.tz, ctx.site);
        const rows = m.listDestructions(ctx, { status: io.opts.status });
        return {
          json: rows.map((x) => destructionJson(m.getDestruction(ctx, x.id), ctx.tz)),
          table: {
            title: '',
            columns: [
              { key: 'id', label: 'col.id' },
              { key: 'status', label: 'col.status', type: 'state' },
              { key: 'reason', label: 'col.arch_reason' },
              { key: 'requested_by', label: 'col.arch_requested_by' },
              { key: 'requested_at', label: 'col.arch_requested_at', type: 'time' },
              { key: 'destroyed_at', label: 'col.arch_destroyed_at', type: 'time' },
            ],
            rows: rows as unknown as Row[],
          },
        };
      }),
    );
}
