import { writeListSheet } from './xlsx.ts';

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
  return writeListSheet<ProblemListRow>('问题清单', title, [
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
  ], rows);
}
