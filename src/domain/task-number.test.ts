import { test } from 'node:test';
import assert from 'node:assert/strict';
import { taskNumber } from './task-number.ts';

test('a task number joins the plan’s numbering segments with dots, from segments, their JSON or a task row', () => {
  assert.equal(taskNumber(['二', '（一）', '1']), '二.（一）.1');
  assert.equal(taskNumber('["一","","3"]'), '一.3', 'empty segments (a level the plan skips) drop out');
  assert.equal(taskNumber({ path_json: '["附件","12"]' }), '附件.12');
  assert.equal(taskNumber([]), '');
});
