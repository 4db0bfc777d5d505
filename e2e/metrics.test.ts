import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, login, newPage, screenshot } from './helpers.ts';

type Item = { targetId: string; name: string; op: string; target: number | null; status: string };

const countOf = async (page: Page, status: string) => Number(await page.locator(`[data-status="${status}"] .fz-metric-count`).innerText());

/** Painted pixels of the chart's canvas (neither transparent nor white): a drawn chart has thousands. */
const paintedPixels = (page: Page): Promise<number> =>
  page.evaluate(`(() => {
    const c = document.querySelector('.fz-chart canvas');
    if (!c || !c.width) return 0;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++;
    return n;
  })()`);

describe('量化指标：依法治办录入数值（注明来源）→ 看板状态变化 → 指标页走势图（浏览器）', () => {
  const suite = browserSuite('fazhi-metrics-');

  test('依法治办在指标页录入一个无数据指标的数值，看板上该指标变为已达标，指标页画出走势；更正保留原值', async () => {
    const base = suite.server.url;
    const { page, context } = await newPage(suite.browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await login(page, base, 'xifeng.office');

    // ── the board: counts on top, every target with its status (the demo county has some values already)
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByText('督察考核').click();
    await nav.getByText('量化指标').click();
    await page.waitForURL(/\/assessment\/metrics$/);
    await page.locator('.ant-table-row').first().waitFor();
    const me = await apiCall<{ currentRegionId: string }>(context.request, base, 'GET', '/api/auth/me');
    const board = await apiCall<{ items: Item[]; counts: Record<string, number> }>(context.request, base, 'GET', `/api/metrics?regionId=${me.currentRegionId}`);
    assert.ok(board.counts.met! >= 1 && board.counts.no_data! >= 1, JSON.stringify(board.counts));
    assert.equal(await countOf(page, 'met'), board.counts.met);
    assert.equal(await countOf(page, 'no_data'), board.counts.no_data);
    assert.equal(await countOf(page, 'all'), board.items.length);
    assert.ok(!scripts.some((u) => /\/echarts-/.test(u)), 'the board does not load ECharts');
    await screenshot(page, 'metrics-board', { fullPage: true });

    // ── filter to 无数据 and open one numeric target
    const pick = board.items.find((i) => i.status === 'no_data' && i.op === '>=' && i.target !== null)!;
    await page.locator('[data-status="no_data"]').click();
    await page.waitForURL(/status=no_data/);
    await page.waitForFunction(`document.querySelectorAll('.ant-table-row').length === ${Math.min(20, board.counts.no_data!)}`);
    assert.deepEqual([...new Set(await page.locator('.ant-table-row .fz-metric-status').allInnerTexts())], ['无数据']);
    await page.locator(`a[href="/assessment/metrics/${pick.targetId}"]`).click();
    await page.waitForURL(new RegExp(`/assessment/metrics/${pick.targetId}$`));
    await page.getByText('尚无数值：单位在进展报送中填报，或点「录入数值」').waitFor();

    // ── 录入数值: a source is required; then the value that meets the target
    await page.getByRole('button', { name: /录入数值/ }).click();
    const modal = page.locator('.ant-modal', { hasText: '录入数值' });
    await modal.getByLabel('统计期名称').fill('2025年');
    await modal.getByLabel('截至日期').fill('2025-12-31');
    await modal.getByLabel('截至日期').press('Enter');
    await modal.getByLabel(/^数值/).fill(String(pick.target));
    await modal.getByRole('button', { name: /录\s*入/ }).click();
    await modal.getByText('请填写数据来源').waitFor();
    await modal.getByLabel('数据来源').fill('县统计局2025年统计公报');
    const [saved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/metrics/${pick.targetId}/values`)), modal.getByRole('button', { name: /录\s*入/ }).click()]);
    assert.equal(saved.status(), 200, await saved.text());
    const row = page.locator('.ant-table-row', { hasText: '县统计局2025年统计公报' });
    await row.waitFor();
    assert.match(await row.innerText(), /依法治办录入/);
    await page.locator('h1 .fz-metric-status', { hasText: '已达标' }).waitFor();
    // the chart: loaded on demand, and actually drawn
    await page.locator('.fz-chart canvas').waitFor();
    await page.waitForFunction(`(document.querySelector('.fz-chart canvas')?.width ?? 0) > 0`);
    assert.ok(scripts.some((u) => /\/echarts-/.test(u)), 'the metric page loads ECharts');
    await page.waitForFunction(`!!document.querySelector('.fz-chart')?.getAttribute('aria-label')?.endsWith('走势')`);
    const painted = await paintedPixels(page);
    assert.ok(painted > 2000, `the chart canvas is drawn (${painted} painted pixels)`);
    await screenshot(page, 'metrics-detail', { fullPage: true });

    // ── the board counts the new value
    await page.getByRole('button', { name: '返回量化指标' }).click();
    await page.waitForURL(/\/assessment\/metrics$/);
    await page.locator('.ant-table-row').first().waitFor();
    await page.waitForFunction(`document.querySelector('[data-status="met"] .fz-metric-count')?.textContent === '${board.counts.met! + 1}'`);
    assert.equal(await countOf(page, 'no_data'), board.counts.no_data! - 1);
    await page.locator('[data-status="met"]').click();
    await page.locator(`.ant-table-row:has(a[href="/assessment/metrics/${pick.targetId}"]) .fz-metric-status`, { hasText: '已达标' }).waitFor();

    // ── a correction: the new value counts, the old one stays in the table marked 已更正
    await page.goto(`${base}/assessment/metrics/${pick.targetId}`);
    await page.locator('.ant-table-row', { hasText: '县统计局2025年统计公报' }).getByRole('button', { name: /更\s*正/ }).click();
    const fix = page.locator('.ant-modal', { hasText: '更正「2025年」的数值' });
    await fix.getByLabel(/^数值/).fill(String(pick.target! - 5));
    await fix.getByLabel('数据来源').fill('县统计局2025年统计公报（修订）');
    await fix.getByLabel('更正原因').fill('统计口径调整');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/metrics/values/') && r.ok()), fix.getByRole('button', { name: /更\s*正/ }).click()]);
    await page.locator('.ant-table-row', { hasText: '县统计局2025年统计公报（修订）' }).getByText('有效').waitFor();
    const oldRow = page.locator('.ant-table-row').filter({ hasNotText: '修订' }).filter({ hasText: '县统计局2025年统计公报' });
    await oldRow.getByText('已更正').waitFor();
    await page.locator('h1 .fz-metric-status', { hasText: /有风险|未达标/ }).waitFor();
    assert.deepEqual(errors, []);
  });
});
