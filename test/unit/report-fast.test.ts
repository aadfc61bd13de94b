// The report's fast queries against the straightforward ones they replace, on
// random data with the awkward cases in it: clocks due long after receipt,
// ids that do not start with the received date, skipped clocks, clocks pmctl
// does not know, dossiers on vacant units, replaced and destroyed documents.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { CLOCKS, clockGroups, complaintFacts, idRange, pack, type WideRow } from '../../src/app/report/complaints.js';
import { CLOCK_STATE_SQL, SQL } from '../../src/store/report.js';
import { archiveTotals, unitCounts } from '../../src/app/report/modules.js';
import { checkArchives } from '../../src/app/archive/dossiers.js';
import { makeCtx } from '../../src/app/context.js';
import { OWNER_REQUIRED, TENANT_REQUIRED, OPTIONAL_TYPES } from '../../src/domain/archive.js';
import { fromLocal } from '../../src/domain/time.js';
import { migrate } from '../../src/store/db.js';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;

/** A database as a data folder has it: schema.sql, then every migration (unit_buildings among them). */
function schemaDb(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The plain form: every clock due in the period through clocks_by_due, grouped by complaint (a sort). */
const REFERENCE_CLOCKS = `SELECT c.kind AS kind, c.valid AS valid, c.category AS category, c.satisfaction AS satisfaction,
    ${CLOCKS.map((c) => `x."${c}"`).join(', ')}, COUNT(*) AS n
  FROM (SELECT k.complaint_id AS id,
      ${CLOCKS.map((c) => `MAX(CASE WHEN k.clock = '${c}' THEN ${CLOCK_STATE_SQL} END) AS "${c}"`).join(',\n      ')}
    FROM complaint_clocks k
    WHERE k.clock IN (${CLOCKS.map((c) => `'${c}'`).join(',')}) AND k.due_at >= :since AND k.due_at < :until AND k.skipped = 0
    GROUP BY k.complaint_id) x
  JOIN complaints c ON c.id = x.id
  GROUP BY ${[1, 2, 3, 4, ...CLOCKS.map((_, i) => i + 5)].join(', ')}`;

describe('clock groups: the id-range split adds up to the plain query', () => {
  const since = fromLocal('2026-11-01 00:00', TZ);
  const until = fromLocal('2026-12-01 00:00', TZ);
  const now = fromLocal('2026-11-23 10:00', TZ);

  function site(seed: number): Database.Database {
    const db = schemaDb();
    const r = rng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const insC = db.prepare(
      `INSERT INTO complaints (id, kind, status, severity, category, channel, name, phone, subject, valid, satisfaction, received_at, created_at, updated_at)
       VALUES (?, ?, 'received', 'general', ?, 'phone', 'x', '13800138000', 's', ?, ?, ?, 0, 0)`,
    );
    const insK = db.prepare('INSERT INTO complaint_clocks (complaint_id, clock, started_at, due_at, done_at, skipped) VALUES (?, ?, ?, ?, ?, ?)');
    const seq = new Map<string, number>();
    for (let i = 0; i < 400; i++) {
      // Received from four months before the period to a few days after it.
      const received = since - 120 * DAY + Math.floor(r() * 155 * DAY);
      const date = new Date(received + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
      const n = (seq.get(date) ?? 0) + 1;
      seq.set(date, n);
      // Mostly C<received date>-NNN; some imported with ids of another form.
      const id = r() < 0.1 ? `IMP-${seed}-${i}` : r() < 0.05 ? `C${date}-${n}x` : `C${date}-${String(n).padStart(3, '0')}`;
      insC.run(
        id,
        r() < 0.8 ? 'complaint' : 'suggestion',
        pick(['noise', 'repair', 'fees']),
        pick([null, 0, 1]),
        pick([null, 'satisfied', 'basic', 'unsatisfied']),
        received,
      );
      for (const clock of [...CLOCKS, 'legacy_clock']) {
        if (r() < 0.3) continue;
        // Most clocks fall due within days; some (a return visit after a long repair, a reopened complaint) months later.
        const due = received + Math.floor((r() < 0.85 ? r() * 6 : r() * 120) * DAY);
        const done = r() < 0.3 ? null : due + Math.floor((r() - 0.6) * 4 * DAY);
        insK.run(id, clock, received, r() < 0.05 ? null : due, done, r() < 0.2 ? 1 : 0);
      }
    }
    return db;
  }

  it.each([1, 2, 3, 4, 5])('seed %i', (seed) => {
    const db = site(seed);
    const w = { since, until, now };
    const expected = clockGroups((db.prepare(REFERENCE_CLOCKS).all(w) as WideRow[]).map(pack));
    const f = complaintFacts(db, w, TZ, 0);
    expect(f.timely).toEqual(expected.timely);
    // Group rows may split differently; their counts per key must not.
    const totals = (gs: typeof f.clocks) => {
      const m = new Map<string, number>();
      for (const g of gs) {
        const k = JSON.stringify([g.clock, g.kind, g.valid, g.category, g.state, g.satisfaction]);
        m.set(k, (m.get(k) ?? 0) + g.n);
      }
      return [...m].sort();
    };
    expect(totals(f.clocks)).toEqual(totals(expected.clocks));
    expect(f.clocks.reduce((s, g) => s + g.n, 0)).toBeGreaterThan(100);
    // Both halves were needed: some complaints fall outside the id range.
    const p = { since, until, now, ...idRange(w, TZ) };
    expect((db.prepare(SQL.clocksOutOfRange).all(p) as unknown[]).length).toBeGreaterThan(0);
    expect((db.prepare(SQL.clocksInRange).all(p) as unknown[]).length).toBeGreaterThan(0);
  });

  it('packs three bits per clock in CLOCKS order, as the SQL does', () => {
    const m = 1 * 8 ** 0 + 4 * 8 ** CLOCKS.indexOf('reply') + 2 * 8 ** CLOCKS.indexOf('suggestion_reply');
    expect(m).toBeGreaterThan(2 ** 31); // past what bit operators keep
    expect(
      pack({ kind: 'complaint', valid: 1, category: 'noise', satisfaction: null, n: 3, intake: 'met', reply: 'pending', suggestion_reply: 'breached' }),
    ).toEqual({
      kind: 'complaint',
      valid: 1,
      category: 'noise',
      satisfaction: null,
      n: 3,
      m,
    });
    const g = clockGroups([{ kind: 'complaint', valid: 1, category: 'noise', satisfaction: 'basic', m, n: 3 }]);
    expect(g.clocks.map((x) => [x.clock, x.state, x.satisfaction, x.n])).toEqual([
      ['intake', 'met', null, 3],
      ['reply', 'pending', null, 3],
      ['suggestion_reply', 'breached', null, 3],
    ]);
    expect(g.timely).toEqual({ n: 3, ok: 0 });
  });

  it('the id range: from a week before the period to its end, in site dates', () => {
    expect(idRange({ since, until }, TZ)).toEqual({ lo: 'C20261025', hi: 'C20261201' });
  });
});

describe('archive totals: the SQL sums equal archive check', () => {
  it.each([1, 2, 3])('seed %i', (seed) => {
    const db = schemaDb();
    const r = rng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const insU = db.prepare(
      `INSERT INTO units (label, building, unit, floor, room, occupancy, sort_key, created_at, updated_at) VALUES (?, '1', '1', '1', ?, ?, ?, 0, 0)`,
    );
    const insD = db.prepare(`INSERT INTO dossiers (unit, type, bag_label, sort_key, opened_at, updated_at) VALUES (?, ?, 'bag', ?, 0, 0)`);
    const insDoc = db.prepare(`INSERT INTO documents (id, unit, type, status, filed_at, superseded_by) VALUES (?, ?, ?, ?, 0, ?)`);
    let docs = 0;
    for (let i = 0; i < 300; i++) {
      const label = `1-1-${1000 + i}`;
      insU.run(label, String(i), pick(['owner', 'owner', 'tenant', 'vacant']), label);
      if (r() < 0.5) continue;
      // Any dossier type on any occupancy, vacant units included.
      const type = pick(['owner', 'tenant'] as const);
      insD.run(label, type, label);
      const types = [...OWNER_REQUIRED, ...TENANT_REQUIRED, ...OPTIONAL_TYPES];
      // Some bags are full, before the random papers (which may replace or destroy some).
      if (r() < 0.3) for (const t of type === 'owner' ? OWNER_REQUIRED : TENANT_REQUIRED) insDoc.run(`D${++docs}`, label, t, 'active', null);
      const n = Math.floor(r() * 14);
      for (let j = 0; j < n; j++) {
        const id = `D${++docs}`;
        // Duplicates, replaced versions and destroyed documents do not count twice or at all.
        insDoc.run(id, label, pick(types), r() < 0.1 ? 'destroyed' : 'active', null);
        if (r() < 0.1) {
          const newer = `D${++docs}`;
          insDoc.run(newer, label, pick(types), 'active', null);
          db.prepare('UPDATE documents SET superseded_by = ? WHERE id = ?').run(newer, id);
        }
      }
    }
    const c = checkArchives(makeCtx(db, { now: 0, tz: TZ }));
    const t = archiveTotals(db, unitCounts(db));
    expect(t).toEqual({
      dossiers: c.dossiers,
      complete: c.complete,
      without_dossier: c.without_dossier,
      required: c.units.reduce((a, u) => a + u.required, 0),
      present: c.units.reduce((a, u) => a + u.present, 0),
      site_complete_pct: c.site_complete_pct,
    });
    expect(t.complete).toBeGreaterThan(0);
    expect(t.present).toBeLessThan(t.required);
  });

  it('the occupied count: owners and tenants, not vacant units', () => {
    const db = schemaDb();
    const ins = db.prepare(
      `INSERT INTO units (label, building, unit, floor, room, occupancy, sort_key, created_at, updated_at) VALUES (?, '1', '1', '1', '1', ?, ?, 0, 0)`,
    );
    ['owner', 'owner', 'tenant', 'vacant'].forEach((o, i) => ins.run(`u${i}`, o, `u${i}`));
    expect(unitCounts(db)).toEqual({ owner: 2, tenant: 1, occupied: 3 });
    expect(unitCounts(schemaDb())).toEqual({ owner: 0, tenant: 0, occupied: 0 });
  });
});
