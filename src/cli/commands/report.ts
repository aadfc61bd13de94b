import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT } from '../i18n/index.js';
import { UsageError } from '../../errors.js';
import type { Output } from '../../render/view.js';
import type { ReportKind } from '../../domain/report-period.js';

async function run(io: Io, kind: ReportKind): Promise<void> {
  const ctx = await io.ctx();
  // Reports only read: the connection refuses any write from here on.
  (await import('../../store/report.js')).refuseWrites(ctx.db);
  const { reportPeriod } = await import('../../domain/report-period.js');
  const { buildReport } = await import('../../app/report/build.js');
  const o = io.opts;
  let trend: number | undefined;
  if (o.trend !== undefined) {
    trend = Number(o.trend);
    if (!Number.isInteger(trend) || trend < 1 || trend > 36) throw new UsageError('err.report_trend', { value: String(o.trend) }, 'fix.report_trend');
  }
  const word = kind === 'weekly' ? o.week : kind === 'monthly' ? o.month : kind === 'quarterly' ? o.quarter : undefined;
  const period = reportPeriod(kind, { word, since: o.since, until: o.until }, ctx.clock.now(), ctx.tz);
  const r = buildReport(ctx, kind, period, { trend });
  // One output for every format (run.ts picks it, from --format or --out's
  // extension): the JSON of SPEC §10, the rates table for csv, and the
  // document for the table format, md, html and xlsx (one sheet per table).
  const { reportJson } = await import('../../app/report/json.js');
  const { reportRatesTable } = await import('../../render/report-csv.js');
  const { reportBlocks } = await import('../../render/report-doc.js');
  const out: Output = { json: () => reportJson(r), table: { title: '', ...reportRatesTable(r, io.t) }, doc: () => reportBlocks(r, io.t) };
  try {
    await io.emit(out);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (io.g.out && err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code))
      throw new UsageError('err.report_out', { file: io.g.out, reason: err.code }, 'fix.report_out');
    throw e;
  }
}

export function register(program: Command): void {
  const t = helpT();
  const report = program.command('report').description(t('cmd.report')).addHelpText('before', t('help.report'));
  const common = (c: Command) => c.option('--trend <n>', t('opt.report_trend')).addHelpText('before', t('help.report'));

  common(report.command('weekly').description(t('cmd.report_weekly')).option('--week <week>', t('opt.report_week'))).action(
    action({ formats: ['html'] }, (io) => run(io, 'weekly')),
  );
  common(report.command('monthly').description(t('cmd.report_monthly')).option('--month <month>', t('opt.report_month'))).action(
    action({ formats: ['html'] }, (io) => run(io, 'monthly')),
  );
  common(report.command('quarterly').description(t('cmd.report_quarterly')).option('--quarter <quarter>', t('opt.report_quarter'))).action(
    action({ formats: ['html'] }, (io) => run(io, 'quarterly')),
  );
  common(
    report.command('range').description(t('cmd.report_range')).option('--since <time>', t('opt.report_since')).option('--until <time>', t('opt.report_until')),
  ).action(action({ formats: ['html'] }, (io) => run(io, 'range')));
}
