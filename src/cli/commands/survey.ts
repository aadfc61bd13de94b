import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { importOptions, importOutput } from '../importer.js';

export function register(program: Command): void {
  const t = helpT();
  const survey = program.command('survey').description(t('cmd.survey')).addHelpText('before', t('help.survey'));

  importOptions(survey.command('import <file>').description(t('cmd.survey_import')).requiredOption('--name <name>', t('opt.survey_name')), t).action(
    action({ write: true }, async (io, file: string) => {
      const ctx = await io.ctx();
      const { importSurvey } = await import('../../app/visit/surveys.js');
      const r = await importSurvey(ctx, file, { name: String(io.opts.name), encoding: io.opts.encoding, dryRun: !!io.opts.dryRun });
      const { surveyImportOutput } = await import('../../render/views/visit.js');
      return surveyImportOutput(io.t, importOutput(io, r), r);
    }),
  );

  survey
    .command('show <id>')
    .description(t('cmd.survey_show'))
    .option('--vs <id>', t('opt.survey_vs'))
    .option('--out <file>', t('opt.report_out'))
    .action(
      action({ formats: ['html'] }, async (io, id: string) => {
        const ctx = await io.ctx();
        const { surveySummary } = await import('../../app/visit/surveys.js');
        const { surveyOutput } = await import('../../render/views/visit.js');
        const s = surveySummary(ctx, id);
        const out = surveyOutput(s, ctx.tz, io.opts.vs ? surveySummary(ctx, String(io.opts.vs)) : undefined);
        return { ...out, form: { heading: s.survey.name, sub: [ctx.site].filter(Boolean), signature: io.t('msg.survey_sign') } };
      }),
    );

  survey
    .command('list')
    .description(t('cmd.survey_list'))
    .action(
      action({}, async (io) => {
        const ctx = await io.ctx();
        const { listSurveys } = await import('../../app/visit/surveys.js');
        const { surveyListOutput } = await import('../../render/views/visit.js');
        return surveyListOutput(listSurveys(ctx), ctx.tz);
      }),
    );
}
