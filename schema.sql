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


-- ===== end complaints ======================================================


-- ===== keys (issue 4) ======================================================


-- ===== end keys ============================================================


-- ===== archives (issue 5) ==================================================


-- ===== end archives ========================================================


-- ===== handovers (issue 6) =================================================


-- ===== end handovers =======================================================


-- ===== meetings (issue 7) ==================================================


-- ===== end meetings ========================================================
