// Typed errors. Each carries a message key (see src/cli/i18n) and params so the
// CLI can print it in the user's language; exit codes are mapped in
// src/cli/exit.ts only.

export type MsgParams = Record<string, string | number>;

/** A detail line under the error: a literal, or a message with a prefix such as `units.csv:7:3:`. */
export type Detail = string | { prefix?: string; key: string; params?: MsgParams };

export abstract class PmError extends Error {
  abstract readonly kind: 'usage' | 'not_found' | 'refused' | 'data_folder' | 'overdue';
  constructor(
    readonly key: string,
    readonly params: MsgParams = {},
    /** message key telling the user how to fix it */
    readonly fixKey?: string,
    readonly details: Detail[] = [],
  ) {
    super(key + (Object.keys(params).length ? ' ' + JSON.stringify(params) : ''));
  }
}

/** Malformed input, unknown option or value (exit 2). */
export class UsageError extends PmError {
  readonly kind = 'usage' as const;
}
/** A referenced record does not exist (exit 3). */
export class NotFound extends PmError {
  readonly kind = 'not_found' as const;
}
/** Refused by a rule of the standard or by a permission (exit 4). */
export class RuleRefused extends PmError {
  readonly kind = 'refused' as const;
}
/** Data folder missing, locked, corrupt or newer (exit 5). */
export class DataFolderError extends PmError {
  readonly kind = 'data_folder' as const;
}
/** `--check` found overdue items (exit 6); not an error message. */
export class OverdueFound extends PmError {
  readonly kind = 'overdue' as const;
}
