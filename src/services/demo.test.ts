/**
 * The demo: each region's plan is imported with its owners resolved, group phrases included, so no
 * task that names owners is left without them (息烽: tasks 71, 76–78 name 县级各行政执法部门 and
 * 各乡（镇、街道）政府（办事处）). Both databases.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { systemCtx } from '../../test/factories.ts';
import { LocalBlobStore } from '../db/blob-store.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { usersRepo } from '../db/repositories/users.ts';
import { FixedClock } from '../shared/clock.ts';
import type { PlanDetail } from '../shared/api/plans.ts';
import type { ServiceContext } from './context.ts';
import { loadDemo, type DemoRegion } from './demo.ts';
import { actorFor } from './auth.ts';
import { listGroups, memberRuleFor } from './groups.ts';
import { listProblems } from './inspections-problems.ts';
import { listInspectionPlans } from './inspections.ts';
import { getPlan, listPlans } from './plans.ts';
import { cockpit } from './cockpit.ts';
import { getInbox } from './inbox.ts';
import { reviewQueue } from './reports.ts';

const root = join(import.meta.dirname, '..', '..');
const regions = (JSON.parse(readFileSync(join(root, 'data/demo/regions.json'), 'utf8')) as { regions: DemoRegion[] }).regions;
const readPlan = (f: string) => new Uint8Array(readFileSync(join(root, 'data/plans', f)));
/** a task names owners when the plan prints a lead or responsible unit for it (leaders alone are people) */
const namesOwners = (t: PlanDetail['tasks'][number]) => t.owners.some((o) => o.role === 'lead' || o.role === 'responsible');

test('group phrases get a member rule by what they name; a committee’s 成员单位 gets none', () => {
  const units = [
    { name: '县公安局', kind: 'gov' },
    { name: '县市场监督管理局', kind: 'gov' },
    { name: '县财政局', kind: 'gov' },
    { name: '县委办公室', kind: 'party' },
    { name: '永靖镇人民政府', kind: 'township' },
  ];
  const pick = (phrase: string) => units.filter(memberRuleFor(phrase)!.pick).map((u) => u.name);
  assert.deepEqual(pick('县级各行政执法部门'), ['县公安局', '县市场监督管理局']);
  assert.deepEqual(pick('全市行政执法部门'), ['县公安局', '县市场监督管理局']);
  assert.deepEqual(pick('县政府各有关部门'), ['县公安局', '县市场监督管理局', '县财政局']);
  assert.deepEqual(pick('各乡（镇、街道）政府（办事处）'), ['永靖镇人民政府']);
  assert.equal(memberRuleFor('市应急委成员单位'), null);
});

for (const dialect of DIALECTS) {
  describe(`demo data (${dialect.name})`, () => {
    let h: TestDb;
    let sys: ServiceContext;
    let blobDir: string;
    const plans = new Map<string, PlanDetail>();
    const regionIds = new Map<string, string>();

    before(async () => {
      h = await dialect.open();
      blobDir = mkdtempSync(join(tmpdir(), 'fazhi-demo-blobs-'));
      sys = { ...systemCtx(h.db, new FixedClock('2026-03-02T02:00:00Z')), blobs: new LocalBlobStore(blobDir) };
      assert.ok(await loadDemo(sys, regions, readPlan));
      for (const r of regions) {
        const region = (await regionsRepo.list(h.db)).find((x) => x.name === r.name && x.level === 'county')!;
        regionIds.set(r.name, region.id);
        const [summary] = await listPlans(sys, region.id);
        plans.set(r.name, await getPlan(sys, summary!.id));
      }
    });
    after(async () => {
      await h.dispose();
      rmSync(blobDir, { recursive: true, force: true });
    });

    test("息烽: no task is left unassigned except those printed without owners; 71, 76–78 go to the enforcement departments and the townships", async () => {
      const plan = plans.get('息烽县')!;
      const unassigned = plan.tasks.filter((t) => t.assignments.length === 0);
      assert.deepEqual(unassigned.filter(namesOwners).map((t) => t.seq), [], 'tasks that name owners all have them');
      assert.deepEqual(unassigned.map((t) => t.seq), plan.tasks.filter((t) => !namesOwners(t)).map((t) => t.seq));
      assert.ok(plan.tasks.some(namesOwners));
      for (const seq of [71, 76, 77, 78]) {
        const t = plan.tasks.find((x) => x.seq === seq)!;
        assert.deepEqual(t.owners.map((o) => o.printed), ['县级各行政执法部门', '各乡（镇、街道）政府（办事处）'], `task ${seq}`);
        const names = t.assignments.map((a) => a.unitName);
        assert.ok(names.includes('县公安局') && names.includes('息烽县市场监督管理局'), `task ${seq}: ${names.join('、')}`);
        assert.ok(names.includes('永靖镇人民政府') && names.includes('小寨坝镇人民政府'), `task ${seq}: ${names.join('、')}`);
        assert.ok(!names.includes('县委办公室'), 'a Party office is not an enforcement department');
      }
      const groups = new Map((await listGroups(sys, regionIds.get('息烽县')!)).map((g) => [g.name, g]));
      assert.ok(groups.get('县级各行政执法部门')!.members.length >= 5);
      assert.equal(groups.get('县级各行政执法部门')!.mode, 'explicit', 'still a list the office edits');
      assert.ok(groups.get('县政府各有关部门')!.members.every((m) => m.kind === 'gov'));
      assert.ok(groups.get('县政府各有关部门')!.members.length >= 10);
    });

    test('息烽 has a 督察 under way: a plan with visits, and problems in every state (open, overdue, rectification submitted, returned, 销号)', async () => {
      const regionId = regionIds.get('息烽县')!;
      const as = async (username: string) => ({ ...sys, actor: await actorFor(h.db, (await usersRepo.findByUsername(h.db, username))!, regionId) });
      const office = await as('xifeng.office');
      const [plan] = await listInspectionPlans(office, {});
      assert.ok(plan);
      assert.deepEqual([plan.unitCount, plan.recordedCount], [4, 3], 'three units inspected, one still planned');
      const { items } = await listProblems(office, { page: 1, pageSize: 100 });
      const states = new Set(items.map((p) => p.state));
      assert.deepEqual([...states].sort(), ['closed', 'open', 'submitted']);
      assert.ok(items.filter((p) => p.overdue).length >= 2, 'overdue, past the deadline as of the demo clock');
      assert.ok(items.some((p) => p.state === 'open' && p.returnReason && !p.overdue), 'a rectification returned');
      assert.ok(items.some((p) => p.state === 'open' && !p.returnReason && !p.overdue), 'one still being rectified');
      assert.ok(items.every((p) => /^息法察〔2026〕[123]号 第\d项$/.test(p.number)), items.map((p) => p.number).join());
      assert.ok(items.some((p) => p.findingFiles.some((f) => f.kind === 'image')), 'photos of what was found');
      assert.ok(items.filter((p) => p.state !== 'open' || p.returnReason).every((p) => p.rectificationFiles.length > 0), 'each rectification has its evidence');
      // the liaison's unit has its own list to work on
      const mine = await listProblems(await as('xifeng.liaison'), { page: 1, pageSize: 100 });
      assert.ok(new Set(mine.items.map((p) => p.state)).size >= 2);
      assert.ok(mine.items.every((p) => p.unitName === '息烽县人民政府办公室'));
    });

    test('息烽 has its quarters of reports: reporting gets better year by year, the last period is still being worked, every report’s history and file are whole', async () => {
      const regionId = regionIds.get('息烽县')!;
      const as = async (username: string) => ({ ...sys, actor: await actorFor(h.db, (await usersRepo.findByUsername(h.db, username))!, regionId) });
      const office = await as('xifeng.office');
      const c = await cockpit(office, { regionId });
      assert.equal(c.onTimeTrend.length, 16, 'every quarter of 2022—2025 is past its due date');
      const rates = c.onTimeTrend.map((p) => p.rate);
      assert.ok(rates.every((r) => r > 40 && r < 100), rates.join());
      const yearly = [0, 1, 2, 3].map((y) => rates.slice(y * 4, y * 4 + 4).reduce((a, b) => a + b, 0) / 4);
      assert.ok(yearly[0]! < yearly[1]! && yearly[1]! < yearly[2]!, `on-time rate by year: ${yearly.join()}`);
      assert.ok(c.completion.counts['长期坚持'] + c.completion.counts['已完成'] > c.completion.counts['逾期'], 'most dated tasks were finished around their date');
      assert.ok(c.completion.counts['逾期'] > 0, 'a few were not');
      // the office has reports to review; the liaison has tasks to report, reports sent back and drafts
      const waiting = await reviewQueue(office, { regionId, state: 'submitted' });
      assert.ok(waiting.length > 10, `${waiting.length} waiting for review`);
      const liaison = await as('xifeng.liaison');
      const inbox = await getInbox(liaison, {} as never);
      const states = new Set(inbox.items.map((i) => i.state));
      for (const st of ['none', 'draft', 'submitted', 'returned', 'accepted']) assert.ok(states.has(st as never), `the liaison's last period has a report ${st}`);
      // each report's history ends in its state; a returned one says why; each file is in the store
      const reports = await h.db.selectFrom('reports').select(['id', 'state', 'return_reason']).where('region_id', '=', regionId).execute();
      const last = new Map((await h.db.selectFrom('report_events').select(['report_id', 'action', 'id']).where('region_id', '=', regionId).orderBy('id').execute()).map((e) => [e.report_id, e.action]));
      const ends: Record<string, string> = { draft: 'save', submitted: 'submit', returned: 'return', accepted: 'accept' };
      assert.deepEqual(reports.filter((r) => last.get(r.id) !== ends[r.state]).map((r) => r.id), [], 'history and state agree');
      assert.ok(reports.filter((r) => r.state === 'returned').every((r) => r.return_reason));
      const shas = await h.db.selectFrom('report_files').innerJoin('uploads', 'uploads.id', 'report_files.upload_id').select('uploads.sha256').distinct().where('report_files.region_id', '=', regionId).execute();
      assert.ok(shas.length >= 1 && shas.every((x) => sys.blobs!.has(x.sha256)), 'the evidence is a real file');
    });

    test('every demo plan: each task that names owners is assigned, and a task owned by a group has all its members', async () => {
      for (const r of regions) {
        const plan = plans.get(r.name)!;
        const lost = plan.tasks.filter((t) => namesOwners(t) && t.assignments.length === 0);
        assert.deepEqual(lost.map((t) => `${t.seq} ${t.owners.map((o) => o.printed).join('、')}`), [], r.name);
        const groups = new Map((await listGroups(sys, regionIds.get(r.name)!)).map((g) => [g.id, g]));
        for (const t of plan.tasks) {
          const assigned = new Set(t.assignments.map((a) => a.unitId));
          for (const o of t.owners.filter((o) => o.groupId && o.role !== 'leader')) {
            const missing = groups.get(o.groupId!)!.members.filter((m) => !assigned.has(m.id));
            assert.deepEqual(missing.map((m) => m.name), [], `${r.name} task ${t.seq}: 「${o.printed}」`);
          }
        }
      }
    });
  });
}
