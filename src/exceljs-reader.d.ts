// exceljs's streaming reader, imported by its own file (src/store/import/filesource.ts):
// the same class as the package's `stream.xlsx.WorkbookReader`.
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  const WorkbookReader: typeof import('exceljs').stream.xlsx.WorkbookReader;
  export default WorkbookReader;
}
