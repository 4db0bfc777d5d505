import ExcelJS from 'exceljs';
import { fitRowHeights, listValidation, styleBody, styleHeader } from './xlsx.ts';

/**
 * The 任务分解表 as offices keep it. The import reads the columns by their header text (so a
 * reordered sheet still reads), and matches rows by the hidden 编号 column.
 */
export const TASK_SHEET_COLUMNS = [
  { header: '序号', key: 'seq', width: 6, imported: false },
  { header: '章节', key: 'chapter', width: 18, imported: false },
  { header: '任务', key: 'text', width: 56, imported: true },
  { header: '牵头单位', key: 'lead', width: 20, imported: true },
  { header: '责任单位', key: 'co', width: 26, imported: true },
  { header: '牵头领导', key: 'leader', width: 14, imported: true },
  { header: '完成时限', key: 'deadline', width: 20, imported: true },
  { header: '状态', key: 'status', width: 9, imported: false },
  { header: '最新进展', key: 'progress', width: 44, imported: false },
  { header: '编号（请勿修改）', key: 'id', width: 38, imported: true },
] as const;
export type TaskSheetKey = (typeof TASK_SHEET_COLUMNS)[number]['key'];

/** The hidden sheet that says which plan the workbook was exported from. */
export const META_SHEET = 'fazhi';

export interface TaskSheetRow {
  seq: number;
  chapter: string;
  text: string;
  lead: string;
  co: string;
  leader: string;
  deadline: string;
  status: string;
  progress: string;
  id: string;
}

const col = (key: TaskSheetKey) => String.fromCharCode(65 + TASK_SHEET_COLUMNS.findIndex((c) => c.key === key));

export async function writeTaskSheet(opts: { title: string; planId: string; regionId: string; exportedAt: string; rows: TaskSheetRow[]; unitNames: string[]; statuses: readonly string[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fazhi';
  const ws = wb.addWorksheet('任务分解表', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = TASK_SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const r of opts.rows) ws.addRow(r);
  styleHeader(ws);
  styleBody(ws);
  fitRowHeights(ws);
  for (const key of ['seq', 'status'] as const) ws.getColumn(key).alignment = { vertical: 'top', horizontal: 'center', wrapText: true };
  ws.getRow(1).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  // the units offered in the dropdowns live on a hidden sheet: a list of 60 names is longer than an inline list may be
  const units = wb.addWorksheet('单位名录', { state: 'hidden' });
  units.getCell('A1').value = '单位';
  opts.unitNames.forEach((n, i) => (units.getCell(`A${i + 2}`).value = n));
  const last = Math.max(ws.rowCount, 2);
  const unitRange = `'单位名录'!$A$2:$A$${Math.max(2, opts.unitNames.length + 1)}`;
  for (const key of ['lead', 'co'] as const) {
    for (let r = 2; r <= last; r++) {
      // a cell may name several units (以顿号分隔): the list helps to pick one, a warning lets several through
      ws.getCell(`${col(key)}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [unitRange], showErrorMessage: true, errorStyle: 'warning', errorTitle: '单位不在名录中', error: '请从名录中选择单位；多个单位以顿号（、）分隔。名录中没有的单位导入时会被列出。' };
    }
  }
  listValidation(ws, col('status'), 2, last, [...opts.statuses]);
  ws.getColumn('id').hidden = true;
  ws.headerFooter.oddHeader = `&C&"宋体,Bold"${opts.title}`;
  ws.headerFooter.oddFooter = '&C第 &P 页 共 &N 页';
  ws.pageSetup.printTitlesRow = '1:1';
  ws.pageSetup.printArea = `A1:${col('progress')}${last}`;
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRows([
    ['planId', opts.planId],
    ['regionId', opts.regionId],
    ['exportedAt', opts.exportedAt],
    ['kind', 'task-sheet/v1'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
