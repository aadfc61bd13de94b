import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { importOptions, importOutput, importRunOptions } from '../importer.js';
import { addUnit, getUnit, importUnits, listUnits, updateUnit, type UnitFields, type UnitRow } from '../../app/roster/units.js';
import { labelsOf } from '../choices.js';

const view = () => import('../../render/views/unit.js');

export function register(program: Command): void {
  const t = helpT();
  const unit = program.command('unit').description(t('cmd.unit')).addHelpText('before', t('help.unit'));
  registerRoster(unit, t);
  registerReading(unit, t);
}

/** import, add, update: the units roster. */
function registerRoster(unit: Command, t: T): void {
  importOptions(unit.command('import <file>').description(t('cmd.unit_import')), t).action(
    action({ write: true }, async (io, file: string) => importOutput(io, await importUnits(await io.ctx(), file, await importRunOptions(io)))),
  );

  const fieldOptions = (c: Command): Command =>
    c
      .option('--floor <n>', t('opt.floor'))
      .option('--area <m2>', t('opt.area'))
      .option('--occupancy <o>', t('opt.occupancy'))
      .option('--owner-name <name>', t('opt.owner_name'))
      .option('--owner-phone <phone>', t('opt.owner_phone'))
      .option('--owner-id <id>', t('opt.owner_id'))
      .option('--tenant-name <name>', t('opt.tenant_name'))
      .option('--tenant-phone <phone>', t('opt.tenant_phone'))
      .option('--move-in <date>', t('opt.move_in'));
  const fieldsOf = (o: Record<string, string | undefined>): UnitFields => ({
    floor: o.floor,
    area_m2: o.area,
    occupancy: o.occupancy,
    owner_name: o.ownerName,
    owner_phone: o.ownerPhone,
    owner_id_number: o.ownerId,
    tenant_name: o.tenantName,
    tenant_phone: o.tenantPhone,
    move_in_date: o.moveIn,
  });
  const shown = async (u: UnitRow) => (await view()).unitOutput(u);

  fieldOptions(unit.command('add <label>').description(t('cmd.unit_add'))).action(
    action({ write: true }, async (io, label: string) => shown(addUnit(await io.ctx(), label, fieldsOf(io.opts), labelsOf(io.lang)))),
  );
  fieldOptions(unit.command('update <label>').description(t('cmd.unit_update'))).action(
    action({ write: true }, async (io, label: string) => shown(updateUnit(await io.ctx(), label, fieldsOf(io.opts), labelsOf(io.lang)))),
  );
}

/** list, show (with the unit's service requests). */
function registerReading(unit: Command, t: T): void {
  unit
    .command('list')
    .description(t('cmd.unit_list'))
    .option('--building <b>', t('opt.building'))
    .option('--occupancy <o>', t('opt.occupancy'))
    .option('--limit <n>', t('opt.limit'))
    .option('--offset <n>', t('opt.offset'))
    .action(
      action({ choices: { occupancy: 'occupancy' } }, async (io) => {
        const rows = listUnits(await io.ctx(), {
          building: io.opts.building,
          occupancy: io.opts.occupancy,
          limit: io.opts.limit ? Number(io.opts.limit) : undefined,
          offset: io.opts.offset ? Number(io.opts.offset) : undefined,
        });
        return (await view()).unitListOutput(rows);
      }),
    );

  unit
    .command('show <label>')
    .description(t('cmd.unit_show'))
    .action(
      action({}, async (io, label: string) => {
        const ctx = await io.ctx();
        const u = getUnit(ctx, label);
        // The unit's service requests (客户请修记录, [003] 篇3; SPEC §11).
        const { hasRequestTables } = await import('../../store/request.js');
        const requests = hasRequestTables(ctx.db) ? (await import('../../app/request/query.js')).requestsOfUnit(ctx, u.label) : [];
        return (await view()).unitShowOutput(u, requests, ctx.clock.now(), ctx.tz);
      }),
    );
}
