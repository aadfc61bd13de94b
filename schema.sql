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

-- Contract shared with handovers and reports: columns may be added, not renamed.

-- One dossier (档案袋) per unit; its bag label shows building, floor and room.
CREATE TABLE dossiers (
  unit       TEXT PRIMARY KEY REFERENCES units(label),
  type       TEXT NOT NULL CHECK (type IN ('owner','tenant')),
  bag_label  TEXT NOT NULL,                   -- 3栋 15层 1502室 (as written on the bag)
  sort_key   TEXT NOT NULL,                   -- the unit's natural order (bags in the box)
  opened_at  INTEGER NOT NULL,
  opened_by  TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX dossiers_sort ON dossiers(sort_key);

-- Every paper in a bag. Never deleted: destroyed documents stay, marked destroyed
-- (作废); a replaced version stays active with superseded_by set.
CREATE TABLE documents (
  id             TEXT PRIMARY KEY,            -- D20261123-0001
  unit           TEXT NOT NULL REFERENCES dossiers(unit),
  type           TEXT NOT NULL,               -- id_copy, lease, other, …
  ref            TEXT,                        -- contract no., form no., …
  note           TEXT,
  status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','destroyed')),
  confidential   INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0,1)),
  filed_at       INTEGER NOT NULL,            -- retention counts from here
  filed_by       TEXT,
  superseded_by  TEXT REFERENCES documents(id),
  hold_reason    TEXT,                        -- non-NULL: held, destruction blocked
  held_at        INTEGER,
  held_by        TEXT,
  destroyed_at   INTEGER,
  destruction_id TEXT
);
CREATE INDEX documents_unit ON documents(unit, type);
CREATE INDEX documents_type_filed ON documents(type, filed_at) WHERE status = 'active';
-- what counts towards completeness (covering: archive check reads only this)
CREATE INDEX documents_current ON documents(unit, type) WHERE status = 'active' AND superseded_by IS NULL;

-- The dossier's document list history (档案资料清单 changes): one row per change.
CREATE TABLE dossier_events (
  id          INTEGER PRIMARY KEY,
  unit        TEXT NOT NULL REFERENCES dossiers(unit),
  at          INTEGER NOT NULL,
  by          TEXT,
  action      TEXT NOT NULL,                  -- opened, added, replaced, type_changed, lent, returned, held, released, destroy_requested, destroyed, …
  document_id TEXT,
  ref_id      TEXT,                           -- loan or destruction id
  detail      TEXT,                           -- JSON
  recorded_at INTEGER NOT NULL
);
CREATE INDEX dossier_events_unit ON dossier_events(unit, id);

-- 《文件借阅登记表》: document_id NULL = the dossier (its non-confidential part).
CREATE TABLE archive_loans (
  id            TEXT PRIMARY KEY,             -- AL20261123-001
  unit          TEXT NOT NULL REFERENCES dossiers(unit),
  document_id   TEXT REFERENCES documents(id),
  to_person     TEXT NOT NULL,                -- borrower: staff code or name
  to_staff      INTEGER NOT NULL DEFAULT 0,   -- 1 when the borrower is on the staff roster
  purpose       TEXT NOT NULL,
  lent_at       INTEGER NOT NULL,
  due_at        INTEGER NOT NULL,
  approved_by   TEXT,                         -- staff code; a director for non-staff borrowers
  registered_by TEXT,                         -- the supervisor (客服主任) who registered it
  signed_by     TEXT NOT NULL,                -- the borrower's signature name
  returned_at   INTEGER,                      -- NULL while out
  returned_to   TEXT,
  return_note   TEXT
);
CREATE INDEX archive_loans_open_due ON archive_loans(due_at) WHERE returned_at IS NULL;
CREATE INDEX archive_loans_unit ON archive_loans(unit, lent_at);

-- The papers that left the room with a loan.
CREATE TABLE archive_loan_items (
  loan_id     TEXT NOT NULL REFERENCES archive_loans(id),
  document_id TEXT NOT NULL REFERENCES documents(id),
  PRIMARY KEY (loan_id, document_id)
) WITHOUT ROWID;
CREATE INDEX archive_loan_items_doc ON archive_loan_items(document_id);

-- 《过期文件处理登记表》: request → review → approve → destroy (or rejected).
CREATE TABLE destructions (
  id            TEXT PRIMARY KEY,             -- XD20261123-001
  status        TEXT NOT NULL CHECK (status IN ('requested','reviewed','approved','destroyed','rejected')),
  reason        TEXT NOT NULL,
  method        TEXT NOT NULL,                -- shred | incinerate | pulp
  requested_by  TEXT NOT NULL,
  requested_at  INTEGER NOT NULL,
  reviewed_by   TEXT,
  reviewed_at   INTEGER,
  approved_by   TEXT,
  approved_at   INTEGER,
  destroyed_at  INTEGER,
  executed_by   TEXT,
  witnesses     TEXT,                         -- JSON list of staff codes
  place         TEXT,
  rejected_by   TEXT,
  rejected_at   INTEGER,
  reject_reason TEXT
);
CREATE INDEX destructions_status ON destructions(status, requested_at);

CREATE TABLE destruction_items (
  destruction_id TEXT NOT NULL REFERENCES destructions(id),
  document_id    TEXT NOT NULL REFERENCES documents(id),
  PRIMARY KEY (destruction_id, document_id)
) WITHOUT ROWID;
CREATE INDEX destruction_items_doc ON destruction_items(document_id);

CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'archive documents are never deleted'); END;
CREATE TRIGGER dossiers_no_delete BEFORE DELETE ON dossiers
BEGIN SELECT RAISE(ABORT, 'dossiers are never deleted'); END;

-- ===== end archives ========================================================


-- ===== handovers (issue 6) =================================================


-- ===== end handovers =======================================================


-- ===== meetings (issue 7) ==================================================


-- ===== end meetings ========================================================
