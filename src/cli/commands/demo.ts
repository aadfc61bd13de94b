import type { Command } from 'commander';
import { resolve } from 'node:path';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { buildDemo, DEMO_TZ } from '../../app/core/demo.js';
import { dashboard } from '../../app/core/dashboard.js';
import { collectOverdue } from '../../app/overdue.js';
import { makeCtx } from '../../app/context.js';
import { overdueJson, overdueSection } from '../overdue-view.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('demo')
    .description(t('cmd.demo'))
    .option('--seed <n>', t('opt.seed'))
    .addHelpText('before', t('help.demo'))
    .action(
      action({ db: 'none' }, async (io) => {
        const now = io.now(DEMO_TZ);
        const db = await buildDemo(io.dataDir, { now, seed: io.opts.seed ? Number(io.opts.seed) : undefined });
        try {
          const ctx = makeCtx(db, { now });
          const d = dashboard(ctx);
          const items = collectOverdue(ctx);
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
              overdueSection(items),
            ],
            notes: [io.t('msg.demo_next', { dir: io.dataDir })],
          };
        } finally {
          db.close();
        }
      }),
    );
}
