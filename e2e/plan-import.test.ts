import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, login, newPage, screenshot } from './helpers.ts';

/** A small 2026—2030 plan: one owner the directory knows (县司法局), one it does not, one group phrase. */
const PLAN = `息烽县法治政府建设实施方案
（2026—2030年）

为深入贯彻落实《法治政府建设实施纲要》，结合我县实际，制定本方案。

一、总体要求
到2030年，法治政府建设取得新成效。

二、主要任务
（一）依法全面履行政府职能
1.全面实行政府权责清单制度，2026年底前完成权责清单动态调整。（牵头单位：县司法局；责任单位：县政府各部门）
2.建设县级智慧法务平台，2027年6月30日前行政执法案卷网上评查率达到100%。（牵头单位：县数字法治促进中心）
（二）健全依法决策机制
3.严格落实重大行政决策程序，每年3月1日前公布年度重大行政决策事项目录。（牵头单位：县司法局）
`;

async function openPlans(page: Page) {
  const nav = page.getByRole('navigation', { name: '主导航' });
  await Promise.all([page.waitForURL('**/plans'), nav.getByRole('menuitem', { name: /方案/ }).click()]);
  await page.getByRole('heading', { name: '法治政府建设方案' }).waitFor();
  await page.getByRole('table').getByRole('row').nth(1).waitFor();
}

describe('方案导入与分工（浏览器）', () => {
  const suite = browserSuite('fazhi-plan-');

  test('依法治办上传方案，确认未识别单位与分组，导入后批量分配', async () => {
    const file = join(suite.dir, '息烽县法治政府建设实施方案（2026—2030年）.txt');
    writeFileSync(file, PLAN, 'utf8');
    const { context, page } = await newPage(suite.browser);
    try {
      await login(page, suite.server.url, 'xifeng.office');
      await openPlans(page);
      await screenshot(page, 'plans-list');

      // upload → review page
      await page.getByRole('button', { name: '导入方案' }).click();
      const dialog = page.getByRole('dialog', { name: /导入方案/ });
      await dialog.getByText('点击或将方案文件拖到此处上传').waitFor();
      await screenshot(page, 'plans-upload');
      const [uploaded] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/plans/imports?') && r.request().method() === 'POST'),
        dialog.locator('input[type=file]').setInputFiles(file),
      ]);
      assert.equal(uploaded.status(), 200, await uploaded.text());
      await page.waitForURL(/\/plans\/imports\/[0-9a-f-]+$/);
      await page.getByRole('heading', { name: '导入核对' }).waitFor();
      assert.equal(await page.getByLabel('方案名称').inputValue(), '息烽县法治政府建设实施方案');
      assert.equal(await page.getByLabel('起始年').inputValue(), '2026');
      assert.equal(await page.getByLabel('截止年').inputValue(), '2030');
      const tasks = page.getByLabel('识别出的任务');
      for (const no of ['二.（一）.1', '二.（一）.2', '二.（二）.3']) await tasks.getByRole('button', { name: `任务 ${no}`, exact: true }).waitFor();
      await screenshot(page, 'plan-review-top');

      // a plan with the same title exists (2022—2025): preview the diff, keep importing as a new plan
      await page.getByText(/这可能是/).waitFor();
      await Promise.all([
        page.waitForResponse((r) => /\/api\/plans\/imports\/[^/]+\/diff$/.test(r.url())),
        page.getByRole('button', { name: '预览差异' }).click(),
      ]);
      await page.getByText(/新增 3/).waitFor();
      await screenshot(page, 'plan-review-diff');
      assert.equal(await page.getByRole('switch', { name: '作为新版本导入' }).isChecked(), false);

      // clicking a task marks its span in the source
      await tasks.getByRole('button', { name: '任务 二.（一）.2', exact: true }).click();
      const marked = page.getByLabel('方案原文').locator('mark.fz-span-on');
      await marked.first().waitFor();
      assert.match((await marked.allTextContents()).join(''), /建设县级智慧法务平台/);
      // and clicking highlighted source selects the task
      await page.getByLabel('方案原文').locator('mark', { hasText: '严格落实重大行政决策程序' }).first().click();
      await tasks.locator('[aria-pressed="true"]', { hasText: '严格落实重大行政决策程序' }).waitFor();
      await screenshot(page, 'plan-review-select');

      // the names panel: 县司法局 matched, 县数字法治促进中心 unknown, 县政府各部门 a group to confirm
      const panel = page.getByLabel('责任单位确认');
      const commit = page.getByRole('button', { name: '确认导入' });
      assert.equal(await commit.isDisabled(), true, '未确认前不能导入');
      await page.getByText('还有 2 个责任单位名称待确认').waitFor();
      const unknown = panel.getByRole('group', { name: '名称 县数字法治促进中心' });
      const group = panel.getByRole('group', { name: '名称 县政府各部门' });
      await unknown.getByText('未识别').waitFor();
      await group.getByText('待确认分组').waitFor();
      await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'plan-review-names');

      await unknown.getByText('新建单位', { exact: true }).click();
      assert.equal(await unknown.getByLabel('县数字法治促进中心 新单位名称').inputValue(), '县数字法治促进中心');
      await group.getByText('按分组展开', { exact: true }).click();
      await group.getByText(/已选 \d+ 个单位/).waitFor();
      assert.match((await group.getByText(/已选 \d+ 个单位/).textContent()) ?? '', /已选 [1-9]\d* 个单位/);
      await page.getByText('责任单位均已确认').waitFor();
      await panel.getByText('全部（3）').click();
      await panel.getByRole('group', { name: '名称 县司法局' }).getByText('按别名匹配', { exact: false }).waitFor();
      await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'plan-review-decided');

      const [committed] = await Promise.all([
        page.waitForResponse((r) => /\/api\/plans\/imports\/[^/]+\/commit$/.test(r.url())),
        commit.click(),
      ]);
      assert.equal(committed.status(), 200, await committed.text());
      const result = (await committed.json()) as { planId: string; tasks: number; unitsCreated: number };
      assert.equal(result.tasks, 3);
      assert.equal(result.unitsCreated, 1);
      await page.getByText('方案已导入').waitFor();
      await page.getByLabel('导入结果').getByText('3 项').first().waitFor();
      await screenshot(page, 'plan-import-done');

      // the plan
      await Promise.all([page.waitForURL(`**/plans/${result.planId}`), page.getByRole('button', { name: '查看方案' }).click()]);
      const table = page.getByRole('table');
      const row1 = table.getByRole('row').filter({ hasText: '全面实行政府权责清单制度' });
      const row2 = table.getByRole('row').filter({ hasText: '建设县级智慧法务平台' });
      const row3 = table.getByRole('row').filter({ hasText: '严格落实重大行政决策程序' });
      await row1.waitFor();
      await row1.getByText('息烽县司法局', { exact: true }).waitFor();
      await row1.getByText('二.（一）.1', { exact: true }).waitFor();
      await row2.getByText('县数字法治促进中心', { exact: true }).waitFor();
      await row2.getByText('2027年6月30日前', { exact: true }).waitFor();
      await row3.getByText('息烽县司法局', { exact: true }).waitFor();
      await row3.getByText('每年3月1日前', { exact: true }).waitFor();
      await screenshot(page, 'plan-detail');

      // bulk-assign a unit to task 3 with a reason
      await row3.getByRole('checkbox').check();
      await page.getByRole('button', { name: /批量分配/ }).click();
      const modal = page.getByRole('dialog', { name: /批量分配/ });
      await modal.getByLabel('分配的单位').click();
      await modal.getByLabel('分配的单位').fill('财政局');
      await page.locator('.ant-select-item-option[title="息烽县财政局"]').click();
      // the choice must show as a tag before going on (under load the click can land late)
      await modal.locator('.ant-select-selection-item', { hasText: '息烽县财政局' }).waitFor();
      // close the dropdown by clicking the modal's title: Escape could reach the modal and close it
      await modal.locator('.ant-modal-title').click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
      await modal.locator('label', { hasText: /^责任单位$/ }).click();
      await modal.locator('label.ant-radio-button-wrapper-checked', { hasText: /^责任单位$/ }).waitFor();
      const reason = modal.getByLabel('调整原因');
      await reason.fill('重大行政决策事项目录涉及财政预算，增加县财政局为责任单位');
      assert.equal(await reason.inputValue(), '重大行政决策事项目录涉及财政预算，增加县财政局为责任单位');
      await screenshot(page, 'plan-bulk-assign');
      const [assigned] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/plans/assignments') && r.request().method() === 'POST'),
        modal.getByRole('button', { name: /分\s*配/ }).click(),
      ]);
      assert.equal(assigned.status(), 200, await assigned.text());
      await modal.waitFor({ state: 'hidden' });
      await row3.getByText('息烽县财政局', { exact: true }).waitFor();
      await screenshot(page, 'plan-detail-assigned');

      // the source tab shows the text with the task spans
      await page.getByRole('tab', { name: '原文' }).click();
      await page.getByLabel('方案原文').locator('mark', { hasText: '建设县级智慧法务平台' }).click();
      await page.getByText('任务 二.（一）.2').waitFor();
      await screenshot(page, 'plan-detail-source');
    } finally {
      await context.close();
    }
  });

  test('泌阳县方案未标注责任单位，任务显示为未分配', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await login(page, suite.server.url, 'biyang.office');
      await openPlans(page);
      const link = page.getByRole('link', { name: /泌阳县/ }).first();
      await Promise.all([page.waitForURL(/\/plans\/[0-9a-f-]+$/), link.click()]);
      await page.getByRole('tab', { name: /任务（\d+）/ }).waitFor();
      const table = page.getByRole('table');
      await table.getByRole('row').nth(1).waitFor();
      const rows = await table.getByRole('row').count();
      const unassigned = await table.getByText('未分配', { exact: true }).count();
      assert.ok(unassigned > 0, '有未分配任务');
      assert.equal(unassigned, rows - 1, '每一行都显示未分配');
      await page.getByText('仅看未分配').click();
      await table.getByRole('row').nth(1).waitFor();
      await screenshot(page, 'plan-biyang-unassigned');
      await page.getByRole('tab', { name: /版本/ }).click();
      await page.getByText('首个版本，无比较对象。').waitFor();
      await page.getByRole('tab', { name: /机制/ }).click();
      await screenshot(page, 'plan-biyang-mechanisms');
    } finally {
      await context.close();
    }
  });
});
