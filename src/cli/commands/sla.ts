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
        const cell = (r: (typeof rows)[number], s: 'general' | 'major' | 'emergency' | 'suggestion') =>
          r[s] === null ? '—' : humanDuration(r[s]!, io.lang) + (r.overridden.includes(s) ? ' *' : '');
        return {
          json: rows.map((r) => ({ clock: r.clock, general: r.general, major: r.major, emergency: r.emergency, suggestion: r.suggestion, overridden: r.overridden, source: r.source, starts: r.starts, stops: r.stops })),
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
    .action(
      action({ write: true, choices: { severity: 'severity', kind: 'kind' } }, async (io, clock: string, duration: string) => {
        const ctx = await io.ctx();
        const { slaSet } = await import('../../app/complaint/sla.js');
        const r = slaSet(ctx, io.choice('clock', clock), duration, { severity: io.opts.severity, kind: io.opts.kind });
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
        const { slaExplain } = await import('../../app/complaint/sla.js');
        const x = slaExplain(ctx, id);
        const tz = ctx.tz;
        const lines: string[] = [io.t('title.sla_explain', { id: x.complaint.id, severity: io.t('enum.' + x.complaint.severity), kind: io.t('enum.' + x.complaint.kind) })];
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
