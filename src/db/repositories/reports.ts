import type { Executor } from '../client.ts';
import type { ReportEventRow, ReportRow, ReportingPeriodRow, UploadRow } from '../schema.ts';

export type ReportFactRow = Pick<ReportRow, 'id' | 'task_id' | 'unit_id' | 'period_id' | 'role' | 'state' | 'completion' | 'percent' | 'return_reason'>;

export const periodsRepo = {
  async ofPlan(db: Executor, planId: string): Promise<ReportingPeriodRow[]> {
    return db.selectFrom('reporting_periods').selectAll().where('plan_id', '=', planId).orderBy('start_date').execute();
  },
  async ofPlans(db: Executor, planIds: string[]): Promise<ReportingPeriodRow[]> {
    if (!planIds.length) return [];
    return db.selectFrom('reporting_periods').selectAll().where('plan_id', 'in', planIds).orderBy('start_date').execute();
  },
  async findById(db: Executor, id: string): Promise<ReportingPeriodRow | undefined> {
    return db.selectFrom('reporting_periods').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertMany(db: Executor, rows: ReportingPeriodRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('reporting_periods').values(rows.slice(i, i + 200)).execute();
  },
  /** Moves every period's due date to `days` after its end (SQLite and PostgreSQL date arithmetic differ: done here). */
  async shiftDue(db: Executor, planId: string, days: number): Promise<void> {
    for (const p of await periodsRepo.ofPlan(db, planId)) {
      const d = new Date(`${p.end_date}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      await db.updateTable('reporting_periods').set({ due: d.toISOString().slice(0, 10) }).where('id', '=', p.id).execute();
    }
  },
  async deleteOfPlan(db: Executor, planId: string): Promise<void> {
    await db.deleteFrom('reporting_periods').where('plan_id', '=', planId).execute();
  },
  async countReportsOfPlan(db: Executor, planId: string): Promise<number> {
    const r = await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async setClosed(db: Executor, id: string, closed: boolean): Promise<void> {
    await db.updateTable('reporting_periods').set({ closed: closed ? 1 : 0 }).where('id', '=', id).execute();
  },
};

export const reportsRepo = {
  async findById(db: Executor, id: string): Promise<ReportRow | undefined> {
    return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async find(db: Executor, taskId: string, unitId: string, periodId: string): Promise<ReportRow | undefined> {
    return db.selectFrom('reports').selectAll().where('task_id', '=', taskId).where('unit_id', '=', unitId).where('period_id', '=', periodId).executeTakeFirst();
  },
  async ofUnit(db: Executor, unitId: string, periodIds?: string[]): Promise<ReportRow[]> {
    let q = db.selectFrom('reports').selectAll().where('unit_id', '=', unitId);
    if (periodIds) {
      if (!periodIds.length) return [];
      q = q.where('period_id', 'in', periodIds);
    }
    return q.execute();
  },
  async ofTasks(db: Executor, taskIds: string[]): Promise<ReportRow[]> {
    const out: ReportRow[] = [];
    for (let i = 0; i < taskIds.length; i += 500) out.push(...(await db.selectFrom('reports').selectAll().where('task_id', 'in', taskIds.slice(i, i + 500)).execute()));
    return out;
  },
  /**
   * The workflow columns of the tasks' reports (no text), for the given periods only (this period and
   * the last one, in the inbox): a unit's
   * tasks have a report per period for years, and converting every one of them to JS costs more than the
   * query.
   */
  async factsOfTasksInPeriods(db: Executor, taskIds: string[], periodIds: string[]): Promise<ReportFactRow[]> {
    if (!periodIds.length) return [];
    const out: ReportFactRow[] = [];
    for (let i = 0; i < taskIds.length; i += 500) {
      out.push(
        ...(await db
          .selectFrom('reports')
          .select(['id', 'task_id', 'unit_id', 'period_id', 'role', 'state', 'completion', 'percent', 'return_reason'])
          .where('task_id', 'in', taskIds.slice(i, i + 500))
          .where('period_id', 'in', periodIds)
          .execute()),
      );
    }
    return out;
  },
  /**
   * Accepted reports that state a completion (all a task's status is computed from); with `completion`,
   * only those stating it (the inbox needs only when a task was reported done).
   */
  async acceptedFactsOfTasks(db: Executor, taskIds: string[], completion?: string): Promise<ReportFactRow[]> {
    const out: ReportFactRow[] = [];
    for (let i = 0; i < taskIds.length; i += 500) {
      let q = db
        .selectFrom('reports')
        .select(['id', 'task_id', 'unit_id', 'period_id', 'role', 'state', 'completion', 'percent', 'return_reason'])
        .where('task_id', 'in', taskIds.slice(i, i + 500))
        .where('state', '=', 'accepted');
      q = completion ? q.where('completion', '=', completion) : q.where('completion', 'is not', null);
      out.push(...(await q.execute()));
    }
    return out;
  },
  /** When each report was (last) submitted. */
  async submittedAtOf(db: Executor, ids: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('reports').select(['id', 'submitted_at']).where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.id, r.submitted_at);
    }
    return out;
  },
  async narratives(db: Executor, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom('reports').select(['id', 'narrative']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.narrative]));
  },
  async ofRegion(db: Executor, regionId: string, f: { state?: string; periodId?: string }): Promise<ReportRow[]> {
    let q = db.selectFrom('reports').selectAll().where('region_id', '=', regionId);
    if (f.state) q = q.where('state', '=', f.state);
    if (f.periodId) q = q.where('period_id', '=', f.periodId);
    return q.orderBy('submitted_at').execute();
  },
  async insert(db: Executor, row: ReportRow): Promise<void> {
    await db.insertInto('reports').values(row).execute();
  },
  /** Optimistic update; false when the version moved on. */
  async updateVersioned(db: Executor, id: string, version: number, patch: Partial<ReportRow>): Promise<boolean> {
    const r = await db.updateTable('reports').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async insertEvent(db: Executor, row: ReportEventRow): Promise<void> {
    await db.insertInto('report_events').values(row).execute();
  },
  async events(db: Executor, reportId: string): Promise<ReportEventRow[]> {
    return db.selectFrom('report_events').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
  },

  async setFiles(db: Executor, reportId: string, regionId: string, uploadIds: string[]): Promise<void> {
    await db.deleteFrom('report_files').where('report_id', '=', reportId).execute();
    if (uploadIds.length) await db.insertInto('report_files').values(uploadIds.map((upload_id, i) => ({ report_id: reportId, upload_id, region_id: regionId, sort_order: i }))).execute();
  },
  /** What a list of reports shows of their files: name, kind and size (the task page). */
  async fileSummariesOf(db: Executor, reportIds: string[]): Promise<{ id: string; report_id: string; file_name: string; kind: string; size: number }[]> {
    if (!reportIds.length) return [];
    return db
      .selectFrom('report_files')
      .innerJoin('uploads', 'uploads.id', 'report_files.upload_id')
      .innerJoin('blobs', 'blobs.sha256', 'uploads.sha256')
      .select(['uploads.id', 'uploads.file_name', 'uploads.kind', 'report_files.report_id', 'blobs.size'])
      .where('report_files.report_id', 'in', reportIds)
      .orderBy('report_files.sort_order')
      .execute();
  },
  async filesOf(db: Executor, reportIds: string[]): Promise<(UploadRow & { report_id: string; size: number; mime: string })[]> {
    if (!reportIds.length) return [];
    return db
      .selectFrom('report_files')
      .innerJoin('uploads', 'uploads.id', 'report_files.upload_id')
      .innerJoin('blobs', 'blobs.sha256', 'uploads.sha256')
      .selectAll('uploads')
      .select(['report_files.report_id', 'blobs.size', 'blobs.mime'])
      .where('report_files.report_id', 'in', reportIds)
      .orderBy('report_files.sort_order')
      .execute();
  },
};

export const uploadsRepo = {
  async ensureBlob(db: Executor, b: { sha256: string; size: number; mime: string; created_at: string }): Promise<void> {
    await db.insertInto('blobs').values(b).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  },
  async insert(db: Executor, row: UploadRow): Promise<void> {
    await db.insertInto('uploads').values(row).execute();
  },
  async findMany(db: Executor, ids: string[]): Promise<(UploadRow & { size: number; mime: string })[]> {
    if (!ids.length) return [];
    return db.selectFrom('uploads').innerJoin('blobs', 'blobs.sha256', 'uploads.sha256').selectAll('uploads').select(['blobs.size', 'blobs.mime']).where('uploads.id', 'in', ids).execute();
  },
  /** Reports an upload is attached to, to decide who may read it. */
  async reportsOf(db: Executor, uploadId: string): Promise<ReportRow[]> {
    return db.selectFrom('report_files').innerJoin('reports', 'reports.id', 'report_files.report_id').selectAll('reports').where('report_files.upload_id', '=', uploadId).execute();
  },
  async ofUnit(db: Executor, unitId: string, limit = 200): Promise<(UploadRow & { size: number; mime: string })[]> {
    return db.selectFrom('uploads').innerJoin('blobs', 'blobs.sha256', 'uploads.sha256').selectAll('uploads').select(['blobs.size', 'blobs.mime']).where('uploads.unit_id', '=', unitId).orderBy('uploads.id', 'desc').limit(limit).execute();
  },
  async findById(db: Executor, id: string): Promise<(UploadRow & { size: number; mime: string }) | undefined> {
    return (await uploadsRepo.findMany(db, [id]))[0];
  },
  async isBlobReferenced(db: Executor, sha256: string): Promise<boolean> {
    return !!(await db.selectFrom('uploads').select('id').where('sha256', '=', sha256).executeTakeFirst());
  },
};
