import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameworkEditBlock, leavesOf, meetsTarget, rank, rollUp, scoreLeaf, targetShare, validateFramework, whatIf, type IndicatorNode, type UnitFacts } from './assessment.ts';

const FRAMEWORK: IndicatorNode[] = [
  {
    id: 'a',
    name: '依法全面履行政府职能',
    points: 30,
    children: [
      { id: 'a1', name: '任务按期完成', points: 20, rule: { kind: 'tasks_on_time' } },
      { id: 'a2', name: '督办落实', points: 10, rule: { kind: 'deduction', per: 'overdue_notice', pointsEach: 2 } },
    ],
  },
  {
    id: 'b',
    name: '工作推进机制',
    points: 70,
    children: [
      {
        id: 'b1',
        name: '进展报送',
        points: 40,
        children: [
          { id: 'b11', name: '按时报送', points: 20, rule: { kind: 'reports_on_time' } },
          { id: 'b12', name: '一次通过', points: 20, rule: { kind: 'reports_first_pass' } },
        ],
      },
      { id: 'b2', name: '出庭应诉', points: 20, rule: { kind: 'metric_target', metricId: 'm1', mode: 'all_or_nothing' } },
      { id: 'b3', name: '公职律师覆盖', points: 10, rule: { kind: 'metric_target', metricId: 'm2', mode: 'proportional' } },
    ],
  },
];

const FACTS: UnitFacts = {
  tasksDue: [
    { id: 't1', onTime: true },
    { id: 't2', onTime: true },
    { id: 't3', onTime: false },
    { id: 't4', onTime: true },
  ],
  reports: [
    { id: 'r1', onTime: true, returned: false, accepted: true },
    { id: 'r2', onTime: false, returned: true, accepted: true },
    { id: 'r3', onTime: true, returned: false, accepted: false },
    { id: 'r4', onTime: true, returned: false, accepted: true },
  ],
  overdueNotices: [{ id: 'n1' }],
  unrectifiedProblems: [],
  metrics: {
    m1: { name: '行政机关负责人出庭应诉率', op: '>=', target: 100, unit: '%', actual: 96, valueId: 'v1' },
    m2: { name: '公职律师工作覆盖率', op: '>=', target: 30, unit: '%', actual: 24, valueId: 'v2' },
  },
};

test('a sound framework has no problems; points that do not add up are named with their path', () => {
  assert.deepEqual(validateFramework(FRAMEWORK, { total: 100 }), []);
  const bad: IndicatorNode[] = [
    { id: 'x', name: '制度建设', points: 30, children: [{ id: 'x1', name: '规范性文件', points: 12, rule: { kind: 'manual' } }, { id: 'x2', name: '规范性文件', points: 12 }] },
    { id: 'y', name: '扣分', points: 5, rule: { kind: 'deduction', per: 'unrectified_problem', pointsEach: 0 } },
  ];
  assert.deepEqual(validateFramework(bad, { total: 100 }), [
    { path: '制度建设', message: '下级指标分值合计 24 分，与本指标的 30 分不符' },
    { path: '制度建设 › 规范性文件', message: '同一级下有重名指标「规范性文件」' },
    { path: '制度建设 › 规范性文件', message: '末级指标须设评分规则（人工评分或自动计算）' },
    { path: '扣分', message: '每次扣分应大于 0' },
    { path: '（总分）', message: '一级指标分值合计 35 分，与总分 100 分不符' },
  ]);
  const deep: IndicatorNode[] = [{ id: '1', name: '一', points: 1, children: [{ id: '2', name: '二', points: 1, children: [{ id: '3', name: '三', points: 1, children: [{ id: '4', name: '四', points: 1, rule: { kind: 'manual' } }] }] }] }];
  assert.deepEqual(validateFramework(deep).map((p) => p.message), ['指标最多三级']);
  assert.deepEqual(leavesOf(FRAMEWORK).map((l) => l.path.join('/')), ['依法全面履行政府职能/任务按期完成', '依法全面履行政府职能/督办落实', '工作推进机制/进展报送/按时报送', '工作推进机制/进展报送/一次通过', '工作推进机制/出庭应诉', '工作推进机制/公职律师覆盖']);
});

test('each computed rule explains itself and names its records', () => {
  const s = (id: string) => {
    const leaf = leavesOf(FRAMEWORK).find((l) => l.node.id === id)!.node;
    return scoreLeaf(leaf.rule!, leaf.points, FACTS);
  };
  assert.deepEqual(s('a1'), { score: 15, explanation: '任务按期完成 3/4 = 75%，得分 20 × 75% = 15', sources: ['t1', 't2', 't3', 't4'].map((id) => ({ kind: 'task', id })) });
  assert.equal(s('a2').score, 8);
  assert.equal(s('a2').explanation, '逾期未办结督办单 1 件，每件扣 2 分，扣 2 分，得分 8');
  assert.equal(s('b11').score, 15, '3 of 4 reports on time');
  assert.equal(s('b12').score, 13.33, '2 of the 3 accepted were never returned');
  assert.deepEqual(s('b12').sources.map((x) => x.id), ['r1', 'r2', 'r4']);
  assert.deepEqual(s('b2'), { score: 0, explanation: '「行政机关负责人出庭应诉率」实际 96%，目标不低于100%，未达标，不得分', sources: [{ kind: 'metric_value', id: 'v1' }] });
  assert.equal(s('b3').score, 8, '24 of 30 → 80% of 10 points');
  // nothing to count: 不涉及, full points and said so; a target with no value yet: not scored, never a silent zero
  assert.deepEqual(scoreLeaf({ kind: 'tasks_on_time' }, 20, { ...FACTS, tasksDue: [] }), { score: 20, explanation: '任务按期完成：本年度本单位不涉及（无应计记录），按满分计', sources: [] });
  assert.match(scoreLeaf({ kind: 'metric_target', metricId: 'other-units', mode: 'proportional' }, 5, FACTS).explanation, /不涉及/);
  // a chapter's rule counts that chapter only
  const chaptered: UnitFacts = { ...FACTS, tasksDue: [{ id: 't1', onTime: true, chapterId: 'c1' }, { id: 't2', onTime: false, chapterId: 'c2' }, { id: 't3', onTime: false, chapterId: 'c2' }] };
  assert.equal(scoreLeaf({ kind: 'tasks_on_time', chapterId: 'c1' }, 10, chaptered).score, 10);
  assert.equal(scoreLeaf({ kind: 'tasks_on_time', chapterId: 'c2' }, 10, chaptered).score, 0);
  assert.equal(scoreLeaf({ kind: 'tasks_on_time' }, 9, chaptered).score, 3);
  assert.equal(scoreLeaf({ kind: 'metric_target', metricId: 'm1', mode: 'proportional' }, 5, { ...FACTS, metrics: { m1: { ...FACTS.metrics.m1!, actual: null } } }).score, null);
  // deductions stop at zero; a manual score is capped at the indicator's points
  assert.equal(scoreLeaf({ kind: 'deduction', per: 'overdue_notice', pointsEach: 4 }, 5, { ...FACTS, overdueNotices: [{ id: '1' }, { id: '2' }] }).score, 0);
  assert.equal(scoreLeaf({ kind: 'manual' }, 5, FACTS, 9).score, 5);
  assert.equal(scoreLeaf({ kind: 'manual' }, 5, FACTS).score, null);
});

test('targets: at least, at most, exactly, and achieve', () => {
  assert.equal(meetsTarget('>=', 90, 90), true);
  assert.equal(meetsTarget('<=', 5, 6), false);
  assert.equal(targetShare('<=', 5, 10), 0.5, 'at most 5 days, took 10: half');
  assert.equal(targetShare('>=', 60, 45), 0.75);
  assert.equal(targetShare('achieve', null, 0), 0);
  assert.equal(meetsTarget('done', null, 1), true);
});

test('scores roll up the tree; a leaf not scored leaves its ancestors open; ranking shares ties; what-if', () => {
  const leaf = new Map<string, number | null>([['a1', 15], ['a2', 8], ['b11', 15], ['b12', 13.33], ['b2', 0], ['b3', 8]]);
  const r = rollUp(FRAMEWORK, leaf);
  assert.equal(r.byId.get('a'), 23);
  assert.equal(r.byId.get('b1'), 28.33);
  assert.equal(r.total, 59.33);
  assert.deepEqual(r.missing, []);
  const open = rollUp(FRAMEWORK, new Map([...leaf, ['b2', null]]));
  assert.equal(open.total, null);
  assert.equal(open.byId.get('a'), 23, 'a branch fully scored still has its sum');
  assert.deepEqual(open.missing, ['工作推进机制 › 出庭应诉']);
  assert.equal(rollUp(FRAMEWORK, new Map([...leaf, ['b3', 50]])).byId.get('b3'), 10, 'capped at the points');
  assert.deepEqual(rank([{ u: 'A', total: 90 }, { u: 'B', total: 95 }, { u: 'C', total: 90 }, { u: 'D', total: 80 }]).map((x) => `${x.u}${x.rank}`), ['B1', 'A2', 'C2', 'D4']);
  assert.deepEqual(whatIf(FRAMEWORK, leaf, 'b2', 20), { before: 59.33, after: 79.33, delta: 20 });
});

test('a framework any campaign uses cannot be edited, and the reason names the campaigns', () => {
  assert.equal(frameworkEditBlock([]), null);
  assert.equal(frameworkEditBlock([{ name: '2026年度考核', state: 'self_assess' }]), '该指标体系已用于考核「2026年度考核」（单位自评），不能再修改；如需调整请复制为新的指标体系');
  const many = ['甲', '乙', '丙', '丁'].map((n) => ({ name: n, state: 'approved' }));
  assert.match(frameworkEditBlock(many)!, /「甲」（已审定）、「乙」（已审定）、「丙」（已审定）等 4 次考核/);
});
