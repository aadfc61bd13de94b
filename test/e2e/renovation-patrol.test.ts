// Units under renovation join the daily units patrol (SPEC §12, §13): an
// approved site is on the next checklist beside the vacant units, and leaves it
// once its work is accepted.
import { afterAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, makeSite } from './helpers.js';

const site = makeSite({ roster: true, now: '2026-11-23T10:00:00+08:00' });
afterAll(() => site.cleanup());

const vacant = readFileSync(join(FIXTURES, 'units.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .filter((c) => c[5] === 'vacant')
  .map((c) => `${c[0]}-${c[1]}-${c[3]}`);

const checklist = (now: string) => {
  const r = site.run(['patrol', 'start', '--kind', 'units', '--json'], { as: 'S005', now });
  expect(r.code, r.stderr).toBe(0);
  const p = r.json();
  expect(site.run(['patrol', 'finish', p.id], { as: 'S005', now }).code).toBe(0);
  return p.items.map((i: { item: string }) => i.item) as string[];
};

it('a renovating unit is on the next units patrol, beside the vacant units', () => {
  expect(vacant).not.toContain('1-1-101');
  expect(checklist('2026-11-23 11:00')).not.toContain('1-1-101');
  const a = site.run(
    [
      'renovation',
      'apply',
      '1-1-101',
      '--contractor',
      '安居装饰',
      '--contractor-phone',
      '13800138000',
      '--scope',
      '厨卫改造',
      '--start',
      '2026-11-24',
      '--end',
      '2027-01-20',
      '--json',
    ],
    { as: 'S005' },
  );
  expect(a.code, a.stderr).toBe(0);
  const id = a.json().id;
  expect(site.run(['renovation', 'review', id, 'ok', '--note', '图纸已审'], { as: 'E002' }).code).toBe(0);
  // Applied and reviewed is not yet a site: no permit, not patrolled.
  expect(checklist('2026-11-23 12:00')).not.toContain('1-1-101');
  expect(site.run(['renovation', 'approve', id], { as: 'S002' }).code).toBe(0);
  const items = checklist('2026-11-24 09:00');
  expect(items).toContain('1-1-101');
  expect(new Set(items)).toEqual(new Set([...vacant, '1-1-101']));
});
