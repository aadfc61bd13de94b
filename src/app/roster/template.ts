// `pmctl template units|staff|keys`: an empty roster with the Chinese
// headings an import reads (each column's first heading in its alias table)
// and one example row that imports as it is.
import { STAFF_COLUMNS_DEF, UNIT_COLUMNS_DEF } from '../../domain/roster.js';
import { UsageError } from '../../errors.js';
import { KEY_IMPORT_FIELDS } from '../key/keys.js';

export const TEMPLATE_KINDS = ['units', 'staff', 'keys'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface Template {
  kind: TemplateKind;
  headings: string[];
  example: string[];
  /** columns holding numbers a clerk must keep as text (leading zeros, ID and phone numbers) */
  text: boolean[];
}

/** The example row of keys uses the words pmctl prints (given by the caller: the catalogue lives in the CLI). */
export function template(kind: string, keyExample: string[]): Template {
  switch (kind) {
    case 'units':
      return {
        kind,
        headings: UNIT_COLUMNS_DEF.map((c) => c.headers[0]),
        example: UNIT_COLUMNS_DEF.map((c) => c.example ?? ''),
        text: UNIT_COLUMNS_DEF.map(() => true),
      };
    case 'staff':
      return {
        kind,
        headings: STAFF_COLUMNS_DEF.map((c) => c.headers[0]),
        example: STAFF_COLUMNS_DEF.map((c) => c.example ?? ''),
        text: STAFF_COLUMNS_DEF.map(() => true),
      };
    case 'keys':
      return {
        kind,
        headings: KEY_IMPORT_FIELDS.map((f) => f.headers[0]),
        example: KEY_IMPORT_FIELDS.map((_, i) => keyExample[i] ?? ''),
        text: KEY_IMPORT_FIELDS.map(() => true),
      };
    default:
      throw new UsageError('err.template_kind', { value: kind }, 'fix.template');
  }
}
