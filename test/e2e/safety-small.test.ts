// Issue 14, defect 12 (smaller defects): times out of range, masked echoes.
import { afterAll, describe, expect, it } from 'vitest';
import { makeSite } from './helpers.js';

const site = makeSite({ roster: true });
afterAll(() => site.cleanup());
const complaints = () => site.run(['complaint', 'list', '--json', '--limit', '1000']).json().length;
const base = [
  'complaint',
  'new',
  '--unit',
  '1-1-101',
  '--name',
  'Li',
  '--phone',
  '13800138000',
  '--subject',
  '噪音',
  '--category',
  'noise',
  '--channel',
  'phone',
];

describe('defect 12: times before 2000 or far ahead are usage errors', () => {
  it('--at 1900-01-01 is refused, nothing written', () => {
    const n = complaints();
    const r = site.run([...base, '--at', '1900-01-01 10:00'], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"1900-01-01 10:00" is out of range: from 2000-01-01/);
    expect(complaints()).toBe(n);
    expect(site.run([...base, '--at', '2026-11-20 10:00'], { as: 'S005' }).code).toBe(0);
  });
});

describe('defect 12: import errors mask what they echo', () => {
  it('a rejected phone and ID number are shown masked', () => {
    const f = site.file(
      'bad.csv',
      'building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone,owner_id_number\n9,1,1,101,80,owner,王,1380013800X,110101199003071234\n',
    );
    const r = site.run(['unit', 'import', f], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('1380013800X');
    expect(r.stderr).not.toContain('110101199003071234');
    expect(r.stderr).toContain('110101********1234');
  });
});
