import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { parseChoice } from '../choices.js';
import { parseBound, parsePeriod } from '../../domain/time.js';
import { UsageError } from '../../errors.js';
import type { VisitMethod } from '../../domain/visit.js';

export function register(program: Command): void {
  const t = helpT();
  const visit = program.command('visit').description(t('cmd.visit')).addHelpText('before', t('help.visit'));
  registerVisits(visit, t);
  registerReading(visit, t);
}

/** plan, record: a quarter's visits to make and one made. */
function registerVisits(visit: Command, t: T): void {
  visit
    .command('plan')
    .description(t('cmd.visit_plan'))
    .option('--quarter <quarter>', t('opt.report_quarter'))
    .option('--staff <code>', t('opt.visit_staff'))
    .option('--units', t('opt.visit_units'))
    .action(
      action({}, async (io) => {
        const ctx = await io.ctx();
        const q = parsePeriod(String(io.opts.quarter ?? 'this'), ctx.clock.now(), ctx.tz, 'quarter');
        if (q.unit !== 'quarter')
          throw new UsageError('err.report_period_unit', { value: String(io.opts.quarter), unit: 'quarter' }, 'fix.report_period_quarter');
        const { visitPlan } = await import('../../app/visit/visits.js');
        const { planOutput } = await import('../../render/views/visit.js');
        return planOutput(visitPlan(ctx, q, io.opts.staff), q.label, !!io.opts.units || !!io.opts.staff);
      }),
    );

  visit
    .command('record <unit>')
    .description(t('cmd.visit_record'))
    .requiredOption('--method <method>', t('opt.visit_method'))
    .requiredOption('--note <text>', t('opt.note'))
    .option('--issue <text>', t('opt.visit_issue'))
    .option('--raise <kind>', t('opt.visit_raise'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, unit: string) => {
        const o = io.opts;
        const method = parseChoice('visit_method', String(o.method), io.lang, '--method') as VisitMethod;
        const raise = o.raise === undefined ? undefined : (parseChoice('raise', String(o.raise), io.lang, '--raise') as 'request' | 'complaint');
        const ctx = await io.ctx();
        const { recordVisit } = await import('../../app/visit/visits.js');
        const { visitOutput } = await import('../../render/views/visit.js');
        return visitOutput(recordVisit(ctx, { unit, method, note: String(o.note), issue: o.issue, raise, at: o.at }), ctx.tz);
      }),
    );
}

/** list (also the paper 巡访、回访记录表), show. */
function registerReading(visit: Command, t: T): void {
  visit
    .command('list')
    .description(t('cmd.visit_list'))
    .option('--out <file>', t('opt.report_out'))
    .option('--since <time>', t('opt.report_since'))
    .option('--until <time>', t('opt.report_until'))
    .option('--unit <unit>', t('opt.unit'))
    .option('--staff <code>', t('opt.visit_staff'))
    .option('--limit <n>', t('opt.limit'))
    .action(
      action({ formats: ['html'] }, async (io) => {
        const ctx = await io.ctx();
        const o = io.opts;
        const now = ctx.clock.now();
        const { listVisits } = await import('../../app/visit/visits.js');
        const { visitListOutput } = await import('../../render/views/visit.js');
        const limit = o.limit === undefined ? undefined : Number(o.limit);
        if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
          throw new UsageError('err.bad_count', { opt: '--limit', value: String(o.limit) }, 'fix.count');
        const out = visitListOutput(
          listVisits(ctx, {
            since: o.since ? parseBound(o.since, now, ctx.tz, 'since') : undefined,
            until: o.until ? parseBound(o.until, now, ctx.tz, 'until') : undefined,
            unit: o.unit,
            by: o.staff,
            limit: limit || undefined,
          }),
          ctx.tz,
        );
        // The paper 《巡访、回访记录表》: the list with the visitor's and the supervisor's signatures.
        return { ...out, form: { heading: io.t('title.visit_form'), sub: [ctx.site].filter(Boolean), signature: io.t('msg.visit_form_sign') } };
      }),
    );

  visit
    .command('show <id>')
    .description(t('cmd.visit_show'))
    .action(
      action({}, async (io, id: string) => {
        const ctx = await io.ctx();
        const { getVisit } = await import('../../app/visit/visits.js');
        const { visitOutput } = await import('../../render/views/visit.js');
        return visitOutput(getVisit(ctx, id), ctx.tz);
      }),
    );
}
