import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { importOptions, importOutput, importRunOptions } from '../importer.js';
import { overdueCommand } from '../overdue-command.js';

// The use cases and views are loaded with the command, not at start-up.
const app = () => import('../../app/key/keys.js');
const view = () => import('../../render/views/key.js');

export function register(program: Command): void {
  const t = helpT();
  const key = program.command('key').description(t('cmd.key')).addHelpText('before', t('help.key'));
  registerRegister(key, t);
  registerLoans(key, t);
  registerChanges(key, t);
  importOptions(
    key.command('audit').description(t('cmd.key_audit')).option('--counted <file>', t('opt.key_counted')).addHelpText('before', t('help.key_audit')),
    t,
  ).action(
    action({ write: true }, async (io) => {
      const ctx = await io.ctx();
      const a = await import('../../app/key/audit.js');
      const r = io.opts.counted ? await a.auditCount(ctx, io.opts.counted, await importRunOptions(io)) : a.auditChecklist(ctx);
      return (await view()).auditOutput(io, r, ctx.tz);
    }),
  );
  overdueCommand(key.command('overdue').description(t('cmd.key_overdue')), t, 'key');
}

/** add, import, list, show: the register. */
function registerRegister(key: Command, t: T): void {
  key
    .command('add <label>')
    .description(t('cmd.key_add'))
    .option('--kind <kind>', t('opt.key_kind'))
    .option('--unit <unit>', t('opt.key_unit'))
    .option('--place <place>', t('opt.key_place'))
    .option('--holder-dept <dept>', t('opt.key_holder_dept'))
    .option('--copies <n>', t('opt.key_copies'))
    .option('--at <time>', t('opt.key_at'))
    .addHelpText('before', t('help.key_add'))
    .action(
      action({ write: true, choices: { kind: 'keyKind', holderDept: 'department' } }, async (io, label: string) => {
        const o = io.opts;
        await io.prompt.fill(o, [{ name: 'kind', flag: '--kind', ask: 'prompt.key_kind' }]);
        const ctx = await io.ctx();
        const k = (await app()).addKey(ctx, { label, kind: o.kind, unit: o.unit, place: o.place, holderDept: o.holderDept, copies: o.copies, at: o.at });
        return (await view()).keyOutput(k, ctx.tz);
      }),
    );

  importOptions(key.command('import <file>').description(t('cmd.key_import')).addHelpText('before', t('help.key_import')), t).action(
    action({ write: true }, async (io, file: string) => importOutput(io, await (await app()).importKeys(await io.ctx(), file, await importRunOptions(io)))),
  );

  key
    .command('list')
    .description(t('cmd.key_list'))
    .option('--status <status>', t('opt.key_status'))
    .option('--unit <unit>', t('opt.key_unit'))
    .option('--kind <kind>', t('opt.key_kind'))
    .option('--holder-dept <dept>', t('opt.key_holder_dept'))
    .action(
      action({ choices: { status: 'keyListStatus', kind: 'keyKind', holderDept: 'department' } }, async (io) => {
        const ctx = await io.ctx();
        const rows = (await app()).listKeys(ctx, { status: io.opts.status, unit: io.opts.unit, kind: io.opts.kind, holderDept: io.opts.holderDept });
        return (await view()).keyListOutput(rows, ctx.tz, ctx.clock.now());
      }),
    );

  key
    .command('show <label>')
    .description(t('cmd.key_show'))
    .action(
      action({}, async (io, label: string) => {
        const ctx = await io.ctx();
        return (await view()).historyOutput(io, (await app()).showKey(ctx, label), ctx.tz);
      }),
    );
}

/** lend, return, issue: keys going out and coming back. */
function registerLoans(key: Command, t: T): void {
  key
    .command('lend <label>')
    .description(t('cmd.key_lend'))
    .option('--to <person>', t('opt.key_to'))
    .option('--purpose <text>', t('opt.key_purpose'))
    .option('--due <time|duration>', t('opt.key_due'))
    .option('--approved-by <code>', t('opt.key_approved_by'))
    .option('--owner-consent <ref>', t('opt.key_owner_consent'))
    .option('--overnight <reason>', t('opt.key_overnight'))
    .option('--phone <phone>', t('opt.key_phone'))
    .option('--at <time>', t('opt.key_at'))
    .addHelpText('before', t('help.key_lend'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const o = io.opts;
        // On a TTY ask for what is missing; otherwise a loan without purpose or
        // due time is refused by the rule (exit 4), not a usage error.
        if (io.interactive)
          await io.prompt.fill(o, [
            { name: 'to', flag: '--to', ask: 'prompt.key_to' },
            { name: 'purpose', flag: '--purpose', ask: 'prompt.key_purpose' },
            { name: 'due', flag: '--due', ask: 'prompt.key_due', default: () => '2h' },
          ]);
        else await io.prompt.fill(o, [{ name: 'to', flag: '--to', ask: 'prompt.key_to' }]);
        const ctx = await io.ctx();
        const k = (await app()).lendKey(ctx, {
          label,
          to: o.to,
          purpose: o.purpose,
          due: o.due,
          approvedBy: o.approvedBy,
          ownerConsent: o.ownerConsent,
          overnight: o.overnight,
          phone: o.phone,
          at: o.at,
        });
        const notes = k.notified.length ? [io.t('msg.key_notified_security', { who: k.notified.join(',') })] : [];
        return (await view()).keyOutput(k, ctx.tz, notes);
      }),
    );

  key
    .command('return <label>')
    .description(t('cmd.key_return'))
    .option('--condition <c>', t('opt.key_condition'), 'ok')
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true, choices: { condition: 'keyCondition' } }, async (io, label: string) => {
        const ctx = await io.ctx();
        const k = (await app()).returnKey(ctx, { label, condition: io.opts.condition, note: io.opts.note, at: io.opts.at });
        return (await view()).keyOutput(k, ctx.tz, k.status === 'damaged' ? [io.t('msg.key_now_damaged', { label: k.label })] : []);
      }),
    );

  key
    .command('issue <label>')
    .description(t('cmd.key_issue'))
    .option('--to-owner', t('opt.key_to_owner'))
    .option('--id-checked', t('opt.key_id_checked'))
    .option('--signed-by <name>', t('opt.key_signed_by'))
    .option('--owner-consent <ref>', t('opt.key_agent'))
    .option('--at <time>', t('opt.key_at'))
    .addHelpText('before', t('help.key_issue'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const o = io.opts;
        const ctx = await io.ctx();
        const k = (await app()).issueKey(ctx, {
          label,
          toOwner: o.toOwner,
          idChecked: o.idChecked,
          signedBy: o.signedBy,
          ownerConsent: o.ownerConsent,
          at: o.at,
        });
        return (await view()).keyOutput(k, ctx.tz);
      }),
    );
}

/** damaged, lost, rekeyed, copy, retire: changes to a key. */
function registerChanges(key: Command, t: T): void {
  key
    .command('damaged <label>')
    .description(t('cmd.key_damaged'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const ctx = await io.ctx();
        return (await view()).keyOutput((await app()).damagedKey(ctx, { label, note: io.opts.note, at: io.opts.at }), ctx.tz);
      }),
    );

  key
    .command('lost <label>')
    .description(t('cmd.key_lost'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const ctx = await io.ctx();
        return (await view()).lostOutput(io, (await app()).lostKey(ctx, { label, note: io.opts.note, at: io.opts.at }), ctx.tz);
      }),
    );

  key
    .command('rekeyed <label>')
    .description(t('cmd.key_rekeyed'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const ctx = await io.ctx();
        return (await view()).rekeyedOutput(io, (await app()).rekeyedKey(ctx, { label, note: io.opts.note, at: io.opts.at }), ctx.tz);
      }),
    );

  key
    .command('copy <label>')
    .description(t('cmd.key_copy'))
    .option('--approved-by <code>', t('opt.key_copy_approved_by'))
    .option('--owner-consent <ref>', t('opt.key_owner_consent'))
    .option('--count <n>', t('opt.key_copy_count'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const o = io.opts;
        const ctx = await io.ctx();
        return (await view()).keyOutput(
          (await app()).copyKey(ctx, { label, approvedBy: o.approvedBy, ownerConsent: o.ownerConsent, count: o.count, note: o.note, at: o.at }),
          ctx.tz,
        );
      }),
    );

  key
    .command('retire <label>')
    .description(t('cmd.key_retire'))
    .option('--reason <text>', t('opt.key_reason'))
    .option('--at <time>', t('opt.key_at'))
    .action(
      action({ write: true }, async (io, label: string) => {
        const ctx = await io.ctx();
        await io.prompt.confirm(io.g.yes, 'prompt.key_retire', { label });
        return (await view()).keyOutput((await app()).retireKey(ctx, { label, reason: io.opts.reason, at: io.opts.at }), ctx.tz);
      }),
    );
}
