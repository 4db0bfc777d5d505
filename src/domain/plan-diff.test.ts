import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPlans, textSimilarity, type DiffTask } from './plan-diff.ts';
import { guessUnitKind } from './unit-kind.ts';

const t = (key: string, text: string, owners: string[] = [], due: string | null = null): DiffTask => ({
  key, path: [key], text, owners: owners.map((name) => ({ role: 'lead', name })), deadlines: due ? [{ due, ongoing: false, recurring: null }] : [],
});

test('identical text is unchanged; edited text is reworded; new and dropped tasks are added and removed', () => {
  const before = [
    t('a', '全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。', ['县司法局'], '2022-12-31'),
    t('b', '健全行政规范性文件合法性审核机制，审核率达到100%。', ['县司法局']),
    t('c', '开展法治政府建设示范创建活动。', ['县委依法治县办']),
  ];
  const after = [
    t('x', '全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。', ['县司法局', '县市场监管局'], '2023-12-31'),
    t('y', '健全行政规范性文件合法性审核机制，合法性审核率达到100%。', ['县司法局']),
    t('z', '建立行政复议委员会，推进行政复议规范化建设。', ['县司法局']),
  ];
  const d = diffPlans(before, after);
  assert.deepEqual(d.unchanged, [{ oldKey: 'a', newKey: 'x' }]);
  assert.deepEqual(d.reworded.map((r) => [r.oldKey, r.newKey]), [['b', 'y']]);
  assert.ok(d.reworded[0]!.similarity > 0.8 && d.reworded[0]!.similarity < 1);
  assert.deepEqual(d.added.map((x) => x.newKey), ['z']);
  assert.deepEqual(d.removed.map((x) => x.oldKey), ['c']);
  assert.deepEqual(d.ownersChanged.map((x) => x.oldKey), ['a']);
  assert.deepEqual(d.deadlinesChanged.map((x) => x.oldKey), ['a']);
});

test('matching is one to one, best pair first, and ignores white space and ** markers', () => {
  assert.equal(textSimilarity('**加强** 行政执法', '加强行政执法'), 1);
  const d = diffPlans([t('a', '加强行政执法队伍建设'), t('b', '加强行政执法队伍建设工作')], [t('x', '加强行政执法队伍建设工作')]);
  assert.deepEqual(d.unchanged, [{ oldKey: 'b', newKey: 'x' }]);
  assert.deepEqual(d.removed.map((r) => r.oldKey), ['a']);
});

test('unit kinds are guessed from names, Party bodies and courts before government offices', () => {
  assert.equal(guessUnitKind('县委政法委'), 'party');
  assert.equal(guessUnitKind('县委机构编制委员会办公室'), 'party');
  assert.equal(guessUnitKind('县人民法院'), 'judicial');
  assert.equal(guessUnitKind('县人大常委会办公室'), 'congress');
  assert.equal(guessUnitKind('永靖镇人民政府'), 'township');
  assert.equal(guessUnitKind('县发展改革局'), 'gov');
  assert.equal(guessUnitKind('县政务服务中心'), 'gov');
});
