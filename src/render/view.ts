// What a command hands to the renderers. Rows hold raw values (instants as
// epoch ms, flagged by the column's `type`); renderers format, mask and
// translate them.

export type Row = Record<string, unknown>;

/** `lateness`: a span past a due time (ms), negative while it is still to come. */
export type ColumnType = 'text' | 'time' | 'date' | 'bool' | 'number' | 'state' | 'list' | 'pct' | 'span' | 'lateness';

export interface Column {
  key: string;
  /** message key (translated) or literal heading */
  label: string;
  type?: ColumnType;
  /** 'state' columns: the label is `enum.<prefix><code>` (a module's own words for a shared code) */
  enumPrefix?: string;
}

export interface Section {
  title: string;
  columns: Column[];
  rows: Row[];
  empty?: string;
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
  /** lines after the human output (already translated) */
  notes?: string[];
}

export interface RenderOpts {
  t: (key: string, params?: Record<string, string | number>) => string;
  lang: 'zh' | 'en';
  tz: string;
  color: boolean;
  reveal: boolean;
}
