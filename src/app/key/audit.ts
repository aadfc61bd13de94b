// Inventory (盘点): a physical count of the tags found in the cabinet, read
// from CSV through the common import engine (encodings, line-numbered errors,
// all-or-nothing), compared with the register and recorded.
import { type Ctx, audit, idDate, requireWriter } from '../context.js';
import { type AuditFindings, type CountedEntry, type RegisterEntry, compareCount, expectedInCabinet, isValidLabel, normalizeLabel } from '../../domain/keys.js';
import { nextId } from '../../store/common.js';
import { insertKeyAudit, registerEntries as storedRegister } from '../../store/key.js';
import type { ImportDef, ImportOptions } from '../../store/import/csvimport.js';

export interface AuditResult {
  id: string | null;
  counted_at: number;
  file: string | null;
  findings: AuditFindings;
  /** without a count: what should hang in the cabinet, and what is out */
  register: RegisterEntry[];
}

function registerEntries(ctx: Ctx): RegisterEntry[] {
  return storedRegister(ctx.db);
}

export const COUNT_FIELDS = [
  { key: 'label', headers: ['标签', '钥匙标签', '钥匙编号', '编号', '钥匙'], required: true },
  { key: 'copies', headers: ['数量', '把数', '实有', '件数', 'count'] },
];

/** Without a file: the checklist to count against (nothing recorded). */
export function auditChecklist(ctx: Ctx): AuditResult {
  const register = registerEntries(ctx);
  return {
    id: null,
    counted_at: ctx.clock.now(),
    file: null,
    findings: compareCount(
      register,
      register.filter((r) => expectedInCabinet(r.status)),
    ),
    register,
  };
}

export async function auditCount(ctx: Ctx, file: string, opts: ImportOptions): Promise<AuditResult> {
  requireWriter(ctx, { minRole: 'clerk', action: 'action.key_desk' });
  const { runImport } = await import('../../store/import/csvimport.js');
  const counted: CountedEntry[] = [];
  let result: AuditResult | undefined;
  const now = ctx.clock.now();
  const def: ImportDef<CountedEntry> = {
    fields: COUNT_FIELDS,
    parse(raw, rc) {
      const label = normalizeLabel(raw.label);
      if (!isValidLabel(label)) {
        rc.error('label', 'err.key_bad_label', { value: raw.label });
        return undefined;
      }
      if (raw.copies && !/^\d{1,2}$/.test(raw.copies)) {
        rc.error('copies', 'err.key_bad_copies', { value: raw.copies });
        return undefined;
      }
      return { label, copies: raw.copies ? Number(raw.copies) : undefined };
    },
    key: (c) => c.label,
    upsert(c) {
      counted.push(c);
      return 'unchanged';
    },
    // Inside the import's transaction: the count is recorded, or nothing is.
    finish() {
      const register = registerEntries(ctx);
      const findings = compareCount(register, counted);
      const id = opts.dryRun ? null : nextId(ctx.db, 'KA', idDate(ctx, now));
      if (id) insertKeyAudit(ctx.db, { id, at: now, by: ctx.actor?.code ?? null, file, findings: JSON.stringify(findings) });
      if (id) audit(ctx, 'key.audit', 'key_audit:' + id, null, { file, ...findings });
      result = { id, counted_at: now, file, findings, register };
    },
  };
  await runImport(ctx.db, file, def, opts);
  return result!;
}
