// Satisfaction surveys ([000] §6.12; [002] the July 满意度指数): one imported
// file a survey, one row a respondent (unit, date, one column per question
// scored 1–5 or 满意/基本满意/不满意), through the shared import engine:
// encodings, headings, line-numbered errors, all-or-nothing.
import { sha256Hex } from '../../store/hash.js';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { NotFound, UsageError } from '../../errors.js';
import { nextId } from '../../store/common.js';
import { visitStore, type SurveyRow } from '../../store/visit.js';
import { indexFigure, scoreOf, type IndexFigure } from '../../domain/visit.js';
import { runImport, type ImportDef, type ImportResult } from '../../store/import/csvimport.js';
import { audit, idDate, requireWriter, type Ctx } from '../context.js';

interface Respondent {
  unit: string | null;
  date: string | null;
  scores: { question: number; score: number }[];
}

export interface SurveyImport extends ImportResult {
  survey: SurveyRow;
}

export async function importSurvey(ctx: Ctx, file: string, o: { name: string; encoding?: string; dryRun?: boolean }): Promise<SurveyImport> {
  requireWriter(ctx, { minRole: 'clerk', action: 'action.survey_import' });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new UsageError('err.file_unreadable', { file }, 'fix.check_path');
  }
  const now = ctx.clock.now();
  let questions: { index: number; text: string }[] = [];
  const units = new Set<string>();
  let from: string | null = null;
  let to: string | null = null;
  let survey: SurveyRow | undefined;
  let put: ReturnType<typeof visitStore.answerWriter> | undefined;
  // The survey record is written with its first answer, inside the import's transaction.
  const open = (): SurveyRow => {
    survey = {
      id: nextId(ctx.db, 'SV', idDate(ctx, now)),
      name: o.name,
      taken_from: null,
      taken_to: null,
      imported_at: now,
      imported_by: ctx.actor?.code ?? null,
      file: basename(file),
      sha256: sha256Hex(bytes),
      respondents: 0,
      questions: JSON.stringify(questions.map((q) => q.text)),
    };
    visitStore.insertSurvey(ctx.db, survey);
    put = visitStore.answerWriter(ctx.db);
    return survey;
  };
  const def: ImportDef<Respondent & { line: number }> = {
    fields: [
      { key: 'unit', headers: ['房号', '房屋', '单元房号', '住户', '户号', 'unit_label'], required: true },
      { key: 'date', headers: ['日期', '调查日期', '填表日期', 'date_taken'] },
    ],
    otherColumns: {
      header(headings, known) {
        questions = headings.map((text, index) => ({ index, text: text.trim() })).filter((q) => !known.has(q.index) && q.text);
      },
    },
    parse(raw, rc) {
      const unit = raw.unit.trim();
      if (!visitStore.unitContact(ctx.db, unit)) rc.error('unit', 'err.survey_unit', { value: unit });
      const date = raw.date?.trim() || null;
      if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) rc.error('date', 'err.survey_date', { value: date });
      const scores: { question: number; score: number }[] = [];
      questions.forEach((q, i) => {
        const text = raw['#' + q.index] ?? '';
        if (!text.trim()) return; // a question left blank is no answer
        const s = scoreOf(text);
        if (s === null) rc.error('#' + q.index, 'err.survey_score', { value: text, question: q.text });
        else scores.push({ question: i, score: s });
      });
      return { unit, date, scores, line: rc.line };
    },
    key: (r) => 'line:' + r.line,
    upsert(r) {
      const sv = survey ?? open();
      units.add(r.unit!);
      if (r.date) {
        if (!from || r.date < from) from = r.date;
        if (!to || r.date > to) to = r.date;
      }
      for (const s of r.scores) put!({ survey_id: sv.id, line: r.line, unit: r.unit, date: r.date, question: s.question, score: s.score });
      return 'added';
    },
    finish(res) {
      if (!questions.length || !survey) throw new UsageError('err.survey_empty', { file: basename(file) }, 'fix.survey_format');
      survey.respondents = units.size;
      survey.taken_from = from;
      survey.taken_to = to;
      visitStore.finishSurvey(ctx.db, survey.id, { respondents: units.size, taken_from: from, taken_to: to });
      audit(ctx, 'survey.import', 'survey:' + survey.id, null, { name: o.name, file: survey.file, sha256: survey.sha256, rows: res.rows });
    },
  };
  const r = await runImport(ctx.db, file, def, { encoding: o.encoding, dryRun: o.dryRun });
  return { ...r, survey: survey! };
}

export interface SurveySummary {
  survey: SurveyRow;
  questions: IndexFigure[];
  overall: IndexFigure;
  occupied_units: number;
  response_rate: number | null;
}

export function surveySummary(ctx: Ctx, id: string): SurveySummary {
  const s = visitStore.getSurvey(ctx.db, id);
  if (!s) throw new NotFound('err.no_survey', { id }, 'fix.survey_list');
  const texts = JSON.parse(s.questions) as string[];
  const scores = visitStore.scores(ctx.db, id);
  const questions = texts.map((q, i) =>
    indexFigure(
      q,
      scores.filter((x) => x.question === i).map((x) => x.score),
    ),
  );
  const overall = indexFigure(
    '',
    scores.map((x) => x.score),
  );
  const occupied = visitStore.occupiedCount(ctx.db);
  return { survey: s, questions, overall, occupied_units: occupied, response_rate: occupied ? Math.min(1, s.respondents / occupied) : null };
}

export function listSurveys(ctx: Ctx): SurveyRow[] {
  return visitStore.surveys(ctx.db);
}
