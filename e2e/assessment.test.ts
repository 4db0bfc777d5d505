import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, login, newPage, screenshot } from './helpers.ts';

/** Saves one score in the open scorecard drawer, in the row of the given indicator. */
async function scoreRow(page: Page, rowIndex: number, value: string) {
  const row = page.locator('.ant-drawer .ant-table-row').nth(rowIndex);
  await row.locator('input').fill(value);
  await Promise.all([page.waitForResponse((r) => /\/api\/assessment\/campaigns\/[^/]+\/(self|review)$/.test(r.url()) && r.ok()), row.getByRole('button', { name: /保\s*存/ }).click()]);
}

describe('考核：生成指标体系 → 单位自评 → 考核评分 → 审定 → 公布（浏览器）', () => {
  const suite = browserSuite('fazhi-assessment-');

  test('依法治办按方案生成指标体系并组织考核；联络员自评；评分、审定、公布后联络员看到本单位得分与排名', async () => {
    const base = suite.server.url;
    const office = await newPage(suite.browser);
    const op = office.page;
    const errors: string[] = [];
    op.on('pageerror', (e) => errors.push(e.message));
    await login(op, base, 'xifeng.office');

    // ── the framework, generated from the plan in the page
    await op.goto(`${base}/assessment`);
    await op.getByRole('tab', { name: '指标体系' }).click();
    await op.getByRole('button', { name: /按方案生成默认指标体系/ }).click();
    const modal = op.locator('.ant-modal', { hasText: '按方案生成默认指标体系' });
    await modal.locator('.ant-select').click();
    await op.locator('.ant-select-item-option', { hasText: '息烽县法治政府建设实施方案' }).click();
    await modal.locator('input.ant-input-number-input').fill('2025');
    await Promise.all([op.waitForResponse((r) => r.url().endsWith('/api/assessment/frameworks/default') && r.ok()), modal.locator('.ant-btn-primary').click()]);
    await op.getByText('2025年度法治政府建设考核指标（2025年，满分 100 分）').waitFor();
    await op.getByRole('cell', { name: '督办督察落实' }).waitFor();
    await screenshot(op, 'assessment-framework', { fullPage: true });

    // ── the campaign for the liaison's unit (set up through the API: the page's unit picker is the directory's)
    const req = office.context.request;
    const me = await apiCall<{ currentRegionId: string }>(req, base, 'GET', '/api/auth/me');
    const units = await apiCall<{ items: { id: string; name: string }[] }>(req, base, 'GET', `/api/units?regionId=${me.currentRegionId}`);
    const gov = units.items.find((u) => u.name === '息烽县人民政府办公室')!;
    const fw = (await apiCall<{ items: { id: string }[] }>(req, base, 'GET', `/api/assessment/frameworks?regionId=${me.currentRegionId}`)).items[0]!;
    await apiCall(req, base, 'POST', '/api/assessment/campaigns', { frameworkId: fw.id, name: '2025年度考核', unitIds: [gov.id], assessorIds: [] });

    // ── the liaison assesses its own unit
    const liaison = await newPage(suite.browser);
    const lp = liaison.page;
    lp.on('pageerror', (e) => errors.push(e.message));
    await login(lp, base, 'xifeng.liaison');
    await lp.goto(`${base}/assessment`);
    await lp.getByRole('button', { name: '填写本单位自评' }).click();
    await lp.getByText('息烽县人民政府办公室 · 得分卡').waitFor();
    await lp.locator('.ant-drawer .ant-table-row').first().waitFor();
    await scoreRow(lp, 0, '5');
    await lp.locator('.ant-drawer .ant-table-row').first().locator('.fz-score', { hasText: /^5$/ }).waitFor();
    await screenshot(lp, 'assessment-self');

    // ── the office reviews: every indicator without a score gets one, then approves and publishes
    await op.getByRole('tab', { name: '考核' }).first().click();
    await op.reload();
    await Promise.all([op.waitForResponse((r) => r.url().includes('/advance') && r.ok()), op.getByRole('button', { name: '结束自评，转入考核评分' }).click()]);
    await op.locator('.ant-table-row a', { hasText: '息烽县人民政府办公室' }).click();
    await op.getByText('息烽县人民政府办公室 · 得分卡').waitFor();
    const rows = op.locator('.ant-drawer .ant-table-row');
    await rows.first().waitFor();
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      if ((await rows.nth(i).locator('td').last().innerText()).trim() === '—') await scoreRow(op, i, '0');
    }
    await op.locator('.ant-drawer').getByText(/尚有 \d+ 项未评分/).waitFor({ state: 'detached' });
    await op.locator('.ant-drawer-close').click();
    await Promise.all([op.waitForResponse((r) => r.url().includes('/advance') && r.ok()), op.getByRole('button', { name: '审定结果' }).click()]);
    await Promise.all([op.waitForResponse((r) => r.url().includes('/advance') && r.ok()), op.getByRole('button', { name: '公布结果' }).click()]);
    await op.locator('.ant-steps-item-finish, .ant-steps-item-process', { hasText: '已公布' }).waitFor();
    await screenshot(op, 'assessment-published');

    // ── published: the liaison sees its own frozen card and rank
    await lp.reload();
    await lp.getByRole('button', { name: '查看本单位得分' }).click();
    await lp.getByText('已审定（冻结）').waitFor();
    const rank = await lp.locator('.ant-descriptions-item', { hasText: '排名' }).innerText();
    assert.match(rank, /排名\s*1/);
    await screenshot(lp, 'assessment-liaison-result');
    assert.deepEqual(errors, []);
  });
});
