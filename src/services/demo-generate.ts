import { createHash } from 'node:crypto';
import { inTransaction, type Db } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { bulkRepo } from '../db/repositories/bulk.ts';
import type { Insertable } from 'kysely';
import type { AssignmentRow, Database, PlanHeadingRow, ReportRow, TaskDeadlineRow, TaskOwnerRow, TaskRow, UnitRow, UploadRow } from '../db/schema.ts';
import { systemActor, type ServiceContext } from './context.ts';
import { ensurePeriods } from './periods.ts';
import { createUser } from './users.ts';

export interface GeneratedCounty {
  regionId: string;
  planId: string;
  unitIds: string[];
  taskIds: string[];
  /** one liaison per unit, password as given */
  liaisons: string[];
  office: string;
  reports: number;
}

const CHAPTERS = ['健全政府机构职能体系', '健全依法行政制度体系', '健全行政决策制度体系', '健全行政执法工作体系', '健全突发事件应对体系', '健全社会矛盾纠纷化解体系', '健全行政权力制约监督体系', '健全法治政府建设科技保障体系', '加强法治政府建设组织领导', '推进法治政府示范创建'];
const VERBS = ['全面推行', '深入推进', '持续完善', '严格落实', '加快建立', '扎实开展'];
const OBJECTS = ['行政执法公示制度', '重大行政决策合法性审查', '规范性文件备案审查', '行政复议体制改革', '政务服务标准化建设', '行政执法案卷评查', '领导干部学法用法', '法律顾问工作机制'];

export interface GenerateOptions {
  today: string;
  password: string;
  name?: string;
  units?: number;
  tasks?: number;
  /** the city or province the county belongs to */
  parentId?: string;
  /** the pseudo-random sequence's start (default 42): counties of a province differ */
  seed?: number;
  /** which accounts to create: an office and a liaison per unit (default), the office only, or none */
  accounts?: 'all' | 'office' | 'none';
}

/**
 * County-scale data for benchmarks and for trying the platform under load: 60 units, one plan of
 * 150 tasks over 2021—2025 (20 quarterly periods), every owner's report for every past period
 * (accepted, with evidence metadata). Written through the repositories in one transaction, the
 * many rows as multi-row inserts; a deterministic pseudo-random sequence makes runs comparable.
 */
export async function generateCounty(db: Db, opts: GenerateOptions): Promise<GeneratedCounty> {
  let seed = opts.seed ?? 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const now = new Date().toISOString();
  const nUnits = opts.units ?? 60;
  const nTasks = opts.tasks ?? 150;
  return inTransaction(db, async (trx) => {
    const ctx: ServiceContext = { db: trx as Db, clock: { now: () => new Date(`${opts.today}T02:00:00Z`) }, actor: systemActor('数据生成') };
    const regionId = newId();
    const name = opts.name ?? `基准县${Date.now().toString(36)}`;
    await regionsRepo.insert(trx, { id: regionId, parent_id: opts.parentId ?? null, name, level: 'county', abbr: name.slice(0, 1), province: null, prefecture: null, sort_order: opts.seed ?? 0, created_at: now });
    const unitRows: UnitRow[] = [];
    for (let i = 0; i < nUnits; i++) {
      unitRows.push({
        id: newId(), region_id: regionId, parent_id: null, name: i < nUnits * 0.75 ? `${name}第${i + 1}局` : `${name}第${i + 1}镇`, short_name: null, kind: i < nUnits * 0.75 ? 'gov' : 'township',
        sort_order: i, active: 1, liaison_name: null, liaison_phone: null, liaison_email: null, head_name: null, merged_into_id: null, version: 1, created_at: now, updated_at: now,
      });
    }
    await bulkRepo.insert(trx, 'units', unitRows);
    const unitIds = unitRows.map((u) => u.id);
    const planId = newId();
    await plansRepo.insert(trx, { id: planId, region_id: regionId, title: `${name}法治政府建设实施方案`, kind: '实施方案', period_start: 2021, period_end: 2025, current_version_id: null, default_due: null, report_frequency: 'quarterly', report_due_offset: 10, lag_margin: 15, version: 1, created_at: now, updated_at: now });
    const headings: PlanHeadingRow[] = CHAPTERS.map((title, i) => ({ id: newId(), plan_id: planId, region_id: regionId, parent_id: null, number: '一二三四五六七八九十'[i]!, title, depth: 0, sort_order: i, line: null }));
    await plansRepo.replaceHeadings(trx, planId, headings);
    const tasks: TaskRow[] = [];
    const owners: TaskOwnerRow[] = [];
    const deadlines: TaskDeadlineRow[] = [];
    const assignments: AssignmentRow[] = [];
    for (let i = 0; i < nTasks; i++) {
      const h = headings[i % headings.length]!;
      const id = newId();
      tasks.push({
        id, plan_id: planId, region_id: regionId, heading_id: h.id, seq: i + 1, part: 'body', path_json: JSON.stringify([h.number, String(Math.floor(i / headings.length) + 1)]), title: null,
        text: `${pick(VERBS)}${pick(OBJECTS)}，健全工作机制，明确责任分工，确保各项措施落实到位（第${i + 1}项）。`, line: null, span_start: null, span_end: null, active: 1,
        created_version_id: null, updated_version_id: null, version: 1, created_at: now, updated_at: now,
      });
      const ongoing = rand() < 0.4;
      const year = 2022 + Math.floor(rand() * 4);
      deadlines.push({ id: newId(), task_id: id, region_id: regionId, raw: ongoing ? '长期坚持' : `${year}年底前`, due: ongoing ? null : `${year}-12-31`, ongoing: ongoing ? 1 : 0, recurring: null, at: null, sort_order: 0 });
      const lead = pick(unitIds);
      const cos = [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(unitIds)))].filter((u) => u !== lead);
      for (const [unitId, role] of [[lead, 'lead'], ...cos.map((u) => [u, 'co'])] as [string, 'lead' | 'co'][]) {
        owners.push({ id: newId(), task_id: id, region_id: regionId, role: role === 'lead' ? 'lead' : 'responsible', printed: unitId, unit_id: unitId, group_id: null, sort_order: owners.length });
        assignments.push({ id: newId(), task_id: id, region_id: regionId, unit_id: unitId, role, source: 'import', active: 1, created_at: now, updated_at: now });
      }
    }
    await plansRepo.insertTasks(trx, tasks);
    await plansRepo.replaceTaskDetails(trx, tasks.map((t) => t.id), { owners, deadlines, targets: [] });
    await plansRepo.insertAssignments(trx, assignments);
    const periods = await ensurePeriods(trx, (await plansRepo.findById(trx, planId))!);
    const narrative = '本期按照方案要求，召开专题会议研究部署，制定工作方案，明确责任分工和时间节点；开展督促检查，及时解决推进中的问题。'.repeat(2);
    const reportRows: ReportRow[] = [];
    const blobs: Insertable<Database['blobs']>[] = [];
    const uploads: UploadRow[] = [];
    const files: Insertable<Database['report_files']>[] = [];
    for (const p of periods.filter((x) => x.due < opts.today)) {
      for (const a of assignments) {
        const row: ReportRow = {
          id: newId(), region_id: regionId, plan_id: planId, task_id: a.task_id, unit_id: a.unit_id, period_id: p.id, role: a.role, state: 'accepted',
          completion: 'in_progress', percent: Math.min(95, 10 + Math.floor(rand() * 80)), narrative, target_values_json: '[]',
          submitted_at: `${p.due}T01:00:00.000Z`, reviewed_at: `${p.due}T03:00:00.000Z`, return_reason: null, version: 3, created_at: now, updated_at: now,
        };
        reportRows.push(row);
        const sha256 = createHash('sha256').update(`${row.id}`).digest('hex');
        blobs.push({ sha256, size: 120_000 + Math.floor(rand() * 2_000_000), mime: 'application/pdf', created_at: now });
        const uploadId = newId();
        uploads.push({ id: uploadId, region_id: regionId, unit_id: a.unit_id, sha256, file_name: `${p.label}工作台账.pdf`, kind: 'pdf', uploaded_by: null, created_at: now });
        files.push({ report_id: row.id, upload_id: uploadId, region_id: regionId, sort_order: 0 });
      }
    }
    await bulkRepo.insert(trx, 'reports', reportRows);
    await bulkRepo.insert(trx, 'blobs', blobs);
    await bulkRepo.insert(trx, 'uploads', uploads);
    await bulkRepo.insert(trx, 'report_files', files);
    const reports = reportRows.length;
    const liaisons: string[] = [];
    const accounts = opts.accounts ?? 'all';
    for (const [i, unitId] of (accounts === 'all' ? unitIds : []).entries()) {
      const username = `gen${regionId.slice(-6)}.u${i + 1}`;
      await createUser(ctx, { username, displayName: `联络员${i + 1}`, role: 'liaison', regionId, unitId, password: opts.password }, { mustChangePassword: false });
      liaisons.push(username);
    }
    const office = `gen${regionId.slice(-6)}.office`;
    if (accounts !== 'none') await createUser(ctx, { username: office, displayName: '依法治办', role: 'office', regionId, unitId: unitIds[0]!, password: opts.password }, { mustChangePassword: false });
    return { regionId, planId, unitIds, taskIds: tasks.map((t) => t.id), liaisons, office, reports };
  });
}

export interface GeneratedProvince {
  provinceId: string;
  counties: GeneratedCounty[];
  /** a leader of the province who may read every county (password as given) */
  provinceLeader: string;
  /** a leader of the first county only */
  countyLeader: string;
}

/**
 * Province-scale data: a province with `counties` county regions under it (default 100), each as
 * `generateCounty` makes it (60 units, 150 tasks, every past period's reports), each county in its own
 * transaction and with its own pseudo-random sequence. Accounts: the first county's office and
 * leader, and a province leader who may read every county (the liaisons are left out: 6,000 password
 * hashes would dominate the time).
 */
export async function generateProvince(db: Db, opts: { today: string; password: string; counties?: number; units?: number; tasks?: number; name?: string; onCounty?: (done: number) => void; /** counties written at once (PostgreSQL: each in its own connection) */ concurrency?: number }): Promise<GeneratedProvince> {
  const n = opts.counties ?? 100;
  const name = opts.name ?? `基准省${Date.now().toString(36)}`;
  const provinceId = newId();
  await regionsRepo.insert(db, { id: provinceId, parent_id: null, name, level: 'province', abbr: name.slice(0, 1), province: name, prefecture: null, sort_order: 0, created_at: new Date().toISOString() });
  const counties: GeneratedCounty[] = new Array(n);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      counties[i] = await generateCounty(db, { today: opts.today, password: opts.password, units: opts.units, tasks: opts.tasks, name: `${name}第${i + 1}县`, parentId: provinceId, seed: 42 + i, accounts: i === 0 ? 'office' : 'none' });
      opts.onCounty?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
  const ctx: ServiceContext = { db, clock: { now: () => new Date(`${opts.today}T02:00:00Z`) }, actor: systemActor('数据生成') };
  const provinceLeader = `gen${provinceId.slice(-6)}.leader`;
  await createUser(ctx, { username: provinceLeader, displayName: '省领导', role: 'leader', regionId: provinceId, extraRegionIds: counties.map((c) => c.regionId), password: opts.password }, { mustChangePassword: false });
  const countyLeader = `gen${counties[0]!.regionId.slice(-6)}.leader`;
  await createUser(ctx, { username: countyLeader, displayName: '县领导', role: 'leader', regionId: counties[0]!.regionId, password: opts.password }, { mustChangePassword: false });
  return { provinceId, counties, provinceLeader, countyLeader };
}
