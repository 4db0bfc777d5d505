import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sqliteTestDb, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, systemCtx } from '../../test/factories.ts';
import { exportUnits, importUnits } from './units-import.ts';
import { listUnits } from './units.ts';
import type { ServiceContext } from './context.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

async function edit(bytes: Buffer, fn: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  fn(wb.worksheets[0]!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const rowOf = (ws: ExcelJS.Worksheet, name: string) => {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((r) => {
    if (r.getCell(1).value === name) found = r;
  });
  if (!found) throw new Error(`no row ${name}`);
  return found;
};

describe('directory Excel import and export', () => {
  let h: TestDb;
  let sys: ServiceContext;
  let office: ServiceContext;
  let county: Awaited<ReturnType<typeof makeCounty>>;
  before(async () => {
    h = await sqliteTestDb();
    sys = systemCtx(h.db);
    county = await makeCounty(sys, '表格县');
    office = await ctxAs(sys, county.office.id);
    const parent = await makeUnit(sys, county.region.id, { name: '表格县人民政府办公室', aliases: ['县政府办'] });
    await makeUnit(sys, county.region.id, { name: '表格县政务服务中心', parentId: parent.id });
  });
  after(async () => h.dispose());

  test('export → edit in Excel → import applies changes, additions, alias edits and parents', async () => {
    const { data, fileName } = await exportUnits(office, county.region.id);
    assert.equal(fileName, '表格县单位名录.xlsx');
    const edited = await edit(data, (ws) => {
      assert.equal(ws.getCell('A1').value, '单位全称');
      const r = rowOf(ws, '表格县人民政府办公室');
      r.getCell(7).value = '县政府办、县府办';
      r.getCell(8).value = '王五';
      ws.addRow(['表格县新设局', '新设局', '政府部门', '表格县人民政府办公室', 99, '启用', '县新局', '赵六', '0851-1234567', 'zl@example.cn', '钱七']);
    });
    const r = await importUnits(office, county.region.id, edited);
    assert.deepEqual(r.errors, []);
    assert.equal(r.created, 1);
    assert.equal(r.updated, 1);
    const units = await listUnits(office, { regionId: county.region.id });
    const gov = units.find((u) => u.name === '表格县人民政府办公室')!;
    assert.deepEqual(gov.aliases.map((a) => a.alias).sort(), ['县府办', '县政府办'].sort());
    assert.equal(gov.liaisonName, '王五');
    const added = units.find((u) => u.name === '表格县新设局')!;
    assert.equal(added.parentName, '表格县人民政府办公室');
    assert.equal(added.liaisonEmail, 'zl@example.cn');
    assert.deepEqual(added.aliases.map((a) => a.alias), ['县新局']);
    // importing the same sheet again changes nothing
    const again = await importUnits(office, county.region.id, edited);
    assert.equal(again.created + again.updated, 0);
  });

  test('every bad row is reported by number and nothing at all is applied', async () => {
    const { data } = await exportUnits(office, county.region.id);
    const before = await listUnits(office, { regionId: county.region.id, active: 'all' });
    const bad = await edit(data, (ws) => {
      rowOf(ws, '表格县政务服务中心').getCell(8).value = '不应保存';
      ws.addRow(['新单位一', '', '政府机关']);
      ws.addRow(['', '无名']);
      ws.addRow(['新单位二', '', '其他', '不存在的上级']);
      ws.addRow(['新单位三', '', '其他', '', '', '', '县府办']);
    });
    const r = await importUnits(office, county.region.id, bad);
    const rows = r.errors.map((e) => e.row);
    assert.equal(r.created, 0);
    assert.equal(r.updated, 0);
    assert.ok(r.errors.some((e) => /类别「政府机关」不正确/.test(e.message)));
    assert.ok(r.errors.some((e) => /缺少单位全称/.test(e.message)));
    assert.deepEqual(rows, [...rows].sort((a, b) => a - b));
    const r2 = await importUnits(office, county.region.id, await edit(data, (ws) => {
      ws.addRow(['新单位二', '', '其他', '不存在的上级']);
      ws.addRow(['新单位三', '', '其他', '', '', '', '县府办']);
    }));
    assert.ok(r2.errors.some((e) => /上级单位「不存在的上级」不在名录中/.test(e.message)));
    assert.ok(r2.errors.some((e) => /县府办/.test(e.message)));
    const after = await listUnits(office, { regionId: county.region.id, active: 'all' });
    assert.deepEqual(after.map((u) => [u.name, u.version]), before.map((u) => [u.name, u.version]));
  });

  test('wrong files get clear messages: empty, old .xls, not Excel, no name column', async () => {
    await assert.rejects(importUnits(office, county.region.id, Buffer.alloc(0)), (e: Error) => /空的/.test(e.message));
    await assert.rejects(importUnits(office, county.region.id, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), (e: Error & { code?: string }) => e.code === 'UNSUPPORTED' && /\.xls/.test(e.message));
    await assert.rejects(importUnits(office, county.region.id, Buffer.from('单位全称,简称\n某局,某\n')), code('UNSUPPORTED'));
    await assert.rejects(importUnits(office, county.region.id, Buffer.from('PK\x03\x04garbage')), code('UNSUPPORTED'));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['名称']);
    await assert.rejects(importUnits(office, county.region.id, Buffer.from(await wb.xlsx.writeBuffer())), (e: Error) => /单位全称/.test(e.message));
  });

  test('only the office imports; a liaison may export its region but not import', async () => {
    const liaison = await ctxAs(sys, county.liaison.id);
    const { data } = await exportUnits(liaison, county.region.id);
    await assert.rejects(importUnits(liaison, county.region.id, data), code('FORBIDDEN'));
    const other = await makeCounty(sys, '别的县');
    await assert.rejects(exportUnits(await ctxAs(sys, other.office.id), county.region.id), code('NOT_FOUND'));
  });
});
