import type { Executor } from '../client.ts';
import type { ReportRow } from '../schema.ts';

export const dashboardRepo = {
  /**
   * Where the region's data stands: a number the database moves on every write to the rows the
   * cockpit is computed from (reports and their events, tasks, headings, deadlines, assignments,
   * periods, extensions, plans, units, targets, metric values — migration 0016's triggers), whoever
   * writes them. The cockpit is cached under it, so 50 leaders opening it at once compute it once, and
   * a change shows at the next request, on every instance. One primary-key read.
   */
  async stamp(db: Executor, regionId: string): Promise<string> {
    const r = await db.selectFrom('region_revisions').select('rev').where('region_id', '=', regionId).executeTakeFirst();
    return String(r?.rev ?? 0);
  },
  /**
   * Every report of a plan, with what the cockpit counts from it (state, completion, when last
   * submitted): read once for all the plan's periods instead of once a period.
   */
  async reportFactsOfPlan(db: Executor, regionId: string, planId: string): Promise<PlanReportFact[]> {
    return db
      .selectFrom('reports')
      .select(['id', 'task_id', 'unit_id', 'period_id', 'role', 'state', 'completion', 'percent', 'return_reason', 'submitted_at'])
      .where('region_id', '=', regionId)
      .where('plan_id', '=', planId)
      .execute();
  },
};

export type PlanReportFact = Pick<ReportRow, 'id' | 'task_id' | 'unit_id' | 'period_id' | 'role' | 'state' | 'completion' | 'percent' | 'return_reason' | 'submitted_at'>;
