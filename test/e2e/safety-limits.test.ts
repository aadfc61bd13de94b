// Issue 14, defects 3 and 12 (NUL): the same text limits for the command line
// and imports (domain/limits.ts); one huge CSV line is refused as it is read.
import { afterAll, describe, expect, it } from 'vitest';
import { makeSite } from './helpers.js';

const site = makeSite({ roster: true });
afterAll(() => site.cleanup());
const HEAD = 'building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone\n';
const units = () => site.run(['unit', 'list', '--json', '--limit', '1000']).json().length;
const complaints = () => site.run(['complaint', 'list', '--json', '--limit', '1000']).json().length;

describe('defect 3: no text without a limit', () => {
  it('a 6 MB owner name is refused at once (max_record_size), nothing written', () => {
    const n = units();
    const f = site.file('huge.csv', HEAD + '9,1,1,101,80,owner,' + '王'.repeat(2_000_000) + ',13800138000\n');
    const r = site.run(['unit', 'import', f], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Max Record Size/);
    expect(units()).toBe(n);
  });

  it('a name one character over 64 is refused with the line and column, like the CLI', () => {
    const n = units();
    const f = site.file('long.csv', HEAD + '9,1,1,101,80,owner,' + '王'.repeat(65) + ',13800138000\n');
    const r = site.run(['unit', 'import', f], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/long\.csv:2:7: owner_name is too long: at most 64 characters, 1 over/);
    expect(units()).toBe(n);
    const ok = site.file('ok.csv', HEAD + '9,1,1,101,80,owner,' + '王'.repeat(64) + ',13800138000\n');
    expect(site.run(['unit', 'import', ok], { as: 'S005' }).code).toBe(0);
  });

  it('a 100 KB complaint subject, a long description and a long staff name are usage errors naming the option', () => {
    const n = complaints();
    const base = ['complaint', 'new', '--unit', '1-1-101', '--name', 'Li', '--phone', '13800138000', '--category', 'noise', '--channel', 'phone'];
    const r = site.run([...base, '--subject', 'x'.repeat(100_000)], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--subject is too long: at most 200 characters, 99800 over/);
    const d = site.run([...base, '--subject', 'ok', '--description', 'y'.repeat(4001)], { as: 'S005' });
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--description is too long: at most 4000/);
    const s = site.run(['staff', 'add', 'S999', '--name', '张'.repeat(65), '--dept', 'cs', '--role', 'clerk'], { as: 'S001' });
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--name is too long: at most 64/);
    expect(complaints()).toBe(n);
  });
});

describe('defect 12: NUL and control characters', () => {
  it('a NUL byte in a building name (CSV) is refused; an escape sequence in a CLI name too', () => {
    const n = units();
    const f = site.file('nul.csv', HEAD + '9\0,1,1,101,80,owner,王,13800138000\n');
    const r = site.run(['unit', 'import', f], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nul\.csv:2:1: building holds a NUL or control character/);
    const e = site.run(['staff', 'add', 'S998', '--name', 'A\x1b[2JB', '--dept', 'cs', '--role', 'clerk'], { as: 'S001' });
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/--name holds a NUL or control character/);
    expect(units()).toBe(n);
  });
});
