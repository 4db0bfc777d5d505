import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, login, newPage, screenshot } from './helpers.ts';

/** Every page of the annual-report area is also kept in /tmp/shots for a person to look at. */
const SHOTS = '/tmp/shots';
async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  const path = await screenshot(page, `annual-${name}`, opts);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(path, join(SHOTS, `annual-${name}.png`));
}

/** Clicks a button that answers with a report, and waits until the server has answered. */
async function act(page: Page, button: RegExp, path: RegExp, within?: ReturnType<Page['getByRole']>) {
  const [res] = await Promise.all([page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() !== 'GET'), (within ?? page).getByRole('button', { name: button }).click()]);
  assert.equal(res.status(), 200, `${button} → ${res.status()} ${await res.text()}`);
}

const PHRASE = '经自查本年度法治督察整改全部到位';

describe('年度报告：起草、修改、审定、报送、公开，在公开平台检索到（浏览器）', () => {
  const suite = browserSuite('fazhi-annual-');

  test('依法治办按数据起草本级年度报告，补充待补充内容，审定、报送、公开；公众不登录即可检索和阅读', async () => {
    const base = suite.server.url;
    const year = new Date().getFullYear() - 1;
    const { page } = await newPage(suite.browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, base, 'xifeng.office');

    // ── the sidebar: 年度报告 → 报告
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('menuitem', { name: /年度报告$/ }).click();
    await Promise.all([page.waitForURL('**/annual-reports'), nav.getByRole('menuitem', { name: '报告', exact: true }).click()]);
    await page.getByRole('heading', { name: '年度报告' }).waitFor();
    await page.getByRole('button', { name: /起草年度报告/ }).click();
    const modal = page.getByRole('dialog', { name: '起草年度报告' });
    await modal.getByLabel('年度').fill(String(year));
    await Promise.all([page.waitForURL(/\/annual-reports\/[0-9a-f-]{36}$/), act(page, /按数据生成草稿/, /^\/api\/annual-reports$/, modal)]);
    const id = page.url().split('/').pop()!;
    const title = `息烽县人民政府${year}年法治政府建设情况报告`;
    await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
    await page.getByText(/处待补充的内容（平台数据中没有）/).waitFor();
    await shot(page, '01-draft');

    // ── every marker filled in by the office; saved as a new version
    const boxes = page.locator('textarea');
    const n = await boxes.count();
    let filled = 0;
    for (let i = 0; i < n; i++) {
      const box = boxes.nth(i);
      const v = await box.inputValue();
      if (!v.includes('【待补充：')) continue;
      await box.fill(v.replace(/【待补充：[^】]*】/g, filled === 0 ? PHRASE : '已按实际情况补充。'));
      filled++;
    }
    assert.ok(filled >= 2, `markers filled: ${filled}`);
    await act(page, /^保\s*存$/, new RegExp(`^/api/annual-reports/${id}$`));
    await page.getByText(/处待补充的内容/).waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /版本（2）/ }).click();
    await page.locator('.fz-diff ins').first().waitFor();
    await shot(page, '02-edited-diff');

    // ── the workflow
    await act(page, /提交审核/, /\/review$/);
    await page.getByText('内部审核', { exact: true }).first().waitFor();
    await act(page, /^审\s*定$/, /\/approve$/);
    await page.getByText('已审定', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: /^报\s*送$/ }).click();
    const submit = page.getByRole('dialog', { name: '报送年度报告' });
    await submit.getByRole('checkbox', { name: '县委' }).waitFor();
    assert.equal(await submit.getByRole('checkbox', { name: '县人大常委会' }).isChecked(), true, 'the region’s default recipients');
    await act(page, /^报\s*送$/, /\/submit$/, submit);
    await page.getByText('已报送', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: /^公\s*开$/ }).click();
    const publish = page.getByRole('dialog', { name: '在公开平台发布' });
    await act(page, /^公\s*开$/, /\/publish$/, publish);
    await page.getByText('已公开', { exact: true }).first().waitFor();
    await page.getByRole('tab', { name: '流程记录' }).click();
    await page.getByText('报送县委、县人大常委会、上级政府').waitFor();
    await shot(page, '03-published');

    // ── the tracking board
    await Promise.all([page.waitForURL('**/annual-reports/board'), nav.getByRole('menuitem', { name: '跟踪看板' }).click()]);
    await page.getByRole('heading', { name: '年度报告跟踪' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '息烽县（本级）' });
    await row.getByText('已公开').waitFor();
    await shot(page, '04-board');

    // ── the public: no login
    const anon = await newPage(suite.browser);
    const ap = anon.page;
    ap.on('pageerror', (e) => errors.push(e.message));
    await ap.goto(`${base}/portal`);
    await ap.getByText('法治政府建设年度报告公开').first().waitFor();
    await ap.getByLabel('检索年度报告').fill('法治督察整改');
    await Promise.all([ap.waitForResponse((r) => r.url().includes('/api/portal/reports?') && r.url().includes('q=') && r.ok()), ap.getByRole('button', { name: /检\s*索/ }).click()]);
    const hit = ap.getByRole('link', { name: title });
    await hit.waitFor();
    await ap.locator('mark', { hasText: '整改' }).first().waitFor();
    await shot(ap, '05-portal-search');
    await Promise.all([ap.waitForURL(`**/portal/reports/${id}`), hit.click()]);
    await ap.getByRole('heading', { name: title }).waitFor();
    await ap.getByText(PHRASE).first().waitFor();
    await ap.getByText(`固定地址：${base}/portal/reports/${id}`).waitFor();
    await shot(ap, '06-portal-report');
    const docx = await anon.context.request.get(`${base}/api/portal/reports/${id}/docx`);
    assert.equal(docx.status(), 200);
    const feed = await (await anon.context.request.get(`${base}/api/portal/feed.xml`)).text();
    assert.ok(feed.includes(`/portal/reports/${id}/v/1`), 'the feed lists the new publication');
    // nothing unpublished: another report of the region, still a draft, is 404 to the public
    const me = (await (await page.context().request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string; currentRegionId: string };
    const draft = await page.context().request.post(`${base}/api/annual-reports`, { data: { regionId: me.currentRegionId, year: year - 1 }, headers: { 'x-csrf-token': me.csrfToken } });
    assert.equal(draft.status(), 200, await draft.text());
    const draftId = ((await draft.json()) as { id: string }).id;
    assert.equal((await anon.context.request.get(`${base}/api/portal/reports/${draftId}`)).status(), 404);
    await ap.goto(`${base}/portal/reports/${draftId}`);
    await ap.getByText('报告不存在或尚未公开').waitFor();
    assert.deepEqual(errors, []);
  });
});
