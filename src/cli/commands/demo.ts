import type { Command } from 'commander';
import { resolve } from 'node:path';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { buildDemo, DEMO_TZ } from '../../app/demo/demo.js';
import { dashboard } from '../../app/site/dashboard.js';
import { collectOverdue, withDetails } from '../../app/overdue.js';
import { makeCtx } from '../../app/context.js';
import { overdueJson } from '../overdue-view.js';
import type { RankedItem } from '../../app/overdue.js';
import type { Section } from '../../render/view.js';
import { UsageError } from '../../errors.js';
import { checkSiteCode, seedOf } from '../../domain/rollup.js';

/** The dashboard shows this many of the most overdue items; `pmctl overdue` lists them all. */
const DASHBOARD_ROWS = 10;
/** Display columns an id may take on the dashboard (a key label can be 24). */
const ID_WIDTH = 16;

/** East Asian wide characters take two columns. */
function cols(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
}

/** `s` cut to `max` display columns, with … when cut. */
export function clip(s: string, max: number): string {
  let w = 0;
  for (const ch of s) w += cols(ch);
  if (w <= max) return s;
  let out = '';
  w = 0;
  for (const ch of s) {
    if (w + cols(ch) > max - 1) break;
    out += ch;
    w += cols(ch);
  }
  return out + '…';
}

/**
 * The dashboard's overdue part, within 80 columns (SPEC §8 v2): what, which
 * record and how late — the due time and the long description are for
 * `pmctl overdue`.
 */
function dashboardOverdue(items: RankedItem[]): Section {
  return {
    title: 'title.overdue',
    empty: 'msg.nothing_overdue',
    columns: [
      { key: 'module', label: 'col.module', type: 'state' },
      { key: 'id', label: 'col.id' },
      { key: 'what', label: 'col.what', type: 'state' },
      { key: 'late', label: 'col.report_late', type: 'lateness' },
    ],
    rows: items.slice(0, DASHBOARD_ROWS).map((i) => ({ module: i.module, id: clip(i.id, ID_WIDTH), what: i.what, late: i.overdue_minutes * 60000 })),
  };
}

export function register(program: Command): void {
  const t = helpT();
  program
    .command('demo')
    .description(t('cmd.demo'))
    .option('--seed <n>', t('opt.seed'))
    .option('--site <name>', t('opt.site'))
    .option('--code <code>', t('opt.code'))
    .option('--units <n>', t('opt.units'))
    .option('--complaints <n>', t('opt.complaints'))
    .option('--requests <n>', t('opt.requests'))
    .option('--years <n>', t('opt.years'))
    .addHelpText('before', t('help.demo'))
    .action(
      action({ db: 'none' }, async (io) => {
        const now = io.now(DEMO_TZ);
        const count = (opt: string, v: unknown): number | undefined => {
          if (v === undefined) return undefined;
          const n = Number(v);
          if (!Number.isInteger(n) || n < 0) throw new UsageError('err.bad_count', { opt, value: String(v) }, 'fix.count');
          return n;
        };
        const units = count('--units', io.opts.units);
        const complaints = count('--complaints', io.opts.complaints);
        const years = count('--years', io.opts.years);
        // A 24-hour line takes about five service requests for each complaint (SPEC §11).
        const requests = count('--requests', io.opts.requests) ?? (complaints !== undefined ? complaints * 5 : undefined);
        const code = io.opts.code === undefined ? undefined : String(io.opts.code);
        if (code !== undefined && checkSiteCode(code)) throw new UsageError('err.site_code', { value: code }, 'fix.site_code_form');
        // Demo sites a rollup tells apart differ in their records too: the code picks the seed.
        const seed = io.opts.seed ? Number(io.opts.seed) : code ? seedOf(code) : undefined;
        const scale =
          units !== undefined || complaints !== undefined || requests !== undefined ? (await import('../../app/demo/scale.js')).generateScale : undefined;
        let s: ReturnType<NonNullable<typeof scale>> | undefined;
        // The scale generator fills the demo's database before it goes into place (kill-safe).
        const db = await buildDemo(
          io.dataDir,
          { now, seed, site: io.opts.site, code },
          scale
            ? (c) => void (s = scale(makeCtx(c.db, { now }), { units: units ?? 0, complaints: complaints ?? 0, requests, years: years || 5, seed }))
            : undefined,
        );
        try {
          const ctx = makeCtx(db, { now });
          if (s)
            io.info(
              io.t('msg.scale_done', { units: s.units_added, complaints: s.complaints, events: s.events, clocks: s.clocks, open: s.open, seconds: s.seconds }),
            );
          if (s?.requests) io.info(io.t('msg.scale_requests', { ...s.requests }));
          const d = dashboard(ctx);
          const items = withDetails(ctx, collectOverdue(ctx));
          io.info(io.t('msg.demo_built', { dir: resolve(io.dataDir) }));
          const summary = [
            { what: 'col.site', value: `${d.site} (${d.timezone})` },
            { what: 'col.staff', value: d.staff },
            {
              what: 'col.units',
              value: io.t('msg.units_summary', { total: d.units.total, owner: d.units.owner, tenant: d.units.tenant, vacant: d.units.vacant }),
            },
            ...Object.entries(d.counts).map(([k, n]) => ({ what: 'col.' + k, value: n })),
          ].map((r) => ({ ...r, what: io.t(r.what) }));
          return {
            json: { data_dir: resolve(io.dataDir), dashboard: d, overdue: overdueJson(items, ctx.tz) },
            sections: [
              {
                title: 'title.dashboard',
                columns: [
                  { key: 'what', label: 'col.item' },
                  { key: 'value', label: 'col.value' },
                ],
                rows: summary,
              },
              dashboardOverdue(items),
            ],
            notes: [
              ...(items.length > DASHBOARD_ROWS ? [io.t('msg.demo_more_overdue', { n: items.length - DASHBOARD_ROWS })] : []),
              io.t('msg.demo_next', { dir: io.dataDir }),
            ],
          };
        } finally {
          db.close();
        }
      }),
    );
}
