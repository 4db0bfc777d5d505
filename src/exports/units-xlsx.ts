import ExcelJS from 'exceljs';
import type { Unit } from '../shared/api/units.ts';
import { UNIT_KIND_LABEL, UNIT_KINDS } from '../shared/enums.ts';
import { fitRowHeights, listValidation, styleBody, styleHeader } from './xlsx.ts';

/** The directory sheet's columns, in order; the import reads them by header text. */
export const UNIT_COLUMNS = [
  { header: '单位全称', key: 'name', width: 30 },
  { header: '简称', key: 'shortName', width: 14 },
  { header: '类别', key: 'kind', width: 12 },
  { header: '上级单位', key: 'parent', width: 24 },
  { header: '排序', key: 'sortOrder', width: 8 },
  { header: '状态', key: 'status', width: 8 },
  { header: '别名（以顿号分隔）', key: 'aliases', width: 36 },
  { header: '联络员', key: 'liaisonName', width: 10 },
  { header: '联络电话', key: 'liaisonPhone', width: 16 },
  { header: '联络邮箱', key: 'liaisonEmail', width: 24 },
  { header: '主要负责人', key: 'headName', width: 12 },
  { header: '编号', key: 'id', width: 38 },
] as const;

export async function writeUnitsWorkbook(regionName: string, units: Unit[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fazhi';
  wb.created = new Date();
  const ws = wb.addWorksheet('单位名录');
  ws.columns = UNIT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const nameOf = new Map(units.map((u) => [u.id, u.name]));
  for (const u of units.filter((x) => !x.mergedIntoId)) {
    ws.addRow({
      name: u.name,
      shortName: u.shortName ?? '',
      kind: UNIT_KIND_LABEL[u.kind],
      parent: u.parentId ? (nameOf.get(u.parentId) ?? u.parentName ?? '') : '',
      sortOrder: u.sortOrder,
      status: u.active ? '启用' : '停用',
      aliases: u.aliases.map((a) => a.alias).join('、'),
      liaisonName: u.liaisonName ?? '',
      liaisonPhone: u.liaisonPhone ?? '',
      liaisonEmail: u.liaisonEmail ?? '',
      headName: u.headName ?? '',
      id: u.id,
    });
  }
  styleHeader(ws);
  styleBody(ws);
  fitRowHeights(ws);
  const last = Math.max(ws.rowCount + 200, 300);
  listValidation(ws, 'C', 2, last, UNIT_KINDS.map((k) => UNIT_KIND_LABEL[k]));
  listValidation(ws, 'F', 2, last, ['启用', '停用']);
  ws.getColumn('id').hidden = true;
  ws.headerFooter.oddHeader = `&C${regionName}单位名录`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
