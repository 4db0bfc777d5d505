/**
 * Drafting an annual report from the year's records. For a unit (its assigned tasks) or the whole region
 * (every task) and a year, it reads the plans in force that year, the tasks and their chapters, the
 * progress reports of the year's periods, the targets and the values reported against them, the task
 * status at the year's end (序时进度, from deadlines and accepted reports of periods up to then), the
 * reports returned that year, the 督办单 still open, the 警示 raised, the inspection problems not 销号 by the
 * year's end, and what the region's leaders did
 * in the platform (督办单 issued, 催办 sent). Every generated block carries the records it was written
 * from; wherever the records say nothing the block says so in a 【待补充：…】 marker instead of inventing.
 *
 * The structure is the usual one: 一、主要工作和成效 (by plan chapter), 二、存在的不足和原因,
 * 三、主要负责人履行推进法治建设第一责任人职责情况, 四、下一年度工作打算.
 */
import type { Executor } from '../db/client.ts';
import { annualRepo, type YearReportRow } from '../db/repositories/annual-reports.ts';
import { inspectionsRepo } from '../db/repositories/inspections.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo } from '../db/repositories/reports.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { PlanHeadingRow, PlanRow, RegionRow, TaskRow, TaskTargetRow, UnitRow } from '../db/schema.ts';
import { meetsTarget, type TargetOp } from '../domain/assessment.ts';
import { formatChineseDate } from '../domain/dates.ts';
import { latestOnOrBefore } from '../domain/metrics.ts';
import { resolveTiming } from '../domain/deadline.ts';
import type { TaskStatus } from '../domain/schedule.ts';
import type { MetricPoint } from '../shared/api/metrics.ts';
import { currentPoints, targetSeries } from './assessment-facts.ts';
import { MARKER_OPEN, type AnnualFacts, type Block, type SourceRef } from '../shared/api/annual-reports.ts';
import { problemNumber } from './inspections-problems.ts';
import { planTiming, taskStatuses, toDeadline } from './task-status.ts';
import { taskNumber } from '../domain/task-number.ts';

export interface DraftInput {
  region: RegionRow;
  unit: UnitRow | null;
  year: number;
  /** the day the records are read (the year's end at the latest) */
  today: string;
}

export interface Draft {
  title: string;
  blocks: Block[];
  facts: AnnualFacts;
}

const marker = (what: string) => `${MARKER_OPEN}${what}】`;
const clause = (t: TaskRow, max = 30) => {
  const c = (t.title ?? t.text).split(/[，。；：,;]/)[0]!.trim();
  return c.length > max ? `${c.slice(0, max)}…` : c;
};
/** A task named in running text: its first clause in 「」 (the plan's numbering goes in the annex tables). */
const taskLabel = (t: TaskRow) => `「${clause(t)}」`;
/** 全县, 全市, 全区 … as the region calls itself. */
const regionWord = (r: RegionRow) => {
  const last = r.name.slice(-1);
  return ['县', '市', '区', '旗', '州', '省'].includes(last) ? last : r.level === 'province' ? '省' : r.level === 'city' ? '市' : '县';
};
/** Up to this many late or next-year tasks are named in the text; more are summed up by chapter and listed in an annex. */
const INLINE_TASKS = 6;
/** Up to this many tasks of a chapter are quoted under 一; a chapter with more is summed up, and all its tasks go in the annex. */
const QUOTED_PER_CHAPTER = 3;
const src = {
  plan: (p: PlanRow): SourceRef => ({ kind: 'plan', id: p.id, label: `《${p.title}》`, link: `/plans/${p.id}` }),
  task: (t: TaskRow): SourceRef => ({ kind: 'task', id: t.id, label: `任务${taskNumber(t)}「${clause(t, 40)}」`, link: `/tasks/${t.id}` }),
  report: (r: YearReportRow, label: string): SourceRef => ({ kind: 'report', id: r.id, label, link: `/reports/edit?taskId=${r.task_id}&periodId=${r.period_id}&unitId=${r.unit_id}` }),
};
/** The start of a text, whole sentences where they fit. */
const excerpt = (s: string, max: number) => {
  const t = s.replace(/\s+/g, '');
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'));
  return end > max / 2 ? cut.slice(0, end + 1) : `${cut}…`;
};
/** A sentence ends with one full stop. */
const sentence = (s: string) => {
  const t = s.trim().replace(/[；;，,\s]+$/, '');
  return /[。！？]$/.test(t) ? t : `${t}。`;
};

const OP_TEXT: Record<string, string> = { '>=': '不低于', '>': '高于', '=': '达到', '<=': '不高于', '<': '低于' };

interface PlanData {
  plan: PlanRow;
  headings: PlanHeadingRow[];
  tasks: TaskRow[];
  status: Map<string, { status: TaskStatus; due: string | null; reason: string }>;
  /** the reports of the year's periods on these tasks (the unit's only, for a unit) */
  reports: YearReportRow[];
  periodEnd: Map<string, string>;
  periodLabel: Map<string, string>;
  targets: TaskTargetRow[];
  /** each target's merged series (reports and office entries), as on the metrics board */
  series: Map<string, MetricPoint[]>;
  leads: Map<string, string[]>;
  /** tasks still to do next year: open dated ones, ongoing ones */
  nextYear: { task: TaskRow; why: string }[];
}

async function readPlan(db: Executor, plan: PlanRow, input: DraftInput, asOf: string): Promise<PlanData | null> {
  const yearStart = `${input.year}-01-01`;
  const yearEnd = `${input.year}-12-31`;
  const [allTasks, assignments, headings, periods] = await Promise.all([plansRepo.tasks(db, plan.id), plansRepo.assignmentsOfPlan(db, plan.id), plansRepo.headings(db, plan.id), periodsRepo.ofPlan(db, plan.id)]);
  const active = assignments.filter((a) => a.active === 1);
  const tasks = input.unit ? allTasks.filter((t) => active.some((a) => a.task_id === t.id && a.unit_id === input.unit!.id)) : allTasks;
  if (!tasks.length) return null;
  const ids = tasks.map((t) => t.id);
  const yearPeriods = periods.filter((p) => p.start_date >= yearStart && p.start_date <= yearEnd);
  const upToYear = new Set(periods.filter((p) => p.start_date <= yearEnd).map((p) => p.id));
  const [deadlines, accepted, reports, targets] = await Promise.all([
    plansRepo.deadlinesOfTasks(db, ids),
    reportsRepo.acceptedFactsOfTasks(db, ids),
    annualRepo.reportsInPeriods(db, ids, yearPeriods.map((p) => p.id), input.unit?.id),
    plansRepo.targetsOfTasks(db, ids),
  ]);
  // each target's values as the metrics board has them: the unit's (for a unit) or the lead unit's reports, and the office's entries
  const leadUnit = (taskId: string) => (active.find((a) => a.task_id === taskId && a.role === 'lead') ?? active.find((a) => a.task_id === taskId))?.unit_id ?? null;
  const series = await targetSeries(db, plan.id, targets, (taskId) => input.unit?.id ?? leadUnit(taskId));
  // the status at the year's end: reports of later periods do not count
  const status = await taskStatuses(db, plan, tasks, asOf, plan.lag_margin, { deadlines, assignments: active, reports: accepted.filter((r) => upToYear.has(r.period_id)), periods });
  const unitIds = [...new Set(active.map((a) => a.unit_id))];
  const names = new Map((await unitsRepo.findByIds(db, unitIds)).map((u) => [u.id, u.name]));
  const leads = new Map<string, string[]>();
  for (const t of tasks) {
    const own = active.filter((a) => a.task_id === t.id);
    const lead = own.filter((a) => a.role === 'lead');
    leads.set(t.id, (lead.length ? lead : own).map((a) => names.get(a.unit_id) ?? '').filter(Boolean));
  }
  const timing = planTiming(plan, asOf);
  const nextYear: PlanData['nextYear'] = [];
  for (const t of tasks) {
    const st = status.get(t.id)!;
    if (st.status === '已完成') continue;
    const tm = resolveTiming(deadlines.filter((d) => d.task_id === t.id).map(toDeadline), timing);
    if (tm.ongoing || tm.recurring.length) nextYear.push({ task: t, why: '长期坚持' });
    else if (tm.due && tm.due > yearEnd) nextYear.push({ task: t, why: `${formatChineseDate(tm.due)}前完成` });
    else if (tm.due) nextYear.push({ task: t, why: `已逾期（原定${formatChineseDate(tm.due)}前完成），抓紧完成` });
  }
  return {
    plan,
    headings,
    tasks,
    status,
    reports,
    periodEnd: new Map(periods.map((p) => [p.id, p.end_date])),
    periodLabel: new Map(periods.map((p) => [p.id, p.label])),
    targets,
    series,
    leads,
    nextYear,
  };
}

/** The chapter (depth-0 heading) a task stands under. */
function chapterOf(t: TaskRow, headings: PlanHeadingRow[]): PlanHeadingRow | null {
  const byId = new Map(headings.map((h) => [h.id, h]));
  let h = t.heading_id ? byId.get(t.heading_id) : undefined;
  while (h && h.parent_id && byId.get(h.parent_id)) h = byId.get(h.parent_id);
  return h ?? null;
}

/** Tasks grouped under their chapters, in the plan's order. */
function groupByChapter(tasks: TaskRow[], headings: PlanHeadingRow[]): { heading: PlanHeadingRow | null; tasks: TaskRow[] }[] {
  const groups = new Map<string, { heading: PlanHeadingRow | null; tasks: TaskRow[] }>();
  for (const t of tasks) {
    const h = chapterOf(t, headings);
    const key = h?.id ?? '';
    if (!groups.has(key)) groups.set(key, { heading: h, tasks: [] });
    groups.get(key)!.tasks.push(t);
  }
  return [...groups.values()].sort((a, b) => (a.heading?.sort_order ?? 1e9) - (b.heading?.sort_order ?? 1e9));
}

/** Each name with how often it occurs, most frequent first (ties in first-seen order). */
function tally(names: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const n of names) m.set(n, (m.get(n) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

/** The report that speaks for a task in the year: the lead's latest accepted one, else any owner's. */
function bestReport(reports: YearReportRow[], periodEnd: Map<string, string>): YearReportRow | undefined {
  const accepted = reports.filter((r) => r.state === 'accepted' && r.narrative.trim());
  const pool = accepted.some((r) => r.role === 'lead') ? accepted.filter((r) => r.role === 'lead') : accepted;
  return pool.sort((a, b) => (periodEnd.get(a.period_id) ?? '').localeCompare(periodEnd.get(b.period_id) ?? '') || a.id.localeCompare(b.id)).pop();
}

export async function composeDraft(db: Executor, input: DraftInput): Promise<Draft> {
  const { region, unit, year } = input;
  const yearEnd = `${year}-12-31`;
  const asOf = input.today < yearEnd ? input.today : yearEnd;
  const who = unit ? unit.name : `${region.name}人民政府`;
  const title = `${who}${year}年法治政府建设情况报告`;
  const plans = (await plansRepo.list(db, region.id)).filter((p) => (p.period_start ?? year) <= year && year <= (p.period_end ?? p.period_start ?? year));
  const data = (await Promise.all(plans.map((p) => readPlan(db, p, input, asOf)))).filter((d): d is PlanData => !!d);

  let n = 0;
  const blocks: Block[] = [];
  const add = (b: Omit<Block, 'id' | 'sources'> & { sources?: SourceRef[] }) => blocks.push({ id: `g${++n}`, sources: [], ...b } as Block);
  const missing: string[] = [];
  const gap = (what: string) => {
    missing.push(what);
    return marker(what);
  };

  // ---- the year in numbers
  const count = (s: TaskStatus) => data.reduce((k, d) => k + [...d.status.values()].filter((x) => x.status === s).length, 0);
  const tasksTotal = data.reduce((k, d) => k + d.tasks.length, 0);
  const allReports = data.flatMap((d) => d.reports);
  const returned = await annualRepo.returnsBetween(db, region.id, `${year - 1}-12-31T16:00:00.000Z`, `${year}-12-31T16:00:00.000Z`, unit?.id);
  const notices = await annualRepo.noticesOpenAt(db, region.id, `${year}-12-31T16:00:00.000Z`, unit?.id);
  const warnings = await annualRepo.warningsOfYear(db, region.id, year, unit?.id);
  const facts: AnnualFacts = {
    year,
    asOf,
    plans: data.map((d) => ({ id: d.plan.id, title: d.plan.title })),
    tasks: tasksTotal,
    done: count('已完成'),
    ongoing: count('长期坚持'),
    inProgress: count('推进中'),
    notStarted: count('未开始'),
    behind: count('滞后'),
    overdue: count('逾期'),
    reports: allReports.filter((r) => r.state !== 'draft').length,
    accepted: allReports.filter((r) => r.state === 'accepted').length,
    returned: returned.length,
    targets: 0,
    targetsMet: 0,
    openNotices: notices.length,
    warnings: warnings.length,
    nextYearTasks: data.reduce((k, d) => k + d.nextYear.length, 0),
    missing,
  };

  // ---- opening
  if (!data.length) {
    add({ type: 'paragraph', section: 'intro', text: `${year}年，${who}${gap(`平台中没有${year}年度实施的法治政府建设方案${unit ? '分配给本单位的任务' : '及其任务'}，也没有任务进展报送记录，请依法治办补充本年度工作情况`)}` });
  } else {
    add({
      type: 'paragraph',
      section: 'intro',
      text: `${year}年，${who}深入贯彻落实${data.map((d) => `《${d.plan.title}》`).join('、')}，${unit ? '本单位承担' : `全${regionWord(region)}`}法治政府建设任务${tasksTotal}项。截至${formatChineseDate(asOf)}，已完成${facts.done}项，长期坚持${facts.ongoing}项，推进中${facts.inProgress}项，未开始${facts.notStarted}项；按照序时进度，滞后${facts.behind}项，逾期未完成${facts.overdue}项。全年报送任务进展${facts.reports}份，审核通过${facts.accepted}份，退回修改${facts.returned}份。现将有关情况报告如下。`,
      sources: data.map((d) => src.plan(d.plan)),
    });
  }

  // ---- 一、主要工作和成效
  add({ type: 'heading', level: 1, section: 'achievements', text: `${year}年推进法治政府建设的主要举措和成效` });
  let anyAchievement = false;
  // the tasks of chapters summed up above, for the annex of the year's progress
  const progressRows: { plan: PlanData; task: TaskRow; best: YearReportRow; sources: SourceRef[] }[] = [];
  const targetRows: string[][] = [['指标', '目标', `${year}年实际`, '完成情况']];
  const targetSources: SourceRef[] = [];
  for (const d of data) {
    for (const ch of groupByChapter(d.tasks, d.headings)) {
      const reported: { task: TaskRow; text: string; sources: SourceRef[]; finished: boolean; best: YearReportRow }[] = [];
      for (const t of ch.tasks) {
        const st = d.status.get(t.id)!;
        const own = d.reports.filter((r) => r.task_id === t.id);
        const best = bestReport(own, d.periodEnd);
        if (!best) continue;
        const lead = d.leads.get(t.id) ?? [];
        const done = st.status === '已完成' ? '，该项任务已完成' : st.status === '长期坚持' ? '，该项任务长期坚持推进' : '';
        reported.push({
          task: t,
          best,
          finished: best.completion === 'done',
          text: `${unit ? `${taskLabel(t)}：` : `${lead.length ? `${lead.join('、')}牵头推进` : '推进'}${taskLabel(t)}，`}${sentence(best.narrative.replace(/\s+/g, ''))}${done ? sentence(done.slice(1)) : ''}`,
          sources: [src.task(t), src.report(best, `${d.periodLabel.get(best.period_id) ?? ''}进展报送`)],
        });
      }
      if (!reported.length) continue;
      anyAchievement = true;
      add({ type: 'heading', level: 2, section: 'achievements', text: ch.heading?.title ?? '其他工作', sources: [src.plan(d.plan)] });
      if (reported.length <= QUOTED_PER_CHAPTER) {
        for (const p of reported) add({ type: 'paragraph', section: 'achievements', text: p.text, sources: p.sources });
        continue;
      }
      // many: the chapter's figures, the tasks finished in the year quoted first, the rest in the annex
      const counts = (['已完成', '长期坚持', '推进中', '未开始', '滞后', '逾期'] as TaskStatus[])
        .map((k) => [k, ch.tasks.filter((t) => d.status.get(t.id)!.status === k).length] as const)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k === '逾期' ? '逾期未完成' : k}${n}项`);
      const quoted = [...reported.filter((p) => p.finished), ...reported.filter((p) => !p.finished)].slice(0, QUOTED_PER_CHAPTER);
      add({ type: 'paragraph', section: 'achievements', text: `该部分${ch.tasks.length}项任务中，${counts.join('、')}；全年有${reported.length}项任务的进展经审核通过，主要是：`, sources: ch.tasks.map((t) => src.task(t)) });
      for (const p of reported.filter((x) => quoted.includes(x))) add({ type: 'paragraph', section: 'achievements', text: p.text, sources: p.sources });
      progressRows.push(...reported.map((p) => ({ plan: d, ...p })));
      add({ type: 'paragraph', section: 'achievements', text: `其余${reported.length - quoted.length}项任务的推进情况见附件1。`, sources: reported.filter((x) => !quoted.includes(x)).map((p) => src.task(p.task)) });
    }
    // targets: the latest value of the year (reported, or entered by the office) against each
    for (const t of d.tasks) {
      const ts = d.targets.filter((x) => x.task_id === t.id).sort((a, b) => a.sort_order - b.sort_order);
      ts.forEach((tg) => {
        if (tg.op === 'done') return;
        facts.targets++;
        const actual = latestOnOrBefore(currentPoints(d.series.get(tg.id) ?? []).filter((p) => p.date >= `${year}-01-01`), `${year}-12-31`);
        const name = tg.metric ?? tg.raw.slice(0, 30);
        const goal = tg.value_num !== null ? `${OP_TEXT[tg.op ?? ''] ?? ''}${tg.value_num}${tg.unit ?? ''}` : (tg.value_text ?? tg.raw);
        targetSources.push({ kind: 'target', id: tg.id, label: `任务${taskNumber(t)}的指标：${name}`, link: `/assessment/metrics/${tg.id}` });
        if (!actual) {
          targetRows.push([name, goal, gap(`指标「${name}」${year}年的实际值（平台中没有报送或录入）`), '—']);
          return;
        }
        targetSources.push(
          actual.kind === 'report'
            ? { kind: 'report', id: actual.id, label: `${actual.periodLabel}报送的指标值`, link: `/assessment/metrics/${tg.id}` }
            : { kind: 'metric_value', id: actual.id, label: `依法治办录入的${actual.periodLabel}数值（来源：${actual.source}）`, link: `/assessment/metrics/${tg.id}` },
        );
        const met = tg.op ? meetsTarget(tg.op as TargetOp, tg.value_num, actual.value) : null;
        if (met) facts.targetsMet++;
        targetRows.push([name, goal, `${actual.value}${tg.unit ?? ''}`, met === null ? '—' : met ? '已达到' : '未达到']);
      });
    }
  }
  if (!anyAchievement) add({ type: 'paragraph', section: 'achievements', text: gap(`${year}年没有审核通过的任务进展，平台中无可引用的工作举措和成效，请补充`) });
  if (targetRows.length > 1) {
    add({ type: 'heading', level: 2, section: 'achievements', text: '主要指标完成情况' });
    add({ type: 'paragraph', section: 'achievements', text: `方案确定的${facts.targets}项量化指标中，已达到${facts.targetsMet}项，具体情况如下表。`, sources: targetSources.filter((s) => s.kind === 'target') });
    add({ type: 'table', section: 'achievements', rows: targetRows, sources: targetSources });
  }

  // ---- 二、存在的不足和原因
  add({ type: 'heading', level: 1, section: 'problems', text: '存在的不足和原因' });
  let anyProblem = false;
  const annexes: { title: string; rows: string[][]; sources: SourceRef[] }[] = [];
  for (const d of data) {
    const late = d.tasks.filter((t) => ['滞后', '逾期'].includes(d.status.get(t.id)!.status));
    if (!late.length) continue;
    anyProblem = true;
    const lead = (t: TaskRow) => (d.leads.get(t.id) ?? []).join('、') || '未明确牵头单位';
    const head = `按照序时进度，截至${formatChineseDate(asOf)}，《${d.plan.title}》中有${late.length}项任务滞后或逾期未完成`;
    if (late.length <= INLINE_TASKS) {
      const item = (t: TaskRow) => `${taskLabel(t)}（${d.status.get(t.id)!.status}${unit ? '' : `，${lead(t)}`}）`;
      add({ type: 'paragraph', section: 'problems', text: `${head}：${late.map(item).join('；')}。`, sources: late.map((t) => src.task(t)) });
      continue;
    }
    // many: the counts, where they stand (by chapter) and who leads them, in words; the tasks in an annex
    const behind = late.filter((t) => d.status.get(t.id)!.status === '滞后').length;
    const byChapter = groupByChapter(late, d.headings).map((g) => `${g.heading?.title ?? '其他工作'}方面${g.tasks.length}项`);
    const byLead = unit ? [] : tally(late.flatMap((t) => d.leads.get(t.id) ?? [])).slice(0, 5).map(([name, n]) => `${name}${n}项`);
    const no = annexes.length + (progressRows.length ? 2 : 1);
    add({
      type: 'paragraph',
      section: 'problems',
      text: `${head}，其中滞后${behind}项、逾期未完成${late.length - behind}项。从分布看，${byChapter.join('，')}${byLead.length ? `；牵头任务滞后或逾期较多的单位是${byLead.join('、')}` : ''}。具体任务见附件${no}。`,
      sources: [src.plan(d.plan), ...late.map((t) => src.task(t))],
    });
    annexes.push({
      title: `${data.length > 1 ? `《${d.plan.title}》` : ''}滞后和逾期未完成任务清单`,
      rows: [['序号', '方案条目', '任务', ...(unit ? [] : ['牵头单位']), '状态'], ...late.map((t, i) => [String(i + 1), taskNumber(t), clause(t, 60), ...(unit ? [] : [lead(t)]), d.status.get(t.id)!.status])],
      sources: late.map((t) => src.task(t)),
    });
  }
  if (returned.length) {
    anyProblem = true;
    const tasks = new Map((await plansRepo.tasksByIds(db, [...new Set(returned.map((r) => r.task_id))])).map((t) => [t.id, t]));
    const reasons = [...new Set(returned.map((r) => (r.reason ?? '').trim()).filter(Boolean))].slice(0, 5);
    add({
      type: 'paragraph',
      section: 'problems',
      text: `全年有${returned.length}份任务进展报送经审核不符合要求被退回修改${reasons.length ? `，主要问题是：${reasons.map((r) => r.replace(/[。；]$/, '')).join('；')}` : ''}。`,
      sources: returned.map((r) => ({ kind: 'report' as const, id: r.report_id, label: `退回：${tasks.get(r.task_id) ? taskLabel(tasks.get(r.task_id)!) : ''}`, link: `/tasks/${r.task_id}` })),
    });
  }
  if (notices.length || warnings.length) {
    anyProblem = true;
    add({
      type: 'paragraph',
      section: 'problems',
      text: [warnings.length ? `全年被警示${warnings.length}次，其中${warnings.filter((w) => !w.answered_at).length}次未作答复` : '', notices.length ? `截至年底尚有${notices.length}份督办单未办结（${notices.map((x) => x.number).join('、')}）` : ''].filter(Boolean).join('；') + '。',
      sources: [
        ...notices.map((x) => ({ kind: 'notice' as const, id: x.id, label: `督办单 ${x.number}`, link: `/supervision/notices/${x.id}` })),
        ...warnings.slice(0, 50).map((w) => ({ kind: 'alert' as const, id: w.id, label: w.title.slice(0, 60), link: '/supervision/warnings' })),
      ],
    });
  }
  // problems the inspectors found that were not 销号 by the year's end (found that year or earlier)
  const open = await inspectionsRepo.openAsOf(db, { regionId: region.id, unitId: unit?.id, year, asOf });
  if (open.length) {
    anyProblem = true;
    const lists = new Map<string, string | null>();
    for (const id of new Set(open.map((p) => p.visit_id))) lists.set(id, (await inspectionsRepo.findVisit(db, id))?.list_number ?? null);
    const unitNames = new Map((await unitsRepo.findByIds(db, [...new Set(open.map((p) => p.unit_id))])).map((u) => [u.id, u.name]));
    const standing = (p: (typeof open)[number]) =>
      p.rectified_on && p.rectified_on <= asOf ? '已提交整改报告，待核查销号' : p.deadline < asOf ? `整改期限${formatChineseDate(p.deadline)}，已逾期未整改` : `整改期限${formatChineseDate(p.deadline)}，正在整改`;
    const item = (p: (typeof open)[number]) => `${unit ? '' : `${unitNames.get(p.unit_id) ?? ''}：`}问题清单 ${problemNumber(lists.get(p.visit_id) ?? null, p.seq)}，${p.description.trim().replace(/[。；;，,\s]+$/, '')}（${standing(p)}）。`;
    const overdue = open.filter((p) => p.deadline < asOf && !(p.rectified_on && p.rectified_on <= asOf)).length;
    add({ type: 'paragraph', section: 'problems', text: `督察发现的问题中，截至${formatChineseDate(asOf)}尚有${open.length}个未整改销号${overdue ? `，其中${overdue}个已超过整改期限` : ''}，具体是：` });
    add({ type: 'list', section: 'problems', items: open.map(item), sources: open.map((p) => ({ kind: 'problem' as const, id: p.id, label: `督察问题 ${problemNumber(lists.get(p.visit_id) ?? null, p.seq)}`.slice(0, 300), link: `/inspection/problems/${p.id}` })) });
  }
  if (!anyProblem) add({ type: 'paragraph', section: 'problems', text: `平台记录中，${year}年没有滞后或逾期的任务、被退回的报送、未办结的督办事项和未整改销号的督察问题。${gap('对照法治政府建设要求查找的不足（平台记录未反映的问题）')}` });
  add({ type: 'paragraph', section: 'problems', text: gap('上述问题产生的原因分析（平台记录只有事实，原因请结合实际填写）') });

  // ---- 三、第一责任人
  add({ type: 'heading', level: 1, section: 'duties', text: `${unit ? '主要负责人' : '党政主要负责人'}履行推进法治建设第一责任人职责情况` });
  const leaderActs = unit ? { notices: [], chases: [] } : await annualRepo.leaderActions(db, region.id, `${year - 1}-12-31T16:00:00.000Z`, `${year}-12-31T16:00:00.000Z`);
  if (leaderActs.notices.length || leaderActs.chases.length) {
    const people = [...new Set([...leaderActs.notices.map((x) => x.issuer_name), ...leaderActs.chases.map((x) => x.created_by_name)])];
    add({
      type: 'paragraph',
      section: 'duties',
      text: `${people.join('、')}等${regionWord(region)}领导通过平台督促推进法治政府建设任务：签发督办单${leaderActs.notices.length}份${leaderActs.notices.length ? `（${leaderActs.notices.map((x) => x.number).join('、')}）` : ''}，催办${leaderActs.chases.length}次。`,
      sources: [
        ...leaderActs.notices.map((x) => ({ kind: 'notice' as const, id: x.id, label: `督办单 ${x.number}`, link: `/supervision/notices/${x.id}` })),
        ...leaderActs.chases.map((x) => ({ kind: 'chase' as const, id: x.id, label: `催办：${x.message.slice(0, 40)}`, link: `/tasks/${x.task_id}` })),
      ],
    });
    add({ type: 'paragraph', section: 'duties', text: gap('主要负责人研究部署、带头学法、出庭应诉等其他履职情况（平台中没有记录）') });
  } else {
    add({ type: 'paragraph', section: 'duties', text: gap(`${unit ? `${unit.head_name ? `${unit.head_name}同志` : '本单位主要负责人'}` : '党政主要负责人'}履行推进法治建设第一责任人职责的情况（平台中没有其履职记录，请依法治办填写：研究部署法治建设、带头学法、出庭应诉、督促整改等）`) });
  }

  // ---- 四、下一年度工作打算
  add({ type: 'heading', level: 1, section: 'plans', text: `${year + 1}年推进法治政府建设的主要安排` });
  const next = data.flatMap((d) => d.nextYear.map((x) => ({ ...x, plan: d.plan, headings: d.headings, lead: (d.leads.get(x.task.id) ?? []).join('、') })));
  if (next.length && next.length <= INLINE_TASKS) {
    add({ type: 'paragraph', section: 'plans', text: `${year + 1}年，${who}将继续推进${next.length}项法治政府建设任务：` });
    add({ type: 'list', section: 'plans', items: next.map((x) => `${taskLabel(x.task)}：${x.why}。`), sources: next.map((x) => src.task(x.task)) });
  } else if (next.length) {
    // by chapter: how many go on, how many fall due next year, how many are overdue, and a few of them by name
    const no = annexes.length + (progressRows.length ? 2 : 1);
    const ongoing = next.filter((x) => x.why === '长期坚持').length;
    const overdue = next.filter((x) => x.why.startsWith('已逾期')).length;
    add({
      type: 'paragraph',
      section: 'plans',
      text: `${year + 1}年，${who}将继续推进${next.length}项法治政府建设任务，其中长期坚持${ongoing}项，${year + 1}年及以后到期${next.length - ongoing - overdue}项，已逾期需抓紧完成${overdue}项，具体任务见附件${no}。重点抓好以下工作：`,
      sources: [...new Map(next.map((x) => [x.plan.id, src.plan(x.plan)])).values()],
    });
    for (const plan of new Map(next.map((x) => [x.plan.id, x])).values()) {
      const mine = next.filter((x) => x.plan.id === plan.plan.id);
      for (const g of groupByChapter(mine.map((x) => x.task), plan.headings)) {
        const items = mine.filter((x) => g.tasks.includes(x.task));
        const soon = items.filter((x) => x.why.startsWith('已逾期') || x.why.startsWith(`${year + 1}年`));
        const named = [...soon, ...items.filter((x) => !soon.includes(x))].slice(0, 3).map((x) => taskLabel(x.task));
        add({ type: 'heading', level: 2, section: 'plans', text: g.heading?.title ?? '其他工作', sources: [src.plan(plan.plan)] });
        add({
          type: 'paragraph',
          section: 'plans',
          text: `继续推进${items.length}项任务${soon.length ? `，其中${soon.length}项须在${year + 1}年内完成或已逾期` : ''}，包括${named.join('、')}${items.length > named.length ? '等' : ''}。`,
          sources: items.map((x) => src.task(x.task)),
        });
      }
    }
    annexes.push({
      title: `${year + 1}年继续推进的任务清单`,
      rows: [['序号', '方案条目', '任务', ...(unit ? [] : ['牵头单位']), '安排'], ...next.map((x, i) => [String(i + 1), taskNumber(x.task), clause(x.task, 60), ...(unit ? [] : [x.lead || '未明确牵头单位']), x.why])],
      sources: next.map((x) => src.task(x.task)),
    });
  } else {
    add({ type: 'paragraph', section: 'plans', text: gap(`${year + 1}年的工作打算（平台中没有延续到${year + 1}年的任务）`) });
  }

  // ---- 附件: the full lists the text sums up; the year's progress first (附件1), where chapters were summed up
  if (progressRows.length) {
    annexes.unshift({
      title: `${year}年任务推进情况表`,
      rows: [
        ['序号', '方案条目', '任务', ...(unit ? [] : ['牵头单位']), '年末状态', '本年进展'],
        ...progressRows.map((p, i) => [String(i + 1), taskNumber(p.task), clause(p.task, 60), ...(unit ? [] : [(p.plan.leads.get(p.task.id) ?? []).join('、')]), p.plan.status.get(p.task.id)!.status, excerpt(p.best.narrative, 90)]),
      ],
      sources: progressRows.flatMap((p) => p.sources),
    });
  }
  for (const a of annexes) {
    add({ type: 'heading', level: 1, section: 'annex', text: a.title });
    add({ type: 'table', section: 'annex', rows: a.rows, sources: a.sources });
  }
  return { title, blocks, facts };
}
