// Visits, surveys and community events: every statement of the module (SPEC §14).
import type { DB } from './db.js';
import { stmt } from './common.js';

export interface VisitRow {
  id: string;
  unit: string;
  method: string;
  at: number;
  by: string | null;
  note: string;
  issue: string | null;
  raised_kind: string | null;
  raised_id: string | null;
}

export interface SurveyRow {
  id: string;
  name: string;
  taken_from: string | null;
  taken_to: string | null;
  imported_at: number;
  imported_by: string | null;
  file: string;
  sha256: string;
  respondents: number;
  questions: string;
}

export interface EventRow {
  id: string;
  type: string;
  at: number;
  topic: string;
  created_at: number;
  created_by: string | null;
  attendance: number | null;
  satisfaction: number | null;
  visited: number | null;
  recorded_at: number | null;
  recorded_by: string | null;
}

export const visitStore = {
  setArea(db: DB, staff: string, buildings: string[], at: number, by: string | null): void {
    db.prepare('DELETE FROM staff_areas WHERE staff_code = ?').run(staff);
    const put = db.prepare(
      'INSERT INTO staff_areas(building, staff_code, set_at, set_by) VALUES (?, ?, ?, ?) ON CONFLICT(building) DO UPDATE SET staff_code = excluded.staff_code, set_at = excluded.set_at, set_by = excluded.set_by',
    );
    for (const b of buildings) put.run(b, staff, at, by);
  },
  areas(db: DB): { staff_code: string; building: string }[] {
    return db.prepare('SELECT staff_code, building FROM staff_areas ORDER BY staff_code, building').all() as { staff_code: string; building: string }[];
  },
  buildingsExist(db: DB, buildings: string[]): string[] {
    const has = db.prepare('SELECT 1 FROM units WHERE building = ? LIMIT 1');
    return buildings.filter((b) => !has.get(b));
  },
  /** Occupied units of some buildings, in natural order. */
  occupiedUnits(db: DB, buildings: string[]): string[] {
    if (!buildings.length) return [];
    return (
      db
        .prepare(`SELECT label FROM units WHERE occupancy <> 'vacant' AND building IN (${buildings.map(() => '?').join(',')}) ORDER BY sort_key`)
        .all(...buildings) as { label: string }[]
    ).map((r) => r.label);
  },
  /** An area's occupied units and those of them visited in [since, until), counted through indexes. */
  areaCounts(db: DB, buildings: string[], since: number, until: number): { occupied: number; visited: number } {
    if (!buildings.length) return { occupied: 0, visited: 0 };
    // The buildings as one JSON parameter: one cached statement for every
    // area (the overdue scan counts each clerk's area for two quarters).
    const list = JSON.stringify(buildings);
    const occupied = (
      stmt(db, 'SELECT COALESCE(SUM(occupied), 0) AS n FROM unit_buildings WHERE name IN (SELECT value FROM json_each(?))').get(list) as { n: number }
    ).n;
    const visited = (
      stmt(
        db,
        `SELECT COUNT(DISTINCT v.unit) AS n FROM visits v JOIN units u ON u.label = v.unit
          WHERE v.at >= ? AND v.at < ? AND u.building IN (SELECT value FROM json_each(?)) AND u.occupancy <> 'vacant'`,
      ).get(since, until, list) as { n: number }
    ).n;
    return { occupied, visited };
  },
  occupiedCount(db: DB): number {
    return (db.prepare('SELECT COALESCE(SUM(occupied), 0) AS n FROM unit_buildings').get() as { n: number }).n;
  },
  visitedUnits(db: DB, since: number, until: number): Set<string> {
    return new Set((db.prepare('SELECT DISTINCT unit FROM visits WHERE at >= ? AND at < ?').all(since, until) as { unit: string }[]).map((r) => r.unit));
  },
  /** Distinct occupied units visited in [since, until). */
  occupiedVisited(db: DB, since: number, until: number): number {
    return (
      db
        .prepare("SELECT COUNT(DISTINCT v.unit) AS n FROM visits v JOIN units u ON u.label = v.unit WHERE v.at >= ? AND v.at < ? AND u.occupancy <> 'vacant'")
        .get(since, until) as { n: number }
    ).n;
  },
  unitContact(
    db: DB,
    label: string,
  ):
    | { label: string; occupancy: string; owner_name: string | null; owner_phone: string | null; tenant_name: string | null; tenant_phone: string | null }
    | undefined {
    return db.prepare('SELECT label, occupancy, owner_name, owner_phone, tenant_name, tenant_phone FROM units WHERE label = ?').get(label) as never;
  },
  insertVisit(db: DB, v: VisitRow): void {
    db.prepare(
      'INSERT INTO visits(id, unit, method, at, by, note, issue, raised_kind, raised_id) VALUES (@id, @unit, @method, @at, @by, @note, @issue, @raised_kind, @raised_id)',
    ).run(v);
  },
  linkVisit(db: DB, id: string, kind: string, raised: string): void {
    db.prepare('UPDATE visits SET raised_kind = ?, raised_id = ? WHERE id = ?').run(kind, raised, id);
  },
  getVisit(db: DB, id: string): VisitRow | undefined {
    return db.prepare('SELECT * FROM visits WHERE id = ?').get(id) as VisitRow | undefined;
  },
  listVisits(db: DB, f: { since?: number; until?: number; unit?: string; by?: string; limit?: number }): VisitRow[] {
    const where: string[] = [];
    const p: Record<string, unknown> = {};
    if (f.since !== undefined) (where.push('at >= @since'), (p.since = f.since));
    if (f.until !== undefined) (where.push('at < @until'), (p.until = f.until));
    if (f.unit) (where.push('unit = @unit'), (p.unit = f.unit));
    if (f.by) (where.push('by = @by'), (p.by = f.by));
    const lim = f.limit ? ` LIMIT ${Math.max(0, Math.floor(f.limit))}` : '';
    return db.prepare(`SELECT * FROM visits${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY at DESC, id DESC${lim}`).all(p) as VisitRow[];
  },
  firstVisitAt(db: DB): number | null {
    return (db.prepare('SELECT MIN(at) AS at FROM visits').get() as { at: number | null }).at;
  },
  insertSurvey(db: DB, s: SurveyRow): void {
    db.prepare(
      'INSERT INTO surveys(id, name, taken_from, taken_to, imported_at, imported_by, file, sha256, respondents, questions) VALUES (@id, @name, @taken_from, @taken_to, @imported_at, @imported_by, @file, @sha256, @respondents, @questions)',
    ).run(s);
  },
  answerWriter(db: DB): (a: { survey_id: string; line: number; unit: string | null; date: string | null; question: number; score: number }) => void {
    const st = db.prepare(
      'INSERT INTO survey_answers(survey_id, line, unit, date, question, score) VALUES (@survey_id, @line, @unit, @date, @question, @score)',
    );
    return (a) => void st.run(a);
  },
  finishSurvey(db: DB, id: string, o: { respondents: number; taken_from: string | null; taken_to: string | null }): void {
    db.prepare('UPDATE surveys SET respondents = ?, taken_from = ?, taken_to = ? WHERE id = ?').run(o.respondents, o.taken_from, o.taken_to, id);
  },
  getSurvey(db: DB, id: string): SurveyRow | undefined {
    return db.prepare('SELECT * FROM surveys WHERE id = ?').get(id) as SurveyRow | undefined;
  },
  surveys(db: DB): SurveyRow[] {
    return db.prepare("SELECT * FROM surveys ORDER BY COALESCE(taken_to, date(imported_at / 1000, 'unixepoch')) DESC, id DESC").all() as SurveyRow[];
  },
  /** Scores per question of a survey. */
  scores(db: DB, id: string): { question: number; score: number }[] {
    return db.prepare('SELECT question, score FROM survey_answers WHERE survey_id = ? ORDER BY question').all(id) as { question: number; score: number }[];
  },
  lastSurveyDate(db: DB): string | null {
    return (db.prepare('SELECT MAX(taken_to) AS d FROM surveys').get() as { d: string | null }).d;
  },
  firstSurveyAt(db: DB): number | null {
    return (db.prepare('SELECT MIN(imported_at) AS at FROM surveys').get() as { at: number | null }).at;
  },
  insertEvent(db: DB, e: EventRow): void {
    db.prepare(
      'INSERT INTO site_events(id, type, at, topic, created_at, created_by, attendance, satisfaction, visited, recorded_at, recorded_by) VALUES (@id, @type, @at, @topic, @created_at, @created_by, @attendance, @satisfaction, @visited, @recorded_at, @recorded_by)',
    ).run(e);
  },
  recordEvent(db: DB, id: string, o: { attendance: number; satisfaction: number; visited: number; at: number; by: string | null }): void {
    db.prepare('UPDATE site_events SET attendance = ?, satisfaction = ?, visited = ?, recorded_at = ?, recorded_by = ? WHERE id = ?').run(
      o.attendance,
      o.satisfaction,
      o.visited,
      o.at,
      o.by,
      id,
    );
  },
  getEvent(db: DB, id: string): EventRow | undefined {
    return db.prepare('SELECT * FROM site_events WHERE id = ?').get(id) as EventRow | undefined;
  },
  events(db: DB, f: { type?: string; since?: number; until?: number } = {}): EventRow[] {
    const where: string[] = [];
    const p: Record<string, unknown> = {};
    if (f.type) (where.push('type = @type'), (p.type = f.type));
    if (f.since !== undefined) (where.push('at >= @since'), (p.since = f.since));
    if (f.until !== undefined) (where.push('at < @until'), (p.until = f.until));
    return db.prepare(`SELECT * FROM site_events${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY at DESC, id DESC`).all(p) as EventRow[];
  },
  /** The latest event of a type held before `before`. */
  lastEventAt(db: DB, type: string, before: number): number | null {
    return (db.prepare('SELECT MAX(at) AS at FROM site_events WHERE type = ? AND at < ?').get(type, before) as { at: number | null }).at;
  },
  firstEventAt(db: DB): number | null {
    return (db.prepare('SELECT MIN(MIN(created_at), MIN(at)) AS at FROM site_events').get() as { at: number | null }).at;
  },
  /** Events held before `before`, not cancelled, whose record may be short (checked in domain). */
  eventsHeldBefore(db: DB, before: number, since: number): EventRow[] {
    return db.prepare('SELECT * FROM site_events WHERE at < ? AND at >= ? ORDER BY at').all(before, since) as EventRow[];
  },
};
