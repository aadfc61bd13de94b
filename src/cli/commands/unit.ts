import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { importOptions, importOutput, importRunOptions } from '../importer.js';
import { getUnit, importUnits, listUnits, type UnitRow } from '../../app/core/units.js';
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
        const u = getUnit(await io.ctx(), label);
        return { json: unitJson(u), record: { fields: UNIT_FIELDS, row: u as unknown as Record<string, unknown> } };
      }),
    );
}
