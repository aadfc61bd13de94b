import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT } from '../i18n/index.js';
import { UsageError } from '../../errors.js';
import type { Output } from '../../render/view.js';
import type { ReportKind } from '../../domain/report-period.js';

async function run(io: Io, kind: ReportKind): Promise<void> {
  const ctx = await io.ctx();
  // Reports only read: the connection refuses any write from here on.
  ctx.db.pragma('query_only = ON');
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
  const ro = io.renderOpts();
  // `--out x.xlsx` (run.ts picks the format from the extension): one sheet per table.
  if (io.format === 'xlsx' && io.g.out) {
    // One sheet per table of the report, headings in the reader's language.
    const { reportBlocks } = await import('../../render/report-doc.js');
    const { renderReportXlsx } = await import('../../render/report-xlsx.js');
    const buf = await renderReportXlsx(reportBlocks(r, io.t));
    await io.writeFile(io.g.out, buf, 'xlsx');
    io.info(io.t('msg.written', { file: io.g.out }));
    return;
  }
  const out: Output = { json: null };
  switch (io.format) {
    case 'json':
      out.json = (await import('../../app/report/json.js')).reportJson(r);
      break;
    case 'csv': {
      const { reportRatesTable } = await import('../../render/report-csv.js');
      out.table = { title: '', ...reportRatesTable(r, io.t) };
      break;
    }
    default: {
      const { reportBlocks } = await import('../../render/report-doc.js');
      const R = await import('../../render/report-out.js');
      const blocks = reportBlocks(r, io.t);
      if (io.format === 'md') out.md = R.renderReportMd(blocks);
      else if (io.format === 'html') out.html = R.renderReportHtml(blocks, io.lang, io.t('msg.report_footer', { version: 'pmctl' }));
      else out.text = R.renderReportTerminal(blocks, ro.color);
    }
  }
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
  const common = (c: Command) =>
    c
      .option('--trend <n>', t('opt.report_trend'))
      .addHelpText('before', t('help.report'));

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
    report
      .command('range')
      .description(t('cmd.report_range'))
      .option('--since <time>', t('opt.report_since'))
      .option('--until <time>', t('opt.report_until')),
  ).action(action({ formats: ['html'] }, (io) => run(io, 'range')));
}
