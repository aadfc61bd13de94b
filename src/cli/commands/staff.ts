import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { importOptions, importOutput, importRunOptions } from '../importer.js';
import { addStaff, deactivateStaff, importStaff, listStaff, parseDept, parseRole, updateStaff, type StaffRow } from '../../app/roster/staff.js';
import { labelsOf } from '../choices.js';
import { CHOICES, acceptedWords } from '../../domain/choices.js';
import { UsageError } from '../../errors.js';
import { ROLES } from '../../domain/people.js';

const view = () => import('../../render/views/staff.js');

export function register(program: Command): void {
  const t = helpT();
  const staff = program.command('staff').description(t('cmd.staff')).addHelpText('before', t('help.staff'));
  registerRoster(staff, t);
  registerChanges(staff, t);
}

/** import, add, list: who is on the roster. */
function registerRoster(staff: Command, t: T): void {
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
        return (await view()).staffOutput(addStaff(ctx, { code: o.code, name: o.name, department, role, phone: o.phone ?? null, active: 1 }));
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
        return (await view()).staffListOutput(rows);
      }),
    );
}

/** update, area, deactivate: a member's details, visiting area and leaving. */
function registerChanges(staff: Command, t: T): void {
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
        if (o.dept !== undefined && !department)
          throw new UsageError('err.bad_dept', { value: o.dept, accepted: acceptedWords(CHOICES.department, labels).join(sep) }, 'fix.dept');
        const role = o.role === undefined ? undefined : parseRole(o.role, labels);
        if (o.role !== undefined && !role)
          throw new UsageError('err.bad_role', { value: o.role, accepted: acceptedWords(CHOICES.role, labels).join(sep) }, 'fix.role');
        if (o.name === undefined && department === undefined && role === undefined && o.phone === undefined)
          throw new UsageError('err.nothing_to_change', {}, 'fix.staff_fields');
        return (await view()).staffOutput(
          updateStaff(await io.ctx(), code, { name: o.name, department, role, phone: o.phone === undefined ? undefined : o.phone || null }),
        );
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
        return (await view()).areaOutput(setArea(await io.ctx(), code, buildings));
      }),
    );

  staff
    .command('deactivate <code>')
    .description(t('cmd.staff_deactivate'))
    .action(action({ write: true }, async (io, code: string) => (await view()).staffOutput(deactivateStaff(await io.ctx(), code))));
}
