import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import type { Explained } from '../../render/views/sla.js';
import type { Ctx } from '../../app/context.js';

const view = () => import('../../render/views/sla.js');

export function register(program: Command): void {
  const t = helpT();
  const sla = program.command('sla').description(t('cmd.sla')).addHelpText('before', t('help.sla'));
  registerPolicies(sla, t);

  sla
    .command('explain <id>')
    .description(t('cmd.sla_explain'))
    .action(
      action({}, async (io, id: string) => {
        const ctx = await io.ctx();
        return (await view()).slaExplainOutput(io, await explained(ctx, id), ctx.tz);
      }),
    );
}

/** show, set: the policies in force and the manager's changes to them. */
function registerPolicies(sla: Command, t: T): void {
  sla
    .command('show')
    .description(t('cmd.sla_show'))
    .action(
      action({}, async (io) => {
        const ctx = await io.ctx();
        const { slaShow } = await import('../../app/complaint/sla.js');
        const rows = slaShow(ctx);
        const { requestSlaShow } = await import('../../app/request/sla.js');
        return (await view()).slaShowOutput(io, rows, requestSlaShow(ctx));
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
          ? requestSlaSet(ctx, clock, duration, {
              kind: rkind,
              urgency: io.opts.urgency ? parseChoice('request_urgency', io.opts.urgency, io.lang) : undefined,
            })
          : slaSet(ctx, io.choice('clock', clock), duration, { severity: io.opts.severity, kind: io.opts.kind ? io.choice('kind', io.opts.kind) : undefined });
        return (await view()).slaSetOutput(io, r);
      }),
    );
}

/** A record's clocks explained: a request id (R…) explains the request clocks, on the same calendar. */
async function explained(ctx: Ctx, id: string): Promise<Explained> {
  if (/^r\d/i.test(id.trim())) {
    const { requestSlaExplain } = await import('../../app/request/sla.js');
    const e = requestSlaExplain(ctx, id);
    return { subject: { id: e.request.id, severity: e.request.urgency ?? '', kind: e.request.kind }, request: true, clocks: e.clocks };
  }
  const x = (await import('../../app/complaint/sla.js')).slaExplain(ctx, id);
  return { subject: x.complaint, request: false, clocks: x.clocks };
}
