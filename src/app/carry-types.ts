// What a shift handover carries over from the other modules (SPEC §6): every
// open complaint, key loan, archive loan, open action item, open service
// request and patrol finding not yet fixed, under its own id.
export type CarriedKind = 'complaint' | 'key_loan' | 'archive_loan' | 'action' | 'service_request' | 'finding';

export interface CarriedItem {
  kind: CarriedKind;
  /** the id the taker acknowledges with `handover check ID <id> ok` */
  id: string;
  /** one line for the paper form, e.g. "3-2-1502 漏水 — dispatched, reply due 11-25" */
  label: string;
  due_at?: number | null;
}
