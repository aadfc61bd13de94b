// An import file's header: each heading resolved to a def's field (English,
// Chinese or a common variant, trimmed and width-folded, or a site's own
// through --map), the columns a def needs and lacks, and the raw record of
// each data row built for that header.
import { UsageError } from '../../errors.js';
import { foldHeading } from '../../domain/roster.js';
import type { ImportDef, ImportField } from './def.js';
import type { Source } from './filesource.js';
import type { Problems } from './problems.js';

/** Resolve --map targets (a column key or any of its headings) against a def's fields. */
export function mapTargets(fields: ImportField[], map: [string, string][]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [heading, target] of map) {
    const t = foldHeading(target);
    const f = fields.find((x) => foldHeading(x.key) === t || x.headers.some((h) => foldHeading(h) === t));
    if (!f) throw new UsageError('err.map_unknown_column', { value: target, columns: fields.map((x) => x.key).join(', ') }, 'fix.map');
    out.set(foldHeading(heading), f.key);
  }
  return out;
}

/** The field a heading names: --map first, then the alias tables (with and without a bracketed note). */
export function headingResolver(fields: ImportField[], map: Map<string, string>): (h: string) => string | undefined {
  const known = new Map<string, string>();
  for (const f of fields) {
    for (const h of [f.key, ...f.headers]) {
      const k = foldHeading(h);
      if (!known.has(k)) known.set(k, f.key);
    }
  }
  return (h) => {
    const a = foldHeading(h);
    if (!a) return undefined;
    const b = foldHeading(h, true);
    return map.get(a) ?? map.get(b) ?? known.get(a) ?? known.get(b);
  };
}

/** Headings that look like a wrong encoding: replacement characters or letters no roster uses. */
function looksGarbled(h: string): boolean {
  return /[\uFFFD\u0080-\u009f\u0100-\u024f\u0370-\u04ff\ue000-\uf8ff]/.test(h);
}

/** The header of one file, once read: where each field is, and the headings for messages. */
export class Columns {
  header?: string[];
  /** each field's column */
  readonly colIndex = new Map<string, number>();
  /** headings no field reads (reported in the result, not an error) */
  readonly ignored: string[] = [];
  /** a data row's values → the raw record a def parses (compiled for the header) */
  makeRaw: (values: string[]) => Record<string, string> = () => ({});

  constructor(
    private readonly source: Source,
    private readonly resolve: (h: string) => string | undefined,
  ) {}

  /** A field's place in the header: its column, or `#<index>` for one of otherColumns. */
  private placeOf(field: string): number | undefined {
    return this.colIndex.has(field) ? this.colIndex.get(field)! : /^#\d+$/.test(field) ? Number(field.slice(1)) : undefined;
  }

  /** The file's own heading of a field (for messages). */
  heading(field: string): string {
    const i = this.placeOf(field);
    return i !== undefined && this.header?.[i] !== undefined ? this.header[i].trim() : field;
  }

  /** The column label of a field for an error prefix (`-` if the file has none). */
  colOf(field: string): string {
    const i = this.placeOf(field);
    return i !== undefined ? this.source.col(i) : '-';
  }

  /**
   * The header row, on line `at`: each heading resolved to a field (a field
   * named twice is an error; headings no field reads are ignored, or kept for
   * a def's otherColumns), then the fields missing from it.
   */
  read(values: string[], at: number, def: Pick<ImportDef<unknown>, 'fields' | 'otherColumns'>, problems: Problems, encoding: string): void {
    const header = values;
    this.header = header;
    problems.headerLine = at;
    let hits = 0;
    const others: number[] = [];
    header.forEach((h, i) => {
      const k = this.resolve(h);
      if (!k) {
        if (def.otherColumns) others.push(i);
        else if (h.trim()) this.ignored.push(h.trim());
        return;
      }
      hits++;
      if (this.colIndex.has(k)) problems.error(at, this.source.col(i), 'err.csv_dup_column', { column: h.trim(), other: header[this.colIndex.get(k)!].trim() });
      else this.colIndex.set(k, i);
    });
    const missing = def.fields.filter((f) => f.required && !this.colIndex.has(f.key));
    if (missing.length) this.reportMissing(missing, hits, at, problems, encoding);
    this.makeRaw = compileRaw(this.colIndex, others);
    def.otherColumns?.header(header, new Set(this.colIndex.values()));
  }

  /** Required columns the header lacks: or the reason none was found (a separator or an encoding pmctl did not see). */
  private reportMissing(missing: ImportField[], hits: number, at: number, problems: Problems, encoding: string): void {
    const header = this.header!;
    const fmt = this.source.format;
    const shown = header.join(fmt.kind === 'csv' ? fmt.delimiter : ' | ').slice(0, 80);
    if (header.length === 1 && fmt.kind === 'csv') {
      // Nothing split the header: not one of the separators pmctl reads.
      problems.error(at, '-', 'err.csv_separator', { header: shown });
    } else if (!hits && looksGarbled(header.join(''))) {
      problems.error(at, '-', 'err.csv_encoding_wrong', { header: shown, encoding });
    } else {
      for (const f of missing) problems.error(at, '-', 'err.csv_missing_column', { column: f.key, heading: f.headers[0] ?? f.key });
      if (!hits) problems.error(at, '-', 'err.csv_no_known_heading', { header: shown });
    }
  }
}

/**
 * One object literal per row, compiled for this header: building it key by
 * key showed in profiles of big files (a megamorphic keyed store). The keys
 * are the def's own field names, never text from the file.
 */
function compileRaw(colIndex: Map<string, number>, others: number[]): (values: string[]) => Record<string, string> {
  return new Function(
    'v',
    `return {${[...[...colIndex].map(([k, i]) => `${JSON.stringify(k)}: v[${i}] ?? ''`), ...others.map((i) => `"#${i}": v[${i}] ?? ''`)].join(', ')}};`,
  ) as (v: string[]) => Record<string, string>;
}
