import ExcelJS from 'exceljs';
import { AppError } from '../shared/errors.ts';

/** Shared look of every sheet fazhi writes: bold shaded header, frozen, borders, wrapped text. */
export function styleHeader(ws: ExcelJS.Worksheet): void {
  const header = ws.getRow(1);
  header.font = { bold: true, name: '宋体', size: 11 };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 22;
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export function styleBody(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row, n) => {
    if (n === 1) return;
    row.alignment = { vertical: 'top', wrapText: true };
    row.font = { name: '宋体', size: 11 };
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
}

/** Writes a list-validation dropdown on a column's data rows. */
export function listValidation(ws: ExcelJS.Worksheet, col: string, fromRow: number, toRow: number, values: string[]): void {
  const formula = `"${values.join(',')}"`;
  for (let r = fromRow; r <= toRow; r++) {
    ws.getCell(`${col}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorTitle: '无效的值', error: `请从列表中选择：${values.join('、')}` };
  }
}

/** Plain text of a cell, whatever exceljs made of it (rich text, formulas, hyperlinks, dates). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
}

/** Display width of text in Excel column units: a CJK character takes two, others one. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * Sets each data row's height from its wrapped text: Excel and LibreOffice do not grow a row for
 * wrapped text written by a library, so long cells would print as one clipped line.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, lineHeight = 15): void {
  ws.eachRow((row, n) => {
    if (n === 1) return;
    let lines = 1;
    row.eachCell((cell, col) => {
      const width = Math.max(4, (ws.getColumn(col).width ?? 10) - 1);
      const text = cellText(cell.value);
      const count = text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(displayWidth(part) / width)), 0);
      lines = Math.max(lines, count);
    });
    row.height = Math.min(409, Math.max(18, lines * lineHeight + 4));
  });
}

const ZIP_SIG = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIG = [0xd0, 0xcf, 0x11, 0xe0];
const startsWithSig = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/**
 * Opens an uploaded .xlsx, or says in Chinese what the file is instead: empty, an old .xls (or an
 * encrypted workbook, which is an OLE file too), a CSV text file, not Excel at all, or damaged. `what` names the sheet
 * expected, e.g. 「考核指标表」.
 */
export async function loadXlsx(bytes: Uint8Array, what: string): Promise<ExcelJS.Workbook> {
  if (bytes.length === 0) throw new AppError('VALIDATION', `上传的文件是空的，请选择填好的${what}（.xlsx）`);
  if (startsWithSig(bytes, OLE_SIG)) throw new AppError('UNSUPPORTED', '这是旧版 .xls 文件（或加密文件），请在 Excel 中「另存为」.xlsx 后再导入');
  if (!startsWithSig(bytes, ZIP_SIG)) {
    const head = Buffer.from(bytes.subarray(0, 2048)).toString('utf8');
    if (/[,\t]/.test(head) && !head.includes('\u0000')) throw new AppError('UNSUPPORTED', `这是 CSV 文本文件：CSV 不保留隐藏的编号列和下拉列表，请使用「导出」得到的${what}（.xlsx）编辑后再导入`);
    throw new AppError('UNSUPPORTED', `文件不是 Excel（.xlsx）格式，请使用「导出」得到的${what}填写后再导入`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('UNSUPPORTED', 'Excel 文件已损坏或无法读取，请重新保存后再试');
  }
  if (!wb.worksheets[0]) throw new AppError('VALIDATION', 'Excel 文件中没有工作表');
  return wb;
}

/**
 * A printable list sheet: landscape A4 fitted to the width, the house header and body, rows as tall
 * as their wrapped text, the title in the page header, 「第 N 页 共 M 页」 below, the header row on every page.
 */
export async function writeListSheet<R extends object>(sheet: string, title: string, columns: { header: string; key: keyof R & string; width: number }[], rows: R[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fazhi';
  const ws = wb.addWorksheet(sheet, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = columns;
  for (const r of rows) ws.addRow(r);
  styleHeader(ws);
  styleBody(ws);
  fitRowHeights(ws);
  ws.headerFooter.oddHeader = `&C&"宋体,Bold"${title}`;
  ws.headerFooter.oddFooter = '&C第 &P 页 共 &N 页';
  ws.pageSetup.printTitlesRow = '1:1';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
