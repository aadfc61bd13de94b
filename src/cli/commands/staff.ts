import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { importOptions, importOutput, importRunOptions } from '../importer.js';
import { addStaff, deactivateStaff, importStaff, listStaff, parseDept, parseRole, updateStaff, type StaffRow } from '../../app/roster/staff.js';
import { labelsOf } from '../choices.js';
import { CHOICES, acceptedWords } from '../../domain/choices.js';
import { UsageError } from '../../errors.js';
import type { Column, Output } from '../../render/view.js';
import { ROLES } from '../../domain/people.js';

export const STAFF_COLUMNS: Column[] = [
  { key: 'code', label: 'col.code' },
  { key: 'name', label: 'col.name' },
  { key: 'department', label: 'col.department', type: 'state' },
  { key: 'role', label: 'col.role', type: 'state' },
  { key: 'phone', label: 'col.phone' },
  { key: 'active', label: 'col.active', type: 'bool' },
];

function staffJson(s: StaffRow) {
  return { code: s.code, name: s.name, department: s.department, role: s.role, phone: s.phone, active: !!s.active };
}

function one(s: StaffRow): Output {
  return { json: staffJson(s), record: { fields: STAFF_COLUMNS, row: s as unknown as Record<string, unknown> } };
}

export function register(program: Command): void {
  const t = helpT();
  const staff = program.command('staff').description(t('cmd.staff')).addHelpText('before', t('help.staff'));

  importOptions(staff.command('import <file>').description(t('cmd.staff_import')), t).action(
    action({ write: true }, async (io, file: string) => importOutput(io, await importStaff(await io.ctx(), file, await importRunOptions(io)))),
  );

  staff
    .command('add [code]')
    .description(t('cmd.staff_add'))
    .option('--name <name>', t('opt.name'))
    .option('--dept <dept>', t('opt.dept'))
    .option('--role <role>', t('opt.role'))
    .option('--phone <phone>', t('opt.phone'))
    .action(
      action({ write: true, choices: { dept: 'department', role: 'role' } }, async (io, code: string | undefined) => {
        const o = io.opts;
        o.code = code;
        await io.prompt.fill(o, [
          { name: 'code', flag: 'CODE', ask: 'prompt.staff_code' },
          { name: 'name', flag: '--name', ask: 'prompt.name' },
          { name: 'dept', flag: '--dept', ask: 'prompt.dept' },
          { name: 'role', flag: '--role', ask: 'prompt.role', choices: ROLES.map((r) => ({ value: r, name: 'role.' + r })) },
        ]);
        const labels = labelsOf(io.lang);
        const sep = io.lang === 'zh' ? '、' : ', ';
        const department = parseDept(o.dept, labels);
        if (!department) throw new UsageError('err.bad_dept', { value: o.dept, accepted: acceptedWords(CHOICES.department, labels).join(sep) }, 'fix.dept');
        const role = parseRole(o.role, labels);
        if (!role) throw new UsageError('err.bad_role', { value: o.role, accepted: acceptedWords(CHOICES.role, labels).join(sep) }, 'fix.role');
        const ctx = await io.ctx();
        return one(addStaff(ctx, { code: o.code, name: o.name, department, role, phone: o.phone ?? null, active: 1 }));
      }),
    );

  staff
    .command('list')
    .description(t('cmd.staff_list'))
    .option('--all', t('opt.all_staff'))
    .option('--dept <dept>', t('opt.dept'))
    .option('--role <role>', t('opt.role'))
    .action(
      action({ choices: { dept: 'department', role: 'role' } }, async (io) => {
        const rows = listStaff(await io.ctx(), { all: io.opts.all, dept: io.opts.dept, role: io.opts.role });
        return { json: rows.map(staffJson), table: { title: '', columns: STAFF_COLUMNS, rows: rows as unknown as Record<string, unknown>[] } };
      }),
    );

  staff
    .command('update <code>')
    .description(t('cmd.staff_update'))
    .option('--name <name>', t('opt.name'))
    .option('--dept <dept>', t('opt.dept'))
    .option('--role <role>', t('opt.role'))
    .option('--phone <phone>', t('opt.phone'))
    .action(
      action({ write: true }, async (io, code: string) => {
        const o = io.opts;
        const labels = labelsOf(io.lang);
        const sep = io.lang === 'zh' ? '、' : ', ';
        const department = o.dept === undefined ? undefined : parseDept(o.dept, labels);
        if (o.dept !== undefined && !department) throw new UsageError('err.bad_dept', { value: o.dept, accepted: acceptedWords(CHOICES.department, labels).join(sep) }, 'fix.dept');
        const role = o.role === undefined ? undefined : parseRole(o.role, labels);
        if (o.role !== undefined && !role) throw new UsageError('err.bad_role', { value: o.role, accepted: acceptedWords(CHOICES.role, labels).join(sep) }, 'fix.role');
        if (o.name === undefined && department === undefined && role === undefined && o.phone === undefined)
          throw new UsageError('err.nothing_to_change', {}, 'fix.staff_fields');
        return one(updateStaff(await io.ctx(), code, { name: o.name, department, role, phone: o.phone === undefined ? undefined : o.phone || null }));
      }),
    );

  staff
    .command('area <code>')
    .description(t('cmd.staff_area'))
    .requiredOption('--buildings <list>', t('opt.buildings'))
    .action(
      action({ write: true }, async (io, code: string) => {
        const buildings = String(io.opts.buildings)
          .split(/[,，、\s]+/)
          .map((b) => b.trim())
          .filter(Boolean);
        if (!buildings.length) throw new UsageError('err.no_buildings', {}, 'fix.buildings');
        const { setArea } = await import('../../app/visit/visits.js');
        const r = setArea(await io.ctx(), code, buildings);
        return {
          json: r,
          record: {
            fields: [
              { key: 'staff', label: 'col.staff' },
              { key: 'buildings', label: 'col.buildings', type: 'list' },
            ],
            row: r,
          },
        };
      }),
    );

  staff
    .command('deactivate <code>')
    .description(t('cmd.staff_deactivate'))
    .action(action({ write: true }, async (io, code: string) => one(deactivateStaff(await io.ctx(), code))));
}
