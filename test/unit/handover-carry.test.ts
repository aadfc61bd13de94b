import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Ctx } from '../../src/app/context.js';
import { openItems as keyLoans } from '../../src/app/key/carry.js';
import { openItems as archiveLoans } from '../../src/app/archive/carry.js';
import { openItems as actions } from '../../src/app/meeting/carry.js';

// A bare context over an in-memory database holding only what each test creates.
function ctxOver(db: Database.Database, now: number): Ctx {
  return {
    db,
    clock: { now: () => now },
    tz: 'Asia/Shanghai',
    site: '',
    actor: null,
    calendar: () => {
      throw new Error('unused');
    },
  };
}

describe('carry functions (the contract tables of the other modules)', () => {
  // Every carried module's table is in every data folder (schema.sql or a migration): no carry function checks for it.

  it('carry open loans and actions as of now, with typable ids for numeric rows and text ids kept', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE key_loans (id INTEGER PRIMARY KEY, key_label TEXT, to_person TEXT, purpose TEXT, lent_at INTEGER, due_at INTEGER, approved_by TEXT, returned_at INTEGER);
      INSERT INTO key_loans VALUES (7, '3-2-1502 security_door #1', 'E003', '维修', 100, 500, 'E002', NULL);
      INSERT INTO key_loans VALUES (8, 'B2 配电房', 'E004', '巡检', 100, 500, 'E002', 200);
      INSERT INTO key_loans VALUES (9, 'B1 水泵房', 'E004', '巡检', 5000, 9000, 'E002', NULL);
      CREATE TABLE archive_loans (id TEXT PRIMARY KEY, unit TEXT, document_id TEXT, to_person TEXT, purpose TEXT, lent_at INTEGER, due_at INTEGER, approved_by TEXT, returned_at INTEGER);
      INSERT INTO archive_loans VALUES ('AL20261123-001', '1-1-101', 'lease', 'S007', '核对', 100, 800, 'S001', NULL);
      CREATE TABLE meeting_actions (id INTEGER PRIMARY KEY, meeting_id TEXT, owner TEXT, due_at INTEGER, text TEXT, done_at INTEGER);
      INSERT INTO meeting_actions VALUES (3, 'M1', 'S006', 700, '整理台账', NULL);
      INSERT INTO meeting_actions VALUES (4, 'M1', 'S006', 700, '已完成', 600);`);
    const ctx = ctxOver(db, 1000);
    expect(keyLoans(ctx)).toEqual([{ kind: 'key_loan', id: 'KL-7', label: '3-2-1502 security_door #1 → E003 (维修)', due_at: 500 }]);
    expect(archiveLoans(ctx)).toEqual([{ kind: 'archive_loan', id: 'AL20261123-001', label: '1-1-101 lease → S007 (核对)', due_at: 800 }]);
    expect(actions(ctx)).toEqual([{ kind: 'action', id: 'A-3', label: 'S006: 整理台账', due_at: 700 }]);
  });
});
