// A request that turns out to be a complaint (`complaint new --from-request
// ID`): the complaint is registered with the request's facts and the two
// name each other. One transaction, one audit entry for the link.
import { RuleRefused } from '../../errors.js';
import { writeTx } from '../../store/db.js';
import { addRequestEvent, linkComplaint, updateRequest } from '../../store/request.js';
import { type Ctx, audit } from '../context.js';
import { newComplaint, type NewInput } from '../complaint/workflow.js';
import { getComplaint, type ComplaintRow } from '../complaint/records.js';
import { getRequest } from './workflow.js';

/** The complaint facts a request already holds (what `complaint new --from-request` need not ask). */
export function complaintFactsOf(ctx: Ctx, requestId: string): Pick<NewInput, 'unit' | 'name' | 'phone' | 'subject' | 'category' | 'channel'> {
  const r = getRequest(ctx, requestId);
  return {
    unit: r.unit ?? r.address ?? '',
    name: r.name,
    phone: r.phone,
    subject: r.subject,
    category: r.kind === 'repair' ? 'repair' : 'service',
    channel: r.channel,
  };
}

export function raiseFromRequest(ctx: Ctx, requestId: string, input: Partial<NewInput>): ComplaintRow {
  return writeTx(ctx.db, () => {
    const r = getRequest(ctx, requestId);
    if (r.complaint_id) throw new RuleRefused('err.r_already_raised', { id: r.id, complaint: r.complaint_id }, 'fix.r_show');
    const facts = complaintFactsOf(ctx, r.id);
    const c = newComplaint(ctx, {
      ...facts,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== '')),
      description: input.description ?? `${r.id} ${r.subject}`,
    } as NewInput);
    linkComplaint(ctx.db, c.id, r.id);
    const now = ctx.clock.now();
    updateRequest(ctx.db, r.id, { complaint_id: c.id }, now);
    addRequestEvent(ctx.db, {
      request_id: r.id,
      type: 'complaint_raised',
      at: c.received_at,
      by: ctx.actor?.code ?? null,
      actor: ctx.actor?.code ?? null,
      note: null,
      data: JSON.stringify({ complaint: c.id }),
      recorded_at: now,
    });
    audit(ctx, 'request.to_complaint', 'request:' + r.id, { complaint_id: null }, { complaint_id: c.id });
    return getComplaint(ctx, c.id);
  });
}
