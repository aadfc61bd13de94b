// Visits, surveys and events as every format shows them (SPEC §14).
import type { PlanLine } from '../../domain/visit.js';
import type { IndexFigure } from '../../domain/visit.js';
import type { SurveyImport, SurveySummary } from '../../app/visit/surveys.js';
import type { EventRow, SurveyRow, VisitRow } from '../../store/visit.js';
import { formatIso } from '../../domain/time.js';
import type { Column, Output, RenderOpts, Row, Section } from '../view.js';

export const VISIT_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'at', label: 'col.at', type: 'time' },
  { key: 'unit', label: 'col.unit' },
  { key: 'method', label: 'col.visit_method', type: 'state' },
  { key: 'by', label: 'col.by' },
  { key: 'note', label: 'col.note' },
  { key: 'issue', label: 'col.visit_issue' },
  { key: 'raised_id', label: 'col.raised' },
];

export function visitJson(v: VisitRow, tz: string) {
  return {
    id: v.id,
    unit: v.unit,
    method: v.method,
    at: formatIso(v.at, tz),
    by: v.by,
    note: v.note,
    issue: v.issue,
    raised: v.raised_id ? { kind: v.raised_kind, id: v.raised_id } : null,
  };
}

export function visitOutput(v: VisitRow, tz: string): Output {
  return { json: visitJson(v, tz), record: { fields: VISIT_COLUMNS, row: { ...v } } };
}

export function visitListOutput(rows: VisitRow[], tz: string): Output {
  return {
    json: rows.map((v) => visitJson(v, tz)),
    table: { title: 'title.visits', columns: VISIT_COLUMNS, rows: rows.map((v) => ({ ...v })), empty: 'msg.no_visits' },
  };
}

export function planOutput(lines: PlanLine[], quarter: string, listUnits: boolean): Output {
  const sections: Section[] = listUnits
    ? lines.map((l) => ({
        title: l.staff,
        columns: [{ key: 'unit', label: 'col.unit' }],
        rows: l.to_visit.map((unit) => ({ unit })),
        empty: 'msg.all_visited',
      }))
    : [];
  return {
    json: { quarter, clerks: lines },
    table: {
      title: 'title.visit_plan',
      columns: [
        { key: 'staff', label: 'col.clerk' },
        { key: 'buildings', label: 'col.buildings', type: 'list' },
        { key: 'occupied', label: 'col.occupied', type: 'number' },
        { key: 'target', label: 'col.visit_target', type: 'number' },
        { key: 'visited', label: 'col.visited', type: 'number' },
        { key: 'short', label: 'col.visit_short', type: 'number' },
      ],
      rows: lines.map((l) => ({ ...l })),
      empty: 'msg.no_areas',
    },
    sections,
  };
}

function figureJson(f: IndexFigure) {
  return { question: f.question, answers: f.answers, satisfied: f.satisfied, index: f.index, mean: f.mean, ci95: f.low === null ? null : [f.low, f.high] };
}

const FIGURE_COLUMNS: Column[] = [
  { key: 'question', label: 'col.question' },
  { key: 'answers', label: 'col.answers', type: 'number' },
  { key: 'index', label: 'col.sat_index', type: 'pct' },
  { key: 'ci', label: 'col.ci95' },
  { key: 'mean', label: 'col.mean_score' },
];

function figureRow(f: IndexFigure): Row {
  const pct = (x: number) => (x * 100).toFixed(1).replace(/\.0$/, '') + '%';
  return { ...f, ci: f.low === null ? '' : `${pct(f.low)}–${pct(f.high!)}`, mean: f.mean === null ? '' : f.mean.toFixed(2) };
}

export function surveyJson(s: SurveySummary, tz: string) {
  return {
    id: s.survey.id,
    name: s.survey.name,
    file: s.survey.file,
    sha256: s.survey.sha256,
    taken_from: s.survey.taken_from,
    taken_to: s.survey.taken_to,
    imported_at: formatIso(s.survey.imported_at, tz),
    respondents: s.survey.respondents,
    occupied_units: s.occupied_units,
    response_rate: s.response_rate,
    overall: figureJson(s.overall),
    questions: s.questions.map(figureJson),
  };
}

export function surveyOutput(s: SurveySummary, tz: string, vs?: SurveySummary): Output {
  const head: Row = { ...s.survey, response_rate: s.response_rate, occupied_units: s.occupied_units, overall: s.overall.index };
  const sections: Section[] = [
    { title: 'title.survey_questions', columns: FIGURE_COLUMNS, rows: [...s.questions.map(figureRow), figureRow({ ...s.overall, question: '∑' })] },
  ];
  if (vs) {
    const byQ = new Map(vs.questions.map((q) => [q.question, q]));
    sections.push({
      title: 'title.survey_compare',
      columns: [
        { key: 'question', label: 'col.question' },
        { key: 'was', label: 'col.sat_before', type: 'pct' },
        { key: 'now', label: 'col.sat_now', type: 'pct' },
        { key: 'change', label: 'col.change' },
      ],
      rows: [...s.questions, { ...s.overall, question: '∑' }].map((q) => {
        const o = q.question === '∑' ? vs.overall : byQ.get(q.question);
        const d = o?.index != null && q.index != null ? (q.index - o.index) * 100 : null;
        return { question: q.question, was: o?.index ?? null, now: q.index, change: d === null ? '' : (d >= 0 ? '+' : '') + d.toFixed(1) + ' pt' };
      }),
    });
  }
  return {
    json: vs ? { survey: surveyJson(s, tz), vs: surveyJson(vs, tz) } : surveyJson(s, tz),
    record: {
      fields: [
        { key: 'id', label: 'col.id' },
        { key: 'name', label: 'col.survey_name' },
        { key: 'taken_from', label: 'col.taken_from' },
        { key: 'taken_to', label: 'col.taken_to' },
        { key: 'respondents', label: 'col.respondents', type: 'number' },
        { key: 'occupied_units', label: 'col.occupied', type: 'number' },
        { key: 'response_rate', label: 'col.response_rate', type: 'pct' },
        { key: 'overall', label: 'col.sat_index', type: 'pct' },
      ],
      row: head,
    },
    sections,
  };
}

export function surveyListOutput(rows: SurveyRow[], tz: string): Output {
  return {
    json: rows.map((s) => ({
      id: s.id,
      name: s.name,
      taken_from: s.taken_from,
      taken_to: s.taken_to,
      respondents: s.respondents,
      imported_at: formatIso(s.imported_at, tz),
    })),
    table: {
      title: 'title.surveys',
      columns: [
        { key: 'id', label: 'col.id' },
        { key: 'name', label: 'col.survey_name' },
        { key: 'taken_to', label: 'col.taken_to' },
        { key: 'respondents', label: 'col.respondents', type: 'number' },
      ],
      rows: rows.map((s) => ({ ...s })),
      empty: 'msg.no_surveys',
    },
  };
}

const EVENT_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'type', label: 'col.event_type', type: 'state' },
  { key: 'at', label: 'col.at', type: 'time' },
  { key: 'topic', label: 'col.topic' },
  { key: 'attendance', label: 'col.attendance', type: 'number' },
  { key: 'visited', label: 'col.visited', type: 'number' },
  { key: 'satisfaction', label: 'col.satisfaction_pct', type: 'number' },
];

export function eventJson(e: EventRow, tz: string) {
  return {
    id: e.id,
    type: e.type,
    at: formatIso(e.at, tz),
    topic: e.topic,
    attendance: e.attendance,
    visited: e.visited,
    satisfaction: e.satisfaction,
    recorded_at: e.recorded_at === null ? null : formatIso(e.recorded_at, tz),
  };
}

export function eventOutput(e: EventRow, tz: string): Output {
  return { json: eventJson(e, tz), record: { fields: EVENT_COLUMNS, row: { ...e } } };
}

export function eventListOutput(rows: EventRow[], tz: string): Output {
  return {
    json: rows.map((e) => eventJson(e, tz)),
    table: { title: 'title.events', columns: EVENT_COLUMNS, rows: rows.map((e) => ({ ...e })), empty: 'msg.no_events' },
  };
}

/** A survey file imported: the import's summary (`out`, shared by every import) with the survey it made. */
export function surveyImportOutput(t: RenderOpts['t'], out: Output, r: SurveyImport): Output {
  const notes = r.survey && !r.dry_run ? [...(out.notes ?? []), t('msg.survey_imported', { id: r.survey.id, n: r.survey.respondents })] : out.notes;
  return { ...out, json: { ...r, survey: r.survey ? { id: r.survey.id, name: r.survey.name, respondents: r.survey.respondents } : null }, notes };
}
