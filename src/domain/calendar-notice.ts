// The State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知),
// read as published or pasted: pure text in, official days out. Every shape the
// notices have used since 2017 is read:
//   一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
//   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。…
//   一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
//   一、元旦：1月1日放假，1月2日（星期一）补休。
//   四、劳动节：5月1日放假，与周末连休。
//   一、元旦：1月1日（周三）放假1天，不调休。
//   六、中秋节、国庆节：10月1日至8日放假调休，共8天。9月30日（星期六）上班。
// A weekday note that contradicts its date, a "共N天" that does not match the
// range, or a day both off and on is an error: nothing may be written from it.
import { addDays, isoWeekday } from './time.js';

export type OfficialDayType = 'holiday' | 'workday';

export interface OfficialDay {
  date: string;
  type: OfficialDayType;
  /** the holiday's name as the source writes it (元旦, 中秋节、国庆节) */
  name: string;
}

/** Official days for whole years: they replace the package's data for those years. */
export interface OfficialSet {
  years: number[];
  days: OfficialDay[];
}

export interface NoticeProblem {
  /** 1-based line of the text */
  line: number;
  /** message key (cli/i18n/calendar.ts) */
  key: string;
  params: Record<string, string | number>;
}

export interface NoticeSection {
  line: number;
  name: string;
  holidays: string[];
  workdays: string[];
  /** the "共N天" the notice states, when it does */
  stated_days: number | null;
}

export type NoticeResult =
  { ok: true; year: number; set: OfficialSet; sections: NoticeSection[]; warnings: NoticeProblem[] } | { ok: false; errors: NoticeProblem[] };

const WEEKDAY_CHARS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const WD_ZH = ['', '一', '二', '三', '四', '五', '六', '日'];
const NUMERAL = '[一二三四五六七八九十]+';

/** A date as the notices write it, with its optional parenthesised note: 2018年12月30日（星期日）. */
const DATE_RE = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日(?:\s*\(([^)]*)\))?/g;

interface DateTok {
  year?: number;
  month?: number;
  day: number;
  note?: string;
  index: number;
  end: number;
  text: string;
}

function tokens(s: string): DateTok[] {
  const out: DateTok[] = [];
  for (const m of s.matchAll(DATE_RE)) {
    out.push({
      year: m[1] ? +m[1] : undefined,
      month: m[2] ? +m[2] : undefined,
      day: +m[3],
      note: m[4],
      index: m.index!,
      end: m.index! + m[0].length,
      text: m[0],
    });
  }
  return out;
}

function iso(y: number, m: number, d: number): string | undefined {
  const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(s + 'T00:00:00Z');
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== s ? undefined : s;
}

/** Full-width digits and punctuation folded (NFKC: （ → (, ： → :, ， → ,, １ → 1). */
function fold(s: string): string {
  return s.normalize('NFKC').replace(/\u3000/g, ' ');
}

/** The notice's year from its title or first sentence; undefined when it names none. */
export function noticeYear(text: string): number | undefined {
  const t = fold(text);
  const m = /关于\s*(\d{4})\s*年[^\n]{0,12}?(?:节假日|假日|放假)/.exec(t) ?? /现将\s*(\d{4})\s*年/.exec(t) ?? /(\d{4})\s*年\s*(?:部分)?节假日安排/.exec(t);
  return m ? +m[1] : undefined;
}

interface RawSection {
  line: number;
  name: string;
  body: string;
}

function sectionsOf(text: string): RawSection[] {
  const lines = fold(text).split(/\r\n|\r|\n/);
  const head = new RegExp(`^\\s*(${NUMERAL})\\s*[、.,]\\s*([^:]{1,24}?)\\s*:\\s*(.*)$`);
  const out: RawSection[] = [];
  let cur: RawSection | undefined;
  lines.forEach((raw, i) => {
    const l = raw.trim();
    const m = head.exec(l);
    if (m) {
      cur = { line: i + 1, name: m[2].trim(), body: m[3] };
      out.push(cur);
    } else if (cur && l && !/[。.]$/.test(cur.body.trim())) {
      // A sentence wrapped onto the next line when pasted from a web page.
      cur.body += l;
    } else if (!l || cur) cur = undefined;
  });
  return out;
}

/** The calendar year of a date written without one: December dates of a 元旦 line belong to the year before. */
function yearFor(tok: DateTok, month: number, noticeYr: number, section: string, prev?: { year: number; month: number }): number {
  if (tok.year) return tok.year;
  if (prev) return month < prev.month ? prev.year + 1 : prev.year;
  if (month === 12 && /元旦/.test(section)) return noticeYr - 1;
  return noticeYr;
}

export function parseNotice(text: string, opts: { year?: number } = {}): NoticeResult {
  const errors: NoticeProblem[] = [];
  const warnings: NoticeProblem[] = [];
  const stated = noticeYear(text);
  if (opts.year && stated && opts.year !== stated)
    return { ok: false, errors: [{ line: 0, key: 'err.notice_year_mismatch', params: { stated, given: opts.year } }] };
  const year = opts.year ?? stated;
  if (!year) return { ok: false, errors: [{ line: 0, key: 'err.notice_no_year', params: {} }] };

  const raw = sectionsOf(text);
  const sections: NoticeSection[] = [];
  const byDate = new Map<string, OfficialDay & { line: number }>();

  const resolve = (tok: DateTok, line: number, section: string, prev?: { year: number; month: number }): string | undefined => {
    const month = tok.month ?? prev?.month;
    if (!month) {
      errors.push({ line, key: 'err.notice_no_month', params: { text: tok.text } });
      return undefined;
    }
    const y = yearFor(tok, month, year, section, prev);
    const d = iso(y, month, tok.day);
    if (!d) {
      errors.push({ line, key: 'err.notice_bad_date', params: { text: tok.text } });
      return undefined;
    }
    const wm = tok.note && /(?:星期|周|礼拜)\s*([一二三四五六日天])/.exec(tok.note);
    if (wm) {
      const said = WEEKDAY_CHARS[wm[1]];
      const real = isoWeekday(d);
      if (said !== real) errors.push({ line, key: 'err.notice_weekday', params: { date: d, stated: WD_ZH[said], actual: WD_ZH[real] } });
    }
    return d;
  };

  const put = (date: string, type: OfficialDayType, name: string, line: number, sec: NoticeSection) => {
    const had = byDate.get(date);
    if (had && had.type !== type) {
      errors.push({ line, key: 'err.notice_both', params: { date } });
      return;
    }
    if (!had) byDate.set(date, { date, type, name, line });
    (type === 'holiday' ? sec.holidays : sec.workdays).push(date);
  };

  for (const r of raw) {
    const sec: NoticeSection = { line: r.line, name: r.name, holidays: [], workdays: [], stated_days: null };
    sections.push(sec);
    const before = errors.length;
    // Sentences; one that holds both days off and 上班 (pasted with commas) is read clause by clause.
    const sentences = r.body.split(/[。;；]/).flatMap((x) => (/放假|补休/.test(x) && /上班/.test(x) ? x.split(/[,，]/) : [x]));
    for (const sentence of sentences) {
      const s = sentence.trim();
      if (!s) continue;
      const toks = tokens(s);
      const off = /放假|补休/.test(s);
      const on = /上班/.test(s);
      if (!off && !on) continue; // e.g. "鼓励各单位…安排职工在除夕（2月9日）休息"
      if (off && on) {
        errors.push({ line: r.line, key: 'err.notice_unreadable', params: { text: s } });
        continue;
      }
      if (!toks.length) {
        errors.push({ line: r.line, key: 'err.notice_unreadable', params: { text: s } });
        continue;
      }
      if (on) {
        // 2月14日（周六）、2月28日（周六）上班
        for (const tok of toks) {
          const d = resolve(tok, r.line, r.name);
          if (d) {
            put(d, 'workday', r.name, r.line, sec);
            if (isoWeekday(d) < 6) warnings.push({ line: r.line, key: 'warn.notice_weekday_workday', params: { date: d } });
          }
        }
        continue;
      }
      // Holidays: "A至B放假…", "A放假…", "…，C补休".
      let i = 0;
      while (i < toks.length) {
        const a = toks[i];
        const da = resolve(a, r.line, r.name);
        const between = i + 1 < toks.length ? s.slice(a.end, toks[i + 1].index) : '';
        if (i + 1 < toks.length && /^\s*(?:至|到|-|~|—|–)\s*$/.test(between)) {
          const b = toks[i + 1];
          const db = da ? resolve(b, r.line, r.name, { year: +da.slice(0, 4), month: +da.slice(5, 7) }) : undefined;
          if (da && db) {
            if (db < da) errors.push({ line: r.line, key: 'err.notice_bad_range', params: { from: da, to: db } });
            else {
              let n = 0;
              for (let d = da; d <= db && n < 60; d = addDays(d, 1), n++) put(d, 'holiday', r.name, r.line, sec);
            }
          }
          i += 2;
        } else {
          if (da) put(da, 'holiday', r.name, r.line, sec);
          i += 1;
        }
      }
      const total = /共\s*(\d+)\s*天/.exec(s) ?? /放假\s*(\d+)\s*天/.exec(s);
      if (total) {
        sec.stated_days = +total[1];
        const got = new Set(sec.holidays).size;
        if (got !== sec.stated_days && errors.length === before)
          errors.push({ line: r.line, key: 'err.notice_count', params: { name: r.name, stated: sec.stated_days, counted: got } });
      }
    }
    if (!sec.holidays.length && !sec.workdays.length && errors.length === before)
      errors.push({ line: r.line, key: 'err.notice_no_days', params: { name: r.name } });
  }
  if (!raw.length) errors.push({ line: 0, key: 'err.notice_no_sections', params: {} });
  if (errors.length) return { ok: false, errors };
  const days = [...byDate.values()].map(({ date, type, name }) => ({ date, type, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
  return { ok: true, year, set: { years: [year], days }, sections, warnings };
}

/** The year whose calendar a day belongs to: late-December days of a 元旦 holiday belong to the next year's notice. */
export function dayYear(d: OfficialDay): number {
  const y = +d.date.slice(0, 4);
  return d.date.slice(5, 7) === '12' && /元旦|new year/i.test(d.name) ? y + 1 : y;
}
