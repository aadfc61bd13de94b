// Schema versions. A new folder gets schema.sql whole; an older folder gets
// each migration above its user_version, in order, in one immediate
// transaction. Add a migration here AND fold the change into schema.sql.
export const SCHEMA_VERSION = 2;

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    // Reports: units per occupancy and complaints ever delayed, read through
    // indexes instead of a pass over every unit and every complaint event.
    version: 2,
    sql: `CREATE INDEX IF NOT EXISTS units_occupancy ON units(occupancy);
CREATE INDEX IF NOT EXISTS complaint_events_delayed ON complaint_events(complaint_id, at) WHERE type = 'delayed';`,
  },
];
