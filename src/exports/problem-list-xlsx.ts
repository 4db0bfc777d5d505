import ExcelJS from 'exceljs';
import { fitRowHeights, styleBody, styleHeader } from './xlsx.ts';

export interface ProblemListRow {
  seq: number;
  number: string;
  unit: string;
  inspection: string;
  task: string;
  description: string;
  requirement: string;
  deadline: string;
  status: string;
  rectification: string;
  check: string;
}

/** The 问题清单 as Excel: one row a problem, as filtered on the page, with its rectification and check. */
export async function writeProblemList(title: string, rows: ProblemListRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fazhi';
  const ws = wb.addWorksheet('问题清单', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [
    { header: '序号', key: 'seq', width: 6 },
    { header: '编号', key: 'number', width: 24 },
    { header: '被督察单位', key: 'unit', width: 18 },
    { header: '督察计划', key: 'inspection', width: 20 },
    { header: '关联任务', key: 'task', width: 26 },
    { header: '问题描述', key: 'description', width: 40 },
    { header: '整改要求', key: 'requirement', width: 36 },
    { header: '整改时限', key: 'deadline', width: 12 },
    { header: '状态', key: 'status', width: 14 },
    { header: '整改情况', key: 'rectification', width: 36 },
    { header: '核查意见', key: 'check', width: 28 },
  ];
  for (const r of rows) ws.addRow(r);
  styleHeader(ws);
  styleBody(ws);
  fitRowHeights(ws);
  ws.headerFooter.oddHeader = `&C&"宋体,Bold"${title}`;
  ws.headerFooter.oddFooter = '&C第 &P 页 共 &N 页';
  ws.pageSetup.printTitlesRow = '1:1';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
