import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffBlocks, diffText } from './annual-diff.ts';
import { findMarkers, headingNumbers, plainText, annualDeadlines, deadlineState, reminderToday } from './annual-document.ts';
import type { Block } from '../shared/api/annual-reports.ts';

const p = (id: string, text: string): Block => ({ id, type: 'paragraph', text, sources: [] });
const h = (id: string, text: string, level: 1 | 2 = 1): Block => ({ id, type: 'heading', level, text, sources: [] });

test('text diff: a word inserted, a word replaced; short kept runs fold into the change', () => {
  assert.deepEqual(diffText('全年审核文件12件', '全年共审核文件12件'), [{ op: '=', text: '全年' }, { op: '+', text: '共' }, { op: '=', text: '审核文件12件' }]);
  assert.deepEqual(diffText('培训86人', '培训96人'), [{ op: '=', text: '培训' }, { op: '-', text: '8' }, { op: '+', text: '9' }, { op: '=', text: '6人' }]);
  const parts = diffText('【待补充：2025年没有数据】', '经自查本年度整改到位');
  assert.deepEqual(parts.map((x) => x.op), ['-', '+'], 'a rewrite reads as one deletion and one insertion');
  assert.equal(parts.filter((x) => x.op !== '+').map((x) => x.text).join(''), '【待补充：2025年没有数据】');
  assert.equal(parts.filter((x) => x.op !== '-').map((x) => x.text).join(''), '经自查本年度整改到位');
});

test('block diff: matched by id, removed blocks where they stood', () => {
  const a = [h('1', '成效'), p('2', '甲'), p('3', '乙'), p('4', '丙')];
  const b = [h('1', '成效'), p('3', '乙改'), p('5', '新'), p('4', '丙')];
  assert.deepEqual(diffBlocks(a, b).map((c) => [c.kind, c.blockId]), [['same', '1'], ['removed', '2'], ['changed', '3'], ['added', '5'], ['same', '4']]);
});

test('headings are numbered 一、 and （一） restarting under each; markers are found with their heading', () => {
  const blocks = [p('0', '开头'), h('1', '成效'), h('2', '甲', 2), h('3', '乙', 2), h('4', '不足'), h('5', '丙', 2), p('6', '原因【待补充：原因分析】')];
  assert.deepEqual(headingNumbers(blocks), [null, '一、', '（一）', '（二）', '二、', '（一）', null]);
  assert.deepEqual(findMarkers('标题', blocks), [{ blockId: '6', heading: '（一）丙', text: '【待补充：原因分析】' }]);
  assert.equal(plainText('标题', blocks).split('\n')[5], '二、不足');
});

test('deadlines: 3月1日 and 4月1日 of the next year; on time, late, overdue, pending; reminder days', () => {
  assert.deepEqual(annualDeadlines(2026), { submitDue: '2027-03-01', publishDue: '2027-04-01' });
  assert.deepEqual(annualDeadlines(2027, '02-29', '03-31'), { submitDue: '2028-02-29', publishDue: '2028-03-31' });
  assert.equal(deadlineState('2027-03-01', '2027-03-01', '2027-03-05'), 'on_time');
  assert.equal(deadlineState('2027-03-02', '2027-03-01', '2027-03-05'), 'late');
  assert.equal(deadlineState(null, '2027-03-01', '2027-03-02'), 'overdue');
  assert.equal(deadlineState(null, '2027-03-01', '2027-03-01'), 'pending');
  assert.equal(reminderToday('2027-02-22', '2027-03-01', [7, 1]), 7);
  assert.equal(reminderToday('2027-03-02', '2027-03-01', [7, 1]), 0);
  assert.equal(reminderToday('2027-02-23', '2027-03-01', [7, 1]), null);
});
