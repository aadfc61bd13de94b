// The units roster as every format shows it: a unit's JSON object and record
// (with its service requests in `unit show`), and the list. Pure: rows in,
// view data out.
import type { UnitRow } from '../../app/roster/units.js';
import type { RequestRow } from '../../store/request.js';
import type { Column, Output } from '../view.js';
import { requestJson, UNIT_REQUEST_COLUMNS } from './request.js';

const UNIT_LIST_COLUMNS: Column[] = [
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

/** One unit as a record (add, update). */
export function unitOutput(u: UnitRow): Output {
  return { json: unitJson(u), record: { fields: UNIT_FIELDS, row: { ...u } } };
}

export function unitListOutput(rows: UnitRow[]): Output {
  return { json: rows.map(unitJson), table: { title: '', columns: UNIT_LIST_COLUMNS, rows: rows.map((u) => ({ ...u })) } };
}

/** `unit show`: the unit and its service requests (客户请修记录, [003] 篇3; SPEC §11). */
export function unitShowOutput(u: UnitRow, requests: RequestRow[], now: number, tz: string): Output {
  return {
    json: { ...unitJson(u), requests: requests.map((r) => requestJson(r, null, now, tz)) },
    record: { fields: UNIT_FIELDS, row: { ...u } },
    sections: [{ title: 'title.unit_requests', columns: UNIT_REQUEST_COLUMNS, rows: requests.map((r) => ({ ...r })), empty: 'msg.r_none' }],
  };
}
