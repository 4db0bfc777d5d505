import type { Executor } from '../client.ts';
import type { MetricValueRow, OfficeTargetRow, TaskTargetRow } from '../schema.ts';

/** 量化指标: office-entered values (with their corrections) and the targets the office added. */
export const metricsRepo = {
  // ------------------------------------------------------------------ targets
  async findTarget(db: Executor, id: string): Promise<(TaskTargetRow & { plan_id: string }) | undefined> {
    return db.selectFrom('task_targets').innerJoin('tasks', 'tasks.id', 'task_targets.task_id').selectAll('task_targets').select('tasks.plan_id').where('task_targets.id', '=', id).executeTakeFirst();
  },
  async nextSortOrder(db: Executor, taskId: string): Promise<number> {
    const r = await db.selectFrom('task_targets').select((eb) => eb.fn.max('sort_order').as('m')).where('task_id', '=', taskId).executeTakeFirst();
    return r?.m === null || r?.m === undefined ? 0 : Number(r.m) + 1;
  },
  async insertOfficeTarget(db: Executor, target: TaskTargetRow, office: OfficeTargetRow): Promise<void> {
    await db.insertInto('task_targets').values(target).execute();
    await db.insertInto('office_targets').values(office).execute();
  },
  async officeTargetsOfRegion(db: Executor, regionId: string): Promise<OfficeTargetRow[]> {
    return db.selectFrom('office_targets').selectAll().where('region_id', '=', regionId).execute();
  },
  async findOfficeTarget(db: Executor, targetId: string): Promise<OfficeTargetRow | undefined> {
    return db.selectFrom('office_targets').selectAll().where('target_id', '=', targetId).executeTakeFirst();
  },

  // ------------------------------------------------------------------ office-entered values
  async insertValue(db: Executor, row: MetricValueRow): Promise<void> {
    await db.insertInto('metric_values').values(row).execute();
  },
  async findValue(db: Executor, id: string): Promise<MetricValueRow | undefined> {
    return db.selectFrom('metric_values').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Every value of some targets, superseded ones too, oldest period first. */
  async valuesOfTargets(db: Executor, targetIds: string[]): Promise<MetricValueRow[]> {
    const out: MetricValueRow[] = [];
    for (let i = 0; i < targetIds.length; i += 500) {
      out.push(...(await db.selectFrom('metric_values').selectAll().where('target_id', 'in', targetIds.slice(i, i + 500)).orderBy('period_date').orderBy('entered_at').orderBy('id').execute()));
    }
    return out;
  },
  /** The current (not superseded) value of a target for a period label, if any. */
  async currentForPeriod(db: Executor, targetId: string, periodLabel: string): Promise<MetricValueRow | undefined> {
    return db.selectFrom('metric_values').selectAll().where('target_id', '=', targetId).where('period_label', '=', periodLabel).where('superseded_by_id', 'is', null).executeTakeFirst();
  },
  /** Marks a value superseded by its correction; false when it changed meanwhile (stale version, or already corrected). */
  async supersede(db: Executor, id: string, version: number, by: { id: string; at: string }): Promise<boolean> {
    const r = await db.updateTable('metric_values').set({ superseded_by_id: by.id, superseded_at: by.at, version: version + 1 }).where('id', '=', id).where('version', '=', version).where('superseded_by_id', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ------------------------------------------------------------------ values from progress reports
  /** Accepted reports on some tasks (every unit) that carry target values. */
  async acceptedReportValues(db: Executor, taskIds: string[]): Promise<{ id: string; task_id: string; unit_id: string; period_id: string; target_values_json: string; reviewed_at: string | null }[]> {
    const out: { id: string; task_id: string; unit_id: string; period_id: string; target_values_json: string; reviewed_at: string | null }[] = [];
    for (let i = 0; i < taskIds.length; i += 500) {
      out.push(...(await db.selectFrom('reports').select(['id', 'task_id', 'unit_id', 'period_id', 'target_values_json', 'reviewed_at']).where('state', '=', 'accepted').where('task_id', 'in', taskIds.slice(i, i + 500)).where('target_values_json', '<>', '[]').execute()));
    }
    return out;
  },
};
