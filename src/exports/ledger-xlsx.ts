import { writeListSheet } from './xlsx.ts';

export interface LedgerRow {
  seq: number;
  number: string;
  text: string;
  lead: string;
  responsible: string;
  due: string;
  progress: string;
  status: string;
  evidence: string;
}

/** The period 台账 offices keep: one row a task, with this period's progress and its evidence list. */
export async function writeLedger(title: string, rows: LedgerRow[]): Promise<Buffer> {
  return writeListSheet<LedgerRow>('台账', title, [
    { header: '序号', key: 'seq', width: 6 },
    { header: '编号', key: 'number', width: 10 },
    { header: '任务', key: 'text', width: 50 },
    { header: '牵头单位', key: 'lead', width: 16 },
    { header: '责任单位', key: 'responsible', width: 22 },
    { header: '完成时限', key: 'due', width: 18 },
    { header: '本期进展', key: 'progress', width: 50 },
    { header: '状态', key: 'status', width: 10 },
    { header: '佐证材料清单', key: 'evidence', width: 30 },
  ], rows);
}
