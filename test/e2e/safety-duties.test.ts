// Issue 14, defect 9: one manager can no longer carry a document through the
// destruction chain alone. Roles are granted and removed only below one's
// own; no one deactivates someone above them; the chain needs four different
// people; a code created or promoted within 7 days may not approve or witness.
import { afterAll, describe, expect, it } from 'vitest';
import { makeSite } from './helpers.js';

const site = makeSite({ roster: true });
afterAll(() => site.cleanup());
const NOW = '2026-11-23T10:00:00+08:00';
const LATER = '2026-12-01T10:00:00+08:00'; // 8 days on
const run = (args: string[], as: string, now = NOW) => site.run(args, { as, now });
const staff = () => site.run(['staff', 'list', '--all', '--json']).json() as { code: string; role: string; active: number | boolean }[];
const add = (code: string, role: string, as: string) => run(['staff', 'add', code, '--name', '替身' + code, '--dept', 'cs', '--role', role], as);

describe('defect 9: roles only below one’s own', () => {
  it('a manager may not create a leader, a director or another manager (exit 4), nor deactivate the director', () => {
    const before = staff();
    for (const role of ['leader', 'director', 'manager']) {
      const r = add('Z' + role.length, role, 'S002');
      expect(r.code, role).toBe(4);
      expect(r.stderr).toMatch(/may grant only roles below their own/);
    }
    const d = run(['staff', 'deactivate', 'S001'], 'S002');
    expect(d.code).toBe(4);
    expect(d.stderr).toMatch(/may not deactivate S001 \(director\), who is above them/);
    // nor by import: promoting oneself's peers or demoting the director
    const f = site.file('roster.csv', 'code,name,department,role,phone,active\nS001,周海燕,cs,clerk,18583690060,1\n');
    expect(run(['staff', 'import', f], 'S002').code).toBe(4);
    const g = site.file('roster2.csv', 'code,name,department,role,phone,active\nS001,周海燕,cs,director,18583690060,0\n');
    expect(run(['staff', 'import', g], 'S002').code).toBe(4);
    expect(staff()).toEqual(before);
  });

  it('the chain: stand-ins made today may not witness; the reviewer may not witness; the approver is a real director', () => {
    // the manager makes a supervisor stand-in and two clerk stand-ins (allowed: below a manager)
    for (const [code, role] of [
      ['Z1', 'supervisor'],
      ['Z2', 'clerk'],
      ['Z3', 'clerk'],
    ])
      expect(add(code, role, 'S002').code).toBe(0);
    expect(run(['archive', 'open', '1-1-101', '--type', 'owner'], 'S003').code).toBe(0);
    const doc = run(['archive', 'add', '1-1-101', '--doc', 'other', '--at', '2020-01-01 10:00', '--json'], 'S003').json().id;
    const xd = run(['archive', 'destroy-request', doc, '--reason', '过期', '--json'], 'Z1').json().id;
    expect(run(['archive', 'destroy-review', xd], 'S002').code).toBe(0);
    // the approver must be the director: the manager cannot, and cannot make one
    expect(run(['archive', 'destroy-approve', xd], 'S002').code).toBe(4);
    expect(run(['archive', 'destroy-approve', xd], 'S001').code).toBe(0);
    const w = run(['archive', 'destroy', xd, '--witness', 'Z2', '--witness', 'Z3', '--yes'], 'S003');
    expect(w.code).toBe(4);
    expect(w.stderr).toMatch(/Z2 was created or promoted within the last 7 days and may not witness yet \(from 2026-11-30\)/);
    const party = run(['archive', 'destroy', xd, '--witness', 'S002', '--witness', 'S005', '--yes'], 'S003');
    expect(party.code).toBe(4);
    expect(party.stderr).toMatch(/four different people/);
    expect(run(['archive', 'destruction', xd, '--json'], 'S003').json().status).toBe('approved');
    // 8 days on, seasoned witnesses who are not parties to the chain may
    expect(run(['archive', 'destroy', xd, '--witness', 'S005', '--witness', 'Z2', '--yes'], 'S003', LATER).code).toBe(0);
  });

  it('a promotion restarts the 7 days: a new supervisor may not approve a key loan at once', () => {
    expect(run(['staff', 'import', site.file('p.csv', 'code,name,department,role,phone,active\nZ3,替身Z3,cs,supervisor,,1\n')], 'S002', LATER).code).toBe(0);
    const r = run(
      ['archive', 'lend', '1-1-101', '--to', '王律师', '--purpose', '查阅', '--due', '2d', '--approved-by', 'Z3', '--signed-by', '王律师'],
      'S003',
      LATER,
    );
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/Z3 was created or promoted within the last 7 days and may not review or approve yet/);
  });
});
