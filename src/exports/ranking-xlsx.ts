import ExcelJS from 'exceljs';
import type { Ranking } from '../shared/api/assessment.ts';
import { styleBody, styleHeader } from './xlsx.ts';

/** The ranking as a sheet: 名次, 单位, 总分, then one column per first-level indicator. */
export async function writeRankingWorkbook(title: string, ranking: Ranking, columns: string[], byUnit: Map<string, (number | null)[]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fazhi';
  const ws = wb.addWorksheet('考核排名', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ header: '名次', key: 'rank', width: 8 }, { header: '单位', key: 'unit', width: 34 }, { header: '总分', key: 'total', width: 10 }, ...columns.map((c, i) => ({ header: c, key: `c${i}`, width: 18 }))];
  for (const r of ranking.items) {
    const parts = byUnit.get(r.unitId) ?? [];
    ws.addRow({ rank: r.rank ?? '', unit: r.unitName, total: r.total ?? '未评完', ...Object.fromEntries(parts.map((v, i) => [`c${i}`, v ?? ''])) });
  }
  styleHeader(ws);
  styleBody(ws);
  ws.headerFooter.oddHeader = `&C${title}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
