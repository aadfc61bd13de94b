// i18 module fixes (SPEC §5–§7, [000] §2.7), through bin/pmctl: the security
// handovers at 08:00 and 18:00, a let unit's owner and tenant papers, and the
// backup age in doctor and the terminal's warning line.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeSite } from './helpers.js';

describe('handover with security is due at 08:00 and 18:00', () => {
  const site = makeSite({ roster: true, now: '2026-11-23 07:50' });
  afterAll(() => site.cleanup());
  const missing = (now: string) =>
    site
      .run(['overdue', '--json'], { now })
      .json()
      .filter((i: any) => i.what === 'security_handover');

  it('a missing one is overdue 30 minutes after its time; a late one clears it', () => {
    // nothing before the site's first security handover
    expect(missing('2026-11-23 07:55')).toEqual([]);
    const r = site.run(['handover', 'start', '--shift', 'night', '--to', 'S005', '--with', 'security', '--json'], { as: 'B002', now: '2026-11-23 07:55' });
    expect(r.code, r.stderr).toBe(0);
    expect(missing('2026-11-23 16:00')).toEqual([]);
    expect(missing('2026-11-23 18:20')).toMatchObject([{ id: '2026-11-23 18:00', overdue_minutes: -10 }]); // due soon
    expect(missing('2026-11-23 19:00')).toEqual([
      { module: 'handover', id: '2026-11-23 18:00', what: 'security_handover', due_at: '2026-11-23T18:30:00+08:00', overdue_minutes: 30 },
    ]);
    const zh = site.run(['overdue', '--lang', 'zh'], { now: '2026-11-23 19:00' }).stdout;
    expect(zh).toContain('与保安交接（08:00/18:00）未做');
    // a desk handover does not count for it
    expect(site.run(['overdue', '--check'], { now: '2026-11-23 19:00' }).code).toBe(6);
    expect(site.run(['handover', 'start', '--shift', 'day', '--to', 'B002', '--with', 'security'], { as: 'S005', now: '2026-11-23 19:05' }).code).toBe(0);
    expect(missing('2026-11-23 19:10')).toEqual([]);
    expect(missing('2026-11-24 06:00')).toEqual([]); // due 08:30: not yet within the 2-hour horizon
    // the next morning's is due in turn
    expect(missing('2026-11-24 08:31').map((i: any) => i.id)).toEqual(['2026-11-24 08:00']);
  });
});

describe("a let unit's dossier checks the owner's papers and the tenant's", () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());
  const TENANT = '1-1-602';

  it('the tenant papers alone are not complete; with the owner papers it is', () => {
    const run = (args: string[]) => site.run(args, { as: 'S005' });
    expect(run(['archive', 'open', TENANT, '--type', 'tenant']).code).toBe(0);
    for (const doc of ['agency_agreement', 'tenant_id', 'lease', 'fee_settlement']) expect(run(['archive', 'add', TENANT, '--doc', doc]).code).toBe(0);
    let c = site.run(['archive', 'check', TENANT, '--json']).json().units[0];
    expect(c).toMatchObject({ type: 'tenant', complete_pct: 33.3 });
    expect(c.missing).toEqual([
      'id_copy',
      'move_in_notice',
      'service_agreement',
      'owner_register',
      'covenant',
      'renovation_agreement',
      'fire_safety',
      'handover_record',
    ]);
    for (const doc of c.missing) expect(run(['archive', 'add', TENANT, '--doc', doc]).code).toBe(0);
    c = site.run(['archive', 'check', TENANT, '--json']).json().units[0];
    expect(c).toMatchObject({ missing: [], complete_pct: 100 });
    expect(run(['archive', 'open', '1-1-901', '--type', 'tenant']).code).toBe(0);
    const zh = site.run(['archive', 'check', '1-1-901', '--lang', 'zh']).stdout;
    expect(zh).toContain('身份证复印件');
    expect(zh).toContain('租赁合同');
  });
});

describe('doctor and the warning line say when the last backup is older than the site allows', () => {
  const site = makeSite({ roster: true, now: '2026-11-01 09:00' });
  afterAll(() => site.cleanup());
  const doctor = (now: string) =>
    site
      .run(['doctor', '--json'], { now })
      .json()
      .checks.find((c: any) => c.check === 'backup');
  const tty = (now: string, lang = 'en') => site.run(['staff', 'list', '--lang', lang], { now, env: { PMCTL_ASSUME_TTY: '1' } }).stderr;

  it('never backed up: warns once the folder is older than 7 days (the default)', () => {
    expect(doctor('2026-11-07 09:00').status).toBe('ok');
    expect(tty('2026-11-07 09:00')).not.toMatch(/backup/);
    expect(doctor('2026-11-09 09:00')).toMatchObject({ status: 'warn' });
    expect(tty('2026-11-09 09:00')).toMatch(/never backed up \(the folder is 8 days old; the site allows 7d\) — pmctl backup FILE/);
    expect(tty('2026-11-09 09:00', 'zh')).toMatch(/从未备份.*不超过 7天/);
    // not on a pipe or with --json
    expect(site.run(['staff', 'list'], { now: '2026-11-09 09:00' }).stderr).not.toMatch(/backup/);
  });

  it("a backup clears it until it is older than the setting; the setting is the site's (manager and above)", () => {
    const file = join(site.dir, 'b1.db');
    expect(site.run(['backup', file], { as: 'S005', now: '2026-11-09 10:00' }).code).toBe(0);
    expect(doctor('2026-11-12 10:00').status).toBe('ok');
    expect(site.run(['backup', '--max-age', '2d'], { as: 'S005', now: '2026-11-12 10:00' }).code).toBe(4);
    expect(site.run(['backup', '--max-age', '2wd'], { as: 'S002', now: '2026-11-12 10:00' }).code).toBe(2);
    expect(doctor('2026-11-12 10:00').status).toBe('ok');
    const r = site.run(['backup', '--max-age', '2d', '--json'], { as: 'S002', now: '2026-11-12 10:00' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ max_age: '2d' });
    expect(doctor('2026-11-12 10:00')).toMatchObject({ status: 'warn' });
    expect(tty('2026-11-12 10:00')).toMatch(/the last backup is 3 days old \(the site allows 2d\)/);
    expect(site.run(['backup'], { as: 'S002', now: '2026-11-12 10:00' }).code).toBe(2);
  });
});
