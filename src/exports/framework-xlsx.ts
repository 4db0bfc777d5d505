/**
 * The indicator framework as the sheet offices keep: one row per indicator (a first- or second-level
 * row carries the points of its subtree; a leaf row carries its rule, 评分标准, 佐证材料 and 关联任务),
 * with a hidden 规则代码 column that keeps what the visible 评分方式 text cannot (which chapter, which
 * target), so an exported sheet imports back unchanged.
 */
import ExcelJS from 'exceljs';
import type { IndicatorT } from '../shared/api/assessment.ts';
import { fitRowHeights, styleBody, styleHeader } from './xlsx.ts';

export const FRAMEWORK_COLUMNS = [
  { key: 'l1', header: '一级指标', width: 28 },
  { key: 'l2', header: '二级指标', width: 28 },
  { key: 'l3', header: '三级指标', width: 28 },
  { key: 'points', header: '分值', width: 8 },
  { key: 'rule', header: '评分方式', width: 22 },
  { key: 'criteria', header: '评分标准', width: 50 },
  { key: 'evidence', header: '佐证材料', width: 30 },
  { key: 'tasks', header: '关联任务', width: 32 },
  { key: 'code', header: '规则代码', width: 10 },
] as const;

/** The 评分方式 texts a cell may hold; deductions carry their points per item. */
export const RULE_TEXTS = ['人工评分', '任务按期完成率', '按时报送率', '报送一次通过率', '指标达标（按比例）', '指标达标（达标得满分）', '扣分：逾期督办单每件1分', '扣分：逾期未整改问题每件1分'];

export async function writeFrameworkWorkbook(title: string, tree: IndicatorT[], taskNumber: (id: string) => string, ruleText: (i: IndicatorT) => string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fazhi';
  const ws = wb.addWorksheet('考核指标', { properties: { defaultRowHeight: 18 }, pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = FRAMEWORK_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const codes: string[] = [];
  const walk = (nodes: IndicatorT[], names: string[]) => {
    for (const n of nodes) {
      const path = [...names, n.name];
      const leaf = !n.children.length;
      ws.addRow({ l1: path[0] ?? '', l2: path[1] ?? '', l3: path[2] ?? '', points: n.points, rule: leaf ? ruleText(n) : '', criteria: n.criteria ?? '', evidence: n.evidence ?? '', tasks: n.taskIds.map(taskNumber).filter(Boolean).join('、') });
      codes.push(leaf && n.rule ? JSON.stringify(n.rule) : '');
      if (!leaf) walk(n.children, path);
    }
  };
  walk(tree, []);
  styleHeader(ws);
  styleBody(ws);
  // heights follow the visible text; the hidden codes are written after
  fitRowHeights(ws);
  codes.forEach((c, i) => (ws.getRow(i + 2).getCell(FRAMEWORK_COLUMNS.length).value = c || null));
  ws.getColumn('code').hidden = true;
  // a dropdown of the usual texts; other points per deduction (每件2分) are allowed, with a warning
  for (let r = 2; r <= ws.rowCount; r++) {
    if (!ws.getCell(`E${r}`).value) continue;
    ws.getCell(`E${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${RULE_TEXTS.join(',')}"`], showErrorMessage: true, errorStyle: 'warning', errorTitle: '评分方式', error: '不在常用列表中；扣分项可写「扣分：逾期督办单每件N分」' };
  }
  ws.headerFooter.oddHeader = `&C${title}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
