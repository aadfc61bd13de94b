import type { Command } from 'commander';
import { resolve } from 'node:path';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { buildDemo, DEMO_TZ } from '../../app/core/demo.js';
import { dashboard } from '../../app/core/dashboard.js';
import { collectOverdue, withDetails } from '../../app/overdue.js';
import { makeCtx } from '../../app/context.js';
import { overdueJson, overdueSection } from '../overdue-view.js';
import { staffNames } from '../../store/people.js';

let names: Map<string, string> | undefined;
import { UsageError } from '../../errors.js';
import { checkSiteCode, seedOf } from '../../domain/rollup.js';

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
        const code = io.opts.code === undefined ? undefined : String(io.opts.code);
        if (code !== undefined && checkSiteCode(code)) throw new UsageError('err.site_code', { value: code }, 'fix.site_code_form');
        // Demo sites a rollup tells apart differ in their records too: the code picks the seed.
        const seed = io.opts.seed ? Number(io.opts.seed) : code ? seedOf(code) : undefined;
        const scale = units !== undefined || complaints !== undefined ? (await import('../../app/core/scale.js')).generateScale : undefined;
        let s: ReturnType<NonNullable<typeof scale>> | undefined;
        // The scale generator fills the demo's database before it goes into place (kill-safe).
        const db = await buildDemo(
          io.dataDir,
          { now, seed, site: io.opts.site, code },
          scale ? (c) => void (s = scale(makeCtx(c.db, { now }), { units: units ?? 0, complaints: complaints ?? 0, years: years || 5, seed })) : undefined,
        );
        try {
          const ctx = makeCtx(db, { now });
          if (s) io.info(io.t('msg.scale_done', { units: s.units_added, complaints: s.complaints, events: s.events, clocks: s.clocks, open: s.open, seconds: s.seconds }));
          const d = dashboard(ctx);
          const items = withDetails(ctx, collectOverdue(ctx));
          io.info(io.t('msg.demo_built', { dir: resolve(io.dataDir) }));
          const summary = [
            { what: 'col.site', value: `${d.site} (${d.timezone})` },
            { what: 'col.staff', value: d.staff },
            { what: 'col.units', value: io.t('msg.units_summary', { total: d.units.total, owner: d.units.owner, tenant: d.units.tenant, vacant: d.units.vacant }) },
            ...Object.entries(d.counts).map(([k, n]) => ({ what: 'col.' + k, value: n })),
          ].map((r) => ({ ...r, what: io.t(r.what) }));
          return {
            json: { data_dir: resolve(io.dataDir), dashboard: d, overdue: overdueJson(items, ctx.tz) },
            sections: [
              { title: 'title.dashboard', columns: [{ key: 'what', label: 'col.item' }, { key: 'value', label: 'col.value' }], rows: summary },
              overdueSection(items, undefined, { ...io.renderOpts(ctx.tz), person: (c: string) => (names ??= staffNames(db)).get(c) }),
            ],
            notes: [io.t('msg.demo_next', { dir: io.dataDir })],
          };
        } finally {
          db.close();
        }
      }),
    );
}
