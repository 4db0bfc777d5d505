import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type TaskStatusInput, dueAfterExtension, expectedProgress, summarizeStatuses, taskStatus } from './schedule.ts';
import { AppError } from '../shared/errors.ts';

test('expectedProgress: 0 before the start, 100 from the due date, inclusive share between', () => {
  assert.equal(expectedProgress('2025-01-01', '2025-01-10', '2024-12-31'), 0);
  assert.equal(expectedProgress('2025-01-01', '2025-01-10', '2025-01-01'), 10); // 1 of 10 days
  assert.equal(expectedProgress('2025-01-01', '2025-01-10', '2025-01-05'), 50);
  assert.equal(expectedProgress('2025-01-01', '2025-01-10', '2025-01-10'), 100);
  assert.equal(expectedProgress('2025-01-01', '2025-01-10', '2026-06-01'), 100);
  assert.equal(expectedProgress('2025-01-01', '2025-01-03', '2025-01-01'), 33.3); // one decimal
  assert.equal(expectedProgress('2025-01-01', '2025-01-01', '2025-01-01'), 100);
  assert.throws(() => expectedProgress('2025-02-01', '2025-01-01', '2025-01-15'), AppError);
  assert.throws(() => expectedProgress('2025-01-01', '2025-02-30', '2025-01-15'), AppError);
});

const base: TaskStatusInput = {
  start: '2025-01-01',
  due: '2025-01-10',
  ongoing: false,
  reportedState: '推进中',
  reportedPercent: 50,
  today: '2025-01-05',
};

test('推进中 when reported progress keeps up with 序时进度', () => {
  const r = taskStatus(base);
  assert.equal(r.status, '推进中');
  assert.equal(r.expectedPercent, 50);
  assert.equal(r.actualPercent, 50);
  assert.equal(r.reason, '实际进度50%，序时进度50%');
});

test('滞后 only beyond the margin (default 15 points)', () => {
  assert.equal(taskStatus({ ...base, reportedPercent: 35 }).status, '推进中'); // lag 15, not more
  const behind = taskStatus({ ...base, reportedPercent: 34 });
  assert.equal(behind.status, '滞后');
  assert.equal(behind.reason, '序时进度应达50%，实际34%，落后16个百分点（容差15个百分点）');
  assert.equal(taskStatus({ ...base, reportedPercent: 34, marginPercent: 20 }).status, '推进中');
  assert.equal(taskStatus({ ...base, reportedPercent: 45, marginPercent: 0 }).status, '滞后');
});

test('not started: 未开始 within the margin, 滞后 beyond it, 未开始 before the start', () => {
  const early = taskStatus({ ...base, reportedState: null, reportedPercent: null, today: '2025-01-01' });
  assert.equal(early.status, '未开始'); // expected 10 ≤ 15
  assert.equal(early.actualPercent, 0);
  const late = taskStatus({ ...base, reportedState: '未启动', reportedPercent: null, today: '2025-01-02' });
  assert.equal(late.status, '滞后'); // expected 20 > 15
  assert.match(late.reason, /尚未启动/);
  const before = taskStatus({ ...base, reportedState: null, reportedPercent: null, today: '2024-12-01' });
  assert.equal(before.status, '未开始');
  assert.equal(before.reason, '计划于2025年1月1日开始');
  assert.equal(taskStatus({ ...base, today: '2024-12-01' }).status, '推进中'); // already reporting progress
});

test('逾期 the day after the due date, not on it', () => {
  assert.equal(taskStatus({ ...base, today: '2025-01-10', reportedPercent: 90 }).status, '推进中');
  const late = taskStatus({ ...base, today: '2025-01-13', reportedPercent: 90 });
  assert.equal(late.status, '逾期');
  assert.equal(late.daysOverdue, 3);
  assert.equal(late.reason, '已超过完成时限2025年1月10日3天，尚未完成');
});

test('a granted extension moves the due date later, never earlier', () => {
  const extended = taskStatus({ ...base, today: '2025-01-13', reportedPercent: 90, extensionDue: '2025-01-20' });
  assert.equal(extended.status, '推进中');
  assert.equal(extended.due, '2025-01-20');
  assert.equal(extended.extended, true);
  const stillLate = taskStatus({ ...base, today: '2025-01-21', extensionDue: '2025-01-20' });
  assert.equal(stillLate.status, '逾期');
  assert.match(stillLate.reason, /2025年1月20日（已含延期）1天/);
  assert.equal(dueAfterExtension('2025-01-10', '2025-01-05'), '2025-01-10');
  assert.equal(dueAfterExtension(null, '2025-01-05'), '2025-01-05');
  assert.equal(dueAfterExtension('2025-01-10', null), '2025-01-10');
  assert.equal(taskStatus({ ...base, extensionDue: '2025-01-05' }).extended, false);
});

test('已完成 wins, even late; an ongoing task turns 长期坚持 once its dated part is done', () => {
  assert.equal(taskStatus({ ...base, reportedState: '已完成', today: '2025-03-01' }).status, '已完成');
  const cont = taskStatus({ ...base, ongoing: true, reportedState: '已完成', today: '2025-03-01' });
  assert.equal(cont.status, '长期坚持');
  assert.match(cont.reason, /转入长期坚持/);
});

test('ongoing tasks without a date are 长期坚持, saying whether this period was reported', () => {
  const ongoing = { ...base, due: null, ongoing: true };
  const ok = taskStatus({ ...ongoing, reportedState: '长期坚持-本期已落实', reportedPercent: null });
  assert.equal(ok.status, '长期坚持');
  assert.equal(ok.reason, '长期坚持任务，本期已落实');
  assert.equal(taskStatus({ ...ongoing, reportedState: null, reportedPercent: null }).reason, '长期坚持任务，本期尚未报告落实情况');
  // an ongoing task with a date that passed undone is overdue
  assert.equal(taskStatus({ ...base, ongoing: true, today: '2025-02-01' }).status, '逾期');
});

test('a dated task with no percentage cannot be compared and stays 推进中', () => {
  const r = taskStatus({ ...base, reportedPercent: null });
  assert.equal(r.status, '推进中');
  assert.equal(r.actualPercent, null);
  assert.match(r.reason, /未报告完成比例.*应达50%/);
});

test('a task without any due date is 未开始 or 推进中 by its state', () => {
  assert.equal(taskStatus({ ...base, due: null, reportedState: null, reportedPercent: null }).status, '未开始');
  assert.equal(taskStatus({ ...base, due: null }).status, '推进中');
  assert.equal(taskStatus({ ...base, due: null }).expectedPercent, null);
});

test('bad input is rejected', () => {
  assert.throws(() => taskStatus({ ...base, reportedPercent: 120 }), AppError);
  assert.throws(() => taskStatus({ ...base, marginPercent: -1 }), AppError);
  assert.throws(() => taskStatus({ ...base, today: '2025/01/05' }), AppError);
});

test('summarizeStatuses counts every status', () => {
  const s = summarizeStatuses(['逾期', '逾期', '推进中', { status: '滞后' }, taskStatus(base)]);
  assert.deepEqual(s, { 未开始: 0, 推进中: 2, 已完成: 0, 长期坚持: 0, 逾期: 2, 滞后: 1, total: 5 });
  assert.deepEqual(summarizeStatuses([]), { 未开始: 0, 推进中: 0, 已完成: 0, 长期坚持: 0, 逾期: 0, 滞后: 0, total: 0 });
  assert.throws(() => summarizeStatuses(['完成了' as never]), AppError);
});
