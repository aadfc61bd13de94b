// Cell formatting shared by every renderer: times in site time, masking of
// personal data, translated enum codes.
import { formatIso, formatLocal } from '../domain/time.js';
import { maskId, maskPhone } from '../domain/people.js';
import { formatSpan, humanDuration } from '../domain/duration.js';
import type { Column, RenderOpts } from './view.js';

const PHONE_KEY = /(^|_)phone$/;
const ID_KEY = /(^|_)id_number$/;

export function isPhoneKey(k: string): boolean {
  return PHONE_KEY.test(k);
}
export function isIdKey(k: string): boolean {
  return ID_KEY.test(k);
}

export function maskValue(key: string, v: unknown, reveal: boolean): unknown {
  if (reveal || v === null || v === undefined || typeof v !== 'string') return v;
  if (PHONE_KEY.test(key)) return maskPhone(v);
  if (ID_KEY.test(key)) return maskId(v);
  return v;
}

/** Deep copy of a JSON value with phone and ID-number fields masked. */
export function maskJson(v: unknown, reveal: boolean, key = ''): unknown {
  if (reveal) return v;
  if (Array.isArray(v)) return v.map((x) => maskJson(x, reveal, key));
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = maskJson(x, reveal, k);
    return o;
  }
  return maskValue(key, v, reveal);
}

/** A staff member as people read them: `吴师傅（G002）`, `Wu (G002)`; an unknown code (or a name) as it is. */
export function personText(code: string, o: Pick<RenderOpts, 'person' | 'lang'>): string {
  const name = o.person?.(code);
  if (!name || name === code) return code;
  return o.lang === 'zh' ? `${name}（${code}）` : `${name} (${code})`;
}

/** A cell for humans (table, md). */
export function cellText(col: Column, v: unknown, o: RenderOpts): string {
  if (v === null || v === undefined || v === '') return '';
  switch (col.type) {
    case 'time':
      return typeof v === 'number' ? formatLocal(v, o.tz) : String(v);
    case 'bool':
      return v ? o.t('word.yes') : o.t('word.no');
    case 'pct':
      return typeof v === 'number' ? (v * 100).toFixed(1).replace(/\.0$/, '') + '%' : String(v);
    case 'span':
      return typeof v === 'number' ? formatSpan(v, o.lang) : String(v);
    case 'lateness':
      // A clerk reads "late by 3h", or for what is due soon "in 40m", not "-40m".
      return typeof v === 'number' ? (v >= 0 ? formatSpan(v, o.lang) : o.t('word.due_in', { span: formatSpan(-v, o.lang) })) : String(v);
    case 'person': {
      // Not a staff code but a word pmctl stands in for one (handler_not_recorded): its label.
      const k = 'enum.' + String(v);
      const word = o.person?.(String(v)) ? undefined : o.t(k);
      return word !== undefined && word !== k ? word : personText(String(v), o);
    }
    case 'duration': {
      const s = String(v);
      const h = humanDuration(s, o.lang);
      if (h !== s) return h;
      const tr = o.t('enum.' + s);
      return tr === 'enum.' + s ? s : tr;
    }
    case 'state': {
      const s = String(v);
      const k = 'enum.' + (col.enumPrefix ?? '') + s;
      const tr = o.t(k);
      return tr === k ? s : tr;
    }
    case 'list':
      return Array.isArray(v) ? v.join(', ') : String(v);
    default:
      return String(maskValue(col.key, typeof v === 'number' ? v : String(v), o.reveal));
  }
}

/** A cell for machines (csv): ISO times, codes untranslated. */
export function cellRaw(col: Column, v: unknown, o: RenderOpts): string {
  if (v === null || v === undefined) return '';
  switch (col.type) {
    case 'time':
      return typeof v === 'number' ? formatIso(v, o.tz) : String(v);
    case 'bool':
      return v ? 'true' : 'false';
    case 'list':
      return Array.isArray(v) ? v.join(';') : String(v);
    default:
      return String(maskValue(col.key, typeof v === 'number' ? v : String(v), o.reveal));
  }
}

/** Buildings a table or report names before "… +N" (JSON keeps them all). */
const BUILDINGS_SHOWN = 8;

/** An overdue item's detail for people: a patrol week's long list of buildings cut to its first few. */
export function overdueDetailText(i: { detail?: string; buildings?: string[] }): string | undefined {
  if (i.buildings && i.buildings.length > BUILDINGS_SHOWN)
    return `${i.buildings.slice(0, BUILDINGS_SHOWN).join(', ')} … +${i.buildings.length - BUILDINGS_SHOWN}`;
  return i.detail;
}

/** A record's event as SPEC §10 shows it (complaints and requests alike): local ISO time, data parsed. */
export function eventJson(e: { type: string; at: number; by: string | null; actor: string | null; note: string | null; data: string | null }, tz: string) {
  return {
    type: e.type,
    at: formatIso(e.at, tz),
    by: e.by,
    actor: e.actor,
    note: e.note,
    ...(e.data ? { data: JSON.parse(e.data) as unknown } : {}),
  };
}
