/**
 * 任务进展 (demo): the demo county's plan as it would stand after its units had reported on it in the
 * platform every quarter. Period by period, in order, the platform's own rules (`planSnapshot`) say
 * which (task, unit) pairs owe a report — a task accepted as done stops asking — and each is met the
 * way a county's units meet them: most on time, some late, some sent back once with a reason and sent
 * again, some never; reporting gets better year by year. Dated tasks are finished around their date,
 * a few are not (逾期 at the plan's end); ongoing ones are reported as 长期坚持. The last period is still
 * being worked: reports waiting for review, returned ones waiting to be sent again, drafts.
 *
 * Written in bulk through the repositories (one row per report, its history of submissions and reviews
 * in report_events — the saves before each submission are left out —, its * files in report_files) so that start-up stays fast; the evidence is one real file in the store,
 * shared by the uploads rows as the store's content addressing allows. A deterministic sequence makes
 * every start the same.
 */
import { Readable } from 'node:stream';
import type { Insertable } from 'kysely';
import { newId } from '../db/ids.ts';
import { bulkRepo } from '../db/repositories/bulk.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { uploadsRepo } from '../db/repositories/reports.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { usersRepo } from '../db/repositories/users.ts';
import type { Database, PlanRow, ReportRow, ReportingPeriodRow } from '../db/schema.ts';
import { addDays } from '../domain/dates.ts';
import { resolveTiming } from '../domain/deadline.ts';
import { todayIn } from '../shared/clock.ts';
import type { ServiceContext } from './context.ts';
import { storeUpload } from './evidence.ts';
import { planSnapshot } from './obligations.ts';
import { planTiming, toDeadline } from './task-status.ts';

/** By the period's year: [never reported, reported late, sent back once]. Units get better at it. */
const HABITS: Record<number, [number, number, number]> = { 0: [0.16, 0.16, 0.08], 1: [0.09, 0.11, 0.06], 2: [0.05, 0.07, 0.05], 3: [0.03, 0.05, 0.04] };
/** The last period, still open for review: [waiting for review, returned and not yet sent again, a draft]. */
const OPEN_TAIL: [number, number, number] = [0.1, 0.04, 0.03];
/** The same for the unit of the demo's liaison account, whose 工作台 should show work to do. */
const MINE_TAIL: [number, number, number] = [0.15, 0.1, 0.1];
const RETURN_REASONS = ['佐证材料不全，请补充会议纪要或工作台账', '进展描述过于笼统，请写明本期具体做了什么、数量多少', '完成情况与佐证材料不一致，请核实后重新报送', '未报送指标数值，请补充'];
const ACTS = [
  (n: number) => `召开专题推进会${n}次，研究解决推进中的问题`,
  () => '制定印发工作方案，明确责任分工和完成时限',
  (n: number) => `开展督促检查${n}次，发现并督促整改问题${n * 2 + 1}个`,
  (n: number) => `组织业务培训${n}场，培训${n * 37 + 12}人次`,
  (n: number) => `在政府门户网站公开相关信息${n * 3 + 2}条`,
  () => '建立工作台账，实行清单化管理、销号式推进',
  (n: number) => `印发配套制度${n}项`,
  (n: number) => `开展专题调研${n}次，形成调研报告`,
];
/** The demo's evidence file: a one-page PDF. */
const EVIDENCE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** An instant on a China working day, 9:00–17:59 local time. */
const at = (day: string, minute: number) => `${day}T${String(1 + Math.floor(minute / 60) % 9).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`;

export interface DemoReportsResult {
  reports: number;
  periods: number;
}

export async function seedDemoReports(ctx: ServiceContext, plan: PlanRow, slug: string): Promise<DemoReportsResult> {
  const db = ctx.db;
  const today = todayIn(ctx.clock);
  let seed = 20260301;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

  const office = await usersRepo.findByUsername(db, `${slug}.office`);
  const liaison = await usersRepo.findByUsername(db, `${slug}.liaison`);
  const snap0 = await planSnapshot(db, plan, today);
  const periods = snap0.periods.filter((p) => p.due < today).sort((a, b) => a.start_date.localeCompare(b.start_date));
  if (!periods.length) return { reports: 0, periods: 0 };
  const tasks = new Map(snap0.tasks.map((t) => [t.id, t]));
  const units = new Map((await unitsRepo.findByIds(db, [...new Set(snap0.assignments.map((a) => a.unit_id))])).map((u) => [u.id, u]));
  const deadlines = await plansRepo.deadlinesOfTasks(db, [...tasks.keys()]);
  const targets = await plansRepo.targetsOfTasks(db, [...tasks.keys()]);
  const timing = planTiming(plan, today);
  const planStart = `${timing.startYear}-01-01`;
  const due = new Map([...tasks.keys()].map((id) => [id, resolveTiming(deadlines.filter((d) => d.task_id === id).map(toDeadline), timing)]));
  // a few dated tasks will not be finished by the plan's end; the rest finish around their date
  const unfinished = new Set([...tasks.keys()].filter((id) => due.get(id)!.due && rand() < 0.1));
  const early = new Set([...tasks.keys()].filter((id) => due.get(id)!.due && !unfinished.has(id) && rand() < 0.2));

  // the file every report's evidence points at: stored once, one uploads row per (unit, period)
  const stored = await storeUpload(ctx, { regionId: plan.region_id, unitId: [...units.keys()][0]!, fileName: '工作台账.pdf', stream: Readable.from([EVIDENCE_PDF]), audit: { action: 'evidence.upload', summary: (n) => `上传演示佐证材料「${n}」` } });
  const sha = (await uploadsRepo.findById(db, stored.uploadId))!.sha256;
  const uploadOf = new Map<string, string>();

  let written = 0;
  for (const [pi, period] of periods.entries()) {
    const last = pi === periods.length - 1;
    const year = Math.min(3, Math.max(0, Number(period.start_date.slice(0, 4)) - timing.startYear));
    const [pMissing, pLate, pReturn] = HABITS[year]!;
    // the rules of the platform decide who owes a report, given what was accepted as done before
    // in the plan's order, so every start (and either database) deals the same fates
    const owed = (await (await planSnapshot(db, plan, today)).obligations(period)).sort((a, b) => tasks.get(a.taskId)!.seq - tasks.get(b.taskId)!.seq || units.get(a.unitId)!.name.localeCompare(units.get(b.unitId)!.name) || a.unitId.localeCompare(b.unitId));
    const reports: ReportRow[] = [];
    const events: Insertable<Database['report_events']>[] = [];
    const uploads: Insertable<Database['uploads']>[] = [];
    const files: Insertable<Database['report_files']>[] = [];
    // the demo liaison's unit has not started on a third of the tasks it leads in the last period: nobody has reported on those yet
    const untouched = new Set(last ? owed.filter((o) => o.role === 'lead' && o.unitId === liaison?.unit_id && rand() < 0.3).map((o) => o.taskId) : []);
    for (const o of owed) {
      if (o.state !== 'none' || untouched.has(o.taskId)) continue;
      const r = rand();
      const tail = last ? rand() : 1;
      // the demo liaison's own unit is still at work on the last period: more of its reports are open
      const open = last && o.unitId === liaison?.unit_id ? MINE_TAIL : OPEN_TAIL;
      if (r < pMissing) continue;
      const task = tasks.get(o.taskId)!;
      const unit = units.get(o.unitId)!;
      const writer = o.unitId === liaison?.unit_id ? { id: liaison.id, name: liaison.display_name } : { id: null, name: `${unit.short_name ?? unit.name}联络员` };
      const reviewer = { id: office?.id ?? null, name: office?.display_name ?? '依法治办' };
      const { completion, percent } = progress(task.id, period);
      const narrative = `本季度${pick(ACTS)(int(1, 4))}；${pick(ACTS)(int(1, 3))}。${completion === 'done' ? '该项任务已按要求完成，相关制度文件和台账已归档。' : completion === 'ongoing_done' ? '已形成常态化工作机制，持续推进。' : `总体完成约${percent}%，下一步将按时限要求抓紧推进。`}`;
      const values = o.role === 'lead' ? targets.filter((x) => x.task_id === task.id && x.value_num !== null && x.op !== 'done').map((x) => ({ targetIndex: x.sort_order, value: Math.round(x.value_num! * Math.min(1, 0.78 + 0.06 * year + rand() * 0.08) * 10) / 10 })) : [];
      const sentOn = r < pMissing + pLate ? addDays(period.due, int(2, 20)) : addDays(period.due, -int(0, 9));
      if (sentOn >= today) continue;
      const base: ReportRow = {
        id: newId(), region_id: plan.region_id, plan_id: plan.id, task_id: task.id, unit_id: unit.id, period_id: period.id, role: o.role, state: 'accepted', completion, percent, narrative,
        target_values_json: JSON.stringify(values), submitted_at: null, reviewed_at: null, return_reason: null, version: 1, created_at: at(addDays(sentOn, -1), int(0, 539)), updated_at: '',
      };
      const snapshot = JSON.stringify({ narrative, completion, percent, evidence: ['工作台账.pdf'] });
      const event = (action: string, when: string, who: { id: string | null; name: string }, reason: string | null = null) => events.push({ id: newId(), report_id: base.id, region_id: base.region_id, action, version: base.version, actor_id: who.id, actor_name: who.name, reason, snapshot_json: snapshot, created_at: when });
      let when = at(sentOn, int(0, 539));
      if (last && tail < open[2]) {
        event('save', base.created_at, writer);
        reports.push({ ...base, state: 'draft', updated_at: base.created_at });
      } else {
        base.version++;
        event('submit', when, writer);
        base.submitted_at = when;
        const sentBack = r > 1 - pReturn || (last && tail < open[2] + open[1]);
        if (sentBack) {
          const back = at(addDays(sentOn, int(1, 4)), int(0, 539));
          base.version++;
          event('return', back, reviewer, pick(RETURN_REASONS));
          base.return_reason = events.at(-1)!.reason!;
          base.reviewed_at = back;
          if (last && tail < open[2] + open[1]) {
            reports.push({ ...base, state: 'returned', updated_at: back });
            written++;
            continue;
          }
          when = at(addDays(sentOn, int(5, 9)), int(0, 539));
          base.version++;
          event('submit', when, writer);
          base.submitted_at = when;
        }
        if (last && tail < open.reduce((a, b) => a + b, 0)) {
          reports.push({ ...base, state: 'submitted', updated_at: when });
        } else {
          const ok = at(addDays(when.slice(0, 10), int(1, 5)), int(0, 539));
          base.version++;
          event('accept', ok, reviewer);
          reports.push({ ...base, state: 'accepted', reviewed_at: ok, updated_at: ok });
        }
      }
      written++;
      const key = `${unit.id}:${period.id}`;
      if (!uploadOf.has(key)) {
        const id = newId();
        uploadOf.set(key, id);
        uploads.push({ id, region_id: plan.region_id, unit_id: unit.id, sha256: sha, file_name: `${period.label}工作台账.pdf`, kind: 'pdf', uploaded_by: writer.id, created_at: base.created_at });
      }
      files.push({ report_id: base.id, upload_id: uploadOf.get(key)!, region_id: plan.region_id, sort_order: 0 });
    }
    await bulkRepo.insert(db, 'uploads', uploads);
    await bulkRepo.insert(db, 'reports', reports);
    await bulkRepo.insert(db, 'report_events', events);
    await bulkRepo.insert(db, 'report_files', files);
  }
  return { reports: written, periods: periods.length };

  /** Where a task stands in a period: done around its date (a few never), ongoing ones as 长期坚持, the rest by the share of time gone. */
  function progress(taskId: string, period: ReportingPeriodRow): { completion: ReportRow['completion']; percent: number | null } {
    const t = due.get(taskId)!;
    if (!t.due) return t.ongoing || t.recurring.length ? { completion: 'ongoing_done', percent: null } : { completion: 'in_progress', percent: Math.min(90, 20 + 10 * periods.indexOf(period)) };
    const dueBy = early.has(taskId) ? addDays(t.due, -92) : t.due;
    // done from the period of its date on (the task's status turns 长期坚持 where an ongoing duty follows the date)
    if (!unfinished.has(taskId) && period.end_date >= dueBy) return { completion: 'done', percent: 100 };
    const span = Math.max(1, Date.parse(t.due) - Date.parse(planStart));
    const share = Math.round((100 * (Date.parse(period.end_date) - Date.parse(planStart))) / span);
    return { completion: 'in_progress', percent: Math.max(10, Math.min(unfinished.has(taskId) ? 70 : 90, share - int(0, 15))) };
  }
}
