/**
 * A screenshot tour of every page (not a test): `node --import tsx e2e/tour.ts [baseUrl]`.
 * Without a base URL it starts its own demo server. Writes e2e/screenshots/tour-*.png.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, startServer } from './helpers.ts';

const given = process.argv[2];
const server = given ? null : await startServer();
const base = given ?? server!.url;
const browser = await launchBrowser();
const errors: string[] = [];

async function visit(page: Page, path: string, name: string, ready: (p: Page) => Promise<unknown>) {
  await page.goto(`${base}${path}`);
  await ready(page);
  await page.waitForLoadState('networkidle');
  await screenshot(page, `tour-${name}`);
}

try {
  // login page
  {
    const { context, page } = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    await screenshot(page, 'tour-login');
    await context.close();
  }
  // office
  {
    const { context, page } = await newPage(browser);
    page.on('console', (m) => m.type() === 'error' && errors.push(`office: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`office pageerror: ${e.message}`));
    await login(page, base, 'xifeng.office');
    await visit(page, '/', 'office-dashboard', (p) => p.getByText('在用单位').waitFor());
    await visit(page, '/units', 'office-units', (p) => p.getByRole('table').getByRole('row').nth(2).waitFor());
    await page.getByText('树形').click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('tree').getByText('息烽县司法局').first().click();
    await screenshot(page, 'tour-office-units-tree');
    await page.getByText('表格').click();
    await page.getByRole('row').nth(2).getByRole('button', { name: '编辑' }).click();
    await page.getByRole('dialog').getByLabel('单位全称').waitFor();
    await screenshot(page, 'tour-office-unit-edit');
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    await page.getByRole('button', { name: '合并单位' }).click();
    await page.getByRole('dialog', { name: '合并单位' }).waitFor();
    await page.getByLabel('被合并单位').click();
    await page.keyboard.type('财政');
    await page.keyboard.press('Enter');
    await page.getByLabel('保留单位').click();
    await page.keyboard.type('司法局');
    await page.keyboard.press('Enter');
    await screenshot(page, 'tour-office-merge-1');
    await page.getByRole('button', { name: '下一步：确认' }).click();
    await page.getByRole('button', { name: '确认合并' }).waitFor();
    await screenshot(page, 'tour-office-merge-2');
    await page.getByRole('button', { name: '上一步' }).click();
    await page.getByRole('dialog', { name: '合并单位' }).getByRole('button', { name: /取\s*消/ }).click();
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByRole('dialog').getByText('点击或拖拽 Excel 文件到此处上传').waitFor();
    await screenshot(page, 'tour-office-import');
    const xlsx = await page.request.get(`${base}/api/units/export?regionId=${(await (await page.request.get(`${base}/api/auth/me`)).json()).currentRegionId}`);
    if (xlsx.ok()) {
      await page.locator('input[type=file]').setInputFiles({ name: '单位名录.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx.body() });
      await page.getByRole('dialog').getByText(/导入完成/).waitFor();
      await screenshot(page, 'tour-office-import-result');
    } else console.log('export failed', xlsx.status());
    await page.getByRole('dialog').getByRole('button', { name: /关\s*闭/ }).first().click();

    // someone else saves first: the drawer must say so and offer a reload, never overwrite
    await page.getByRole('row').nth(3).getByRole('button', { name: '编辑' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('主要负责人').fill('张三');
    const unitName = await drawer.getByLabel('单位全称').inputValue();
    const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { currentRegionId: string; csrfToken: string };
    const list = (await (await page.request.get(`${base}/api/units?regionId=${me.currentRegionId}`)).json()) as { items: { id: string; name: string; version: number }[] };
    const target = list.items.find((u) => u.name === unitName)!;
    const other = await page.request.patch(`${base}/api/units/${target.id}`, { data: { version: target.version, headName: '李四' }, headers: { 'x-csrf-token': me.csrfToken } });
    if (!other.ok()) console.log('concurrent patch failed', other.status(), await other.text());
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('保存冲突').waitFor();
    await screenshot(page, 'tour-office-unit-conflict');
    await drawer.getByRole('button', { name: '重新加载' }).click();
    await drawer.getByText('保存冲突').waitFor({ state: 'hidden' });
    await screenshot(page, 'tour-office-unit-reloaded');
    await drawer.getByRole('button', { name: /取\s*消/ }).click();

    await visit(page, '/groups', 'office-groups', (p) => p.getByRole('table').getByRole('row').nth(1).waitFor());
    await page.getByRole('button', { name: '新建分组' }).click();
    await page.getByRole('dialog').getByText('乡镇街道').click();
    await page.getByRole('dialog').getByText(/\d+ 个单位/).waitFor();
    await screenshot(page, 'tour-office-group-create');
    await page.getByRole('dialog').getByText('指定成员', { exact: true }).click();
    await page.getByLabel('成员单位').click();
    await page.keyboard.type('司法');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').getByText(/\d+ 个单位/).waitFor();
    await screenshot(page, 'tour-office-group-explicit');
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();

    await page.getByRole('row').filter({ hasText: '按类别' }).first().getByRole('button', { name: '编辑' }).click();
    await page.getByRole('dialog').getByText(/\d+ 个单位/).waitFor();
    await screenshot(page, 'tour-office-group-edit');
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();

    await visit(page, '/users', 'office-users', (p) => p.getByRole('table').getByRole('row').nth(1).waitFor());
    await page.getByRole('button', { name: '新建账号' }).click();
    await page.getByRole('dialog').getByLabel('用户名').waitFor();
    await screenshot(page, 'tour-office-user-create');
    await page.getByRole('dialog').getByLabel('用户名').fill('xifeng.tour');
    await page.getByRole('dialog').getByLabel('姓名').fill('巡检员');
    await page.getByRole('dialog').getByLabel('所属单位').click();
    await page.keyboard.type('司法局');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('button', { name: /创\s*建/ }).click();
    await page.getByLabel('临时密码').waitFor();
    await screenshot(page, 'tour-office-user-temp-password');
    const tempPassword = (await page.getByLabel('临时密码').textContent())?.trim() ?? '';
    await page.getByRole('button', { name: '我已记下' }).click();
    {
      const { context: c2, page: p2 } = await newPage(browser);
      await p2.goto(`${base}/units`);
      await p2.waitForURL('**/login?next=%2Funits');
      await p2.getByLabel('用户名').fill('xifeng.tour');
      await p2.getByLabel('密码').fill(tempPassword);
      await p2.getByRole('button', { name: /登\s*录/ }).click();
      await p2.waitForURL('**/change-password**');
      await p2.getByLabel('原密码').waitFor();
      await screenshot(p2, 'tour-forced-password');
      await p2.getByLabel('原密码').fill(tempPassword);
      await p2.getByLabel('新密码', { exact: true }).fill('short');
      await p2.getByLabel('确认新密码').fill('short');
      await p2.getByRole('button', { name: '确认修改' }).click();
      await p2.getByText('密码至少 8 位，且同时包含字母和数字').nth(1).waitFor();
      await screenshot(p2, 'tour-forced-password-invalid');
      await p2.getByLabel('新密码', { exact: true }).fill('Tour2026pass');
      await p2.getByLabel('确认新密码').fill('Tour2026pass');
      await p2.getByRole('button', { name: '确认修改' }).click();
      await p2.waitForURL((u) => u.pathname === '/units');
      await p2.getByRole('heading', { name: '单位管理' }).waitFor();
      await screenshot(p2, 'tour-after-forced-password');
      await c2.close();
    }

    await visit(page, '/system/audit', 'office-audit', (p) => p.getByRole('table').getByRole('row').nth(1).waitFor());
    const updated = page.getByRole('row').filter({ hasText: '修改单位' }).first();
    await updated.getByRole('button').first().click();
    await page.getByRole('table', { name: '变更内容' }).first().waitFor();
    await screenshot(page, 'tour-office-audit-diff');
    await visit(page, '/system/about', 'office-about', (p) => p.getByText('前端版本').waitFor());
    await visit(page, '/plans', 'office-plans', (p) => p.getByRole('heading', { name: '法治政府建设方案' }).waitFor());
    await visit(page, '/account/sessions', 'office-sessions', (p) => p.getByText('当前设备').waitFor());
    await visit(page, '/account/password', 'office-password', (p) => p.getByLabel('原密码').waitFor());
    await visit(page, '/no/such/page', 'office-404', (p) => p.getByText('页面不存在').first().waitFor());
    await page.getByRole('button', { name: '用户菜单' }).click();
    await page.getByRole('menuitem', { name: '登录设备' }).waitFor();
    await screenshot(page, 'tour-office-user-menu');
    await context.close();
  }
  // liaison and admin
  for (const user of ['xifeng.liaison', 'admin']) {
    const { context, page } = await newPage(browser);
    page.on('pageerror', (e) => errors.push(`${user} pageerror: ${e.message}`));
    await login(page, base, user);
    await visit(page, '/', `${user}-dashboard`, (p) => p.getByText('在用单位').waitFor());
    await visit(page, '/units', `${user}-units`, (p) => p.getByRole('table').getByRole('row').nth(1).waitFor());
    if (user === 'admin') {
      const region = page.getByLabel('当前地区');
      await region.click();
      await page.getByRole('menuitem', { name: '息烽县' }).waitFor();
      await screenshot(page, 'tour-admin-region-menu');
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server?.stop();
}
console.log(errors.length ? `browser errors:\n${errors.join('\n')}` : 'no browser errors');
