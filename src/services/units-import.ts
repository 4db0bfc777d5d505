import ExcelJS from 'exceljs';
import { inTransaction } from '../db/client.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { UNIT_COLUMNS, writeUnitsWorkbook } from '../exports/units-xlsx.ts';
import { cellText, loadXlsx } from '../exports/xlsx.ts';
import type { ImportResult } from '../shared/api/units.ts';
import { unitKindFromLabel, type UnitKind } from '../shared/enums.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import type { ServiceContext } from './context.ts';
import { authorize, authorizeRead, canManageDirectory, canReadDirectory } from './policies.ts';
import { addAlias, createUnit, listUnits, removeAlias, setUnitActive, updateUnit } from './units.ts';

export async function exportUnits(ctx: ServiceContext, regionId: string): Promise<{ fileName: string; data: Buffer }> {
  authorizeRead(canReadDirectory(ctx.actor, regionId), '该地区');
  const region = await regionsRepo.findById(ctx.db, regionId);
  if (!region) throw new AppError('NOT_FOUND', '地区不存在');
  const units = await listUnits(ctx, { regionId, active: 'all' });
  return { fileName: `${region.name}单位名录.xlsx`, data: await writeUnitsWorkbook(region.name, units) };
}

interface SheetRow {
  row: number;
  id: string | null;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parent: string | null;
  sortOrder: number;
  active: boolean;
  aliases: string[] | null;
  liaisonName: string | null;
  liaisonPhone: string | null;
  liaisonEmail: string | null;
  headName: string | null;
}

/** Reads the directory sheet; every problem is reported with its row number. */
export async function readUnitsSheet(bytes: Uint8Array): Promise<{ rows: SheetRow[]; errors: ImportResult['errors'] }> {
  const wb = await loadXlsx(bytes, '单位名录');
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('VALIDATION', 'Excel 文件中没有工作表');
  const colOf = new Map<string, number>();
  ws.getRow(1).eachCell((c, col) => {
    const h = cellText(c.value).replace(/\s/g, '');
    const def = UNIT_COLUMNS.find((d) => d.header.replace(/\s/g, '') === h || (d.key === 'aliases' && h.startsWith('别名')));
    if (def) colOf.set(def.key, col);
  });
  if (!colOf.has('name')) throw new AppError('VALIDATION', '第 1 行缺少「单位全称」列：请使用「导出」得到的表格作为模板');
  const get = (r: ExcelJS.Row, key: string) => {
    const c = colOf.get(key);
    return c ? cellText(r.getCell(c).value) : '';
  };
  const rows: SheetRow[] = [];
  const errors: ImportResult['errors'] = [];
  const seen = new Map<string, number>();
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const name = get(r, 'name');
    const anyValue = UNIT_COLUMNS.some((c) => get(r, c.key) !== '');
    if (!anyValue) return;
    if (!name) return void errors.push({ row: n, message: '缺少单位全称' });
    if (name.length > 100) return void errors.push({ row: n, message: '单位全称超过 100 个字' });
    if (seen.has(name)) return void errors.push({ row: n, message: `「${name}」与第 ${seen.get(name)} 行重复` });
    seen.set(name, n);
    const kindText = get(r, 'kind');
    const kind = kindText ? unitKindFromLabel(kindText) : 'other';
    if (!kind) return void errors.push({ row: n, message: `类别「${kindText}」不正确，应为：政府部门、党委部门、乡镇街道、人大政协、法院检察院、其他` });
    const status = get(r, 'status');
    if (status && status !== '启用' && status !== '停用') return void errors.push({ row: n, message: `状态「${status}」不正确，应为「启用」或「停用」` });
    const orderText = get(r, 'sortOrder');
    const sortOrder = orderText ? Number(orderText) : 0;
    if (!Number.isInteger(sortOrder) || sortOrder < 0) return void errors.push({ row: n, message: `排序「${orderText}」应为非负整数` });
    const email = get(r, 'liaisonEmail');
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return void errors.push({ row: n, message: `联络邮箱「${email}」格式不正确` });
    rows.push({
      row: n,
      id: get(r, 'id') || null,
      name,
      shortName: get(r, 'shortName') || null,
      kind,
      parent: get(r, 'parent') || null,
      sortOrder,
      active: status !== '停用',
      aliases: colOf.has('aliases') ? [...new Set(get(r, 'aliases').split(/[、，,；;\n]/).map((a) => a.trim()).filter((a) => a && a !== name))] : null,
      liaisonName: get(r, 'liaisonName') || null,
      liaisonPhone: get(r, 'liaisonPhone') || null,
      liaisonEmail: email || null,
      headName: get(r, 'headName') || null,
    });
  });
  return { rows, errors };
}

class RollbackWithErrors extends Error {
  constructor(readonly errors: ImportResult['errors']) {
    super('import has errors');
  }
}

/**
 * Imports a directory sheet: rows matched by 编号, then by name, then by alias, are updated;
 * others are created. All or nothing: when any row is wrong, nothing is applied and every
 * problem is listed with its row number.
 */
export async function importUnits(ctx: ServiceContext, regionId: string, bytes: Uint8Array): Promise<ImportResult> {
  authorizeRead(canReadDirectory(ctx.actor, regionId), '该地区');
  authorize(canManageDirectory(ctx.actor, regionId), '导入单位名录');
  const { rows, errors } = await readUnitsSheet(bytes);
  if (errors.length) return { created: 0, updated: 0, unchanged: 0, errors };
  if (!rows.length) throw new AppError('VALIDATION', '表格中没有单位数据（从第 2 行开始填写）');
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const tctx: ServiceContext = { ...ctx, db: trx as ServiceContext['db'] };
      const result: ImportResult = { created: 0, updated: 0, unchanged: 0, errors: [] };
      const idOfRow = new Map<number, string>();
      // pass 1: create or update every unit (parents linked in pass 2, when all names exist)
      for (const r of rows) {
        try {
          const existing = (r.id ? await unitsRepo.findById(trx, r.id) : undefined) ?? (await unitsRepo.findByName(trx, regionId, r.name)) ?? (await aliasOwner(trx, regionId, r.name));
          if (existing && existing.region_id !== regionId) throw new AppError('VALIDATION', '编号属于其他地区的单位');
          const fields = { name: r.name, shortName: r.shortName, kind: r.kind, sortOrder: r.sortOrder, liaisonName: r.liaisonName, liaisonPhone: r.liaisonPhone, liaisonEmail: r.liaisonEmail, headName: r.headName };
          if (!existing) {
            const u = await createUnit(tctx, { regionId, ...fields, parentId: null, aliases: r.aliases ?? [] });
            if (!r.active) await setUnitActive(tctx, u.id, u.version, false);
            idOfRow.set(r.row, u.id);
            result.created++;
            continue;
          }
          idOfRow.set(r.row, existing.id);
          let changed = false;
          const same = existing.name === r.name && existing.short_name === r.shortName && existing.kind === r.kind && existing.sort_order === r.sortOrder && existing.liaison_name === r.liaisonName && existing.liaison_phone === r.liaisonPhone && existing.liaison_email === r.liaisonEmail && existing.head_name === r.headName;
          if (!same) {
            await updateUnit(tctx, existing.id, { version: existing.version, ...fields });
            changed = true;
          }
          if (r.aliases) {
            const current = await unitsRepo.aliasesOf(trx, [existing.id]);
            for (const a of current.filter((a) => !r.aliases!.includes(a.alias))) await removeAlias(tctx, existing.id, a.id), (changed = true);
            for (const a of r.aliases.filter((a) => !current.some((c) => c.alias === a))) await addAlias(tctx, existing.id, a), (changed = true);
          }
          if ((existing.active === 1) !== r.active) {
            const fresh = (await unitsRepo.findById(trx, existing.id))!;
            await setUnitActive(tctx, existing.id, fresh.version, r.active);
            changed = true;
          }
          if (changed) result.updated++;
          else result.unchanged++;
        } catch (e) {
          if (!isAppError(e)) throw e;
          result.errors.push({ row: r.row, message: e.message });
        }
      }
      // pass 2: parents, by name as written in the sheet
      for (const r of rows) {
        const id = idOfRow.get(r.row);
        if (!id) continue;
        const unit = (await unitsRepo.findById(trx, id))!;
        const parent = r.parent ? ((await unitsRepo.findByName(trx, regionId, r.parent)) ?? (await aliasOwner(trx, regionId, r.parent))) : undefined;
        if (r.parent && !parent) {
          result.errors.push({ row: r.row, message: `上级单位「${r.parent}」不在名录中` });
          continue;
        }
        const parentId = parent?.id ?? null;
        if (parentId === unit.parent_id) continue;
        try {
          await updateUnit(tctx, id, { version: unit.version, parentId });
        } catch (e) {
          if (!isAppError(e)) throw e;
          result.errors.push({ row: r.row, message: e.message });
        }
      }
      if (result.errors.length) throw new RollbackWithErrors(result.errors);
      return result;
    });
  } catch (e) {
    if (e instanceof RollbackWithErrors) return { created: 0, updated: 0, unchanged: 0, errors: e.errors.sort((a, b) => a.row - b.row) };
    throw e;
  }
}

async function aliasOwner(db: ServiceContext['db'], regionId: string, name: string) {
  const a = await unitsRepo.findAlias(db, regionId, name);
  return a ? unitsRepo.findById(db, a.unit_id) : undefined;
}
