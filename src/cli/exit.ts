// The one place where errors become exit codes and the one-line message
// `pmctl: <what went wrong> — <how to fix it>`.
import { PmError, DataFolderError } from '../errors.js';
import type { T } from './i18n/index.js';

export const EXIT = { ok: 0, internal: 1, usage: 2, not_found: 3, refused: 4, data_folder: 5, overdue: 6 } as const;

interface Mapped {
  code: number;
  lines: string[];
}

function sqliteToPm(e: { code?: string; message: string }): PmError | undefined {
  const c = e.code ?? '';
  if (c === 'SQLITE_BUSY' || c === 'SQLITE_LOCKED' || c.startsWith('SQLITE_BUSY_')) return new DataFolderError('err.db_locked', {}, 'fix.retry_locked');
  if (c === 'SQLITE_CORRUPT' || c === 'SQLITE_NOTADB' || c.startsWith('SQLITE_CORRUPT_'))
    return new DataFolderError('err.db_corrupt', { reason: e.message }, 'fix.restore_backup');
  if (c === 'SQLITE_FULL') return new DataFolderError('err.disk_full', {}, 'fix.free_space');
  if (c.startsWith('SQLITE_READONLY') || c.startsWith('SQLITE_CANTOPEN') || c.startsWith('SQLITE_IOERR') || c === 'SQLITE_PERM')
    return new DataFolderError('err.db_io', { reason: e.message }, 'fix.check_folder');
  return undefined;
}

export function mapError(err: unknown, t: T): Mapped {
  let e = err;
  if (e && typeof e === 'object' && (e as Error).name === 'SqliteError') e = sqliteToPm(e as { code?: string; message: string }) ?? e;
  if (e instanceof PmError) {
    // Params may name an action, a role or a code's label by its message key
    // (requireWriter's `action`, `role`, `need`): no English code reaches a person.
    // A use case names a missing or bad input by its field (`field.reason`);
    // the catalogue spells it as the command line does (`--reason`).
    const word = (v: string) => (/^(action|role|enum|field)\./.test(v) ? t(v) : v);
    const params = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, typeof v === 'string' ? v.split('/').map(word).join('/') : v]));
    const what = t(e.key, params);
    const fix = e.fixKey ? t(e.fixKey, params) : '';
    const lines = [
      `pmctl: ${what}${fix ? ' — ' + fix : ''}`,
      ...e.details.map((d) => '  ' + (typeof d === 'string' ? d : (d.prefix ? d.prefix + ' ' : '') + t(d.key, d.params))),
    ];
    return { code: EXIT[e.kind === 'overdue' ? 'overdue' : e.kind], lines };
  }
  const msg = err instanceof Error ? err.message : String(err);
  const lines = [`pmctl: ${t('err.internal', { reason: msg })} — ${t('fix.report_bug')}`];
  if (process.env.PMCTL_DEBUG === '1' && err instanceof Error && err.stack) lines.push(err.stack);
  return { code: EXIT.internal, lines };
}
