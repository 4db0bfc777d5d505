import type { Executor } from '../client.ts';
import type { ExportJobRow } from '../schema.ts';

export interface ReportExportFilter {
  regionId: string;
  planId?: string;
  periodId?: string;
  state?: string;
  unitId?: string;
}

export interface ReportExportRow {
  id: string;
  state: string;
  role: string;
  completion: string | null;
  percent: number | null;
  narrative: string;
  submitted_at: string | null;
  reviewed_at: string | null;
  return_reason: string | null;
  path_json: string;
  text: string;
  unit_name: string;
  period_label: string;
  plan_title: string;
}

export const exportJobsRepo = {
  async insert(db: Executor, row: ExportJobRow): Promise<void> {
    await db.insertInto('export_jobs').values(row).execute();
  },
  async findById(db: Executor, id: string): Promise<ExportJobRow | undefined> {
    return db.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async ofUser(db: Executor, userId: string, limit = 20): Promise<ExportJobRow[]> {
    return db.selectFrom('export_jobs').selectAll().where('created_by', '=', userId).orderBy('created_at', 'desc').limit(limit).execute();
  },
  /** Takes a queued job: false when another worker (or a second call) took it first. */
  async claim(db: Executor, id: string, at: string): Promise<boolean> {
    const r = await db.updateTable('export_jobs').set({ status: 'running', started_at: at }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async update(db: Executor, id: string, patch: Partial<ExportJobRow>): Promise<void> {
    await db.updateTable('export_jobs').set(patch).where('id', '=', id).execute();
  },

  /** How many reports the filters select (a job's total, for its progress bar). */
  async countReports(db: Executor, f: ReportExportFilter): Promise<number> {
    let q = db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).where('region_id', '=', f.regionId).where('state', '!=', 'draft');
    if (f.planId) q = q.where('plan_id', '=', f.planId);
    if (f.periodId) q = q.where('period_id', '=', f.periodId);
    if (f.state) q = q.where('state', '=', f.state);
    if (f.unitId) q = q.where('unit_id', '=', f.unitId);
    return Number((await q.executeTakeFirst())?.n ?? 0);
  },
  /** One page of reports after `afterId` (keyset, in id order), with the names a sheet prints. */
  async reportsPage(db: Executor, f: ReportExportFilter, afterId: string, limit: number): Promise<ReportExportRow[]> {
    let q = db
      .selectFrom('reports')
      .innerJoin('tasks', 'tasks.id', 'reports.task_id')
      .innerJoin('units', 'units.id', 'reports.unit_id')
      .innerJoin('reporting_periods', 'reporting_periods.id', 'reports.period_id')
      .innerJoin('plans', 'plans.id', 'reports.plan_id')
      .select([
        'reports.id',
        'reports.state',
        'reports.role',
        'reports.completion',
        'reports.percent',
        'reports.narrative',
        'reports.submitted_at',
        'reports.reviewed_at',
        'reports.return_reason',
        'tasks.path_json',
        'tasks.text',
        'units.name as unit_name',
        'reporting_periods.label as period_label',
        'plans.title as plan_title',
      ])
      .where('reports.region_id', '=', f.regionId)
      .where('reports.state', '!=', 'draft')
      .where('reports.id', '>', afterId);
    if (f.planId) q = q.where('reports.plan_id', '=', f.planId);
    if (f.periodId) q = q.where('reports.period_id', '=', f.periodId);
    if (f.state) q = q.where('reports.state', '=', f.state);
    if (f.unitId) q = q.where('reports.unit_id', '=', f.unitId);
    return q.orderBy('reports.id').limit(limit).execute();
  },
};
