import ExcelJS from 'exceljs';

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
