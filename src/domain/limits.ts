// How long a text may be, the same for the command line, prompts and every
// import (SPEC §1; issue 14): a name from a roster and a name typed at the
// desk pass or fail alike. Counted in characters (code points), not bytes.
// Over the limit is a usage error naming the field and the limit; nothing is
// cut silently.
export const TEXT_LIMITS = {
  /** people's and contractors' names, staff names */
  name: 64,
  /** labels and codes: unit parts, key labels, staff codes, references */
  label: 64,
  /** phone fields (may hold two numbers, "0755-86001234/13800138000") */
  phone: 40,
  /** a complaint's or request's subject, a topic, a reason line */
  subject: 200,
  /** notes, descriptions, minutes, remarks */
  note: 4000,
} as const;

export type TextKind = keyof typeof TEXT_LIMITS;

/** The number of characters over the limit, or 0. */
export function overLimit(kind: TextKind, text: string): number {
  // A cheap pass first: a string of UTF-16 units never holds more code points than units.
  if (text.length <= TEXT_LIMITS[kind]) return 0;
  const n = [...text].length;
  return Math.max(0, n - TEXT_LIMITS[kind]);
}

/** Refused anywhere in text: NUL and the C0 controls other than tab, newline, carriage return. */
export function hasForbiddenControl(text: string): boolean {
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}
