// `pmctl patrol` (SPEC §12): start, check, finish, list, show (the printable
// 巡查记录 with --out F.html|md|json), areas, since, rate. Choices typed here
// are read once through parseChoice; the use cases take plain values.
import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT } from '../i18n/index.js';
import { parseChoice } from '../choices.js';
import { UsageError } from '../../errors.js';
import { overdueCommand } from '../overdue-command.js';
import type { Output } from '../../render/view.js';
import type { AreaList, CheckResult, Contractor, PatrolKind } from '../../domain/patrol.js';
import { localDate, parseBound, parseDate } from '../../domain/time.js';
import type { Ctx } from '../../app/context.js';
import type { PatrolView } from '../../app/patrol/patrols.js';

const views = () => import('../../render/views/patrol.js');
const app = () => import('../../app/patrol/patrols.js');

/** Rows a table shows on a terminal unless --limit says otherwise (0 = all). */
export const LIST_ROWS = 20;

export function listLimit(io: Io): number {
  if (io.opts.limit !== undefined) {
    const n = Number(io.opts.limit);
    if (!Number.isInteger(n) || n < 0) throw new UsageError('err.bad_limit', { value: String(io.opts.limit) }, 'fix.limit');
    return n;
  }
  return io.format === 'table' && !io.g.out ? LIST_ROWS : 0;
}

/** --out FILE: the format follows the extension (.html, .md, .json, .csv); anything else is a usage error. */
export function outFormat(file: string | undefined): 'html' | 'md' | 'json' | 'csv' | undefined {
  if (!file) return undefined;
  const m = /\.(html?|md|json|csv)$/i.exec(file);
  if (!m) throw new UsageError('err.patrol_out_ext', { file }, 'fix.patrol_out_ext');
  const e = m[1].toLowerCase();
  return e === 'htm' ? 'html' : (e as 'html' | 'md' | 'json' | 'csv');
}

async function patrolOutput(io: Io, ctx: Ctx, v: PatrolView, notes: string[] = []): Promise<Output> {
  const w = await views();
  const t = io.t;
  return {
    json: w.patrolJson(v, ctx.tz),
    record: w.patrolRecord(v, t),
    sections: [
      { title: 'title.patrol_checklist', columns: w.ITEM_COLUMNS, rows: w.itemRows(v.items) },
      ...(v.findings.length ? [{ title: 'title.patrol_findings', columns: w.FINDING_COLUMNS, rows: v.findings.map((f) => w.findingRow(f, ctx.clock.now(), io.t)) }] : []),
    ],
    md: w.patrolFormMd(v, t, ctx.tz, ctx.site),
    html: w.patrolFormHtml(v, t, ctx.tz, ctx.site, io.lang),
    notes,
  };
}

/** Writes the output to --out in the format of its extension, else prints it. */
async function emitByExtension(io: Io, out: Output): Promise<void> {
  const f = outFormat(io.g.out);
  if (!f || f === io.format) return io.emit(out);
  const o = io.renderOpts();
  let text: string;
  if (f === 'html') text = out.html!;
  else if (f === 'md') text = out.md ?? (await import('../../render/md.js')).renderMd(out, o);
  else if (f === 'json') text = (await import('../../render/json.js')).renderJson(out, o);
  else text = (await import('../../render/csv.js')).renderCsv(out, o);
  io.writeFile(io.g.out!, text, f === 'csv' ? 'csv' : undefined);
  io.info(io.t('msg.written', { file: io.g.out! }));
}

function kindOf(io: Io, v: string): PatrolKind {
  return parseChoice('patrol_kind', v, io.lang, '--kind') as PatrolKind;
}

export function register(program: Command): void {
  const t = helpT();
  const patrol = program.command('patrol').description(t('cmd.patrol')).addHelpText('before', t('help.patrol'));

  patrol
    .command('start')
    .description(t('cmd.patrol_start'))
    .option('--kind <kind>', t('opt.patrol_kind'))
    .option('--building <b>', t('opt.patrol_building'))
    .option('--with <codes>', t('opt.patrol_with'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true, formats: ['html'] }, async (io) => {
        const o = io.opts;
        await io.prompt.fill(o, [{ name: 'kind', flag: '--kind', ask: 'prompt.patrol_kind' }]);
        const kind = kindOf(io, o.kind);
        const ctx = await io.ctx();
        const v = (await app()).startPatrol(ctx, { kind, building: o.building, with: String(o.with ?? '').split(/[,，、\s]+/).filter(Boolean), at: o.at });
        return patrolOutput(io, ctx, v, [io.t('msg.patrol_started', { id: v.patrol.id, n: v.items.length })]);
      }),
    );

  patrol
    .command('check <id> <item> <result>')
    .description(t('cmd.patrol_check'))
    .option('--note <text>', t('opt.note'))
    .option('--fixed', t('opt.patrol_fixed'))
    .option('--dept <dept>', t('opt.patrol_dept'))
    .option('--at <time>', t('opt.at'))
    .addHelpText('before', t('help.patrol_check'))
    .action(
      action({ write: true }, async (io, id: string, item: string, result: string) => {
        const o = io.opts;
        const r = parseChoice('check_result', result, io.lang, 'RESULT') as Exclude<CheckResult, 'not_checked'>;
        const dept = o.dept ? parseChoice('department', o.dept, io.lang, '--dept') : undefined;
        const ctx = await io.ctx();
        const c = (await app()).checkItem(ctx, { id, item, result: r, note: o.note, fixed: !!o.fixed, dept, at: o.at });
        const notes = [io.t('msg.patrol_checked', { item: c.checked.item, result: io.t('enum.' + r) })];
        if (c.finding)
          notes.push(
            io.t('msg.finding_opened', { id: c.finding.id, dept: io.t('enum.' + c.finding.dept), due: (await import('../../domain/time.js')).formatLocal(c.finding.solution_due_at, ctx.tz) }),
          );
        const left = c.items.filter((i) => i.result === null).length;
        if (left) notes.push(io.t('msg.patrol_left', { n: left }));
        const out = await patrolOutput(io, ctx, c, notes);
        const w = await views();
        out.json = { ...w.patrolJson(c, ctx.tz), checked: { item: c.checked.item, result: c.checked.result, note: c.checked.note, fixed: !!c.checked.fixed }, finding: c.finding ? w.findingJson(c.finding, ctx.tz) : null };
        // After a check the clerk needs the line and what it opened, not the whole list again.
        out.sections = c.finding ? [{ title: 'title.patrol_findings', columns: w.FINDING_COLUMNS, rows: [w.findingRow(c.finding, ctx.clock.now(), io.t)] }] : [];
        return out;
      }),
    );

  patrol
    .command('finish <id>')
    .description(t('cmd.patrol_finish'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true, formats: ['html'] }, async (io, id: string) => {
        const ctx = await io.ctx();
        const v = (await app()).finishPatrol(ctx, { id, note: io.opts.note, at: io.opts.at });
        const notes = [io.t('msg.patrol_finished', { id: v.patrol.id })];
        if (v.unchecked.length) notes.push(io.t('msg.patrol_unchecked', { n: v.unchecked.length, items: v.unchecked.join(io.lang === 'zh' ? '、' : ', ') }));
        const out = await patrolOutput(io, ctx, v, notes);
        out.json = { ...(out.json as object), not_checked: v.unchecked };
        return out;
      }),
    );

  patrol
    .command('list')
    .description(t('cmd.patrol_list'))
    .option('--kind <kind>', t('opt.patrol_kind'))
    .option('--status <status>', t('opt.patrol_status'))
    .option('--since <time>', t('opt.since'))
    .option('--until <time>', t('opt.until'))
    .option('--limit <n>', t('opt.patrol_limit'))
    .option('--out <file>', t('opt.patrol_out'))
    .action(
      action({}, async (io) => {
        const o = io.opts;
        const kind = o.kind ? kindOf(io, o.kind) : undefined;
        const status = o.status ? (parseChoice('patrol_status', o.status, io.lang, '--status') as 'open' | 'finished') : undefined;
        const ctx = await io.ctx();
        const now = ctx.clock.now();
        const limit = listLimit(io);
        const since = o.since ? parseBound(o.since, now, ctx.tz, 'since') : undefined;
        const until = o.until ? parseBound(o.until, now, ctx.tz, 'until') : undefined;
        const rows = (await app()).listPatrols(ctx, { kind, status, since, until, limit: limit ? limit + 1 : 0 });
        const more = limit && rows.length > limit;
        const shown = more ? rows.slice(0, limit) : rows;
        const w = await views();
        const out: Output = {
          json: shown.map((r) => w.patrolListJson(r, ctx.tz)),
          table: { title: '', columns: w.PATROL_COLUMNS, rows: shown.map((r) => w.patrolListRow(r, io.t)), empty: 'msg.patrol_none' },
          notes: more ? [io.t('msg.list_more', { n: limit })] : [],
        };
        await emitByExtension(io, out);
      }),
    );

  patrol
    .command('show <id>')
    .description(t('cmd.patrol_show'))
    .option('--out <file>', t('opt.patrol_out'))
    .addHelpText('before', t('help.patrol_show'))
    .action(
      action({ formats: ['html'] }, async (io, id: string) => {
        const ctx = await io.ctx();
        await emitByExtension(io, await patrolOutput(io, ctx, (await app()).showPatrol(ctx, id)));
      }),
    );

  const areas = patrol.command('areas').description(t('cmd.patrol_areas'));
  areas
    .command('list [list]')
    .description(t('cmd.patrol_areas_list'))
    .action(
      action({}, async (io, list?: string) => {
        const lists = (list ? [parseChoice('area_list', list, io.lang, 'LIST')] : ['public', 'fire', 'joint']) as AreaList[];
        const ctx = await io.ctx();
        const a = await app();
        const rows = lists.flatMap((l) => a.getAreas(ctx, l).map((item, i) => ({ list: l, list_label: io.t('enum.patrol_kind.' + l), seq: i + 1, item })));
        return {
          json: Object.fromEntries(lists.map((l) => [l, a.getAreas(ctx, l)])),
          table: {
            title: '',
            columns: [
              { key: 'list_label', label: 'col.patrol_list' },
              { key: 'seq', label: 'col.patrol_seq', type: 'number' },
              { key: 'item', label: 'col.patrol_item' },
            ],
            rows,
          },
        };
      }),
    );
  areas
    .command('set <list> <items...>')
    .description(t('cmd.patrol_areas_set'))
    .addHelpText('before', t('help.patrol_areas_set'))
    .action(
      action({ write: true }, async (io, list: string, items: string[]) => {
        const l = parseChoice('area_list', list, io.lang, 'LIST') as AreaList;
        const ctx = await io.ctx();
        const saved = (await app()).setAreas(ctx, l, items.flatMap((s) => s.split(/[,，、]/)));
        return {
          json: { [l]: saved },
          table: { title: '', columns: [{ key: 'seq', label: 'col.patrol_seq', type: 'number' }, { key: 'item', label: 'col.patrol_item' }], rows: saved.map((item, i) => ({ seq: i + 1, item })) },
          notes: [io.t('msg.patrol_areas_saved', { list: io.t('enum.patrol_kind.' + l), n: saved.length })],
        };
      }),
    );

  patrol
    .command('since [date]')
    .description(t('cmd.patrol_since'))
    .action(
      action({ write: true }, async (io, date?: string) => {
        const ctx = await io.ctx();
        const a = await app();
        const d = date ? a.setPatrolSince(ctx, parseDate(date, ctx.clock.now(), ctx.tz)) : a.patrolSince(ctx);
        return { json: { since: d }, text: io.t('msg.patrol_since', { date: d ?? '—' }) };
      }),
    );

  patrol
    .command('rate')
    .description(t('cmd.patrol_rate'))
    .option('--month <YYYY-MM>', t('opt.patrol_month'))
    .option('--contractor <c>', t('opt.patrol_contractor'))
    .option('--score <0-100>', t('opt.patrol_score'))
    .option('--note <text>', t('opt.note'))
    .option('--list', t('opt.patrol_rate_list'))
    .action(
      action({ write: true }, async (io) => {
        const o = io.opts;
        const ctx = await io.ctx();
        const w = await views();
        const a = await app();
        if (o.list) {
          const to = localDate(ctx.clock.now(), ctx.tz).slice(0, 7);
          const rows = a.listRatings(ctx, '0000-00', to);
          return { json: rows.map((r) => w.ratingJson(r, ctx.tz)), table: { title: '', columns: w.RATING_COLUMNS, rows: rows.map((r) => ({ ...r })) } };
        }
        await io.prompt.fill(o, [
          { name: 'month', flag: '--month', ask: 'prompt.patrol_month' },
          { name: 'contractor', flag: '--contractor', ask: 'prompt.patrol_contractor' },
          { name: 'score', flag: '--score', ask: 'prompt.patrol_score' },
          { name: 'note', flag: '--note', ask: 'prompt.patrol_note' },
        ]);
        const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(String(o.month).trim()) ? String(o.month).trim() : o.month === 'this' || o.month === 'last' ? monthWord(ctx, o.month) : null;
        if (!month) throw new UsageError('err.patrol_bad_month', { value: String(o.month) }, 'fix.patrol_rate_month');
        const contractor = parseChoice('contractor', o.contractor, io.lang, '--contractor') as Contractor;
        if (!/^\d+$/.test(String(o.score).trim())) throw new UsageError('err.bad_number', { value: String(o.score) }, 'fix.patrol_score');
        const r = a.ratePatrol(ctx, { month, contractor, score: Number(o.score), note: String(o.note) });
        return {
          json: w.ratingJson(r, ctx.tz),
          record: { fields: w.RATING_COLUMNS, row: r as never },
          notes: [io.t(r.previous ? 'msg.patrol_rated_again' : 'msg.patrol_rated', { month, contractor: io.t('enum.' + contractor), score: r.score })],
        };
      }),
    );

  overdueCommand(patrol.command('overdue').description(t('cmd.patrol_overdue')), t, 'patrol');
}

function monthWord(ctx: Ctx, w: 'this' | 'last'): string {
  const today = localDate(ctx.clock.now(), ctx.tz);
  if (w === 'this') return today.slice(0, 7);
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
