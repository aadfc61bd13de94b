// Schema versions. A new folder gets schema.sql (which is schema
// SCHEMA_BASE whole) and then every migration above SCHEMA_BASE; an older
// folder gets each migration above its user_version. Both in order, in one
// immediate transaction. Changes up to schema 4 were folded into schema.sql;
// from schema 5 on, a module's tables live in its migration only (one place
// to read them, and no two branches editing the end of schema.sql).
//
// Numbers taken (a gap is harmless: migrations run in order of version):
//  5 complaint procedure (SPEC §3 v2)   6 service requests (§11)
//  7 patrols (§12)                        8 renovation (§13)
//  9 visits, surveys, events (§14)       10 calendar provenance (§2 v2)
// 11 safe files and limits               12 head office (§15)
// 13 rosters (§2 v2)                     14 Chinese desk (§1 v2, §8 v2)
import type { DB } from './db.js';

/** The version schema.sql creates. */
export const SCHEMA_BASE = 4;

export interface Migration {
  version: number;
  /** Statements, or a function for what SQL cannot say conditionally (a column added only if missing). */
  sql: string | ((db: DB) => void);
}

/** ALTER TABLE … ADD COLUMN, skipped when the column is there (a folder upgraded by hand, or re-marked older). */
function addColumns(db: DB, table: string, columns: Record<string, string>): void {
  const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
  for (const [name, type] of Object.entries(columns)) if (!have.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
}

export const MIGRATIONS: Migration[] = [
  {
    // Schema 2. archive find: a name or a surname as a prefix, through an
    // index. Reports: units per occupancy and complaints ever delayed, read
    // through indexes instead of a pass over every unit and every event.
    version: 2,
    sql: `CREATE INDEX IF NOT EXISTS units_owner_name ON units(owner_name);
CREATE INDEX IF NOT EXISTS units_tenant_name ON units(tenant_name);
CREATE INDEX IF NOT EXISTS units_occupancy ON units(occupancy);
CREATE INDEX IF NOT EXISTS complaint_events_delayed ON complaint_events(complaint_id, at) WHERE type = 'delayed';`,
  },
  {
    // Schema 3. clocks_by_due holds only clocks with a due time: the reports
    // look clocks up by due time only, and some 40 % of the rows (clocks that
    // never started) had an entry for nothing. A smaller index to keep up on
    // every write, and to build for a big site.
    version: 3,
    sql: `DROP INDEX IF EXISTS clocks_by_due;
CREATE INDEX clocks_by_due ON complaint_clocks(clock, due_at) WHERE due_at IS NOT NULL;`,
  },
  {
    // Schema 4. A meeting can be called off (pmctl meeting cancel), with who
    // and why; it then takes no attendance, minutes or action items.
    version: 4,
    sql: (db) => addColumns(db, 'meetings', { cancelled_at: 'INTEGER', cancelled_by: 'TEXT', cancel_reason: 'TEXT' }),
  },
  {
    // Schema 8. Renovation (SPEC §13): permits, workers' passes, inspections
    // and rectification notices (《装修违章整改通知书》). Money in integer fen,
    // permit dates as site dates (YYYY-MM-DD).
    version: 8,
    sql: `CREATE TABLE IF NOT EXISTS renovations (
  id TEXT PRIMARY KEY,
  unit TEXT NOT NULL REFERENCES units(label),
  status TEXT NOT NULL CHECK (status IN ('applied','reviewed','rejected','approved','stopped','completed','accepted','closed')),
  contractor TEXT NOT NULL,
  contractor_phone TEXT NOT NULL,
  scope TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  deposit_fen INTEGER NOT NULL DEFAULT 0,
  extinguishers INTEGER,
  extinguishers_at INTEGER,
  applied_at INTEGER NOT NULL,
  applied_by TEXT,
  reviewed_at INTEGER,
  reviewed_by TEXT,
  review_note TEXT,
  approved_at INTEGER,
  approved_by TEXT,
  permit_doc TEXT,
  last_inspected_at INTEGER,
  completed_at INTEGER,
  completed_by TEXT,
  accepted_at INTEGER,
  accepted_by TEXT,
  accepted_with TEXT,
  accept_result TEXT,
  accept_note TEXT,
  accept_doc TEXT,
  refunded_at INTEGER,
  refunded_by TEXT,
  deduct_fen INTEGER,
  deduct_reason TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS renovations_status ON renovations(status);
CREATE INDEX IF NOT EXISTS renovations_unit ON renovations(unit);
CREATE TABLE IF NOT EXISTS renovation_passes (
  id INTEGER PRIMARY KEY,
  renovation_id TEXT NOT NULL REFERENCES renovations(id),
  name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  trade TEXT NOT NULL,
  certificate TEXT,
  issued_at INTEGER NOT NULL,
  issued_by TEXT
);
CREATE INDEX IF NOT EXISTS renovation_passes_by ON renovation_passes(renovation_id);
CREATE TABLE IF NOT EXISTS renovation_inspections (
  id INTEGER PRIMARY KEY,
  renovation_id TEXT NOT NULL REFERENCES renovations(id),
  at INTEGER NOT NULL,
  by TEXT,
  result TEXT NOT NULL CHECK (result IN ('ok','violation')),
  serious INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL,
  notice_id TEXT
);
CREATE INDEX IF NOT EXISTS renovation_inspections_by ON renovation_inspections(renovation_id, at);
CREATE TABLE IF NOT EXISTS renovation_notices (
  id TEXT PRIMARY KEY,
  renovation_id TEXT NOT NULL REFERENCES renovations(id),
  serious INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  issued_by TEXT,
  due_at INTEGER NOT NULL,
  rectified_at INTEGER,
  rectified_by TEXT,
  rectify_note TEXT
);
CREATE INDEX IF NOT EXISTS renovation_notices_by ON renovation_notices(renovation_id);
CREATE INDEX IF NOT EXISTS renovation_notices_open ON renovation_notices(due_at) WHERE rectified_at IS NULL;`,
  },
  {
    // Schema 10. Calendar provenance (SPEC §2 v2): every calendar import
    // (a State Council notice, holiday-cn JSON, ICS, a site CSV) with its file
    // name, sha256, actor and time; and the official days imported for a whole
    // year, which replace the calendar package's data for that year.
    version: 10,
    sql: `CREATE TABLE IF NOT EXISTS calendar_imports (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('notice', 'holiday_cn', 'ics', 'csv')),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  years TEXT NOT NULL,
  holidays INTEGER NOT NULL DEFAULT 0,
  workdays INTEGER NOT NULL DEFAULT 0,
  clocks_moved INTEGER NOT NULL DEFAULT 0,
  imported_at INTEGER NOT NULL,
  imported_by TEXT
);
CREATE TABLE IF NOT EXISTS calendar_official_years (
  year INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES calendar_imports(id)
);
CREATE TABLE IF NOT EXISTS calendar_official (
  date TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('holiday', 'workday')),
  name TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL REFERENCES calendar_official_years(year),
  import_id INTEGER NOT NULL REFERENCES calendar_imports(id)
);
CREATE INDEX IF NOT EXISTS calendar_official_by_year ON calendar_official(year);`,
  },
  {
    // Schema 9. Visits, surveys and community events (SPEC §14): each clerk's
    // area, the 《巡访、回访记录表》 visits, imported satisfaction surveys (one
    // row per answer), owners' forums and community events.
    version: 9,
    sql: `CREATE TABLE IF NOT EXISTS staff_areas (
  building   TEXT PRIMARY KEY,
  staff_code TEXT NOT NULL REFERENCES staff(code),
  set_at     INTEGER NOT NULL,
  set_by     TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS staff_areas_staff ON staff_areas(staff_code);
CREATE TABLE IF NOT EXISTS visits (
  id          TEXT PRIMARY KEY,
  unit        TEXT NOT NULL REFERENCES units(label),
  method      TEXT NOT NULL CHECK (method IN ('home', 'phone')),
  at          INTEGER NOT NULL,
  by          TEXT,
  note        TEXT NOT NULL,
  issue       TEXT,
  raised_kind TEXT,
  raised_id   TEXT
);
CREATE INDEX IF NOT EXISTS visits_at ON visits(at);
CREATE INDEX IF NOT EXISTS visits_unit ON visits(unit, at);
CREATE TABLE IF NOT EXISTS surveys (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  taken_from  TEXT,
  taken_to    TEXT,
  imported_at INTEGER NOT NULL,
  imported_by TEXT,
  file        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  respondents INTEGER NOT NULL,
  questions   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS surveys_taken ON surveys(taken_to);
CREATE TABLE IF NOT EXISTS survey_answers (
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  line      INTEGER NOT NULL,
  unit      TEXT,
  date      TEXT,
  question  INTEGER NOT NULL,
  score     INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  PRIMARY KEY (survey_id, line, question)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS site_events (
  id           TEXT PRIMARY KEY,
  type         TEXT NOT NULL CHECK (type IN ('forum', 'community')),
  at           INTEGER NOT NULL,
  topic        TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  created_by   TEXT,
  attendance   INTEGER,
  satisfaction REAL,
  visited      INTEGER,
  recorded_at  INTEGER,
  recorded_by  TEXT
);
CREATE INDEX IF NOT EXISTS site_events_type_at ON site_events(type, at);
-- A clerk's area counted through an index (the overdue scan, the visit plan).
CREATE INDEX IF NOT EXISTS units_building_occupancy ON units(building, occupancy);`,
  },
  {
    // Schema 14 (i17 reports). The valid complaint rate counts the valid
    // complaints of the 12 months before a report's end: read from this small
    // index alone, not a year of complaint rows (200 000 on the bench site).
    version: 14,
    sql: `CREATE INDEX IF NOT EXISTS complaints_valid ON complaints(received_at) WHERE valid = 1 AND kind = 'complaint';`,
  },
];

/** The newest version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), SCHEMA_BASE);
