-- pmctl schema 4 (SCHEMA_BASE; later versions are migrations only, see src/store/migrations.ts).
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
-- archive find: a name or a surname as a prefix (schema 2)
CREATE INDEX units_owner_name ON units(owner_name);
CREATE INDEX units_tenant_name ON units(tenant_name);
-- reports count units per occupancy (schema 2)
CREATE INDEX units_occupancy ON units(occupancy);

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
-- visited, explained, escalated, report_filed, verified, noted, closed,
-- reopened, upgraded (severity raised, e.g. a collective complaint).
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
-- reports count the complaints ever delayed (schema 2)
CREATE INDEX complaint_events_delayed ON complaint_events(complaint_id, at) WHERE type = 'delayed';

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
-- reports find clocks due in a period (schema 3: only clocks with a due time,
-- some 60 % of them; a clock that never started has none)
CREATE INDEX clocks_by_due ON complaint_clocks(clock, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX complaints_same_as ON complaints(same_as) WHERE same_as IS NOT NULL;
CREATE INDEX complaints_category ON complaints(category, received_at);

-- `pmctl sla set` overrides of the default policy: scope is a severity
-- (general|major|emergency) or 'suggestion'. Clocks record the policy they
-- started with, so a change here only affects clocks that start later.
CREATE TABLE sla_policy (
  clock    TEXT NOT NULL,
  scope    TEXT NOT NULL,
  duration TEXT NOT NULL,
  set_at   INTEGER NOT NULL,
  set_by   TEXT,
  PRIMARY KEY (clock, scope)
) WITHOUT ROWID;


-- ===== end complaints ======================================================


-- ===== keys (issue 4) ======================================================
-- Contract shared with handovers and reports: columns may be added, not renamed.

-- The key register (钥匙登记): one row per labelled tag in the cabinet.
CREATE TABLE keys (
  label       TEXT PRIMARY KEY,              -- the tag text: "3-2-1502 security_door #1", "B2 配电房"
  kind        TEXT NOT NULL CHECK (kind IN ('security_door','unit_door','interior_door','intercom','mailbox','public_door','public_window','facility')),
  unit        TEXT REFERENCES units(label),  -- owner keys only
  place       TEXT,                          -- public keys: the floor ("3-2 15F"); facility keys: the room
  holder_dept TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'in_cabinet' CHECK (status IN ('in_cabinet','on_loan','issued','damaged','lost','retired')),
  copies      INTEGER NOT NULL DEFAULT 1 CHECK (copies >= 1),
  sort_key    TEXT NOT NULL,                 -- owner keys by unit then kind, then public, then facility
  last_event_at INTEGER NOT NULL,            -- for the --at rule
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX keys_sort ON keys(sort_key);
CREATE INDEX keys_unit ON keys(unit);
CREATE INDEX keys_status ON keys(status, sort_key);

-- Loans (房屋钥匙管理记录表 / 钥匙领用登记表). returned_at is NULL while out.
CREATE TABLE key_loans (
  id            TEXT PRIMARY KEY,            -- KL20261123-001
  key_label     TEXT NOT NULL REFERENCES keys(label),
  to_person     TEXT NOT NULL,               -- a staff code, else the outside person's name
  to_kind       TEXT NOT NULL CHECK (to_kind IN ('staff','owner','outside')),
  to_name       TEXT NOT NULL,
  to_phone      TEXT,
  purpose       TEXT NOT NULL,
  lent_at       INTEGER NOT NULL,
  due_at        INTEGER NOT NULL,
  approved_by   TEXT,
  owner_consent TEXT,
  overnight     TEXT,                        -- why a loan runs past 24 h
  lent_by       TEXT,
  returned_at   INTEGER,
  returned_by   TEXT,
  closed_as     TEXT CHECK (closed_as IN ('returned','damaged','lost')),
  created_at    INTEGER NOT NULL
);
CREATE INDEX key_loans_open_due ON key_loans(due_at) WHERE returned_at IS NULL;
CREATE INDEX key_loans_key ON key_loans(key_label, lent_at);
CREATE INDEX key_loans_lent ON key_loans(lent_at);

-- Everything that happened to a key, for `key show`.
-- Types: added, updated, lent, returned, issued, damaged, lost, rekeyed, copied, retired.
CREATE TABLE key_events (
  id          INTEGER PRIMARY KEY,
  key_label   TEXT NOT NULL REFERENCES keys(label),
  type        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  by          TEXT,                          -- who recorded it
  loan_id     TEXT,
  note        TEXT,
  data        TEXT,                          -- JSON details
  recorded_at INTEGER NOT NULL
);
CREATE INDEX key_events_key ON key_events(key_label, at, id);
CREATE INDEX key_events_at ON key_events(type, at);

-- A lost key opens a lock change (换锁), due at once, closed by `key rekeyed`.
CREATE TABLE key_lock_changes (
  id          TEXT PRIMARY KEY,              -- LC20261123-001
  key_label   TEXT NOT NULL REFERENCES keys(label),
  loan_id     TEXT,
  reported_at INTEGER NOT NULL,
  reported_by TEXT,
  notified    TEXT NOT NULL,                 -- JSON list of staff codes told (supervisors, security)
  due_at      INTEGER NOT NULL,
  done_at     INTEGER,
  done_by     TEXT,
  note        TEXT
);
CREATE INDEX key_lock_changes_open ON key_lock_changes(due_at) WHERE done_at IS NULL;
CREATE INDEX key_lock_changes_key ON key_lock_changes(key_label);

-- Physical counts against the register (盘点).
CREATE TABLE key_audits (
  id          TEXT PRIMARY KEY,              -- KA20261123-001
  counted_at  INTEGER NOT NULL,
  counted_by  TEXT,
  file        TEXT,
  findings    TEXT NOT NULL                  -- JSON: missing, present_but_out, unknown, copies_mismatch
);

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

-- Meetings of [004] 会议制度 and [001]. Contract read by handovers and reports:
-- columns may be added, not renamed.
CREATE TABLE meetings (
  id           TEXT PRIMARY KEY,               -- M20261203-001 (meeting date)
  type         TEXT NOT NULL CHECK (type IN ('morning','weekly','monthly','special','training')),
  starts_at    INTEGER NOT NULL,
  ends_at      INTEGER,
  topic        TEXT,
  location     TEXT,
  dept         TEXT,                           -- when the attendees were invited by department
  host         TEXT,                           -- who chairs it (the scheduler by default)
  notified_at  INTEGER NOT NULL,               -- when the attendees were given notice
  short_notice TEXT,                           -- reason a special meeting had under 7 days' notice
  slot         TEXT UNIQUE,                    -- plan slot filled: morning:2026-12-03, weekly:2026-W49, monthly:2026-12
  minutes      TEXT,
  minutes_at   INTEGER,
  minutes_by   TEXT,
  created_at   INTEGER NOT NULL,
  created_by   TEXT,
  cancelled_at  INTEGER,                       -- called off (schema 4): the meeting did not take place
  cancelled_by  TEXT,
  cancel_reason TEXT
);
CREATE INDEX meetings_starts ON meetings(starts_at);

-- The invitation list and the attendance register; status NULL until recorded.
CREATE TABLE meeting_attendance (
  meeting_id         TEXT NOT NULL REFERENCES meetings(id),
  staff              TEXT NOT NULL REFERENCES staff(code),
  status             TEXT CHECK (status IN ('present','late','early','absent','excused')),
  leave_requested_at INTEGER,                  -- leave request (请假) for this meeting
  note               TEXT,
  recorded_at        INTEGER,
  recorded_by        TEXT,
  PRIMARY KEY (meeting_id, staff)
) WITHOUT ROWID;
CREATE INDEX meeting_attendance_staff ON meeting_attendance(staff);

-- Fines at the rate in force when recorded; a corrected attendance voids the
-- old fine (kept, marked void) and records the new one.
CREATE TABLE meeting_fines (
  id          INTEGER PRIMARY KEY,
  meeting_id  TEXT NOT NULL REFERENCES meetings(id),
  staff       TEXT NOT NULL REFERENCES staff(code),
  reason      TEXT NOT NULL CHECK (reason IN ('late','early','absent','disrupt')),
  amount_yuan INTEGER NOT NULL,
  meeting_at  INTEGER NOT NULL,                -- the meeting's start, for per-month totals
  note        TEXT,
  recorded_at INTEGER NOT NULL,
  recorded_by TEXT,
  voided_at   INTEGER,
  voided_by   TEXT
);
CREATE INDEX meeting_fines_at ON meeting_fines(meeting_at) WHERE voided_at IS NULL;
CREATE INDEX meeting_fines_meeting ON meeting_fines(meeting_id, staff);

-- Action items (确认责任到人，限期完成).
CREATE TABLE meeting_actions (
  id         TEXT PRIMARY KEY,                 -- MA20261203-001 (meeting date)
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  owner      TEXT NOT NULL REFERENCES staff(code),
  due_at     INTEGER NOT NULL,
  text       TEXT NOT NULL,
  done_at    INTEGER,
  result     TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT,
  done_by    TEXT
);
CREATE INDEX meeting_actions_open_due ON meeting_actions(due_at) WHERE done_at IS NULL;
CREATE INDEX meeting_actions_meeting ON meeting_actions(meeting_id);
CREATE INDEX meeting_actions_owner ON meeting_actions(owner, due_at);

-- The one recorded warning (警告) per action item not done by its deadline
-- ([004] 违规处理 3). Withdrawn (never deleted) when the item turns out to have
-- been done in time (action done --at before the deadline).
CREATE TABLE meeting_warnings (
  id             INTEGER PRIMARY KEY,
  action_id      TEXT NOT NULL UNIQUE REFERENCES meeting_actions(id),
  staff          TEXT NOT NULL REFERENCES staff(code),
  due_at         INTEGER NOT NULL,
  issued_at      INTEGER NOT NULL,
  withdrawn_at   INTEGER,
  withdrawn_note TEXT
);
CREATE INDEX meeting_warnings_staff ON meeting_warnings(staff, issued_at);
CREATE INDEX meeting_warnings_issued ON meeting_warnings(issued_at);



-- ===== end meetings ========================================================
