import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { UsageError } from '../../errors.js';
import type { Ctx } from '../../app/context.js';
import { parseBound, parsePeriod } from '../../domain/time.js';
import { MEETING_TYPES, isAttendance, isMeetingType, parseFineReason, type MeetingType } from '../../domain/meeting.js';
import type { Words } from '../../render/views/meeting.js';

// The use cases and views are loaded with the command, not at start-up.
const app = () => import('../../app/meeting/meetings.js');
const view = () => import('../../render/views/meeting.js');

/** Every meeting command first records the warnings of newly overdue action items. */
async function meetingCtx(io: Io): Promise<Ctx> {
  const ctx = await io.ctx();
  const { syncWarnings } = await import('../../app/meeting/warnings.js');
  syncWarnings(ctx);
  return ctx;
}

/** How the views word codes: translated, or the English code in CSV. */
const words = (io: Io): Words => ({ t: io.t, csv: io.format === 'csv' });

function parseType(v: string | undefined): MeetingType {
  const s = (v ?? '').trim().toLowerCase();
  if (!isMeetingType(s)) throw new UsageError('err.meeting_bad_type', { value: String(v) }, 'fix.meeting_type');
  return s;
}

function parseCodes(v: string): string[] {
  const list = v
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!list.length) throw new UsageError('err.meeting_no_attendees', {}, 'fix.meeting_attendees');
  return list;
}

function checkMonth(v: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new UsageError('err.bad_month', { value: v }, 'fix.month_format');
  return v;
}

export function register(program: Command): void {
  const t = helpT();
  const meeting = program.command('meeting').description(t('cmd.meeting')).addHelpText('before', t('help.meeting'));
  registerPlanning(meeting, t);
  registerRecords(meeting, t);
  registerActions(meeting, t);
  registerReading(meeting, t);
}

/** plan, schedule: the supervisor's part. */
function registerPlanning(meeting: Command, t: T): void {
  meeting
    .command('plan')
    .description(t('cmd.meeting_plan'))
    .option('--month <YYYY-MM>', t('opt.meeting_month'))
    .option('--weekly', t('opt.meeting_weekly'))
    .option('--no-weekly', t('opt.meeting_no_weekly'))
    .addHelpText('before', t('help.meeting_plan'))
    .action(
      action({ write: true }, async (io) => {
        await io.prompt.fill(io.opts, [{ name: 'month', flag: '--month', ask: 'prompt.meeting_month' }]);
        const month = checkMonth(io.opts.month);
        const ctx = await io.ctx();
        const { planMeetings } = await app();
        // v2: the weekly meeting is part of the standard month ([001] 4.3.1); --no-weekly leaves it out.
        const r = planMeetings(ctx, month, { weekly: io.opts.weekly !== false });
        return (await view()).planOutput(words(io), month, r, ctx.tz);
      }),
    );

  meeting
    .command('schedule')
    .description(t('cmd.meeting_schedule'))
    .option('--type <type>', t('opt.meeting_type'))
    .option('--at <time>', t('opt.meeting_at'))
    .option('--topic <text>', t('opt.meeting_topic'))
    .option('--location <text>', t('opt.meeting_location'))
    .option('--attendees <codes>', t('opt.meeting_attendees'))
    .option('--dept <dept>', t('opt.meeting_dept'))
    .option('--host <code>', t('opt.meeting_host'))
    .option('--short-notice <reason>', t('opt.meeting_short_notice'))
    .option('--notified-at <time>', t('opt.meeting_notified_at'))
    .addHelpText('before', t('help.meeting_schedule'))
    .action(
      action({ write: true, choices: { type: 'meetingType', dept: 'department' } }, async (io) => {
        const o = io.opts;
        await io.prompt.fill(o, [
          { name: 'type', flag: '--type', ask: 'prompt.meeting_type', choices: MEETING_TYPES.map((v) => ({ value: v, name: 'meeting.type.' + v })) },
          { name: 'at', flag: '--at', ask: 'prompt.meeting_at' },
        ]);
        const type = parseType(o.type);
        if (o.attendees && o.dept) throw new UsageError('err.meeting_attendees_or_dept', {}, 'fix.meeting_attendees');
        const ctx = await io.ctx();
        const { scheduleMeeting, meetingDetail } = await app();
        const m = scheduleMeeting(ctx, {
          type,
          at: o.at,
          topic: o.topic,
          location: o.location,
          attendees: o.attendees ? parseCodes(o.attendees) : undefined,
          dept: o.dept,
          host: o.host,
          shortNotice: o.shortNotice,
          notifiedAt: o.notifiedAt,
        });
        return (await view()).scheduledOutput(words(io), m, meetingDetail(ctx, m.id).attendance, ctx.tz);
      }),
    );
}

/** attend, leave, disrupt, minutes: the clerk's register of a meeting; cancel: calling it off. */
function registerRecords(meeting: Command, t: T): void {
  meeting
    .command('attend <id> <codes> <status>')
    .description(t('cmd.meeting_attend'))
    .option('--leave-requested <time>', t('opt.meeting_leave_requested'))
    .option('--note <text>', t('opt.note'))
    .addHelpText('before', t('help.meeting_attend'))
    .action(
      action({ write: true }, async (io, id: string, codes: string, status: string) => {
        const s = io.choice('attendance', status);
        if (!isAttendance(s)) throw new UsageError('err.meeting_bad_status', { value: status }, 'fix.meeting_status');
        const ctx = await io.ctx();
        const { recordAttendance } = await app();
        const r = recordAttendance(ctx, id, parseCodes(codes), s, { leaveRequested: io.opts.leaveRequested, note: io.opts.note });
        return (await view()).attendOutput(words(io), id, r, ctx.tz);
      }),
    );

  meeting
    .command('leave <id> <code>')
    .description(t('cmd.meeting_leave'))
    .option('--at <time>', t('opt.meeting_leave_at'))
    .option('--note <text>', t('opt.note'))
    .action(
      action({ write: true }, async (io, id: string, code: string) => {
        const ctx = await io.ctx();
        const { recordLeave } = await app();
        return (await view()).leaveOutput(words(io), id, recordLeave(ctx, id, code, { at: io.opts.at, note: io.opts.note }), ctx.tz);
      }),
    );

  meeting
    .command('disrupt <id> <code>')
    .description(t('cmd.meeting_disrupt'))
    .option('--note <text>', t('opt.meeting_disrupt_note'))
    .action(
      action({ write: true }, async (io, id: string, code: string) => {
        const ctx = await io.ctx();
        const { recordDisruption } = await app();
        return (await view()).disruptOutput(words(io), recordDisruption(ctx, id, code, io.opts.note), ctx.tz);
      }),
    );

  meeting
    .command('minutes <id> <text...>')
    .description(t('cmd.meeting_minutes'))
    .action(
      action({ write: true }, async (io, id: string, text: string[]) => {
        const ctx = await io.ctx();
        const { recordMinutes } = await app();
        return (await view()).meetingOutput(words(io), recordMinutes(ctx, id, text.join(' ')), ctx.tz);
      }),
    );

  meeting
    .command('cancel <id>')
    .description(t('cmd.meeting_cancel'))
    .addHelpText('before', t('help.meeting_cancel'))
    .option('--reason <text>', t('opt.meeting_cancel_reason'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const ctx = await io.ctx();
        const { cancelMeeting } = await app();
        return (await view()).meetingOutput(words(io), cancelMeeting(ctx, id, String(io.opts.reason ?? '')), ctx.tz);
      }),
    );
}

/** action add, done, list. */
function registerActions(meeting: Command, t: T): void {
  const act = meeting.command('action').description(t('cmd.meeting_action')).addHelpText('before', t('help.meeting_action'));

  act
    .command('add <id> <text...>')
    .description(t('cmd.meeting_action_add'))
    .option('--owner <code>', t('opt.meeting_action_owner'))
    .option('--due <time>', t('opt.meeting_action_due'))
    .action(
      action({ write: true }, async (io, id: string, text: string[]) => {
        await io.prompt.fill(io.opts, [
          { name: 'owner', flag: '--owner', ask: 'prompt.meeting_action_owner' },
          { name: 'due', flag: '--due', ask: 'prompt.meeting_action_due' },
        ]);
        const ctx = await io.ctx();
        const { addAction } = await app();
        return (await view()).actionOutput(addAction(ctx, id, { owner: io.opts.owner, due: io.opts.due, text: text.join(' ') }), ctx.tz);
      }),
    );

  act
    .command('done <action>')
    .description(t('cmd.meeting_action_done'))
    .option('--result <text>', t('opt.meeting_action_result'))
    .option('--at <time>', t('opt.meeting_action_done_at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        await io.prompt.fill(io.opts, [{ name: 'result', flag: '--result', ask: 'prompt.meeting_action_result' }]);
        const ctx = await io.ctx();
        const { completeAction } = await app();
        return (await view()).actionDoneOutput(words(io), completeAction(ctx, id, { result: io.opts.result, at: io.opts.at }), ctx.tz);
      }),
    );

  act
    .command('list')
    .description(t('cmd.meeting_action_list'))
    .option('--owner <code>', t('opt.meeting_action_owner'))
    .option('--meeting <id>', t('opt.meeting_action_meeting'))
    .option('--status <s>', t('opt.meeting_action_status'), 'open')
    .action(
      action({ choices: { status: 'actionStatus' } }, async (io) => {
        const st = String(io.opts.status);
        if (!['open', 'overdue', 'done', 'all'].includes(st)) throw new UsageError('err.meeting_action_bad_status', { value: st }, 'fix.meeting_action_status');
        const ctx = await meetingCtx(io);
        const { listActions } = await app();
        return (await view()).actionListOutput(listActions(ctx, { owner: io.opts.owner, meeting: io.opts.meeting, state: st }), ctx.tz);
      }),
    );
}

/** list, show, fines (and fines set), warnings. */
function registerReading(meeting: Command, t: T): void {
  meeting
    .command('list')
    .description(t('cmd.meeting_list'))
    .option('--month <period>', t('opt.meeting_list_month'))
    .option('--since <time>', t('opt.since'))
    .option('--until <time>', t('opt.until'))
    .option('--type <type>', t('opt.meeting_type'))
    .action(
      action({ choices: { type: 'meetingType' } }, async (io) => {
        const ctx = await meetingCtx(io);
        const now = ctx.clock.now();
        const p = parsePeriod(io.opts.month ?? 'this month', now, ctx.tz, 'month');
        const since = io.opts.since ? parseBound(io.opts.since, now, ctx.tz, 'since') : p.since;
        const until = io.opts.until ? parseBound(io.opts.until, now, ctx.tz, 'until') : io.opts.since && !io.opts.month ? Number.MAX_SAFE_INTEGER : p.until;
        const type = io.opts.type ? parseType(io.opts.type) : undefined;
        const { listMeetings } = await app();
        return (await view()).meetingListOutput(words(io), listMeetings(ctx, { since, until, type }), ctx.tz);
      }),
    );

  meeting
    .command('show <id>')
    .description(t('cmd.meeting_show'))
    .action(
      action({}, async (io, id: string) => {
        const ctx = await meetingCtx(io);
        const { meetingDetail } = await app();
        return (await view()).meetingDetailOutput(words(io), meetingDetail(ctx, id), ctx.tz);
      }),
    );

  const fines = meeting
    .command('fines')
    .description(t('cmd.meeting_fines'))
    .option('--month <period>', t('opt.meeting_fines_month'))
    .option('--staff <code>', t('opt.meeting_fines_staff'))
    .addHelpText('before', t('help.meeting_fines'))
    .action(
      action({}, async (io) => {
        const ctx = await meetingCtx(io);
        const p = parsePeriod(io.opts.month ?? 'this month', ctx.clock.now(), ctx.tz, 'month');
        const { finesFor, fineRates } = await app();
        return (await view()).finesOutput(words(io), p.label, finesFor(ctx, p, io.opts.staff), fineRates(ctx), ctx.tz);
      }),
    );

  fines
    .command('set <reason> <yuan>')
    .description(t('cmd.meeting_fines_set'))
    .action(
      action({ write: true }, async (io, reasonText: string, yuan: string) => {
        const reason = parseFineReason(io.choice('fineReason', reasonText));
        if (!reason) throw new UsageError('err.meeting_bad_fine_reason', { value: reasonText }, 'fix.meeting_fine_reason');
        if (!/^\d+$/.test(yuan.trim())) throw new UsageError('err.meeting_bad_amount', { value: yuan }, 'fix.meeting_amount');
        const ctx = await io.ctx();
        const { setFineRate } = await app();
        return (await view()).fineRatesOutput(words(io), setFineRate(ctx, reason, Number(yuan)));
      }),
    );

  meeting
    .command('warnings')
    .description(t('cmd.meeting_warnings'))
    .option('--staff <code>', t('opt.meeting_fines_staff'))
    .option('--all', t('opt.meeting_warnings_all'))
    .action(
      action({}, async (io) => {
        const ctx = await meetingCtx(io);
        const { listWarnings } = await app();
        return (await view()).warningsOutput(listWarnings(ctx, { staff: io.opts.staff, all: !!io.opts.all }), ctx.tz);
      }),
    );
}
