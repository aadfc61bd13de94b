import type { Command } from 'commander';
import { humanDuration } from '../../domain/duration.js';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { formatIso, formatLocal } from '../../domain/time.js';

export function register(program: Command): void {
  const t = helpT();
  const sla = program.command('sla').description(t('cmd.sla')).addHelpText('before', t('help.sla'));

  sla
    .command('show')
    .description(t('cmd.sla_show'))
    .action(
      action({}, async (io) => {
        const ctx = await io.ctx();
        const { slaShow } = await import('../../app/complaint/sla.js');
        const rows = slaShow(ctx);
        const { requestSlaShow } = await import('../../app/request/sla.js');
        const req = requestSlaShow(ctx);
        const rcell = (r: (typeof req)[number], s: 'repair_minor' | 'repair_urgent' | 'help' | 'enquiry') =>
          r[s] === null ? '—' : (r.clock === 'arrive' && s === 'repair_minor' ? io.t('msg.r_sla_window') + ' / ' : '') + r[s] + (r.overridden.includes(s) ? ' *' : '');
        const cell = (r: (typeof rows)[number], s: 'general' | 'major' | 'emergency' | 'suggestion') =>
          r[s] === null ? '—' : humanDuration(r[s]!, io.lang) + (r.overridden.includes(s) ? ' *' : '');
        return {
          json: [
            ...rows.map((r) => ({ clock: r.clock, general: r.general, major: r.major, emergency: r.emergency, suggestion: r.suggestion, overridden: r.overridden, source: r.source, starts: r.starts, stops: r.stops })),
            // Service requests (SPEC §11), scoped by kind and urgency.
            ...req.map((r) => ({ module: 'request', clock: r.clock, repair_minor: r.repair_minor, repair_urgent: r.repair_urgent, help: r.help, enquiry: r.enquiry, overridden: r.overridden, source: r.source, starts: r.starts, stops: r.stops })),
          ],
          sections: [
            {
              title: 'title.r_sla',
              columns: [
                { key: 'clock', label: 'col.clock', type: 'state' },
                { key: 'starts_t', label: 'col.starts' },
                { key: 'stops_t', label: 'col.stops' },
                { key: 'a', label: 'enum.repair_minor' },
                { key: 'b', label: 'enum.repair_urgent' },
                { key: 'c', label: 'enum.help' },
                { key: 'd', label: 'enum.enquiry' },
                { key: 'source', label: 'col.source' },
              ],
              rows: req.map((r) => ({ ...r, starts_t: io.t('rev.' + r.starts), stops_t: io.t('rev.' + r.stops), a: rcell(r, 'repair_minor'), b: rcell(r, 'repair_urgent'), c: rcell(r, 'help'), d: rcell(r, 'enquiry') })),
            },
          ],
          table: {
            title: 'title.sla',
            columns: [
              { key: 'clock', label: 'col.clock', type: 'state' },
              { key: 'starts_t', label: 'col.starts' },
              { key: 'stops_t', label: 'col.stops' },
              { key: 'g', label: 'enum.general' },
              { key: 'm', label: 'enum.major' },
              { key: 'e', label: 'enum.emergency' },
              { key: 's', label: 'enum.suggestion' },
              { key: 'source', label: 'col.source' },
            ],
            rows: rows.map((r) => ({
              ...r,
              starts_t: io.t('ev.' + r.starts),
              stops_t: io.t('ev.' + r.stops),
              g: cell(r, 'general'),
              m: cell(r, 'major'),
              e: cell(r, 'emergency'),
              s: cell(r, 'suggestion'),
            })),
          },
          notes: [io.t('msg.sla_legend')],
        };
      }),
    );

  sla
    .command('set <clock> <duration>')
    .description(t('cmd.sla_set'))
    .option('--severity <s>', t('opt.severity'))
    .option('--kind <k>', t('opt.kind'))
    .option('--urgency <u>', t('opt.r_urgency'))
    .action(
      action({ write: true, choices: { severity: 'severity' } }, async (io, clock: string, duration: string) => {
        const ctx = await io.ctx();
        const { parseChoice } = await import('../choices.js');
        const { isRequestKind, requestSlaSet } = await import('../../app/request/sla.js');
        // --kind repair|help|enquiry (Chinese words too) addresses the request clocks of SPEC §11.
        let rkind: string | undefined;
        try {
          rkind = io.opts.kind ? parseChoice('request_kind', io.opts.kind, io.lang) : undefined;
        } catch {
          rkind = undefined;
        }
        if (io.opts.urgency && !isRequestKind(rkind)) rkind = 'repair';
        const { slaSet } = await import('../../app/complaint/sla.js');
        const r = isRequestKind(rkind)
          ? requestSlaSet(ctx, clock, duration, { kind: rkind, urgency: io.opts.urgency ? parseChoice('request_urgency', io.opts.urgency, io.lang) : undefined })
          : slaSet(ctx, io.choice('clock', clock), duration, { severity: io.opts.severity, kind: io.opts.kind ? io.choice('kind', io.opts.kind) : undefined });
        return {
          json: r,
          record: {
            fields: [
              { key: 'clock', label: 'col.clock', type: 'state' },
              { key: 'duration', label: 'col.policy', type: 'duration' },
              { key: 'scopes', label: 'col.scopes', type: 'list' },
            ],
            row: r as unknown as Record<string, unknown>,
          },
          notes: [io.t('msg.sla_set_later')],
        };
      }),
    );

  sla
    .command('explain <id>')
    .description(t('cmd.sla_explain'))
    .action(
      action({}, async (io, id: string) => {
        const ctx = await io.ctx();
        const tz = ctx.tz;
        // A request id (R…) explains the request clocks, on the same calendar.
        const isRequest = /^r\d/i.test(id.trim());
        const x = isRequest
          ? await (async () => {
              const { requestSlaExplain } = await import('../../app/request/sla.js');
              const e = requestSlaExplain(ctx, id);
              return { complaint: { id: e.request.id, severity: e.request.urgency ?? '', kind: e.request.kind }, clocks: e.clocks };
            })()
          : (await import('../../app/complaint/sla.js')).slaExplain(ctx, id);
        const lines: string[] = [
          isRequest
            ? io.t('title.r_sla_explain', { id: x.complaint.id, kind: io.t('enum.' + x.complaint.kind) + (x.complaint.severity ? '·' + io.t('enum.' + x.complaint.severity) : '') })
            : io.t('title.sla_explain', { id: x.complaint.id, severity: io.t('enum.' + x.complaint.severity), kind: io.t('enum.' + x.complaint.kind) }),
        ];
        for (const c of x.clocks) {
          const name = io.t('enum.' + c.clock);
          if (c.skipped) {
            lines.push(`• ${name}: ${io.t('msg.sx_skipped')}`);
            continue;
          }
          if (c.started_at == null) {
            lines.push(`• ${name}: ${io.t('msg.sx_not_started')}`);
            continue;
          }
          lines.push(`• ${name}: ${io.t('msg.sx_policy', { policy: c.policy ?? '', start: formatLocal(c.started_at, tz) })}`);
          if (c.from_upgrade) lines.push('    ' + io.t('msg.sx_from_upgrade', { why: io.t(c.from_upgrade === 'supervisor' ? 'enum.severity_by_supervisor' : 'enum.' + c.from_upgrade) }));
          if (c.developer) lines.push('    ' + io.t('msg.sx_from_developer'));
          if (c.policy === 'fixed') lines.push('    ' + io.t('msg.sx_fixed'));
          if (c.policy === 'delay') lines.push('    ' + io.t('msg.sx_delay'));
          if (c.policy === 'appointment') lines.push('    ' + io.t(c.clock === 'arrive' ? 'msg.r_sx_window' : 'msg.r_sx_day_end'));
          let n = 0;
          for (const d of c.days) {
            if (d.workday) n++;
            const why = io.t('enum.' + d.reason) + (d.name ? ` ${d.name}` : '');
            lines.push('    ' + io.t(d.workday ? 'msg.sx_day_counted' : 'msg.sx_day_skipped', { date: d.date, why, n }));
          }
          if (c.fallback) lines.push('    ' + io.t('warn.calendar_fallback', { year: c.days[0]?.date.slice(0, 4) ?? '' }));
          lines.push('    ' + io.t('msg.sx_due', { due: c.due_at != null ? formatLocal(c.due_at, tz) : '—' }) + (c.done_at != null ? ' · ' + io.t('msg.sx_done', { done: formatLocal(c.done_at, tz) }) : ''));
        }
        return {
          json: {
            id: x.complaint.id,
            severity: x.complaint.severity,
            kind: x.complaint.kind,
            clocks: x.clocks.map((c) => ({
              clock: c.clock,
              skipped: c.skipped,
              policy: c.policy,
              started_at: c.started_at == null ? null : formatIso(c.started_at, tz),
              due_at: c.due_at == null ? null : formatIso(c.due_at, tz),
              done_at: c.done_at == null ? null : formatIso(c.done_at, tz),
              days: c.days.map((d) => ({ date: d.date, workday: d.workday, reason: d.reason, name: d.name ?? null })),
              fallback: c.fallback,
              from_upgrade: c.from_upgrade,
              developer: c.developer,
            })),
          },
          text: lines.join('\n'),
        };
      }),
    );
}
