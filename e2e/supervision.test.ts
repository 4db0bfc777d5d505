import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { apiCall, browserSuite, login, newPage, screenshot } from './helpers.ts';

/** Every page of the supervision area is also kept in /tmp/shots for a person to look at. */
const SHOTS = '/tmp/shots';
async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  const path = await screenshot(page, `supervision-${name}`, opts);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(path, join(SHOTS, `supervision-${name}.png`));
}

async function openMenu(page: Page, label: string, url: string) {
  const nav = page.getByRole('navigation', { name: '主导航' });
  const item = nav.getByRole('menuitem', { name: label, exact: true });
  if (!(await item.isVisible())) {
    await nav.getByRole('menuitem', { name: /督办$/ }).click();
    await item.waitFor();
    // let the submenu finish opening: a click during its motion can land on nothing
    await page.waitForFunction('document.getAnimations().every((a) => a.playState !== "running")');
  }
  await Promise.all([page.waitForURL(url), item.click()]);
}

/** Picks an option of an antd select inside a modal by typing, and waits until the choice shows. */
async function pick(page: Page, modal: Locator, label: string, typed: string, title: string) {
  const input = modal.getByLabel(label);
  await input.click();
  await input.fill(typed);
  await page.locator(`.ant-select-item-option[title="${title}"]`).click();
  await modal.locator('.ant-select', { has: page.getByLabel(label) }).getByText(title.slice(0, 8)).first().waitFor();
}

/** Closes an open select dropdown by clicking the modal's title (Escape would close the modal). */
async function closeDropdown(page: Page, modal: Locator) {
  await modal.locator('.ant-modal-title').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
}

describe('督办：签发督办单 → 单位反馈 → 销号，延期、催办与警示（浏览器）', () => {
  const suite = browserSuite('fazhi-supervision-');

  test('依法治办签发督办单，联络员反馈，依法治办销号并下载 Word；联络员申请延期，依法治办同意', async () => {
    const base = suite.server.url;
    const nextYear = new Date().getFullYear() + 1;

    // ── the office: the rules and today's run
    const office = await newPage(suite.browser);
    const op = office.page;
    const errors: string[] = [];
    op.on('pageerror', (e) => errors.push(e.message));
    await login(op, base, 'xifeng.office');
    const req = office.context.request;
    const me = await apiCall<{ currentRegionId: string }>(req, base, 'GET', '/api/auth/me');
    const units = await apiCall<{ items: { id: string; name: string }[] }>(req, base, 'GET', `/api/units?regionId=${me.currentRegionId}`);
    const gov = units.items.find((u) => u.name === '息烽县人民政府办公室')!;
    assert.ok(gov);

    await openMenu(op, '督办规则', '**/supervision/settings');
    await op.getByRole('heading', { name: '督办规则' }).waitFor();
    await op.getByText('使用默认规则').waitFor();
    await op.getByLabel('升级工作日数').fill('5');
    await Promise.all([op.waitForResponse((r) => r.url().includes('/api/supervision/settings') && r.request().method() === 'PUT' && r.ok()), op.getByRole('button', { name: /保存规则/ }).click()]);
    await op.getByText('已设置（第 1 版）').waitFor();
    const [ran] = await Promise.all([op.waitForResponse((r) => r.url().endsWith('/api/supervision/runs') && r.request().method() === 'POST'), op.getByRole('button', { name: /立即运行/ }).click()]);
    assert.equal(ran.status(), 200, await ran.text());
    if (!((await ran.json()) as { ran: boolean }).ran) {
      // the start-up catch-up had today already: said so, and not run twice
      const said = op.getByRole('dialog', { name: '今天的督办规则已运行过' });
      await said.getByText(/每个地区每天只运行一次/).waitFor();
      await said.getByRole('button', { name: /知道了|确\s*定|OK/ }).click();
      await said.waitFor({ state: 'hidden' });
    }
    const today = (await apiCall<{ today: string }>(req, base, 'GET', '/api/supervision/board')).today;
    const runRow = op.getByRole('row').filter({ hasText: today }).filter({ hasText: '督办提醒与警示' });
    await runRow.getByText('已完成').waitFor();
    assert.equal(await runRow.count(), 1, 'one run per region per day');
    await shot(op, '01-settings');

    // ── the board: by unit, every number a link to its list
    await openMenu(op, '看板', '**/supervision');
    await op.getByRole('heading', { name: '督办看板' }).waitFor();
    const govOverdue = op.getByRole('link', { name: /^息烽县人民政府办公室 逾期任务 \d+$/ });
    await govOverdue.waitFor();
    const n = Number((await govOverdue.textContent())!.trim());
    assert.ok(n > 0);
    await shot(op, '02-board-units');
    await govOverdue.click();
    await op.waitForURL(/tab=tasks/);
    await op.getByText('单位：息烽县人民政府办公室').waitFor();
    await op.getByText(`共 ${n} 项`).waitFor();
    await shot(op, '03-board-tasks');
    await op.getByRole('tab', { name: /按章节/ }).click();
    await op.getByRole('columnheader', { name: '逾期滞后占比' }).waitFor();
    await shot(op, '04-board-chapters');

    // ── the office issues a 督办单 to 县政府办 about one of its tasks
    const govTasks = await apiCall<{ items: { taskId: string; number: string; text: string; status: string }[] }>(req, base, 'GET', `/api/supervision/unit-tasks?unitId=${gov.id}`);
    const late = govTasks.items.find((t) => t.status === '逾期')!;
    assert.ok(late, '县政府办没有逾期任务');
    await openMenu(op, '督办单', '**/supervision/notices');
    await op.getByRole('heading', { name: '督办单' }).waitFor();
    await op.getByRole('button', { name: /签发督办单/ }).click();
    const issue = op.getByRole('dialog', { name: '签发督办单' });
    await pick(op, issue, '承办单位', '政府办公室', gov.name);
    await pick(op, issue, '督办任务', `${late.number} ${late.text.slice(0, 12)}`, late.text);
    await closeDropdown(op, issue);
    await issue.getByText(/^逾期$/).first().waitFor();
    await issue.getByRole('button', { name: '按任务状态填写' }).click();
    assert.match(await issue.getByLabel('存在问题').inputValue(), new RegExp(`任务${late.number.replace(/[.()（）]/g, '\\$&')}：已超过完成时限`));
    await issue.getByLabel('督办要求').fill('请说明逾期原因，制定整改措施，明确完成时间，并报送佐证材料。');
    await shot(op, '05-issue-form');
    const [issued] = await Promise.all([
      op.waitForResponse((r) => r.url().endsWith('/api/supervision/notices') && r.request().method() === 'POST'),
      issue.getByRole('button', { name: /签\s*发/ }).click(),
    ]);
    assert.equal(issued.status(), 200, await issued.text());
    const notice = (await issued.json()) as { id: string; number: string };
    assert.match(notice.number, /^息法督〔\d{4}〕1号$/);
    await op.waitForURL(`**/supervision/notices/${notice.id}`);
    await op.getByRole('heading', { name: `督办单 ${notice.number}` }).waitFor();
    await op.getByText('待反馈').first().waitFor();
    await shot(op, '06-notice-issued');

    // ── the unit's liaison sees it and replies
    const liaison = await newPage(suite.browser);
    const lp = liaison.page;
    lp.on('pageerror', (e) => errors.push(e.message));
    await login(lp, base, 'xifeng.liaison');
    await openMenu(lp, '督办单', '**/supervision/notices');
    const row = lp.getByRole('row').filter({ has: lp.getByRole('link', { name: notice.number }) });
    await row.getByText('待反馈').waitFor();
    await shot(lp, '07-liaison-notices');
    await Promise.all([lp.waitForURL(`**/supervision/notices/${notice.id}`), row.getByRole('link', { name: notice.number }).click()]);
    const reply = '已成立专项工作组，12月底前完成整改，并同步报送佐证材料。';
    await lp.getByLabel('办理情况').fill(reply);
    await shot(lp, '08-liaison-reply');
    await Promise.all([lp.waitForResponse((r) => r.url().endsWith(`/notices/${notice.id}/reply`) && r.ok()), lp.getByRole('button', { name: /提交反馈/ }).click()]);
    await lp.getByText('已反馈，等待依法治办审核销号').waitFor();
    await lp.getByText(reply).first().waitFor();

    // ── the liaison answers a warning with a 情况说明
    await openMenu(lp, '警示清单', '**/supervision/warnings');
    await lp.getByRole('heading', { name: '警示清单' }).waitFor();
    const answer = lp.getByRole('button', { name: /^填写情况说明 息法警/ }).first();
    await answer.waitFor();
    const warnNo = (await answer.getAttribute('aria-label'))!.replace('填写情况说明 ', '');
    await answer.click();
    const ans = lp.getByRole('dialog', { name: `情况说明 · ${warnNo}` });
    await ans.getByLabel('情况说明').fill('该任务涉及多部门协同，已召开专题会议部署，预计下月完成。');
    await shot(lp, '09-warning-answer');
    await Promise.all([lp.waitForResponse((r) => /\/alerts\/[^/]+\/answer$/.test(r.url()) && r.ok()), ans.getByRole('button', { name: /提\s*交/ }).click()]);
    await ans.waitFor({ state: 'hidden' });
    const answered = lp.getByRole('row').filter({ hasText: warnNo });
    await answered.getByText('已答复').waitFor();
    await answered.getByText('该任务涉及多部门协同').waitFor();
    await shot(lp, '10-warnings');

    // ── a task with a date ahead: the office chases, the liaison asks for more time, the office grants it
    const planText = `息烽县${nextYear}年法治政府建设工作要点（${nextYear}—${nextYear}年）\n一、重点任务\n1.健全行政规范性文件合法性审核机制，建立审核意见台账。（牵头单位：息烽县人民政府办公室）（完成时限：${nextYear}年6月底前）\n`;
    const csrf = ((await (await req.get(`${base}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
    const up = await req.post(`${base}/api/plans/imports?regionId=${me.currentRegionId}`, { multipart: { file: { name: '工作要点.txt', mimeType: 'text/plain', buffer: Buffer.from(planText, 'utf8') } }, headers: { 'x-csrf-token': csrf } });
    assert.ok(up.ok(), await up.text());
    const committed = await apiCall<{ planId: string }>(req, base, 'POST', `/api/plans/imports/${((await up.json()) as { id: string }).id}/commit`, {});
    const plan = await apiCall<{ tasks: { id: string; path: string[] }[] }>(req, base, 'GET', `/api/plans/${committed.planId}`);
    const future = plan.tasks[0]!;
    const futureNo = future.path.filter(Boolean).join('.');

    await op.goto(`${base}/tasks/${future.id}`);
    await op.getByRole('heading', { name: `任务 ${futureNo}` }).waitFor();
    await op.getByRole('button', { name: /催\s*办/ }).click();
    const chase = op.getByRole('dialog', { name: `催办 · 任务 ${futureNo}` });
    await chase.getByLabel('催办内容').fill('请于本月底前报送审核意见台账建设进展。');
    await Promise.all([op.waitForResponse((r) => r.url().endsWith('/api/supervision/chases') && r.request().method() === 'POST' && r.ok()), chase.getByRole('button', { name: /发送催办/ }).click()]);
    await op.getByRole('cell', { name: /请于本月底前报送审核意见台账建设进展。/ }).waitFor();

    await lp.goto(`${base}/tasks/${future.id}`);
    await lp.getByRole('cell', { name: /请于本月底前报送审核意见台账建设进展。/ }).waitFor();
    const ask = lp.getByRole('button', { name: /申请延期/ });
    await ask.click();
    const ext = lp.getByRole('dialog', { name: `申请延期 · 任务 ${futureNo}` });
    await ext.getByText(`${nextYear}年6月30日`).waitFor();
    await ext.getByLabel('申请延至').click();
    await ext.getByLabel('申请延至').fill(`${nextYear}-09-30`);
    await ext.getByLabel('申请延至').press('Enter');
    await ext.getByLabel('延期理由').fill('需待上级审核规范出台后统一建设台账，申请延期三个月。');
    await shot(lp, '11-extension-request');
    const [asked] = await Promise.all([lp.waitForResponse((r) => r.url().endsWith('/api/supervision/extensions') && r.request().method() === 'POST'), ext.getByRole('button', { name: /提交申请/ }).click()]);
    assert.equal(asked.status(), 200, await asked.text());
    await ext.waitFor({ state: 'hidden' });
    await lp.getByRole('row').filter({ hasText: `${nextYear}-09-30` }).getByText('待审批').waitFor();
    assert.equal(await ask.isDisabled(), true, 'one pending request at a time');
    await shot(lp, '12-task-supervision-liaison');

    await openMenu(op, '延期申请', '**/supervision/extensions');
    const extRow = op.getByRole('row').filter({ has: op.getByRole('link', { name: futureNo, exact: true }) });
    await extRow.getByText('待审批').waitFor();
    await shot(op, '13-extensions-pending');
    await extRow.getByRole('button', { name: /审批/ }).click();
    const decide = op.getByRole('dialog', { name: `审批延期申请 · 任务 ${futureNo}` });
    await decide.getByText('延长 92 天').waitFor();
    await decide.getByLabel('审批说明').fill('同意延期，请于新时限前完成并报送佐证材料。');
    await shot(op, '14-extension-decide');
    await Promise.all([op.waitForResponse((r) => /\/extensions\/[^/]+\/decide$/.test(r.url()) && r.ok()), decide.getByRole('button', { name: /确\s*定/ }).click()]);
    await decide.waitFor({ state: 'hidden' });
    await op.locator('.ant-segmented').getByText('已同意', { exact: true }).click();
    await op.getByRole('row').filter({ has: op.getByRole('link', { name: futureNo, exact: true }) }).getByText('同意延期，请于新时限前完成并报送佐证材料。').waitFor();
    await shot(op, '15-extensions-granted');
    await op.goto(`${base}/tasks/${future.id}`);
    await op.getByText(`已批准延期至 ${nextYear}-09-30`).waitFor();
    await op.getByRole('row').filter({ hasText: `${nextYear}-09-30` }).getByText('已同意').waitFor();
    await shot(op, '16-task-supervision-office', { fullPage: true });

    // ── the office closes the notice (销号) and downloads the Word file
    await op.goto(`${base}/supervision/notices/${notice.id}`);
    await op.getByText(reply).first().waitFor();
    await op.getByRole('button', { name: /销\s*号$/ }).click();
    const close = op.getByRole('dialog', { name: '销号' });
    await close.getByLabel('销号意见').fill('经核查，整改措施具体，同意销号。');
    await Promise.all([op.waitForResponse((r) => r.url().endsWith(`/notices/${notice.id}/close`) && r.ok()), close.getByRole('button', { name: /销\s*号/ }).click()]);
    await close.waitFor({ state: 'hidden' });
    await op.getByText('已销号').first().waitFor();
    const timeline = op.locator('.ant-timeline');
    for (const step of ['签发', '反馈', '销号']) await timeline.getByText(step, { exact: true }).waitFor();
    await shot(op, '17-notice-closed', { fullPage: true });
    const [download] = await Promise.all([op.waitForEvent('download'), op.getByRole('link', { name: /下载 Word/ }).click()]);
    assert.equal(download.suggestedFilename(), `督办单${notice.number}（${gov.name}）.docx`);
    const file = join(suite.dir, 'notice.docx');
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const text of [notice.number, gov.name, '经核查，整改措施具体，同意销号。', reply]) assert.ok(xml.includes(text), `Word 文件中没有「${text}」`);

    // ── the liaison's list shows it closed
    await openMenu(lp, '督办单', '**/supervision/notices');
    await lp.getByRole('row').filter({ has: lp.getByRole('link', { name: notice.number }) }).getByText('已销号').waitFor();
    await openMenu(op, '提醒清单', '**/supervision/reminders');
    await op.getByRole('heading', { name: '提醒清单' }).waitFor();
    await shot(op, '18-reminders');

    assert.deepEqual(errors, []);
    for (const c of [office, liaison]) await c.context.close();
  });
});
