import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { apiCall, apiResult, browserSuite, login, newPage, openMenu as openMenuOf, screenshot } from './helpers.ts';

/** Every page of the inspection area is also kept in /tmp/shots for a person to look at. */
const SHOTS = '/tmp/shots';
async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  const path = await screenshot(page, `inspection-${name}`, opts);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(path, join(SHOTS, `inspection-${name}.png`));
}

const openMenu = (page: Page, label: string, url: string) => openMenuOf(page, '督察考核', label, url);

/** Picks an option of an antd select by typing, and waits until the choice shows. */
async function pick(page: Page, scope: Locator, label: string, typed: string, title: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(typed);
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${title}"]`).click();
  await scope.locator('.ant-select', { has: page.getByLabel(label, { exact: true }) }).getByText(title.slice(0, 6)).first().waitFor();
}

/** Closes an open select dropdown and waits until none is shown. */
async function closeDropdown(page: Page) {
  await page.keyboard.press('Escape');
  await page.waitForFunction('!document.querySelector(".ant-select-dropdown:not(.ant-select-dropdown-hidden)")');
}

const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
// a small checkered PNG: the inspector's photo of what was found
const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000003000000024080200000040272e5d000000444944415478daedd5c10900200c03c00ed6211cdbb11cc1168a201ce49ddc2f912bafd9854cf50410101010105013f472acd2030404040404d405797b20202020a0cf41070f541eea093dfbbe0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('督察：督察计划 → 现场督察与问题清单 → 单位整改 → 核查销号 → 覆盖情况（浏览器）', () => {
  const suite = browserSuite('fazhi-inspection-');

  test('督察组制定计划并现场督察，记录问题和照片；联络员提交整改报告（无佐证被拒）；督察组核查销号；依法治办查看覆盖', async () => {
    const base = suite.server.url;
    const today = ymd(new Date());
    const later = ymd(new Date(Date.now() + 30 * 86400_000));
    writeFileSync(join(suite.dir, '现场照片.png'), PNG);
    writeFileSync(join(suite.dir, '整改报告.pdf'), PDF);

    // who the unit is: the liaison's own
    const liaison = await newPage(suite.browser);
    const lp = liaison.page;
    await login(lp, base, 'xifeng.liaison');
    const lme = await apiCall<{ unit: { id: string; name: string } }>(liaison.context.request, base, 'GET', '/api/auth/me');
    assert.ok(lme.unit);

    // ── the inspectors draw up the plan
    const insp = await newPage(suite.browser);
    const ip = insp.page;
    const errors: string[] = [];
    ip.on('pageerror', (e) => errors.push(e.message));
    await login(ip, base, 'xifeng.inspector');
    // the demo's own 督察 of this year: how often the liaison's unit was inspected before this one
    const year = new Date().getFullYear();
    const before = await apiCall<{ units: { unitId: string; visits: number }[] }>(insp.context.request, base, 'GET', `/api/inspections/coverage?year=${year}`);
    const visitsBefore = before.units.find((u) => u.unitId === lme.unit.id)?.visits ?? 0;
    await openMenu(ip, '督察计划', '**/inspection/plans');
    await ip.getByRole('heading', { name: '督察计划' }).waitFor();
    await ip.getByRole('row').filter({ hasText: '法治政府建设督察（演示）' }).first().waitFor();
    await ip.getByRole('button', { name: /制定督察计划/ }).click();
    await ip.waitForURL('**/inspection/plans/new');
    await ip.getByLabel('计划名称').fill('2026年度法治政府建设实地督察');
    const range = ip.locator('.ant-picker-range');
    await range.locator('input').first().click();
    await range.locator('input').first().fill(today);
    await range.locator('input').first().press('Enter');
    await range.locator('input').nth(1).fill(later);
    await range.locator('input').nth(1).press('Enter');
    await ip.getByLabel('督察依据的规划').locator('..').locator('..').getByText(/息烽县/).first().waitFor();
    const row = ip.locator('.ant-card', { hasText: '被督察单位 1' }).first();
    await pick(ip, row, '被督察单位 1', lme.unit.name.slice(0, 4), lme.unit.name);
    await row.getByLabel('督察日期 1').click();
    await row.getByLabel('督察日期 1').fill(today);
    await row.getByLabel('督察日期 1').press('Enter');
    await pick(ip, row, '督察人员 1', '督察', '息烽县督察考核组');
    await closeDropdown(ip);
    // a chapter in which the unit owns tasks: its tasks become the checklist
    await row.getByLabel('督察章节 1').click();
    await ip.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option:not(.ant-select-item-option-disabled)').first().click();
    await closeDropdown(ip);
    const preview = row.getByLabel('督察清单 1');
    await preview.getByText(/督察清单（[1-9]\d* 项）/).waitFor();
    const items = Number(/（(\d+) 项）/.exec((await preview.getByText(/督察清单（/).textContent())!)![1]);
    await shot(ip, '01-plan-editor', { fullPage: true });
    const [saved] = await Promise.all([ip.waitForResponse((r) => r.url().endsWith('/api/inspections/plans') && r.request().method() === 'POST'), ip.getByRole('button', { name: /保存计划/ }).click()]);
    assert.equal(saved.status(), 200, await saved.text());
    await ip.waitForURL(/\/inspection\/plans\/[0-9a-f-]{36}$/);
    await ip.getByRole('heading', { name: '2026年度法治政府建设实地督察' }).waitFor();
    const visitRow = ip.getByRole('row').filter({ hasText: lme.unit.name });
    await visitRow.getByText(`${items} 项：`).waitFor();
    await visitRow.getByText('待督察').waitFor();
    await shot(ip, '02-plan-detail');

    // ── the visit: every checklist line, one problem with its photo, 整改要求 and deadline
    await visitRow.getByRole('link', { name: '填写督察记录' }).click();
    await ip.waitForURL(/\/inspection\/plans\/visits\//);
    await ip.getByRole('heading', { name: `督察记录：${lme.unit.name}` }).waitFor();
    const checklist = ip.locator('.ant-card', { hasText: '督察清单（' }).first();
    const firstNo = (await checklist.locator('tbody tr').first().locator('b').first().textContent())!.trim();
    await checklist.getByLabel(`检查结果 ${firstNo}`, { exact: true }).getByText('发现问题').click();
    await checklist.getByRole('button', { name: `记录问题 ${firstNo}`, exact: true }).click();
    const add = ip.getByRole('dialog', { name: '记录督察发现的问题' });
    await add.getByLabel('发现的问题').fill('该项工作未建立工作台账，第三季度进展材料缺失。');
    await add.getByLabel('证据说明').fill('现场调阅档案，未见台账，见现场照片。');
    const [photo] = await Promise.all([ip.waitForResponse((r) => /\/api\/inspections\/visits\/[^/]+\/files$/.test(r.url())), add.locator('input[type=file]').setInputFiles(join(suite.dir, '现场照片.png'))]);
    assert.equal(photo.status(), 200, await photo.text());
    await add.getByText('现场照片.png').waitFor();
    await add.getByLabel('整改要求').fill('建立工作台账，补齐第三季度进展材料并报送。');
    await shot(ip, '03-add-problem');
    const [added] = await Promise.all([ip.waitForResponse((r) => r.url().endsWith('/problems') && r.request().method() === 'POST'), add.getByRole('button', { name: /记录问题/ }).click()]);
    assert.equal(added.status(), 200, await added.text());
    await add.waitFor({ state: 'hidden' });
    // the other lines are fine
    for (const r of await checklist.locator('tbody tr').all()) {
      const no = (await r.locator('b').first().textContent())!.trim();
      if (no !== firstNo) await r.getByLabel(`检查结果 ${no}`, { exact: true }).getByText('符合').click();
    }
    const found = ip.locator('.ant-card', { hasText: '发现的问题（1）' });
    await found.getByText('该项工作未建立工作台账').waitFor();
    await found.getByRole('img', { name: '现场照片.png' }).waitFor();
    await ip.getByLabel('督察情况').fill('听取汇报、查阅资料、实地查看，发现问题1个。');
    await shot(ip, '04-visit-before-record', { fullPage: true });
    await ip.getByRole('button', { name: /提交督察记录并下发问题清单/ }).click();
    const confirm = ip.getByRole('dialog', { name: '提交督察记录' });
    // the confirmation opens with a motion: a click before it settles can land on nothing
    await confirm.getByRole('button', { name: /提\s*交/ }).waitFor();
    await ip.waitForFunction('document.getAnimations().every((a) => a.playState !== "running")');
    const [recorded] = await Promise.all([ip.waitForResponse((r) => r.url().endsWith('/record')), confirm.getByRole('button', { name: /提\s*交/ }).click()]);
    assert.equal(recorded.status(), 200, await recorded.text());
    const listNumber = ((await recorded.json()) as { listNumber: string }).listNumber;
    assert.match(listNumber, /^息法察〔\d{4}〕\d+号$/);
    await ip.getByRole('button', { name: `问题清单 ${listNumber}` }).waitFor();
    await ip.getByText('已督察').first().waitFor();
    await shot(ip, '05-visit-recorded', { fullPage: true });
    // the plan now shows the unit inspected; in the editor its visit can no longer be changed
    await ip.getByRole('link', { name: '2026年度法治政府建设实地督察' }).click();
    await ip.getByRole('row').filter({ hasText: lme.unit.name }).getByText(`${listNumber}（1 个，未销号 1）`).waitFor();
    await ip.getByRole('button', { name: /修改计划/ }).click();
    await ip.waitForURL(/\/inspection\/plans\/[0-9a-f-]{36}\/edit$/);
    await ip.getByText('已督察（不可修改）').waitFor();
    assert.equal(await ip.getByLabel('督察日期 1').isDisabled(), true);
    assert.equal(await ip.getByLabel('被督察单位 1').isDisabled(), true);
    await shot(ip, '05b-plan-edit-locked');

    // ── the unit: its 问题清单, the rectification report (refused without evidence), then with it
    await lp.reload();
    await openMenu(lp, '本单位问题整改', '**/inspection/my-problems');
    await lp.getByRole('heading', { name: '本单位问题整改' }).waitFor();
    const mine = lp.getByRole('row').filter({ hasText: '该项工作未建立工作台账' });
    await mine.getByText('待整改').waitFor();
    await shot(lp, '06-unit-problems');
    await mine.getByRole('link', { name: `${listNumber} 第1项` }).click();
    await lp.waitForURL(/\/inspection\/problems\/[0-9a-f-]{36}$/);
    const problemId = lp.url().split('/').pop()!;
    await lp.getByRole('heading', { name: `督察问题 ${listNumber} 第1项` }).waitFor();
    await lp.getByRole('img', { name: '现场照片.png' }).waitFor();
    await lp.getByLabel('整改情况').fill('已建立工作台账，补齐第三季度进展材料，明确专人每月更新。');
    await lp.getByRole('button', { name: /提交整改报告/ }).click();
    await lp.getByText('整改报告须附整改佐证材料（照片、文件等），请上传后再提交').waitFor();
    // the server refuses it too, with the same words
    const version = (await apiCall<{ version: number }>(liaison.context.request, base, 'GET', `/api/inspections/problems/${problemId}`)).version;
    const refused = await apiResult<{ error: { message: string } }>(liaison.context.request, base, 'POST', `/api/inspections/problems/${problemId}/rectify`, { version, rectification: '已整改', uploadIds: [] });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /整改报告须附整改佐证材料/);
    await shot(lp, '07-rectify-refused', { fullPage: true });
    const [up] = await Promise.all([lp.waitForResponse((r) => r.url().includes('/api/evidence?') && r.request().method() === 'POST'), lp.locator('input[type=file]').setInputFiles(join(suite.dir, '整改报告.pdf'))]);
    assert.equal(up.status(), 200, await up.text());
    await lp.getByText('整改报告.pdf').waitFor();
    const [rect] = await Promise.all([lp.waitForResponse((r) => r.url().endsWith('/rectify')), lp.getByRole('button', { name: /提交整改报告/ }).click()]);
    assert.equal(rect.status(), 200, await rect.text());
    await lp.getByText('整改报告已提交，等待督察人员核查销号').waitFor();
    await lp.getByRole('link', { name: '整改报告.pdf' }).waitFor();
    await shot(lp, '08-rectified', { fullPage: true });

    // ── the inspectors check and close (销号)
    await ip.goto(`${base}/inspection/problems/${problemId}`);
    await ip.getByRole('heading', { name: `督察问题 ${listNumber} 第1项` }).waitFor();
    await ip.getByRole('button', { name: /核查销号/ }).click();
    const close = ip.getByRole('dialog', { name: '核查销号' });
    await close.getByLabel('核查意见').fill('经实地核查，台账已建立，材料齐全，予以销号。');
    const [closed] = await Promise.all([ip.waitForResponse((r) => r.url().endsWith('/close')), close.getByRole('button', { name: /销\s*号/ }).click()]);
    assert.equal(closed.status(), 200, await closed.text());
    await ip.locator('.ant-descriptions').getByText('已销号').first().waitFor();
    await ip.getByText('经实地核查，台账已建立，材料齐全，予以销号。').first().waitFor();
    await shot(ip, '09-closed', { fullPage: true });
    await openMenu(ip, '问题清单', '**/inspection/problems');
    await ip.getByRole('row').filter({ hasText: '该项工作未建立工作台账' }).getByText('已销号').waitFor();
    await shot(ip, '10-problem-list');
    // the Excel export holds what the list shows, with its filters
    const rowsOf = async (download: import('playwright-core').Download) => {
      const file = join(suite.dir, download.suggestedFilename());
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('问题清单')!;
      const rows: string[][] = [];
      ws.eachRow((r, n) => n > 1 && rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return rows;
    };
    const total = async (p: Page) => Number(/共 (\d+) 个问题/.exec((await p.getByText(/^共 \d+ 个问题$/).textContent())!)![1]);
    const [all] = await Promise.all([ip.waitForEvent('download'), ip.getByRole('link', { name: /导出 Excel/ }).click()]);
    assert.equal(all.suggestedFilename(), '息烽县督察问题清单.xlsx');
    const allRows = await rowsOf(all);
    assert.equal(allRows.length, await total(ip));
    assert.ok(allRows.some((r) => r[1] === `${listNumber} 第1项` && r[5]!.startsWith('该项工作未建立工作台账') && r[8]!.startsWith('已销号')), JSON.stringify(allRows));
    await ip.locator('.ant-segmented-item', { hasText: '待整改' }).click();
    await ip.waitForURL(/state=open/);
    await ip.getByRole('row').filter({ hasText: '该项工作未建立工作台账' }).waitFor({ state: 'detached' });
    const [open] = await Promise.all([ip.waitForEvent('download'), ip.getByRole('link', { name: /导出 Excel/ }).click()]);
    assert.equal(open.suggestedFilename(), '息烽县督察问题清单（待整改）.xlsx');
    const openRows = await rowsOf(open);
    assert.equal(openRows.length, await total(ip));
    assert.ok(openRows.length > 0 && openRows.every((r) => r[8]!.startsWith('待整改')), JSON.stringify(openRows.map((r) => r[8])));
    // the unit's export holds only its own problems
    await openMenu(lp, '本单位问题整改', '**/inspection/my-problems');
    await lp.getByRole('heading', { name: '本单位问题整改' }).waitFor();
    await lp.getByText(/^共 [1-9]\d* 个问题$/).waitFor();
    const [unitFile] = await Promise.all([lp.waitForEvent('download'), lp.getByRole('link', { name: /导出 Excel/ }).click()]);
    const unitRows = await rowsOf(unitFile);
    assert.ok(unitRows.length > 0 && unitRows.every((r) => r[2] === lme.unit.name), JSON.stringify(unitRows.map((r) => r[2])));

    // ── the office: coverage of the plan period
    const office = await newPage(suite.browser);
    const op = office.page;
    await login(op, base, 'xifeng.office');
    await openMenu(op, '督察计划', '**/inspection/plans');
    await op.getByRole('row').filter({ hasText: '2026年度法治政府建设实地督察' }).getByText('1/1').waitFor();
    await op.getByRole('tab', { name: '督察覆盖' }).click();
    await op.getByText('已督察单位').waitFor();
    // the demo plan's period (2022—2025) is past: this year's coverage
    const period = op.getByLabel('统计期间');
    await period.click();
    const thisYear = op.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${new Date().getFullYear()}年"]`);
    // the list opens with a motion: wait for it to settle so the click lands on the option
    await thisYear.waitFor();
    await op.waitForFunction('document.getAnimations().every((a) => a.playState !== "running")');
    await Promise.all([op.waitForURL(/year=\d{4}/), thisYear.click()]);
    await op.getByText(`年度 ${new Date().getFullYear()}年1月1日 至`).waitFor();
    await op.getByText(/^已督察（\d+）$/).click();
    const covered = op.getByRole('row').filter({ hasText: lme.unit.name });
    await covered.getByText(`已督察 ${visitsBefore + 1} 次`).waitFor();
    await op.getByText(new RegExp(`${new Date().getFullYear()}年还有 \\d+ 个单位未督察`)).waitFor();
    await shot(op, '11-coverage');
    // the unit's liaison sees no plans
    const plansForLiaison = await apiResult<unknown>(liaison.context.request, base, 'GET', '/api/inspections/plans');
    assert.equal(plansForLiaison.status, 404);
    assert.deepEqual(errors, []);
    for (const c of [liaison, insp, office]) await c.context.close();
  });
});
