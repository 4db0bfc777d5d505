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

    const req = office.context.request;
    const me = await apiCall<{ currentRegionId: string }>(req, base, 'GET', '/api/auth/me');
    const fw = (await apiCall<{ items: { id: string }[] }>(req, base, 'GET', `/api/assessment/frameworks?regionId=${me.currentRegionId}`)).items[0]!;

    // ── the editor: points that no longer add up are named under their indicator; moved to the sibling, the tree saves
    type Ind = { name: string; points: number; children: Ind[] };
    const generated = await apiCall<{ version: number; indicators: Ind[] }>(req, base, 'GET', `/api/assessment/frameworks/${fw.id}`);
    const chapter = generated.indicators[0]!;
    const [first, second] = chapter.children as [Ind, Ind];
    await op.getByRole('button', { name: /编\s*辑/ }).click();
    await op.waitForURL(/\/assessment\/frameworks\/[^/]+\/edit$/);
    const node = (path: string[]) => op.locator(`[data-path="${path.join(' › ')}"]`);
    await node([chapter.name, first.name]).click();
    await op.getByLabel('分值', { exact: true }).fill(String(first.points - 2));
    await node([chapter.name]).getByText(`下级合计 ${chapter.points - 2} 分`).waitFor();
    const [refused] = await Promise.all([op.waitForResponse((r) => r.url().endsWith(`/api/assessment/frameworks/${fw.id}`) && r.request().method() === 'PUT'), op.getByRole('button', { name: /保\s*存/ }).click()]);
    assert.equal(refused.status(), 400);
    await node([chapter.name]).locator('.fz-fw-problem', { hasText: `下级指标分值合计 ${chapter.points - 2} 分，与本指标的 ${chapter.points} 分不符` }).waitFor();
    await op.locator('.fz-fw-problems li', { hasText: `${chapter.name}：下级指标分值合计` }).waitFor();
    await screenshot(op, 'assessment-framework-editor', { fullPage: true });
    await node([chapter.name, second.name]).click();
    await op.getByLabel('分值', { exact: true }).fill(String(second.points + 2));
    await Promise.all([op.waitForResponse((r) => r.url().endsWith(`/api/assessment/frameworks/${fw.id}`) && r.request().method() === 'PUT' && r.ok()), op.getByRole('button', { name: /保\s*存/ }).click()]);
    await op.getByText(/已保存「/).waitFor();
    await op.locator('.fz-fw-problem').first().waitFor({ state: 'detached' });
    const edited = await apiCall<{ version: number; indicators: Ind[] }>(req, base, 'GET', `/api/assessment/frameworks/${fw.id}`);
    assert.deepEqual(edited.indicators[0]!.children.map((c) => c.points), [first.points - 2, second.points + 2]);
    assert.equal(edited.version, generated.version + 1);
    // someone else saves meanwhile: the page's next save is refused with a clear message and keeps its edits
    type Full = { name: string; points: number; rule: unknown; criteria: string | null; evidence: string | null; taskIds: string[]; children: Full[] };
    const asInput = (t: Full[]): unknown[] => t.map((i) => ({ name: i.name, points: i.points, rule: i.rule, criteria: i.criteria, evidence: i.evidence, taskIds: i.taskIds, ...(i.children.length ? { children: asInput(i.children) } : {}) }));
    const full = await apiCall<{ name: string; totalPoints: number; version: number; indicators: Full[] }>(req, base, 'GET', `/api/assessment/frameworks/${fw.id}`);
    const { csrfToken: officeCsrf } = await apiCall<{ csrfToken: string }>(req, base, 'GET', '/api/auth/me');
    const other = await req.put(`${base}/api/assessment/frameworks/${fw.id}`, { headers: { 'x-csrf-token': officeCsrf }, data: { name: full.name, totalPoints: full.totalPoints, indicators: asInput(full.indicators), version: full.version } });
    assert.ok(other.ok(), await other.text());
    await op.getByLabel('指标名称', { exact: true }).fill(`${second.name}（修订）`);
    const [stale] = await Promise.all([op.waitForResponse((r) => r.url().endsWith(`/api/assessment/frameworks/${fw.id}`) && r.request().method() === 'PUT'), op.getByRole('button', { name: /保\s*存/ }).click()]);
    assert.equal(stale.status(), 409);
    await op.getByText('保存未成功：该指标体系已被他人修改。本页的修改仍保留，未写入；可载入最新版本后重新修改。').waitFor();
    assert.equal(await op.getByLabel('指标名称', { exact: true }).inputValue(), `${second.name}（修订）`);
    await node([chapter.name, `${second.name}（修订）`]).waitFor();
    await op.getByRole('button', { name: '载入最新版本' }).click();
    await op.locator('.ant-popconfirm').getByRole('button', { name: /载\s*入/ }).click();
    await node([chapter.name, second.name]).waitFor();

    // ── the campaign for the liaison's unit (set up through the API: the page's unit picker is the directory's)
    const units = await apiCall<{ items: { id: string; name: string }[] }>(req, base, 'GET', `/api/units?regionId=${me.currentRegionId}`);
    const gov = units.items.find((u) => u.name === '息烽县人民政府办公室')!;
    await apiCall(req, base, 'POST', '/api/assessment/campaigns', { frameworkId: fw.id, name: '2025年度考核', unitIds: [gov.id], assessorIds: [] });

    // ── the liaison assesses its own unit
    const liaison = await newPage(suite.browser);
    const lp = liaison.page;
    lp.on('pageerror', (e) => errors.push(e.message));
    await login(lp, base, 'xifeng.liaison');
    // the demo's units reported every quarter of 2025, each period's reports carrying the unit's 工作台账
    const fileName = '2025年第三季度工作台账.pdf';
    await lp.goto(`${base}/assessment`);
    await lp.getByRole('button', { name: '填写本单位自评' }).click();
    await lp.getByText('息烽县人民政府办公室 · 得分卡').waitFor();
    await lp.locator('.ant-drawer .ant-table-row').first().waitFor();
    await scoreRow(lp, 0, '5');
    await lp.locator('.ant-drawer .ant-table-row').first().locator('.fz-score', { hasText: /^5$/ }).waitFor();
    await screenshot(lp, 'assessment-self');
    // ── the self-assessment cites the report's file: picked from this year's reports, saved with the score
    await lp.locator('.ant-drawer .ant-table-row').first().getByRole('button', { name: /添加材料/ }).click();
    const picker = lp.locator('.ant-modal', { hasText: '自评佐证材料' });
    const fileRow = picker.locator('.ant-table-row', { hasText: fileName });
    await fileRow.waitFor();
    assert.match(await fileRow.innerText(), /2025年第三季度|2025Q3|第三季度/);
    await fileRow.getByLabel(`选择 ${fileName}`).check();
    await picker.locator('.fz-self-picked', { hasText: fileName }).waitFor();
    await screenshot(lp, 'assessment-self-evidence-picker');
    await Promise.all([lp.waitForResponse((r) => /\/api\/assessment\/campaigns\/[^/]+\/self$/.test(r.url()) && r.ok()), picker.getByRole('button', { name: '保存材料' }).click()]);
    await lp.locator('.ant-drawer .ant-table-row').first().locator('.fz-self-evidence', { hasText: fileName }).waitFor();
    await lp.locator('.ant-drawer .ant-table-row').first().locator('.fz-score', { hasText: /^5$/ }).waitFor();

    // ── the office reviews: every indicator without a score gets one, then approves and publishes
    await op.goto(`${base}/assessment`);
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
