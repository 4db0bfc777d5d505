import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, login, newPage, screenshot } from './helpers.ts';

/** A small, valid one-page PDF. */
function tinyPdf(): string {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 50 Td (Evidence) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}

async function openReports(page: Page) {
  const nav = page.getByRole('navigation', { name: '主导航' });
  await Promise.all([page.waitForURL('**/reports'), nav.getByRole('menuitem', { name: '我的任务' }).click()]);
  await page.getByRole('heading', { name: '我的任务' }).waitFor();
}

describe('进展报送：责任单位 → 牵头单位 → 依法治办（浏览器）', () => {
  // the flow starts from a period nobody has reported on: the demo without its quarters of reports
  const suite = browserSuite('fazhi-report-', { env: { FAZHI_DEMO_HISTORY: '0' } });

  test('报送、引用、退回、再报、通过', async () => {
    const pdf = join(suite.dir, '司法局工作台账.pdf');
    writeFileSync(pdf, tinyPdf(), 'latin1');
    const base = suite.server.url;

    // ── the office: pick a task led by 县政府办, make 县司法局 a co-owner, create its liaison
    const office = await newPage(suite.browser);
    await login(office.page, base, 'xifeng.office');
    const req = office.context.request;
    const me = await apiCall<{ currentRegionId: string }>(req, base, 'GET', '/api/auth/me');
    const units = await apiCall<{ items: { id: string; name: string }[] }>(req, base, 'GET', `/api/units?regionId=${me.currentRegionId}`);
    const gov = units.items.find((u) => u.name === '息烽县人民政府办公室')!;
    const sfj = units.items.find((u) => u.name === '息烽县司法局')!;
    assert.ok(gov && sfj);
    const inbox = await apiCall<{ period: { id: string }; items: { taskId: string; number: string; role: string; planId: string }[] }>(req, base, 'GET', `/api/reports/inbox?unitId=${gov.id}`);
    const task = inbox.items.find((i) => i.role === 'lead')!;
    assert.ok(task, '县政府办没有牵头任务');
    await apiCall(req, base, 'POST', '/api/plans/assignments', { taskIds: [task.taskId], unitIds: [sfj.id], role: 'co', reason: '端到端测试：县司法局配合' });
    const created = await apiCall<{ temporaryPassword: string }>(req, base, 'POST', '/api/users', {
      username: 'xifeng.sfj',
      displayName: '司法局联络员',
      role: 'liaison',
      regionId: me.currentRegionId,
      unitId: sfj.id,
    });
    assert.ok(created.temporaryPassword);

    // ── the co-owner liaison: forced password change, then report with a PDF and submit
    const co = await newPage(suite.browser);
    const cp = co.page;
    await cp.goto(`${base}/login`);
    await cp.getByLabel('用户名').fill('xifeng.sfj');
    await cp.getByLabel('密码').fill(created.temporaryPassword);
    await cp.getByRole('button', { name: /登\s*录/ }).click();
    await cp.waitForURL(/\/change-password/);
    await cp.getByLabel('原密码').fill(created.temporaryPassword);
    await cp.getByLabel('新密码', { exact: true }).fill('Sifaju@2026');
    await cp.getByLabel('确认新密码').fill('Sifaju@2026');
    await screenshot(cp, 'report-01-forced-password');
    await cp.getByRole('button', { name: /确认修改/ }).click();
    await cp.getByRole('navigation', { name: '主导航' }).waitFor();
    await openReports(cp);
    const coRow = cp.getByRole('row').filter({ has: cp.getByRole('link', { name: task.number, exact: true }) });
    await coRow.waitFor();
    await screenshot(cp, 'report-02-co-inbox');
    await Promise.all([cp.waitForURL(/\/reports\/edit\?/), coRow.getByRole('button', { name: `填报 ${task.number}`, exact: true }).click()]);
    await cp.getByLabel('进展情况').waitFor();
    await cp.getByRole('button', { name: /标题/ }).click();
    await cp.keyboard.type('工作开展情况');
    await cp.keyboard.press('Enter');
    await cp.getByRole('button', { name: '列表项' }).click();
    await cp.keyboard.type('县司法局完成权责清单合法性审查');
    await cp.getByText('长期坚持-本期已落实').click();
    const [up] = await Promise.all([
      cp.waitForResponse((r) => r.url().includes('/api/evidence?') && r.request().method() === 'POST'),
      cp.locator('input[type=file]').setInputFiles(pdf),
    ]);
    assert.equal(up.status(), 200, await up.text());
    await cp.getByRole('list', { name: '已添加的佐证材料' }).getByText('司法局工作台账.pdf').waitFor();
    await cp.getByLabel('预览').getByText('一、工作开展情况').waitFor();
    await screenshot(cp, 'report-03-co-editor');
    await cp.getByRole('button', { name: /^提\s*交$/ }).click();
    await Promise.all([
      cp.waitForURL('**/reports'),
      cp.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).click(),
    ]);
    await coRow.getByText('已报送').waitFor();
    await screenshot(cp, 'report-04-co-submitted');

    // ── the lead liaison: sees 协同单位已报 1/n, quotes the co-owner, saves, submits
    const lead = await newPage(suite.browser);
    const lp = lead.page;
    await login(lp, base, 'xifeng.liaison');
    await openReports(lp);
    const leadRow = lp.getByRole('row').filter({ has: lp.getByRole('link', { name: task.number, exact: true }) });
    await leadRow.getByText(/协同单位已报 1\//).waitFor();
    await screenshot(lp, 'report-05-lead-inbox');
    await Promise.all([lp.waitForURL(/\/reports\/edit\?/), leadRow.getByRole('button', { name: `填报 ${task.number}`, exact: true }).click()]);
    const coPanel = lp.getByLabel('协同单位 息烽县司法局');
    await coPanel.getByText('县司法局完成权责清单合法性审查').waitFor();
    await coPanel.getByRole('button', { name: '引用 息烽县司法局' }).click();
    assert.match(await lp.getByLabel('进展情况').inputValue(), /【息烽县司法局】/);
    await lp.getByText('推进中').first().click();
    await lp.getByLabel('完成比例').fill('60');
    await Promise.all([lp.waitForResponse((r) => r.url().endsWith('/api/reports') && r.ok()), lp.getByRole('button', { name: /保存草稿/ }).click()]);
    await screenshot(lp, 'report-06-lead-editor');
    await lp.getByRole('button', { name: /^提\s*交$/ }).click();
    await Promise.all([lp.waitForURL('**/reports'), lp.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).click()]);
    await leadRow.getByText('已报送').waitFor();

    // ── the office returns it with a reason
    const op = office.page;
    const nav = op.getByRole('navigation', { name: '主导航' });
    await Promise.all([op.waitForURL('**/reports/review'), nav.getByRole('menuitem', { name: '审核' }).click()]);
    const reviewRow = op.getByRole('row').filter({ hasText: '息烽县人民政府办公室' }).filter({ has: op.getByRole('link', { name: task.number, exact: true }) });
    await reviewRow.waitFor();
    await screenshot(op, 'report-07-review-list');
    await reviewRow.getByRole('button', { name: /审核/ }).click();
    const drawer = op.getByRole('dialog').filter({ hasText: '审核 · 任务' });
    await drawer.getByText('【息烽县司法局】').waitFor();
    await screenshot(op, 'report-08-review-drawer');
    await drawer.getByRole('button', { name: /退\s*回/ }).click();
    const ret = op.getByRole('dialog', { name: '退回报送' });
    await ret.getByLabel('退回原因').fill('请补充本单位牵头推进的具体措施和时间节点');
    await Promise.all([op.waitForResponse((r) => /\/return$/.test(r.url()) && r.ok()), ret.getByRole('button', { name: /退\s*回/ }).click()]);
    await reviewRow.waitFor({ state: 'detached' });

    // ── the lead sees 被退回 with the reason, edits, resubmits
    await lp.reload();
    await leadRow.getByText('被退回').waitFor();
    await leadRow.getByText(/请补充本单位牵头推进的具体措施/).waitFor();
    await screenshot(lp, 'report-09-lead-returned');
    await Promise.all([lp.waitForURL(/\/reports\/edit\?/), leadRow.getByRole('button', { name: `填报 ${task.number}`, exact: true }).click()]);
    await lp.getByText(/退回原因：请补充/).waitFor();
    const ta = lp.getByLabel('进展情况');
    await ta.click();
    await ta.press('ControlOrMeta+End');
    await lp.getByRole('button', { name: /标题/ }).click();
    await lp.keyboard.type('牵头推进措施');
    await lp.keyboard.press('Enter');
    await lp.keyboard.type('- 11月底前完成全县权责清单动态调整并公布');
    await Promise.all([lp.waitForResponse((r) => r.url().endsWith('/api/reports') && r.ok()), lp.getByRole('button', { name: /保存草稿/ }).click()]);
    await lp.getByRole('button', { name: /报送记录/ }).click();
    const hist = lp.getByRole('dialog').filter({ hasText: '办理记录' });
    await hist.getByText('请补充本单位牵头推进的具体措施和时间节点').first().waitFor();
    await hist.getByLabel('版本差异').waitFor();
    await screenshot(lp, 'report-10-history-diff');
    await lp.keyboard.press('Escape');
    await hist.waitFor({ state: 'hidden' });
    await lp.getByRole('button', { name: /^提\s*交$/ }).click();
    await Promise.all([lp.waitForURL('**/reports'), lp.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).click()]);

    // ── the office accepts
    await op.reload();
    await reviewRow.waitFor();
    await reviewRow.getByRole('button', { name: /审核/ }).click();
    await drawer.getByText('牵头推进措施').first().waitFor();
    await Promise.all([op.waitForResponse((r) => /\/accept$/.test(r.url()) && r.ok()), drawer.getByRole('button', { name: /通\s*过/ }).click()]);
    await reviewRow.waitFor({ state: 'detached' });

    // ── the task page shows 已通过
    await op.goto(`${base}/tasks/${task.taskId}`);
    await op.getByRole('heading', { name: `任务 ${task.number}` }).waitFor();
    const periods = op.locator('.ant-table');
    await periods.getByRole('row').filter({ hasText: '息烽县人民政府办公室' }).filter({ hasText: '已通过' }).first().waitFor();
    await screenshot(op, 'report-11-task-accepted');
    await periods.getByRole('link', { name: '司法局工作台账.pdf' }).first().waitFor();

    // the office's view of the lead's inbox
    await op.goto(`${base}/reports?unitId=${gov.id}`);
    await op.getByRole('row').filter({ has: op.getByRole('link', { name: task.number, exact: true }) }).getByText('已通过').waitFor();
    await screenshot(op, 'report-12-office-inbox');

    for (const c of [office, co, lead]) await c.context.close();
  });
});
