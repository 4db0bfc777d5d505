import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, login, newPage, screenshot } from './helpers.ts';

const SHOTS = '/tmp/shots';
async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  const path = await screenshot(page, `dashboard-${name}`, opts);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(path, join(SHOTS, `dashboard-${name}.png`));
}

/** The share of a chart's canvas that is not background: a drawn chart covers a good part of it. */
async function inkOf(chart: Locator): Promise<number> {
  await chart.locator('canvas').first().waitFor();
  return chart.evaluate((el) => {
    const canvas = el.querySelector('canvas') as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240)) ink++;
    return ink / (canvas.width * canvas.height);
  });
}

describe('工作台 of each role and the leaders’ cockpit (browser)', () => {
  const suite = browserSuite('fazhi-dashboard-');

  test("a liaison's and the office's 工作台: every number opens its list", async () => {
    const base = suite.server.url;
    const errors: string[] = [];
    const liaison = await newPage(suite.browser);
    const lp = liaison.page;
    lp.on('pageerror', (e) => errors.push(e.message));
    await login(lp, base, 'xifeng.liaison');
    const due = lp.getByRole('link', { name: /^本期应报送 \d+$/ });
    await due.waitFor();
    await lp.getByRole('link', { name: /^督办单待反馈 \d+$/ }).waitFor();
    await lp.getByText('本周到期').waitFor();
    await shot(lp, '01-liaison');
    const n = Number(/(\d+)$/.exec((await due.getAttribute('aria-label'))!)![1]);
    await Promise.all([lp.waitForURL('**/reports'), due.click()]);
    const inbox = await (await liaison.context.request.get(`${base}/api/reports/inbox`)).json() as { items: unknown[] };
    assert.equal(inbox.items.length, n, 'the number on the 工作台 is the length of the list it opens');

    const office = await newPage(suite.browser);
    const op = office.page;
    op.on('pageerror', (e) => errors.push(e.message));
    await login(op, base, 'xifeng.office');
    const overdue = op.getByRole('link', { name: /^逾期任务 \d+$/ });
    await overdue.waitFor();
    await op.getByRole('link', { name: /^待审核报送 \d+$/ }).waitFor();
    await shot(op, '02-office');
    const count = Number(/(\d+)$/.exec((await overdue.getAttribute('aria-label'))!)![1]);
    await Promise.all([op.waitForURL(/\/supervision\?tab=tasks/), overdue.click()]);
    if (count > 0) await op.getByText(`共 ${count} 项`).waitFor();
    assert.deepEqual(errors, []);
  });

  test('the leader’s 工作台 is the cockpit: charts drawn, a click drills down to the records, filters, print', async () => {
    const base = suite.server.url;
    const errors: string[] = [];
    const leader = await newPage(suite.browser);
    const p = leader.page;
    p.on('pageerror', (e) => errors.push(e.message));
    await login(p, base, 'xifeng.leader');
    const pie = p.getByRole('img', { name: '任务完成情况' });
    await pie.waitFor();
    for (const name of ['任务完成情况', '按章节完成情况', '单位章节热力图']) {
      const ink = await inkOf(p.getByRole('img', { name }));
      assert.ok(ink > 0.02, `${name}: the canvas is blank (${ink})`);
    }
    await shot(p, '03-leader-cockpit', { fullPage: true });

    // drill down: a slice of the status ring opens the tasks it counts
    const box = (await pie.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + (box.height - 30) / 2;
    const r = Math.min(box.width, box.height - 30) / 2 * 0.52;
    let opened = false;
    for (const [dx, dy] of [[r, 0], [0, r], [-r, 0], [0, -r], [r * 0.7, r * 0.7], [-r * 0.7, -r * 0.7]] as const) {
      await p.mouse.click(cx + dx, cy + dy);
      if (await p.locator('.ant-drawer-open').isVisible().catch(() => false)) {
        opened = true;
        break;
      }
      await p.waitForTimeout(200);
    }
    assert.ok(opened, 'clicking the status ring opens the drill-down');
    const drawer = p.locator('.ant-drawer-open');
    await drawer.getByText(/状态为「.+」的任务/).waitFor();
    const rows = drawer.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await shot(p, '04-drill-down');
    // what the drill-down shows exports to Excel as a background job with its progress
    await drawer.getByRole('button', { name: /导出 Excel/ }).click();
    const progress = p.getByLabel('导出进度');
    const dl = progress.getByRole('link', { name: /下载/ });
    await dl.waitFor();
    await shot(p, '04b-export-done');
    const [file] = await Promise.all([p.waitForEvent('download'), dl.click()]);
    const saved = join(suite.dir, 'drill.xlsx');
    await file.saveAs(saved);
    const xb = new ExcelJS.Workbook();
    await xb.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
    const shown = Number(/共 (\d+) 项任务/.exec((await drawer.getByText(/共 \d+ 项任务/).textContent())!)![1]);
    assert.equal(xb.worksheets[0]!.actualRowCount - 1, shown, 'the file holds the rows on screen');
    await p.getByRole('dialog', { name: '导出 Excel' }).getByRole('button', { name: /Close|关闭/ }).click();
    const link = rows.first().getByRole('link').first();
    await Promise.all([p.waitForURL(/\/tasks\/[0-9a-f-]{36}$/), link.click()]);

    // the cockpit page itself, filtered to 乡镇街道 units, and its print layout
    await p.goto(`${base}/cockpit`);
    await p.getByRole('heading', { name: '领导驾驶舱' }).waitFor();
    await p.getByRole('img', { name: '单位章节热力图' }).waitFor();
    await p.getByLabel('单位类别').click();
    await p.locator('.ant-select-item-option[title="乡镇街道"]').click();
    await p.waitForURL(/kind=township/);
    await p.waitForResponse((res) => res.url().includes('/api/dashboard/cockpit') && res.url().includes('unitKind=township')).catch(() => undefined);
    await shot(p, '05-cockpit-township', { fullPage: true });
    // the period summary for a meeting, as Word, with the filters on screen
    await p.getByRole('button', { name: /报送情况汇总/ }).hover();
    const [summary] = await Promise.all([p.waitForEvent('download'), p.getByRole('menuitem', { name: 'Word' }).click()]);
    assert.match(summary.suggestedFilename(), /报送情况汇总（\d{4}-\d{2}-\d{2}）\.docx$/);
    const summaryFile = join(suite.dir, 'summary.docx');
    await summary.saveAs(summaryFile);
    const summaryXml = await (await JSZip.loadAsync(readFileSync(summaryFile))).file('word/document.xml')!.async('string');
    assert.ok(summaryXml.includes('报送情况汇总') && summaryXml.includes('乡镇街道'), 'the summary is of what the cockpit shows');
    await p.emulateMedia({ media: 'print' });
    await p.waitForTimeout(300);
    await shot(p, '06-cockpit-print', { fullPage: true });
    const pdf = await p.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(SHOTS, 'dashboard-cockpit.pdf'), pdf);
    assert.ok(pdf.length > 20_000);
    assert.deepEqual(errors, []);
  });

  test('the office exports the 任务分解表, edits it and imports it back with a diff and a confirmation', async () => {
    const base = suite.server.url;
    const office = await newPage(suite.browser);
    const op = office.page;
    await login(op, base, 'xifeng.office');
    const me = (await (await office.context.request.get(`${base}/api/auth/me`)).json()) as { currentRegionId: string };
    const plans = (await (await office.context.request.get(`${base}/api/plans?regionId=${me.currentRegionId}`)).json()) as { items: { id: string }[] };
    const planId = plans.items[0]!.id;
    await op.goto(`${base}/plans/${planId}`);
    const [download] = await Promise.all([op.waitForEvent('download'), op.getByRole('link', { name: /导出任务分解表/ }).click()]);
    const file = join(suite.dir, 'sheet.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('任务分解表')!;
    const before = String(ws.getCell('G2').value ?? '');
    ws.getCell('G2').value = '2027年底前';
    ws.getCell('F3').value = '县政府分管副县长';
    const edited = join(suite.dir, 'edited.xlsx');
    writeFileSync(edited, Buffer.from(await wb.xlsx.writeBuffer()));
    await op.getByRole('button', { name: /导入任务分解表/ }).click();
    const modal = op.getByRole('dialog', { name: '导入任务分解表' });
    await modal.locator('input[type=file]').setInputFiles(edited);
    const table = modal.getByRole('table');
    await table.getByText('2027年底前').waitFor();
    await table.getByText('县政府分管副县长').waitFor();
    if (before) await table.getByText(before, { exact: true }).first().waitFor();
    await shot(op, '07-task-sheet-diff');
    const [applied] = await Promise.all([op.waitForResponse((r) => r.url().includes('/apply') && r.request().method() === 'POST'), modal.getByRole('button', { name: /确认导入/ }).click()]);
    assert.equal(applied.status(), 200, await applied.text());
    await modal.waitFor({ state: 'hidden' });
    const plan = (await (await office.context.request.get(`${base}/api/plans/${planId}`)).json()) as { tasks: { deadlines: { raw: string }[] }[] };
    assert.deepEqual(plan.tasks[0]!.deadlines.map((d) => d.raw), ['2027年底前']);
  });
});
