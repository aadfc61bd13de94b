// Renovation (SPEC §13): the JSON shape of §10, table columns, and the two
// printable forms — the permit (装修许可证) and the rectification notice
// (装修违章整改通知书) — as text or A4 HTML with signature lines for the
// resident, the contractor and the site.
import { formatIso, formatLocal } from '../../domain/time.js';
import { fenToYuan } from '../../domain/renovation.js';
import { maskId, maskPhone } from '../../domain/people.js';
import type { FormView, RenovationView } from '../../app/renovation/renovation.js';
import type { NoticeRow } from '../../store/renovation.js';
import type { Column, Output, RenderOpts, Row } from '../view.js';
import { escapeHtml } from '../certificate.js';

const iso = (ms: number | null, tz: string) => (ms === null ? null : formatIso(ms, tz));

export function noticeJson(n: NoticeRow, tz: string) {
  return {
    id: n.id,
    serious: !!n.serious,
    note: n.note,
    issued_at: formatIso(n.issued_at, tz),
    issued_by: n.issued_by,
    due_at: formatIso(n.due_at, tz),
    rectified_at: iso(n.rectified_at, tz),
    rectified_by: n.rectified_by,
    rectify_note: n.rectify_note,
  };
}

/** SPEC §10: id, unit, status, contractor, start, end, deposit_yuan, extinguishers, passes [{name, trade}], notices [{id, serious, due_at, rectified_at}]. */
export function renovationJson(r: RenovationView, tz: string, full = true) {
  const base: Record<string, unknown> = {
    id: r.id,
    unit: r.unit,
    status: r.status,
    contractor: r.contractor,
    contractor_phone: r.contractor_phone,
    scope: r.scope,
    start: r.start_date,
    end: r.end_date,
    deposit_yuan: fenToYuan(r.deposit_fen),
    extinguishers: r.extinguishers,
    extinguishers_needed: r.extinguishers_needed,
    area_m2: r.area_m2,
    passes: r.passes.map((p) => ({
      name: p.name,
      trade: p.trade,
      id_number: p.id_number,
      certificate: p.certificate,
      issued_at: formatIso(p.issued_at, tz),
      expires: p.expires,
      expired: p.expired,
    })),
    notices: r.notices.map((n) => noticeJson(n, tz)),
    open_notices: r.open_notices,
    applied_at: formatIso(r.applied_at, tz),
    approved_at: iso(r.approved_at, tz),
    completed_at: iso(r.completed_at, tz),
    accepted_at: iso(r.accepted_at, tz),
    refunded_at: iso(r.refunded_at, tz),
    deduct_yuan: r.deduct_fen === null ? null : fenToYuan(r.deduct_fen),
    refund_yuan: r.refunded_at === null ? null : fenToYuan(r.deposit_fen - (r.deduct_fen ?? 0)),
  };
  if (!full) return base;
  return {
    ...base,
    applied_by: r.applied_by,
    reviewed_at: iso(r.reviewed_at, tz),
    reviewed_by: r.reviewed_by,
    review_note: r.review_note,
    approved_by: r.approved_by,
    permit_doc: r.permit_doc,
    last_inspected_at: iso(r.last_inspected_at, tz),
    inspections: r.inspections.map((i) => ({ at: formatIso(i.at, tz), by: i.by, result: i.result, serious: !!i.serious, note: i.note, notice: i.notice_id })),
    accepted_by: r.accepted_by,
    accepted_with: r.accepted_with,
    accept_result: r.accept_result,
    accept_note: r.accept_note,
    accept_doc: r.accept_doc,
    deduct_reason: r.deduct_reason,
  };
}

export const LIST_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'unit', label: 'col.unit' },
  { key: 'status', label: 'col.status', type: 'state', enumPrefix: 'reno_' },
  { key: 'contractor', label: 'col.reno_contractor' },
  { key: 'start', label: 'col.reno_start' },
  { key: 'end', label: 'col.reno_end' },
  { key: 'deposit_yuan', label: 'col.reno_deposit', type: 'number' },
  { key: 'open_notices', label: 'col.reno_open_notices', type: 'number' },
];

function stateCode(status: string): string {
  return status;
}

export function listRow(r: RenovationView): Row {
  return {
    id: r.id,
    unit: r.unit,
    status: stateCode(r.status),
    contractor: r.contractor,
    start: r.start_date,
    end: r.end_date,
    deposit_yuan: fenToYuan(r.deposit_fen),
    open_notices: r.open_notices,
  };
}

const FIELDS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'unit', label: 'col.unit' },
  { key: 'status', label: 'col.status', type: 'state', enumPrefix: 'reno_' },
  { key: 'contractor', label: 'col.reno_contractor' },
  { key: 'contractor_phone', label: 'col.reno_contractor_phone' },
  { key: 'scope', label: 'col.reno_scope' },
  { key: 'period', label: 'col.reno_period' },
  { key: 'deposit_yuan', label: 'col.reno_deposit', type: 'number' },
  { key: 'extinguishers', label: 'col.reno_extinguishers' },
  { key: 'approved_at', label: 'col.reno_approved_at', type: 'time' },
  { key: 'last_inspected_at', label: 'col.reno_last_inspected', type: 'time' },
  { key: 'completed_at', label: 'col.reno_completed_at', type: 'time' },
  { key: 'accepted_at', label: 'col.reno_accepted_at', type: 'time' },
  { key: 'refund', label: 'col.reno_refund' },
];

export function renovationOutput(
  r: RenovationView,
  o: { tz: string; t: (k: string, p?: Record<string, string | number>) => string },
  notes: string[] = [],
): Output {
  const row: Row = {
    ...r,
    status: stateCode(r.status),
    period: `${r.start_date} ~ ${r.end_date}`,
    deposit_yuan: fenToYuan(r.deposit_fen),
    extinguishers:
      r.extinguishers === null
        ? o.t('msg.reno_ext_none', { need: r.extinguishers_needed })
        : o.t('msg.reno_ext', { n: r.extinguishers, need: r.extinguishers_needed }),
    refund:
      r.refunded_at === null
        ? ''
        : o.t('msg.reno_refund_line', {
            refund: fenToYuan(r.deposit_fen - (r.deduct_fen ?? 0)),
            deduct: fenToYuan(r.deduct_fen ?? 0),
            reason: r.deduct_reason ?? '',
          }),
  };
  return {
    json: renovationJson(r, o.tz),
    record: { fields: FIELDS.filter((f) => row[f.key] !== null && row[f.key] !== undefined && row[f.key] !== ''), row },
    sections: [
      {
        title: 'title.reno_passes',
        empty: 'msg.reno_no_passes',
        columns: [
          { key: 'name', label: 'col.name' },
          { key: 'trade', label: 'col.reno_trade', type: 'state', enumPrefix: 'reno_trade_' },
          { key: 'id_number', label: 'col.reno_id_number' },
          { key: 'certificate', label: 'col.reno_certificate' },
          { key: 'expires', label: 'col.reno_expires' },
        ],
        rows: r.passes.map((p) => ({ ...p, expires: p.expired ? o.t('msg.reno_pass_expired', { end: p.expires }) : p.expires })),
      },
      {
        title: 'title.reno_notices',
        empty: 'msg.reno_no_notices',
        columns: [
          { key: 'id', label: 'col.id' },
          { key: 'serious', label: 'col.reno_serious', type: 'bool' },
          { key: 'note', label: 'col.note' },
          { key: 'due_at', label: 'col.reno_due', type: 'time' },
          { key: 'rectified_at', label: 'col.reno_rectified_at', type: 'time' },
        ],
        rows: r.notices.map((n) => ({ ...n, serious: !!n.serious })),
      },
    ],
    notes,
  };
}

// ---- printable forms ----------------------------------------------------------------

interface Form {
  title: string;
  id: string;
  head: [string, string][];
  body: string[];
  signatures: string[];
}

function build(f: FormView, o: RenderOpts): Form {
  const t = o.t;
  const r = f.renovation;
  const at = (ms: number | null) => (ms === null ? '' : formatLocal(ms, o.tz));
  const phone = (p: string) => (o.reveal ? p : maskPhone(p));
  const head: [string, string][] = [
    [t('col.unit'), r.unit],
    [t('col.reno_resident'), f.owner ?? ''],
    [t('col.reno_contractor'), `${r.contractor} ${phone(r.contractor_phone)}`],
    [t('col.reno_scope'), r.scope],
    [t('col.reno_period'), `${r.start_date} ~ ${r.end_date}`],
    [t('col.reno_permit'), r.id],
  ];
  const signatures = [t('col.reno_sign_resident'), t('col.reno_sign_contractor'), t('col.reno_sign_site')];
  if (f.notice) {
    const n = f.notice;
    return {
      title: t('title.reno_notice_form'),
      id: n.id,
      head: [
        ...head,
        [t('col.reno_notice_id'), n.id],
        [t('col.reno_issued_at'), at(n.issued_at)],
        [t('col.reno_violation'), n.note],
        [t('col.reno_serious'), t(n.serious ? 'msg.reno_serious_yes' : 'msg.reno_serious_no')],
        [t('col.reno_due'), at(n.due_at)],
        ...(n.rectified_at !== null ? ([[t('col.reno_rectified_at'), `${at(n.rectified_at)} ${n.rectify_note ?? ''}`.trim()]] as [string, string][]) : []),
      ],
      body: [t(n.serious ? 'msg.reno_notice_text_serious' : 'msg.reno_notice_text', { due: at(n.due_at) })],
      signatures,
    };
  }
  return {
    title: t('title.reno_permit_form'),
    id: r.id,
    head: [
      ...head,
      [t('col.status'), t('enum.reno_' + r.status)],
      [t('col.reno_approved_at'), at(r.approved_at)],
      [t('col.reno_deposit'), `${fenToYuan(r.deposit_fen)}`],
      [
        t('col.reno_extinguishers'),
        r.extinguishers === null
          ? t('msg.reno_ext_none', { need: r.extinguishers_needed })
          : t('msg.reno_ext', { n: r.extinguishers, need: r.extinguishers_needed }),
      ],
      [
        t('title.reno_passes'),
        r.passes.map((p) => `${p.name}（${t('enum.reno_trade_' + p.trade)}，${o.reveal ? p.id_number : maskId(p.id_number)}）`).join('；') || '—',
      ],
    ],
    body: [t('msg.reno_permit_text', { end: r.end_date })],
    signatures,
  };
}

export function formText(f: FormView, o: RenderOpts, site: string): string {
  const x = build(f, o);
  const w = Math.max(...x.head.map(([l]) => l.length));
  const lines = [site ? `${site} · ${x.title}` : x.title, '', ...x.head.map(([l, v]) => `${l.padEnd(w + 1)} ${v}`), '', ...x.body, ''];
  for (const s of x.signatures) lines.push(`${s}: ____________    ${o.t('col.reno_date')}: ________`);
  return lines.join('\n') + '\n';
}

export function formHtml(f: FormView, o: RenderOpts, site: string): string {
  const x = build(f, o);
  const e = escapeHtml;
  const head = x.head.map(([l, v]) => `<tr><th>${e(l)}</th><td>${e(v)}</td></tr>`).join('\n');
  const sig = x.signatures
    .map((s) => `<div class="sig"><span>${e(s)}</span><span class="line"></span><span>${e(o.t('col.reno_date'))}</span><span class="line short"></span></div>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${o.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<title>${e(x.title)} ${e(x.id)}</title>
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 11pt; color: #000; max-width: 180mm; margin: 0 auto; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.2em; margin: 0 0 2mm; }
.no { text-align: right; margin-bottom: 4mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 2mm; text-align: left; vertical-align: top; }
th { width: 34mm; background: #f2f2f2; }
.body { margin: 6mm 0; line-height: 1.8; text-indent: 2em; }
.sigs { margin-top: 10mm; display: flex; flex-direction: column; gap: 8mm; }
.sig { display: flex; align-items: flex-end; gap: 3mm; }
.sig .line { flex: 1; border-bottom: 1px solid #000; height: 8mm; }
.sig .line.short { flex: 0 0 35mm; }
.site { text-align: center; margin-bottom: 2mm; }
</style>
</head>
<body>
${site ? `<div class="site">${e(site)}</div>\n` : ''}<h1>${e(x.title)}</h1>
<div class="no">${e(o.t('col.reno_no'))}: ${e(x.id)}</div>
<table>
${head}
</table>
${x.body.map((b) => `<p class="body">${e(b)}</p>`).join('\n')}
<div class="sigs">
${sig}
</div>
</body>
</html>
`;
}

/** The renovations listed. */
export function renovationListOutput(rows: RenovationView[], tz: string): Output {
  return { json: rows.map((r) => renovationJson(r, tz, false)), table: { title: '', columns: LIST_COLUMNS, rows: rows.map(listRow), empty: 'msg.reno_none' } };
}

/**
 * A printable form — the permit, or a rectification notice with its
 * renovation — as text (and Markdown) and an A4 page; JSON gives the record.
 */
export function formOutput(f: FormView, o: RenderOpts, site: string): Output {
  const json = f.notice ? { ...noticeJson(f.notice, o.tz), renovation: renovationJson(f.renovation, o.tz, false) } : renovationJson(f.renovation, o.tz);
  return { json, text: formText(f, o, site), md: formText(f, o, site), html: formHtml(f, o, site) };
}
