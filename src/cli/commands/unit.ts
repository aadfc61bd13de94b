import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { importOptions, importOutput, importRunOptions } from '../importer.js';
import { addUnit, getUnit, importUnits, listUnits, updateUnit, type UnitFields, type UnitRow } from '../../app/roster/units.js';
import { labelsOf } from '../choices.js';
import type { Column } from '../../render/view.js';

export const UNIT_LIST_COLUMNS: Column[] = [
  { key: 'label', label: 'col.unit' },
  { key: 'floor', label: 'col.floor' },
  { key: 'area_m2', label: 'col.area' },
  { key: 'occupancy', label: 'col.occupancy', type: 'state' },
  { key: 'owner_name', label: 'col.owner_name' },
  { key: 'owner_phone', label: 'col.owner_phone' },
  { key: 'tenant_name', label: 'col.tenant_name' },
];

const UNIT_FIELDS: Column[] = [
  { key: 'label', label: 'col.unit' },
  { key: 'building', label: 'col.building' },
  { key: 'unit', label: 'col.unit_no' },
  { key: 'floor', label: 'col.floor' },
  { key: 'room', label: 'col.room' },
  { key: 'area_m2', label: 'col.area' },
  { key: 'occupancy', label: 'col.occupancy', type: 'state' },
  { key: 'owner_name', label: 'col.owner_name' },
  { key: 'owner_phone', label: 'col.owner_phone' },
  { key: 'owner_id_number', label: 'col.owner_id_number' },
  { key: 'tenant_name', label: 'col.tenant_name' },
  { key: 'tenant_phone', label: 'col.tenant_phone' },
  { key: 'move_in_date', label: 'col.move_in_date' },
];

export function unitJson(u: UnitRow) {
  return {
    label: u.label,
    building: u.building,
    unit: u.unit,
    floor: u.floor,
    room: u.room,
    area_m2: u.area_m2,
    occupancy: u.occupancy,
    owner_name: u.owner_name,
    owner_phone: u.owner_phone,
    owner_id_number: u.owner_id_number,
    tenant_name: u.tenant_name,
    tenant_phone: u.tenant_phone,
    move_in_date: u.move_in_date,
  };
}

export function register(program: Command): void {
  const t = helpT();
  const unit = program.command('unit').description(t('cmd.unit')).addHelpText('before', t('help.unit'));

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
  const shown = (u: UnitRow) => ({ json: unitJson(u), record: { fields: UNIT_FIELDS, row: u as unknown as Record<string, unknown> } });

  fieldOptions(unit.command('add <label>').description(t('cmd.unit_add'))).action(
    action({ write: true }, async (io, label: string) => shown(addUnit(await io.ctx(), label, fieldsOf(io.opts), labelsOf(io.lang)))),
  );
  fieldOptions(unit.command('update <label>').description(t('cmd.unit_update'))).action(
    action({ write: true }, async (io, label: string) => shown(updateUnit(await io.ctx(), label, fieldsOf(io.opts), labelsOf(io.lang)))),
  );

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
        return { json: rows.map(unitJson), table: { title: '', columns: UNIT_LIST_COLUMNS, rows: rows as unknown as Record<string, unknown>[] } };
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
        const v = await import('../../render/views/request.js');
        const now = ctx.clock.now();
        return {
          json: { ...unitJson(u), requests: requests.map((r) => v.requestJson(r, null, now, ctx.tz)) },
          record: { fields: UNIT_FIELDS, row: u as unknown as Record<string, unknown> },
          sections: [{ title: 'title.unit_requests', columns: v.UNIT_REQUEST_COLUMNS, rows: requests as unknown as Record<string, unknown>[], empty: 'msg.r_none' }],
        };
      }),
    );
}
