// `pmctl log`: the audit log, newest first.
import type { Ctx } from '../context.js';
import { auditEntries } from '../../store/site.js';
import { auditIdsNaming } from '../../store/common.js';

export interface AuditRow {
  id: number;
  at: number;
  actor: string | null;
  action: string;
  entity: string | null;
  before: unknown;
  after: unknown;
}

/** Entity prefixes, so `--entity C20261123-004` finds `complaint:C20261123-004` through the index. */
export const ENTITY_TYPES = [
  'staff',
  'unit',
  'calendar',
  'complaint',
  'sla',
  'key',
  'key_loan',
  'key_audit',
  'dossier',
  'document',
  'archive_loan',
  'destruction',
  'handover',
  'meeting',
  'action',
  'setting',
  'file',
  'site',
  'request',
];

export function readLog(ctx: Ctx, f: { entity?: string; since?: number; until?: number; actor?: string; action?: string; limit?: number }): AuditRow[] {
  const entities = f.entity ? (f.entity.includes(':') ? [f.entity] : [f.entity, ...ENTITY_TYPES.map((p) => `${p}:${f.entity}`)]) : undefined;
  // A unit added by an import: the import's one entry names it (audit_labels).
  const unit = !f.entity ? '' : f.entity.startsWith('unit:') ? f.entity.slice(5) : f.entity.includes(':') ? '' : f.entity;
  const ids = unit ? auditIdsNaming(ctx.db, 'unit', unit) : [];
  const rows = auditEntries(ctx.db, { entities, ids, since: f.since, until: f.until, actor: f.actor, action: f.action, limit: f.limit ?? 100 });
  return rows.map((r) => ({ ...r, before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null }));
}
