// pmctl template units|staff|keys --out FILE.xlsx|.csv
import type { Command } from 'commander';
import { renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { action } from '../run.js';
import { helpT, makeT } from '../i18n/index.js';
import { UsageError } from '../../errors.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('template <kind>')
    .description(t('cmd.template'))
    .option('--out <file>', t('opt.template_out'))
    .action(
      action({ db: 'none' }, async (io, kind: string) => {
        const out = (io.opts.out ?? io.g.out) as string | undefined;
        const ext = out ? extname(out).toLowerCase() : '';
        if (!out || (ext !== '.xlsx' && ext !== '.csv')) throw new UsageError('err.template_ext', {}, 'fix.template');
        if (existsSync(out) && !io.g.yes) throw new UsageError('err.file_exists', { file: out }, 'fix.add_yes');
        // Templates carry Chinese headings and examples whatever --lang is.
        const zh = makeT('zh');
        const { template } = await import('../../app/roster/template.js');
        const tpl = template(kind, ['3-1-1502 ' + zh('enum.security_door') + ' #1', zh('enum.security_door'), '3-1-1502', zh('enum.cs'), '2', '']);
        const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
        try {
          if (ext === '.csv') {
            const cell = (v: string): string => (/[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v);
            writeFileSync(tmp, '\uFEFF' + [tpl.headings, tpl.example].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n', { mode: 0o600 });
          } else {
            const ExcelJS = (await import('exceljs')).default;
            const wb = new ExcelJS.Workbook();
            const ws = wb.addWorksheet(zh('template.sheet.' + tpl.kind), { views: [{ state: 'frozen', ySplit: 1 }] });
            ws.columns = tpl.headings.map((h) => ({ header: h, width: Math.max(10, [...h].length * 2 + 4), style: { numFmt: '@' } }));
            ws.getRow(1).font = { bold: true };
            ws.addRow(tpl.example);
            await wb.xlsx.writeFile(tmp);
          }
          renameSync(tmp, out);
        } catch (e) {
          rmSync(tmp, { force: true });
          throw e;
        }
        io.info(io.t('msg.written', { file: out }));
        return undefined;
      }),
    );
}
