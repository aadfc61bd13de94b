// Every open sets the connection's pragmas explicitly (engineering card):
// WAL, the busy timeout, synchronous=NORMAL and foreign keys.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, openDb } from '../../src/store/db.js';

const dir = mkdtempSync(join(tmpdir(), 'pmctl-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opening the data folder', () => {
  it.each([
    ['created', () => createDb(dir).db],
    ['opened', () => openDb(dir)],
  ])('%s: WAL, busy_timeout, synchronous, foreign_keys, mode 0600', (_what, open) => {
    const db = open();
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(statSync(join(dir, 'pmctl.db')).mode & 0o777).toBe(0o600);
    } finally {
      db.close();
    }
  });
});
