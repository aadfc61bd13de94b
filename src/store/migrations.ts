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
// 15 one audit entry per unit import (issue 14 #11)
// 16 the roster's buildings, the report's appointment index
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
    // Schema 6. Service requests (SPEC §11): repairs, help and enquiries with
    // their own events and clocks (rows as complaint_clocks, plus the opening
    // of an appointment window); a complaint raised from a request names it.
    version: 6,
    sql: (db) => {
      db.exec(`CREATE TABLE IF NOT EXISTS requests (
  id             TEXT PRIMARY KEY,              -- R20261206-001
  kind           TEXT NOT NULL CHECK (kind IN ('repair','help','enquiry')),
  urgency        TEXT CHECK (urgency IN ('minor','urgent')),   -- repairs only
  status         TEXT NOT NULL CHECK (status IN ('received','assigned','arrived','done','closed','cancelled')),
  unit           TEXT REFERENCES units(label),
  address        TEXT,                          -- a public place
  name           TEXT NOT NULL,
  phone          TEXT NOT NULL,
  subject        TEXT NOT NULL,
  description    TEXT,
  channel        TEXT NOT NULL,
  paid           INTEGER NOT NULL DEFAULT 0,    -- a paid (有偿) repair
  source         TEXT,                          -- what raised it: finding:F…, visit:V…
  received_at    INTEGER NOT NULL,
  assignee       TEXT,
  assigned_at    INTEGER,
  appointment_at INTEGER,
  arrived_at     INTEGER,
  done_at        INTEGER,
  done_note      TEXT,
  charge_yuan    TEXT,
  answered_at    INTEGER,
  closed_at      INTEGER,
  cancelled_at   INTEGER,
  satisfaction   TEXT,
  rework_count   INTEGER NOT NULL DEFAULT 0,
  complaint_id   TEXT,                          -- the complaint raised from it
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS requests_received ON requests(received_at);
CREATE INDEX IF NOT EXISTS requests_unit ON requests(unit, received_at);
CREATE INDEX IF NOT EXISTS requests_assignee ON requests(assignee, received_at);
CREATE INDEX IF NOT EXISTS requests_open ON requests(status, received_at) WHERE status NOT IN ('closed','cancelled');
CREATE TABLE IF NOT EXISTS request_events (
  id          INTEGER PRIMARY KEY,
  request_id  TEXT NOT NULL REFERENCES requests(id),
  type        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  by          TEXT,
  actor       TEXT,
  note        TEXT,
  data        TEXT,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS request_events_r ON request_events(request_id, at);
CREATE INDEX IF NOT EXISTS request_events_type ON request_events(type, at);
CREATE TABLE IF NOT EXISTS request_clocks (
  request_id TEXT NOT NULL REFERENCES requests(id),
  clock      TEXT NOT NULL,
  started_at INTEGER,
  due_at     INTEGER,
  done_at    INTEGER,
  skipped    INTEGER NOT NULL DEFAULT 0,
  policy     TEXT,
  not_before INTEGER,                            -- an appointment window's opening
  PRIMARY KEY (request_id, clock)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS request_clocks_open_due ON request_clocks(due_at) WHERE done_at IS NULL AND skipped = 0 AND due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS request_clocks_by_due ON request_clocks(clock, due_at) WHERE due_at IS NOT NULL;`);
      addColumns(db, 'complaints', { from_request: 'TEXT' });
    },
  },
  {
    // Schema 7. Patrols and inspections (SPEC §12): a patrol with its
    // checklist, findings with their solution and fix deadlines, and the
    // monthly contractor ratings. `day` is the local date the patrol started,
    // so the overdue scan reads finished patrols per kind and day through
    // patrols_kind_day without computing a time zone per row.
    version: 7,
    sql: `CREATE TABLE IF NOT EXISTS patrols (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('units','public','joint','fire')),
  building    TEXT,
  status      TEXT NOT NULL CHECK (status IN ('open','finished')),
  day         TEXT NOT NULL,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER,
  by          TEXT,
  with_staff  TEXT NOT NULL DEFAULT '[]',
  note        TEXT,
  created_at  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS units_building ON units(building);
CREATE INDEX IF NOT EXISTS patrols_kind_day ON patrols(kind, day, building) WHERE status = 'finished';
CREATE INDEX IF NOT EXISTS patrols_day ON patrols(day);
CREATE INDEX IF NOT EXISTS patrols_started ON patrols(started_at);
CREATE TABLE IF NOT EXISTS patrol_items (
  patrol_id  TEXT NOT NULL REFERENCES patrols(id),
  seq        INTEGER NOT NULL,
  item       TEXT NOT NULL,
  unit       TEXT,
  result     TEXT CHECK (result IN ('ok','issue','not_checked')),
  note       TEXT,
  fixed      INTEGER NOT NULL DEFAULT 0 CHECK (fixed IN (0,1)),
  checked_at INTEGER,
  checked_by TEXT,
  finding_id TEXT,
  PRIMARY KEY (patrol_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS findings (
  id              TEXT PRIMARY KEY,
  patrol_id       TEXT NOT NULL REFERENCES patrols(id),
  item            TEXT NOT NULL,
  unit            TEXT,
  dept            TEXT NOT NULL,
  note            TEXT,
  status          TEXT NOT NULL CHECK (status IN ('open','planned','fixed')),
  opened_at       INTEGER NOT NULL,
  opened_by       TEXT,
  solution_due_at INTEGER NOT NULL,
  solution        TEXT,
  planned_at      INTEGER,
  planned_by      TEXT,
  fix_due_at      INTEGER,
  fixed_at        INTEGER,
  fixed_by        TEXT,
  fix_note        TEXT,
  request_id      TEXT
);
CREATE INDEX IF NOT EXISTS findings_open_solution ON findings(solution_due_at) WHERE status = 'open';
CREATE INDEX IF NOT EXISTS findings_planned_fix ON findings(fix_due_at) WHERE status = 'planned';
CREATE INDEX IF NOT EXISTS findings_opened ON findings(opened_at);
CREATE TABLE IF NOT EXISTS patrol_ratings (
  month      TEXT NOT NULL,
  contractor TEXT NOT NULL CHECK (contractor IN ('cleaning','greening','pest')),
  score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  note       TEXT NOT NULL,
  rated_at   INTEGER NOT NULL,
  rated_by   TEXT,
  PRIMARY KEY (month, contractor)
) WITHOUT ROWID;`,
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
    // Schema 5 (i18, SPEC §3 v2). A complaint records the time agreed with
    // the complainant at dispatch and whether it is a matter for the
    // developer. An unresolvable outcome is stored as outcome 'explained' with
    // valid = 1 (the CHECK on outcome stays as schema 4 made it; an old
    // explained complaint has valid = 0). The last backup's time moves to a
    // setting read on every terminal command (was: only in the audit log).
    // Complaints dispatched with no handler keep it NULL: shown as recorded
    // before the handler was required.
    version: 5,
    sql: (db) => {
      addColumns(db, 'complaints', { appointment_at: 'INTEGER', developer: 'INTEGER NOT NULL DEFAULT 0' });
      db.exec(`INSERT OR IGNORE INTO settings(key, value, updated_at, updated_by)
        SELECT 'backup.last_at', CAST(MAX(at) AS TEXT), MAX(at), NULL FROM audit WHERE action = 'backup' HAVING MAX(at) IS NOT NULL`);
      // A suggestion still open whose reply did not say adopted or not owes that reply
      // ([002] 2.6): its suggestion_reply clock runs again. Closed ones keep their history.
      db.exec(`UPDATE complaint_clocks SET done_at = NULL
        WHERE clock = 'suggestion_reply' AND done_at IS NOT NULL
          AND complaint_id IN (SELECT id FROM complaints WHERE kind = 'suggestion' AND status <> 'closed')
          AND NOT EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = complaint_clocks.complaint_id
                          AND e.type = 'replied' AND json_extract(e.data, '$.adopted') IS NOT NULL)`);
    },
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
    // Schema 11 (issue 14). Separation of duties: when a staff code got its
    // role (created or promoted by someone); NULL for the founding roster
    // imported while the roster was empty, and for staff from before.
    version: 11,
    sql: (db) => addColumns(db, 'staff', { role_since: 'INTEGER' }),
  },
  {
    // Schema 14 (i17 reports). The valid complaint rate counts the valid
    // complaints of the 12 months before a report's end: read from this small
    // index alone, not a year of complaint rows (200 000 on the bench site).
    version: 14,
    sql: `CREATE INDEX IF NOT EXISTS complaints_valid ON complaints(received_at) WHERE valid = 1 AND kind = 'complaint';`,
  },
  {
    // Schema 15 (issue 14 #11). A unit import is one audit entry (who, when,
    // the file and its sha256, the counts), not one entry per added unit; the
    // labels it added are kept beside it, one text per entry ("\n1-1-101\n
    // 1-1-102\n…\n"), so `pmctl log --entity UNIT` still finds the import
    // that added a unit. Append-only like the log itself. units_building
    // (schema 7) goes: units_building_occupancy (schema 14) starts with the
    // same column and serves every lookup by building; one index fewer to
    // build under the write lock of a big import.
    version: 15,
    sql: `DROP INDEX IF EXISTS units_building;
CREATE TABLE IF NOT EXISTS audit_labels (
  audit_id INTEGER PRIMARY KEY REFERENCES audit(id),
  kind     TEXT NOT NULL,
  labels   TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_labels_no_update BEFORE UPDATE ON audit_labels
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_labels_no_delete BEFORE DELETE ON audit_labels
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
  },
  {
    // Schema 16. The overdue scan's severities from a small index of the
    // major and emergency complaints (2 % of them) instead of a lookup in the
    // complaints table per running clock. The report's appointment arrivals of a month read through
    // their own small index (a pass over a million request clocks was a
    // third of `report monthly` on the bench site). And the roster's
    // buildings, each once with its units and occupied units, kept by
    // triggers: the patrol cadence owes each building a weekly public walk,
    // and the visit targets and the report count occupied units; reading them
    // off 100 000 units took milliseconds of every `overdue` and report (a
    // skip-scan of units_building, or a pass over it). sort_key is the
    // building's part of units.sort_key (natural order).
    version: 16,
    sql: `CREATE TABLE IF NOT EXISTS unit_buildings (
  name     TEXT PRIMARY KEY,
  sort_key TEXT NOT NULL,
  units    INTEGER NOT NULL,
  occupied INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO unit_buildings(name, sort_key, units, occupied)
  SELECT building, substr(MIN(sort_key), 1, instr(MIN(sort_key), char(1)) - 1), COUNT(*), SUM(occupancy <> 'vacant') FROM units GROUP BY building;
CREATE INDEX IF NOT EXISTS unit_buildings_sort ON unit_buildings(sort_key);
CREATE TRIGGER IF NOT EXISTS units_building_add AFTER INSERT ON units BEGIN
  INSERT INTO unit_buildings(name, sort_key, units, occupied) VALUES (NEW.building, substr(NEW.sort_key, 1, instr(NEW.sort_key, char(1)) - 1), 1, NEW.occupancy <> 'vacant')
    ON CONFLICT(name) DO UPDATE SET units = units + 1, occupied = occupied + (NEW.occupancy <> 'vacant');
END;
CREATE TRIGGER IF NOT EXISTS units_building_remove AFTER DELETE ON units BEGIN
  UPDATE unit_buildings SET units = units - 1, occupied = occupied - (OLD.occupancy <> 'vacant') WHERE name = OLD.building;
  DELETE FROM unit_buildings WHERE name = OLD.building AND units <= 0;
END;
CREATE TRIGGER IF NOT EXISTS units_building_change AFTER UPDATE OF building, occupancy ON units
  WHEN OLD.building IS NOT NEW.building OR OLD.occupancy IS NOT NEW.occupancy BEGIN
  UPDATE unit_buildings SET units = units - 1, occupied = occupied - (OLD.occupancy <> 'vacant') WHERE name = OLD.building;
  DELETE FROM unit_buildings WHERE name = OLD.building AND units <= 0;
  INSERT INTO unit_buildings(name, sort_key, units, occupied) VALUES (NEW.building, substr(NEW.sort_key, 1, instr(NEW.sort_key, char(1)) - 1), 1, NEW.occupancy <> 'vacant')
    ON CONFLICT(name) DO UPDATE SET units = units + 1, occupied = occupied + (NEW.occupancy <> 'vacant');
END;
CREATE INDEX IF NOT EXISTS request_clocks_appointment_done ON request_clocks(done_at) WHERE clock = 'arrive' AND policy = 'appointment' AND skipped = 0 AND not_before IS NOT NULL;
CREATE INDEX IF NOT EXISTS complaints_severe ON complaints(id, severity) WHERE severity <> 'general';`,
  },
];

/** The newest version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), SCHEMA_BASE);
