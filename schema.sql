-- pmctl schema (PRAGMA user_version = 1, see src/store/migrations.ts).
-- Instants are INTEGER epoch milliseconds (shown in site time); local dates are
-- TEXT 'YYYY-MM-DD'. Nothing a clerk recorded is ever deleted: records change
-- status, and every write appends to `audit`.

-- ===== core (issue 2) =====================================================

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Site settings (fines, retention, checklist items, …): JSON values by key.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
);

-- Per-day counters behind human-readable ids such as C20261123-004.
CREATE TABLE id_seq (
  scope TEXT PRIMARY KEY,
  last  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit (
  id     INTEGER PRIMARY KEY,
  at     INTEGER NOT NULL,
  actor  TEXT,
  action TEXT NOT NULL,
  entity TEXT,
  before TEXT,
  after  TEXT
);
CREATE INDEX audit_entity ON audit(entity, id);
CREATE INDEX audit_at ON audit(at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE staff (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  department TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('staff','clerk','supervisor','manager','director','leader')),
  phone      TEXT,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE units (
  label           TEXT PRIMARY KEY,          -- building-unit-room, e.g. 3-2-1502
  building        TEXT NOT NULL,
  unit            TEXT NOT NULL,
  floor           TEXT NOT NULL,
  room            TEXT NOT NULL,
  area_m2         REAL,
  occupancy       TEXT NOT NULL CHECK (occupancy IN ('owner','tenant','vacant')),
  owner_name      TEXT,
  owner_phone     TEXT,
  owner_id_number TEXT,
  tenant_name     TEXT,
  tenant_phone    TEXT,
  move_in_date    TEXT,
  sort_key        TEXT NOT NULL,             -- natural order: building, unit, floor, room
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX units_sort ON units(sort_key);
CREATE INDEX units_owner_phone ON units(owner_phone);
CREATE INDEX units_tenant_phone ON units(tenant_phone);

CREATE TABLE calendar_overrides (
  date   TEXT PRIMARY KEY,
  type   TEXT NOT NULL CHECK (type IN ('holiday','workday')),
  note   TEXT,
  set_at INTEGER NOT NULL,
  set_by TEXT
);

-- ===== complaints (issue 3) ==============================================
-- Contract shared with reports and handovers: columns may be added, not renamed.

CREATE TABLE complaints (
  id            TEXT PRIMARY KEY,            -- C20261123-004
  kind          TEXT NOT NULL CHECK (kind IN ('complaint','suggestion')),
  status        TEXT NOT NULL CHECK (status IN ('received','dispatched','accepted','delayed','resolved','closed')),
  outcome       TEXT CHECK (outcome IN ('resolved','explained')),   -- set when closed
  severity      TEXT NOT NULL CHECK (severity IN ('general','major','emergency')),
  category      TEXT NOT NULL,
  channel       TEXT NOT NULL,
  unit          TEXT REFERENCES units(label),
  address       TEXT,                         -- when the place is not a unit
  name          TEXT NOT NULL,
  phone         TEXT NOT NULL,
  subject       TEXT NOT NULL,
  description   TEXT,
  written       INTEGER NOT NULL DEFAULT 0,
  same_as       TEXT REFERENCES complaints(id),
  first_contact TEXT,
  dept          TEXT,
  handler       TEXT,
  valid         INTEGER,                      -- NULL undecided, 1 valid, 0 explained as unreasonable
  satisfaction  TEXT,                         -- latest return visit: satisfied|basic|unsatisfied
  cause         TEXT,                         -- what the department found (resolve --note), for analysis
  received_at   INTEGER NOT NULL,
  heard_at      INTEGER,
  dispatched_at INTEGER,
  resolved_at   INTEGER,                      -- done time
  closed_at     INTEGER,
  reopen_count  INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX complaints_received ON complaints(received_at);
CREATE INDEX complaints_unit ON complaints(unit, received_at);
CREATE INDEX complaints_open ON complaints(status, received_at) WHERE status <> 'closed';

-- Event types: received, dispatched, accepted, delayed, resolved, replied,
-- visited, explained, escalated, report_filed, noted, closed, reopened.
CREATE TABLE complaint_events (
  id           INTEGER PRIMARY KEY,
  complaint_id TEXT NOT NULL REFERENCES complaints(id),
  type         TEXT NOT NULL,
  at           INTEGER NOT NULL,               -- when it happened (--at)
  by           TEXT,                           -- who did it (--by, else the actor)
  actor        TEXT,                           -- who recorded it
  note         TEXT,
  data         TEXT,                           -- JSON details
  recorded_at  INTEGER NOT NULL
);
CREATE INDEX complaint_events_c ON complaint_events(complaint_id, at);

-- One row per clock of SPEC §3 (state derived by src/domain/clock-state.ts).
CREATE TABLE complaint_clocks (
  complaint_id TEXT NOT NULL REFERENCES complaints(id),
  clock        TEXT NOT NULL,
  started_at   INTEGER,
  due_at       INTEGER,
  done_at      INTEGER,
  skipped      INTEGER NOT NULL DEFAULT 0,
  policy       TEXT,                           -- the duration in force when it started, e.g. 2wd
  PRIMARY KEY (complaint_id, clock)
) WITHOUT ROWID;
CREATE INDEX clocks_open_due ON complaint_clocks(due_at) WHERE done_at IS NULL AND skipped = 0 AND due_at IS NOT NULL;
CREATE INDEX clocks_by_due ON complaint_clocks(clock, due_at);


-- ===== end complaints ======================================================


-- ===== keys (issue 4) ======================================================


-- ===== end keys ============================================================


-- ===== archives (issue 5) ==================================================


-- ===== end archives ========================================================


-- ===== handovers (issue 6) =================================================
-- One record per handover (交接班记录). `shift`/`shift_date` name the giver's
-- shift that is ending; a night shift belongs to the date it started.

CREATE TABLE handovers (
  id            TEXT PRIMARY KEY,            -- H20261123-001
  shift         TEXT NOT NULL,
  shift_date    TEXT NOT NULL,               -- YYYY-MM-DD the shift started
  with_dept     TEXT,                        -- 'security' for the 08:00/18:00 handover, else NULL
  from_staff    TEXT NOT NULL REFERENCES staff(code),
  to_staff      TEXT NOT NULL REFERENCES staff(code),
  status        TEXT NOT NULL CHECK (status IN ('pending','accepted','refused')),
  started_at    INTEGER NOT NULL,
  accepted_at   INTEGER,
  refused_at    INTEGER,
  refuse_reason TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX handovers_shift ON handovers(shift_date, shift, status);
CREATE INDEX handovers_started ON handovers(started_at);
CREATE INDEX handovers_pending ON handovers(started_at) WHERE status = 'pending';
CREATE INDEX handovers_refused ON handovers(refused_at) WHERE status = 'refused';

-- The form's lines: checklist items and the carried items, each acknowledged
-- √ (ok) or × (fail) with a remark. kind: checklist, complaint, key_loan,
-- archive_loan, action, request.
CREATE TABLE handover_items (
  handover_id TEXT NOT NULL REFERENCES handovers(id),
  seq         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  item        TEXT NOT NULL COLLATE NOCASE,  -- checklist code or the carried record's id
  label       TEXT NOT NULL,
  due_at      INTEGER,
  after_hours INTEGER NOT NULL DEFAULT 0,
  result      TEXT CHECK (result IN ('ok','fail')),
  note        TEXT,
  checked_at  INTEGER,
  checked_by  TEXT,
  PRIMARY KEY (handover_id, item)
) WITHOUT ROWID;

-- The work diary (工作日记): appended by the giver, never edited.
CREATE TABLE handover_notes (
  id          INTEGER PRIMARY KEY,
  handover_id TEXT NOT NULL REFERENCES handovers(id),
  at          INTEGER NOT NULL,
  by          TEXT,
  text        TEXT NOT NULL
);
CREATE INDEX handover_notes_h ON handover_notes(handover_id, at);

-- One row per day that has handovers (or was reviewed): the supervisor's daily
-- review signature (领班审阅签名).
CREATE TABLE handover_days (
  date        TEXT PRIMARY KEY,
  reviewed_at INTEGER,
  reviewed_by TEXT,
  note        TEXT
) WITHOUT ROWID;
CREATE INDEX handover_days_unreviewed ON handover_days(date) WHERE reviewed_at IS NULL;


-- ===== end handovers =======================================================


-- ===== meetings (issue 7) ==================================================


-- ===== end meetings ========================================================
