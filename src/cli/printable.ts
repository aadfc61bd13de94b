// `--format html|md` (and `--out F.html|.md`) for commands whose output is a
// paper form or a table to print: the report's A4 layout, through outputBlocks.
import type { Output } from '../render/view.js';
import type { Io } from './run.js';

export async function printable(io: Io, out: Output, heading: string, sub: string[] = [], signature?: string): Promise<Output> {
  if (io.format !== 'html' && io.format !== 'md') return out;
  const { outputBlocks } = await import('../render/output-blocks.js');
  const R = await import('../render/report-out.js');
  const blocks = outputBlocks(out, io.renderOpts(), heading, sub, signature);
  if (io.format === 'html') out.html = R.renderReportHtml(blocks, io.lang, io.t('msg.report_footer', { version: 'pmctl' }));
  else out.md = R.renderReportMd(blocks);
  return out;
}
