// One data row of an import checked: its cell count against the header, the
// required cells, the text limits of the command line (domain/limits.ts), NUL
// and control characters refused, then the def's own parse. Errors name the
// file's own heading; echoed personal values are masked (SPEC §1).
import type { MsgParams } from '../../errors.js';
import { maskId, maskPhone } from '../../domain/people.js';
import { hasForbiddenControl, overLimit, TEXT_LIMITS, type TextKind } from '../../domain/limits.js';
import { maskPhoneCell } from '../../domain/roster.js';
import type { ImportDef, RowContext } from './def.js';
import type { Columns } from './headings.js';
import type { Problems } from './problems.js';
import type { Source } from './filesource.js';

export class RowCheck<R> {
  /** the line being checked */
  private line = 0;
  /** errors of the row being checked */
  private rowErrors = 0;
  /** what a def's parse reports through */
  readonly rc: RowContext;
  private readonly required: string[];
  private readonly limited: { key: string; limit: TextKind }[];
  private readonly maskOf: Map<string, 'phone' | 'id'>;

  constructor(
    private readonly def: ImportDef<R>,
    private readonly columns: Columns,
    private readonly problems: Problems,
    private readonly source: Source,
  ) {
    this.required = def.fields.filter((f) => f.required && !f.allowEmpty).map((f) => f.key);
    this.limited = def.fields.map((f) => ({ key: f.key, limit: f.limit ?? limitOf(f.key) }));
    this.maskOf = new Map(def.fields.filter((f) => f.mask).map((f) => [f.key, f.mask!]));
    this.rc = {
      line: 0,
      error: (field, key, params) => {
        this.rowErrors++;
        problems.error(this.line, columns.colOf(field), key, this.masked(field, params));
      },
      warn: (field, key, params) => problems.warn(this.line, columns.colOf(field), key, this.masked(field, params)),
      heading: (field) => columns.heading(field),
    };
  }

  /** Echoed values of personal columns are masked (SPEC §1). */
  private masked(field: string, params: MsgParams | undefined): MsgParams {
    const p: MsgParams = { ...params, column: this.columns.heading(field) };
    const m = this.maskOf.get(field);
    if (m && typeof p.value === 'string') p.value = m === 'id' ? maskId(p.value) : maskPhoneCell(p.value);
    return p;
  }

  /** Checks one data record (line `at`); the valid record, or undefined. */
  row(values: string[], at: number): R | undefined {
    this.line = at;
    const width = this.columns.header!.length;
    if (values.length > width) {
      // Extra cells are an error only when they hold something (Excel pads rows with empty cells).
      let extra = false;
      for (let i = width; i < values.length; i++) if (values[i]) extra = true;
      if (extra) {
        this.problems.error(at, this.source.col(width), 'err.csv_column_count', { expected: width, found: values.length });
        return undefined;
      }
    } else if (values.length < width && this.source.format.kind === 'csv') {
      this.problems.error(at, this.source.col(values.length), 'err.csv_column_count', { expected: width, found: values.length });
      return undefined;
    }
    const raw = this.columns.makeRaw(values);
    const { rc, required, limited } = this;
    this.rowErrors = 0;
    rc.line = at;
    for (let i = 0; i < required.length; i++) if (!raw[required[i]]) rc.error(required[i], 'err.csv_required');
    // The same text limits as the command line (domain/limits.ts), NUL and control characters refused.
    for (let i = 0; i < limited.length; i++) {
      const v = raw[limited[i].key];
      if (!v) continue;
      if (hasForbiddenControl(v)) rc.error(limited[i].key, 'err.text_control', { opt: limited[i].key });
      else if (overLimit(limited[i].limit, v))
        rc.error(limited[i].key, 'err.text_too_long', { opt: limited[i].key, limit: TEXT_LIMITS[limited[i].limit], over: overLimit(limited[i].limit, v) });
    }
    if (this.rowErrors) return undefined;
    const r = this.def.parse(raw, rc);
    if (!r || this.rowErrors) return undefined;
    return r;
  }
}

/** A rejected phone or ID number as an error may show it. */
export function maskEcho(field: string, value: string): string {
  if (/(^|_)phone$/.test(field)) return maskPhone(value);
  if (/(^|_)id_number$|^id$/.test(field)) return maskId(value);
  return value;
}

/** A column's text limit by its name, unless the field says (names, phones, notes; codes and labels otherwise). */
export function limitOf(key: string): TextKind {
  if (/(^|_)name$/.test(key)) return 'name';
  if (/(^|_)phone$/.test(key)) return 'phone';
  if (/^(note|notes|description|remark|remarks|minutes)$/.test(key)) return 'note';
  if (/^(place|location|subject|reason|purpose|topic)$/.test(key)) return 'subject';
  return 'label';
}
