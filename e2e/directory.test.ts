import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, startServer, type TestServer } from './helpers.ts';

describe('机构人员 · 单位（浏览器）', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('依法治办新增带别名的单位，按别名查到且名称原样显示；退出后访问 /units 回到登录页', async () => {
    const { context, page } = await newPage(browser);
    try {
      await login(page, server.url, 'xifeng.office');
      await screenshot(page, 'dashboard-office');

      const nav = page.getByRole('navigation', { name: '主导航' });
      const sub = nav.getByRole('menuitem', { name: '单位', exact: true });
      if (!(await sub.isVisible())) await nav.getByRole('menuitem', { name: /机构人员/ }).click();
      await Promise.all([page.waitForURL('**/units'), sub.click()]);
      await page.getByRole('heading', { name: '单位管理' }).waitFor();
      await page.getByRole('table').getByRole('row').nth(1).waitFor();

      const name = '息烽县测试局<script>';
      await page.getByRole('button', { name: '新增单位' }).click();
      const drawer = page.getByRole('dialog', { name: '新增单位' });
      await drawer.getByLabel('单位全称').fill(name);
      await drawer.getByRole('button', { name: '添加别名' }).click();
      await drawer.getByLabel('新别名').fill('县测试局');
      await drawer.getByLabel('新别名').press('Enter');
      await drawer.getByText('县测试局', { exact: true }).waitFor();
      await screenshot(page, 'unit-create-drawer');
      const [created] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/units') && r.request().method() === 'POST'),
        drawer.getByRole('button', { name: /保\s*存/ }).click(),
      ]);
      assert.equal(created.status(), 200, await created.text());
      await drawer.waitFor({ state: 'hidden' });

      const search = page.getByRole('searchbox', { name: '搜索单位' }).or(page.getByPlaceholder('按单位名称、简称或别名搜索'));
      await search.first().fill('县测试局');
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/units?') && r.url().includes('q=')),
        search.first().press('Enter'),
      ]);
      const row = page.getByRole('row').filter({ hasText: '县测试局' });
      await row.first().waitFor();
      assert.equal(await row.count(), 1, '按别名只查到一个单位');
      const cell = row.getByText(name, { exact: true });
      await cell.waitFor();
      assert.equal(await cell.textContent(), name, '名称原样显示，<script> 不被解释');
      assert.equal(await row.locator('script').count(), 0, '名称中的 <script> 没有变成元素');
      await screenshot(page, 'units-search-alias');

      await page.getByRole('button', { name: '用户菜单' }).click();
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/auth/logout')),
        page.getByRole('menuitem', { name: '退出登录' }).click(),
      ]);
      await page.getByRole('heading', { name: '法治政府建设管理平台' }).waitFor();

      await page.goto(`${server.url}/units`);
      await page.waitForURL((u) => u.pathname === '/login');
      assert.equal(new URL(page.url()).searchParams.get('next'), '/units');
      await page.getByRole('button', { name: /登\s*录/ }).waitFor();
      await screenshot(page, 'login-after-logout');
    } finally {
      await context.close();
    }
  });

  test('密码错误时显示统一的错误提示', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('用户名').fill('xifeng.office');
      await page.getByLabel('密码').fill('wrong-password-1');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        page.getByRole('button', { name: /登\s*录/ }).click(),
      ]);
      assert.equal(res.status(), 401);
      const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' });
      await alert.waitFor();
      assert.equal(new URL(page.url()).pathname, '/login');
      await screenshot(page, 'login-wrong-password');
    } finally {
      await context.close();
    }
  });
});
