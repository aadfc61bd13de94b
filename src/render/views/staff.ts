// The staff roster as every format shows it: a member's JSON object and
// record, the list, and a clerk's visiting area. Pure: rows in, view data out.
import type { StaffRecord } from '../../store/people.js';
import type { Column, Output } from '../view.js';

const STAFF_COLUMNS: Column[] = [
  { key: 'code', label: 'col.code' },
  { key: 'name', label: 'col.name' },
  { key: 'department', label: 'col.department', type: 'state' },
  { key: 'role', label: 'col.role', type: 'state' },
  { key: 'phone', label: 'col.phone' },
  { key: 'active', label: 'col.active', type: 'bool' },
];

export function staffJson(s: StaffRecord) {
  return { code: s.code, name: s.name, department: s.department, role: s.role, phone: s.phone, active: !!s.active };
}

/** One member as a record (add, update, deactivate). */
export function staffOutput(s: StaffRecord): Output {
  return { json: staffJson(s), record: { fields: STAFF_COLUMNS, row: { ...s } } };
}

export function staffListOutput(rows: StaffRecord[]): Output {
  return { json: rows.map(staffJson), table: { title: '', columns: STAFF_COLUMNS, rows: rows.map((s) => ({ ...s })) } };
}

/** The buildings a clerk visits (SPEC §14). */
export function areaOutput(r: { staff: string; buildings: string[] }): Output {
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
}
