// --rejects FILE: the bad rows of an import, with an error column, written in
// the input's own format and encoding (a GB18030 CSV with CRLF stays one; an
// .xlsx gives an .xlsx), so a clerk fixes them in Excel and imports that file.
import { renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import type { Detail } from '../errors.js';
import type { RejectSink } from '../store/import/csvimport.js';
import type { SourceFormat } from '../store/import/filesource.js';
import type { T } from './i18n/index.js';

function csvCell(v: string, delimiter: string): string {
  return v.includes(delimiter) || /["\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

async function encode(text: string, f: Extract<SourceFormat, { kind: 'csv' }>): Promise<Buffer> {
  switch (f.encoding) {
    case 'gb18030':
      return (await import('iconv-lite')).default.encode(text, 'gb18030');
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const le = Buffer.from(text, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
    default:
      return Buffer.from((f.bom ? '\uFEFF' : '') + text, 'utf8');
  }
}

/** Written beside the target under a temp name, then renamed: never a partial file under the target's name. */
function tempBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
}

export function rejectSink(file: string, t: T, onWritten: (n: number) => void): RejectSink {
  const describe = (errors: Detail[]): string =>
    errors.map((d) => (typeof d === 'string' ? d : t(d.key, d.params))).join(t('msg.empty') === '（无）' ? '；' : '; ');
  return {
    async write(format, header, rows) {
      const tmp = tempBeside(file);
      let n = 0;
      try {
        if (format.kind === 'xlsx') {
          const ExcelJS = (await import('exceljs')).default;
          const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
          const ws = wb.addWorksheet(format.sheet || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
          ws.columns = [...header, t('col.import_error')].map((h) => ({ header: h, width: Math.max(10, [...h].length * 2 + 2), style: { numFmt: '@' } }));
          ws.getColumn(header.length + 1).width = 60;
          for await (const r of rows) {
            ws.addRow([...header.map((_, i) => r.cells[i] ?? ''), describe(r.errors)]).commit();
            n++;
          }
          ws.commit();
          await wb.commit();
        } else {
          const d = format.delimiter;
          const lines = [[...header, t('col.import_error')].map((c) => csvCell(c, d)).join(d)];
          for await (const r of rows) {
            lines.push([...header.map((_, i) => r.cells[i] ?? ''), describe(r.errors)].map((c) => csvCell(c, d)).join(d));
            n++;
          }
          writeFileSync(tmp, await encode(lines.join(format.eol) + format.eol, format), { mode: 0o600 });
        }
        renameSync(tmp, file);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
      onWritten(n);
    },
  };
}
