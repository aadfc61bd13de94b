// `pmctl patrol` (SPEC §12): start, check, finish, list, show (the printable
// 巡查记录: --out's extension picks the format, as for every command), areas,
// since, rate. Choices typed here are read once through parseChoice; the use
// cases take plain values; the views are in render/views/patrol.ts.
import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { parseChoice } from '../choices.js';
import { UsageError } from '../../errors.js';
import { overdueCommand } from '../overdue-command.js';
import type { AreaList, CheckResult, Contractor, PatrolKind } from '../../domain/patrol.js';
import { localDate, parseBound, parseDate } from '../../domain/time.js';
import type { Ctx } from '../../app/context.js';

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

function kindOf(io: Io, v: string): PatrolKind {
  return parseChoice('patrol_kind', v, io.lang, '--kind') as PatrolKind;
}

export function register(program: Command): void {
  const t = helpT();
  const patrol = program.command('patrol').description(t('cmd.patrol')).addHelpText('before', t('help.patrol'));
  registerRounds(patrol, t);
  registerReading(patrol, t);
  registerSettings(patrol, t);
  overdueCommand(patrol.command('overdue').description(t('cmd.patrol_overdue')), t, 'patrol');
}

/** start, check, finish: a patrol walked. */
function registerRounds(patrol: Command, t: T): void {
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
        const v = (await app()).startPatrol(ctx, {
          kind,
          building: o.building,
          with: String(o.with ?? '')
            .split(/[,，、\s]+/)
            .filter(Boolean),
          at: o.at,
        });
        return (await views()).startedOutput(io, v, ctx.clock.now(), ctx.tz, ctx.site);
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
        return (await views()).checkedOutput(io, c, r, ctx.clock.now(), ctx.tz, ctx.site);
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
        return (await views()).finishedOutput(io, v, ctx.clock.now(), ctx.tz, ctx.site);
      }),
    );
}

/** list, show (the printable 巡查记录 with --out F.html|md|json|csv). */
function registerReading(patrol: Command, t: T): void {
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
        return (await views()).patrolListOutput(io, more ? rows.slice(0, limit) : rows, ctx.tz, more ? limit : 0);
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
        return (await views()).patrolOutput(io, (await app()).showPatrol(ctx, id), ctx.clock.now(), ctx.tz, ctx.site);
      }),
    );
}

/** areas list|set, since, rate: the supervisor's settings and the contractors' monthly scores. */
function registerSettings(patrol: Command, t: T): void {
  const areas = patrol.command('areas').description(t('cmd.patrol_areas'));
  areas
    .command('list [list]')
    .description(t('cmd.patrol_areas_list'))
    .action(
      action({}, async (io, list?: string) => {
        const lists = (list ? [parseChoice('area_list', list, io.lang, 'LIST')] : ['public', 'fire', 'joint']) as AreaList[];
        const ctx = await io.ctx();
        const a = await app();
        return (await views()).areasOutput(
          io,
          lists.map((l) => ({ list: l, items: a.getAreas(ctx, l) })),
        );
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
        const saved = (await app()).setAreas(
          ctx,
          l,
          items.flatMap((s) => s.split(/[,，、]/)),
        );
        return (await views()).areasSetOutput(io, l, saved);
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
        return (await views()).sinceOutput(io, d);
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
          return w.ratingListOutput(a.listRatings(ctx, '0000-00', to), ctx.tz);
        }
        await io.prompt.fill(o, [
          { name: 'month', flag: '--month', ask: 'prompt.patrol_month' },
          { name: 'contractor', flag: '--contractor', ask: 'prompt.patrol_contractor' },
          { name: 'score', flag: '--score', ask: 'prompt.patrol_score' },
          { name: 'note', flag: '--note', ask: 'prompt.patrol_note' },
        ]);
        const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(String(o.month).trim())
          ? String(o.month).trim()
          : o.month === 'this' || o.month === 'last'
            ? monthWord(ctx, o.month)
            : null;
        if (!month) throw new UsageError('err.patrol_bad_month', { value: String(o.month) }, 'fix.patrol_rate_month');
        const contractor = parseChoice('contractor', o.contractor, io.lang, '--contractor') as Contractor;
        if (!/^\d+$/.test(String(o.score).trim())) throw new UsageError('err.bad_number', { value: String(o.score) }, 'fix.patrol_score');
        return w.ratedOutput(io, a.ratePatrol(ctx, { month, contractor, score: Number(o.score), note: String(o.note) }), ctx.tz);
      }),
    );
}

function monthWord(ctx: Ctx, w: 'this' | 'last'): string {
  const today = localDate(ctx.clock.now(), ctx.tz);
  if (w === 'this') return today.slice(0, 7);
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
