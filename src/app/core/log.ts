// `pmctl log`: the audit log, newest first.
import type { Ctx } from '../context.js';
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
  'staff', 'unit', 'calendar', 'complaint', 'sla', 'key', 'key_loan', 'key_audit', 'dossier', 'document', 'archive_loan',
  'destruction', 'handover', 'meeting', 'action', 'setting', 'file', 'site', 'request',
];

export function readLog(ctx: Ctx, f: { entity?: string; since?: number; until?: number; actor?: string; action?: string; limit?: number }): AuditRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.entity) {
    const names = f.entity.includes(':') ? [f.entity] : [f.entity, ...ENTITY_TYPES.map((p) => `${p}:${f.entity}`)];
    // A unit added by an import: the import's one entry names it (audit_labels).
    const unit = f.entity.startsWith('unit:') ? f.entity.slice(5) : f.entity.includes(':') ? '' : f.entity;
    const ids = unit ? auditIdsNaming(ctx.db, 'unit', unit) : [];
    where.push(`(entity IN (${names.map(() => '?').join(',')})${ids.length ? ` OR id IN (${ids.map(() => '?').join(',')})` : ''})`);
    args.push(...names, ...ids);
  }
  if (f.since !== undefined) {
    where.push('at >= ?');
    args.push(f.since);
  }
  if (f.until !== undefined) {
    where.push('at < ?');
    args.push(f.until);
  }
  if (f.actor) {
    where.push('actor = ?');
    args.push(f.actor);
  }
  if (f.action) {
    where.push('action LIKE ?');
    args.push(f.action.replace(/\*/g, '%') + (f.action.includes('*') ? '' : '%'));
  }
  const rows = ctx.db
    .prepare(`SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`)
    .all(...args, f.limit ?? 100) as (Omit<AuditRow, 'before' | 'after'> & { before: string | null; after: string | null })[];
  return rows.map((r) => ({ ...r, before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null }));
}
