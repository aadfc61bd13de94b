import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import type { CheckResult, CheckUnit } from '../../app/archive/dossiers.js';

// Loaded lazily inside the handlers: `pmctl archive --help` stays fast.
const dossiers = () => import('../../app/archive/dossiers.js');
const loans = () => import('../../app/archive/loans.js');
const destruction = () => import('../../app/archive/destruction.js');
const view = () => import('../../render/views/archive.js');

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

export function register(program: Command): void {
  const t = helpT();
  const ar = program.command('archive').description(t('cmd.archive')).addHelpText('before', t('help.archive'));
  registerDossiers(ar, t);
  registerReading(ar, t);
  registerLoans(ar, t);
  registerRetention(ar, t);
  registerDestruction(ar, t);
}

/** open, add, update: the clerk's filing. */
function registerDossiers(ar: Command, t: T): void {
  ar.command('open <unit>')
    .description(t('cmd.arch_open'))
    .option('--type <type>', t('opt.arch_type'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true, choices: { type: 'dossierType' } }, async (io, unit: string) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        const d = m.openDossier(ctx, unit, io.opts.type ? m.parseDossierType(io.opts.type) : undefined, io.opts.at);
        return (await view()).openedOutput(d, m.checkArchives(ctx, unit).units[0], ctx.tz);
      }),
    );

  ar.command('add <unit>')
    .description(t('cmd.arch_add'))
    .option('--doc <type>', t('opt.arch_doc'))
    .option('--ref <ref>', t('opt.arch_ref'))
    .option('--note <note>', t('opt.note'))
    .option('--confidential', t('opt.arch_confidential'))
    .option('--at <time>', t('opt.arch_filed_at'))
    .action(
      action({ write: true, choices: { doc: 'docType' } }, async (io, unit: string) => {
        await io.prompt.fill(io.opts, [{ name: 'doc', flag: '--doc', ask: 'prompt.arch_doc' }]);
        const m = await dossiers();
        const ctx = await io.ctx();
        const d = m.addDocument(ctx, unit, {
          type: m.parseDocType(io.opts.doc),
          ref: io.opts.ref,
          note: io.opts.note,
          confidential: !!io.opts.confidential,
          at: io.opts.at,
        });
        return (await view()).docOutput(d, ctx.tz);
      }),
    );

  ar.command('update <unit>')
    .description(t('cmd.arch_update'))
    .option('--type <type>', t('opt.arch_type'))
    .option('--doc <type>', t('opt.arch_replace'))
    .option('--ref <ref>', t('opt.arch_ref'))
    .option('--note <note>', t('opt.note'))
    .option('--confidential', t('opt.arch_confidential'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true, choices: { type: 'dossierType', doc: 'docType' } }, async (io, unit: string) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        const r = m.updateDossier(ctx, unit, {
          type: io.opts.type ? m.parseDossierType(io.opts.type) : undefined,
          doc: io.opts.doc ? m.parseDocType(io.opts.doc) : undefined,
          ref: io.opts.ref,
          note: io.opts.note,
          confidential: !!io.opts.confidential,
          at: io.opts.at,
        });
        return (await view()).updatedOutput(r);
      }),
    );
}

/**
 * The units `archive check` shows: on screen the site check lists what needs
 * work; --json/--csv (and --all) list every unit. A terminal cannot show
 * 100 000 rows usefully: the first ones, and how to get the rest.
 */
function checkShown(io: Io, r: CheckResult, unit: string | undefined): { shown: CheckUnit[]; notes: string[] } {
  const human = io.format === 'table' || io.format === 'md';
  const gapsOnly = io.opts.incomplete || (!unit && human && !io.opts.all);
  let shown = gapsOnly ? r.units.filter((u) => u.missing.length) : r.units;
  const notes: string[] = [];
  const cap = io.opts.limit ? Number(io.opts.limit) : human ? 200 : Infinity;
  if (shown.length > cap) {
    notes.push(io.t('msg.arch_more', { n: shown.length - cap }));
    if (human) shown = shown.slice(0, cap);
  }
  return { shown, notes };
}

/** show, check, list, find. */
function registerReading(ar: Command, t: T): void {
  ar.command('show <unit>')
    .description(t('cmd.arch_show'))
    .action(
      action({}, async (io, unit: string) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        return (await view()).dossierOutput(io, m.showDossier(ctx, unit), ctx.tz);
      }),
    );

  ar.command('check [unit]')
    .description(t('cmd.arch_check'))
    .option('--incomplete', t('opt.arch_incomplete'))
    .option('--all', t('opt.arch_check_all'))
    .option('--limit <n>', t('opt.limit'))
    .action(
      action({}, async (io, unit: string | undefined) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        const r = m.checkArchives(ctx, unit);
        const { shown, notes } = checkShown(io, r, unit);
        return (await view()).checkOutput(io, r, shown, notes);
      }),
    );

  ar.command('list')
    .description(t('cmd.arch_list'))
    .option('--type <type>', t('opt.arch_type'))
    .option('--building <b>', t('opt.building'))
    .option('--incomplete', t('opt.arch_incomplete'))
    .option('--limit <n>', t('opt.limit'))
    .option('--offset <n>', t('opt.offset'))
    .action(
      action({ choices: { type: 'dossierType' } }, async (io) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        const rows = m.listDossiers(ctx, {
          type: io.opts.type ? m.parseDossierType(io.opts.type) : undefined,
          building: io.opts.building,
          incomplete: !!io.opts.incomplete,
          limit: io.opts.limit ? Number(io.opts.limit) : undefined,
          offset: io.opts.offset ? Number(io.opts.offset) : undefined,
        });
        return (await view()).dossierListOutput(io, rows);
      }),
    );

  ar.command('find <text>')
    .description(t('cmd.arch_find'))
    .option('--limit <n>', t('opt.limit'))
    .action(
      action({}, async (io, text: string) => {
        const m = await dossiers();
        const ctx = await io.ctx();
        return (await view()).findOutput(m.findDossiers(ctx, text, io.opts.limit ? Number(io.opts.limit) : 50));
      }),
    );
}

/** lend, return, loans. */
function registerLoans(ar: Command, t: T): void {
  ar.command('lend <target>')
    .description(t('cmd.arch_lend'))
    .option('--to <person>', t('opt.arch_to'))
    .option('--purpose <p>', t('opt.arch_purpose'))
    .option('--due <time>', t('opt.arch_due'))
    .option('--approved-by <code>', t('opt.arch_approved_by'))
    .option('--signed-by <name>', t('opt.arch_signed_by'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true }, async (io, target: string) => {
        await io.prompt.fill(io.opts, [
          { name: 'to', flag: '--to', ask: 'prompt.arch_to' },
          { name: 'purpose', flag: '--purpose', ask: 'prompt.arch_purpose' },
          { name: 'due', flag: '--due', ask: 'prompt.arch_due' },
        ]);
        const m = await loans();
        const ctx = await io.ctx();
        const l = m.lend(ctx, target, {
          to: io.opts.to,
          purpose: io.opts.purpose,
          due: io.opts.due,
          approvedBy: io.opts.approvedBy,
          signedBy: io.opts.signedBy,
          at: io.opts.at,
        });
        return (await view()).loanOutput(io, l, ctx.tz);
      }),
    );

  ar.command('return <target>')
    .description(t('cmd.arch_return'))
    .option('--note <note>', t('opt.note'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true }, async (io, target: string) => {
        const m = await loans();
        const ctx = await io.ctx();
        return (await view()).loanOutput(io, m.returnLoan(ctx, target, { at: io.opts.at, note: io.opts.note }), ctx.tz);
      }),
    );

  ar.command('loans')
    .description(t('cmd.arch_loans'))
    .option('--open', t('opt.arch_open_loans'))
    .option('--overdue', t('opt.arch_overdue_loans'))
    .option('--unit <unit>', t('opt.arch_unit'))
    .action(
      action({}, async (io) => {
        const m = await loans();
        const ctx = await io.ctx();
        const rows = m.listLoans(ctx, { open: io.opts.open, overdue: io.opts.overdue, unit: io.opts.unit }).map((l) => m.getLoan(ctx, l.id));
        return (await view()).loanListOutput(rows, ctx.tz);
      }),
    );
}

/** expired, retention show|set, hold, release. */
function registerRetention(ar: Command, t: T): void {
  ar.command('expired')
    .description(t('cmd.arch_expired'))
    .action(
      action({}, async (io) => {
        const m = await destruction();
        const ctx = await io.ctx();
        return (await view()).expiredOutput(m.expiredDocuments(ctx), ctx.tz);
      }),
    );

  const ret = ar.command('retention').description(t('cmd.arch_retention'));
  ret
    .command('show', { isDefault: true })
    .description(t('cmd.arch_retention_show'))
    .action(
      action({}, async (io) => {
        const m = await destruction();
        return (await view()).retentionOutput(m.listRetention(await io.ctx()));
      }),
    );
  ret
    .command('set <type> <duration>')
    .description(t('cmd.arch_retention_set'))
    .action(
      action({ write: true }, async (io, type: string, duration: string) => {
        const m = await destruction();
        return (await view()).retentionSetOutput(m.setRetention(await io.ctx(), io.choice('docType', type), duration));
      }),
    );

  for (const [name, fn] of [
    ['hold', 'hold'],
    ['release', 'release'],
  ] as const) {
    const c = ar.command(`${name} <doc>`).description(t('cmd.arch_' + name));
    if (name === 'hold') c.option('--reason <r>', t('opt.arch_hold_reason'));
    c.option('--at <time>', t('opt.arch_at')).action(
      action({ write: true }, async (io, doc: string) => {
        if (name === 'hold') await io.prompt.fill(io.opts, [{ name: 'reason', flag: '--reason', ask: 'prompt.arch_reason' }]);
        const m = await destruction();
        const ctx = await io.ctx();
        const d = fn === 'hold' ? m.hold(ctx, doc, io.opts.reason, io.opts.at) : m.release(ctx, doc, io.opts.at);
        return (await view()).docOutput(d, ctx.tz);
      }),
    );
  }
}

/** destroy-request, destroy-review, destroy-approve, destroy, destruction: the four-person destruction. */
function registerDestruction(ar: Command, t: T): void {
  ar.command('destroy-request <docs...>')
    .description(t('cmd.arch_destroy_request'))
    .option('--reason <r>', t('opt.arch_destroy_reason'))
    .option('--method <m>', t('opt.arch_method'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true, formats: ['html'], choices: { method: 'destructionMethod' } }, async (io, docs: string[]) => {
        await io.prompt.fill(io.opts, [{ name: 'reason', flag: '--reason', ask: 'prompt.arch_reason' }]);
        const m = await destruction();
        const ctx = await io.ctx();
        const x = m.requestDestruction(ctx, docs, { reason: io.opts.reason, method: io.opts.method, at: io.opts.at });
        return (await view()).destructionOutput(io.renderOpts(ctx.tz), x, ctx.tz, ctx.site);
      }),
    );

  // Review (cs manager) and approval (director) take the same form: the id, an
  // optional rejection, and --at.
  for (const [name, desc, step] of [
    ['destroy-review', 'cmd.arch_destroy_review', 'reviewDestruction'],
    ['destroy-approve', 'cmd.arch_destroy_approve', 'approveDestruction'],
  ] as const) {
    ar.command(`${name} <id>`)
      .description(t(desc))
      .option('--reject <reason>', t('opt.arch_reject'))
      .option('--at <time>', t('opt.arch_at'))
      .action(
        action({ write: true, formats: ['html'] }, async (io, id: string) => {
          const m = await destruction();
          const ctx = await io.ctx();
          const x = io.opts.reject ? m.rejectDestruction(ctx, id, { reason: io.opts.reject, at: io.opts.at }) : m[step](ctx, id, { at: io.opts.at });
          return (await view()).destructionOutput(io.renderOpts(ctx.tz), x, ctx.tz, ctx.site);
        }),
      );
  }

  ar.command('destroy <id>')
    .description(t('cmd.arch_destroy'))
    .option('--witness <code>', t('opt.arch_witness'), collect, [])
    .option('--method <m>', t('opt.arch_method'))
    .option('--place <place>', t('opt.arch_place'))
    .option('--at <time>', t('opt.arch_at'))
    .action(
      action({ write: true, formats: ['html'], choices: { method: 'destructionMethod' } }, async (io, id: string) => {
        const m = await destruction();
        const ctx = await io.ctx();
        await io.prompt.confirm(io.g.yes, 'prompt.arch_destroy_confirm', { id });
        const x = m.executeDestruction(ctx, id, { witnesses: io.opts.witness, method: io.opts.method, place: io.opts.place, at: io.opts.at });
        return (await view()).destructionOutput(io.renderOpts(ctx.tz), x, ctx.tz, ctx.site);
      }),
    );

  ar.command('destruction [id]')
    .description(t('cmd.arch_destruction'))
    .option('--status <s>', t('opt.arch_destruction_status'))
    .action(
      action({ formats: ['html'] }, async (io, id: string | undefined) => {
        const m = await destruction();
        const ctx = await io.ctx();
        const v = await view();
        if (id) return v.destructionOutput(io.renderOpts(ctx.tz), m.getDestruction(ctx, id), ctx.tz, ctx.site);
        return v.destructionListOutput(m.listDestructions(ctx, { status: io.opts.status }), (x) => m.getDestruction(ctx, x), ctx.tz);
      }),
    );
}
