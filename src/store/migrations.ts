// Schema versions. A new folder gets schema.sql whole; an older folder gets
// each migration above its user_version, in order, in one immediate
// transaction. Add a migration here AND fold the change into schema.sql.
export const SCHEMA_VERSION = 1;

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: Migration[] = [];
