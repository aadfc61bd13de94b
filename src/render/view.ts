// What a command hands to the renderers. Rows hold raw values (instants as
// epoch ms, flagged by the column's `type`); renderers format, mask and
// translate them.
import type { Block } from './report-doc.js';

export type Row = Record<string, unknown>;

/** `lateness`: a span past a due time (ms), negative while it is still to come. */
/** `duration`: a policy as typed (`2wd`, `30m`, `5y`), shown in words (`2个工作日`). */
export type ColumnType = 'text' | 'time' | 'date' | 'bool' | 'number' | 'state' | 'list' | 'pct' | 'span' | 'lateness' | 'duration' | 'person';

export interface Column {
  key: string;
  /** message key (translated) or literal heading */
  label: string;
  type?: ColumnType;
  /** 'state' columns: the label is `enum.<prefix><code>` (a module's own words for a shared code) */
  enumPrefix?: string;
  /**
   * A table on a terminal too narrow for every column leaves this one out
   * (lowest first); files, pipes and --json/--csv keep it.
   */
  drop?: number;
}

export interface Section {
  title: string;
  columns: Column[];
  rows: Row[];
  empty?: string;
  /** on a narrow terminal, wrap long free text inside its cell instead of cutting it with `…` */
  wrap?: boolean;
}

export interface Output {
  /** what --json prints (masked unless --reveal); a function is called only for --json */
  json: unknown;
  /** a list; also what --csv prints */
  table?: Section;
  /** one record as label/value pairs */
  record?: { title?: string; fields: Column[]; row: Row };
  /** further tables (timeline, clocks, …) */
  sections?: Section[];
  /** pre-rendered human text for table format (paper forms, charts) */
  text?: string;
  /** pre-rendered Markdown / HTML for --format md|html */
  md?: string;
  html?: string;
  /**
   * A document in the report's A4 layout (src/render/report-doc.ts): the
   * table format, md, html and xlsx lay these blocks out (src/cli/run.ts);
   * json and csv print `json` and `table` as for any output. Printed whole
   * (a table on a terminal is not cut to a screen).
   */
  doc?: () => Block[];
  /**
   * A list or record that is also a paper form (a visit sheet, a survey, a
   * roll-up): md and html lay the output out in the report's A4 layout under
   * this heading, with the signature line (src/render/output-blocks.ts); the
   * other formats print it as any output.
   */
  form?: { heading: string; sub: string[]; signature?: string };
  /** lines after the human output (already translated) */
  notes?: string[];
}

export interface RenderOpts {
  t: (key: string, params?: Record<string, string | number>) => string;
  lang: 'zh' | 'en';
  tz: string;
  color: boolean;
  reveal: boolean;
  /** a staff member's name by code, for `person` columns (`吴师傅（G002）`) */
  person?: (code: string) => string | undefined;
  /** a terminal's columns: tables are fitted to it (undefined: a pipe or file, nothing is cut) */
  width?: number;
}
