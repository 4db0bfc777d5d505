import { sql } from 'kysely';
import type { Executor } from '../client.ts';
import type { ReportRow } from '../schema.ts';

export const dashboardRepo = {
  /**
   * A fingerprint of everything the cockpit is computed from in a region: a write to reports, tasks,
   * deadlines, assignments, periods, extensions, plans or units changes it (every such write adds a
   * row or bumps a version, an active flag or a role; every save, submit, return or accept of a report
   * appends a report_events row of the region, so their count moves — counts rather than the newest id,
   * since a transaction may commit an older id after a newer one was read). Each part reads only the
   * region's index entries (migration 0015), so a province's other counties cost nothing. The cockpit is cached under it, so 50 leaders
   * opening it at once compute it once — and a change shows at the next request, on every instance.
   */
  async stamp(db: Executor, regionId: string): Promise<string> {
    const r = await sql<Record<string, unknown>>`
      select
        (select count(*) from reports where region_id = ${regionId}) as r,
        (select count(*) from report_events where region_id = ${regionId}) as re,
        (select count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(sum(active), 0) || ':' || coalesce(max(updated_at), '') from tasks where region_id = ${regionId}) as t,
        (select count(*) || ':' || coalesce(sum(active), 0) || ':' || coalesce(sum(case when role = 'lead' then 1 else 0 end), 0) || ':' || coalesce(max(updated_at), '') from assignments where region_id = ${regionId}) as a,
        (select count(*) || ':' || coalesce(max(id), '') from task_deadlines where region_id = ${regionId}) as d,
        (select count(*) || ':' || coalesce(max(due), '') || ':' || coalesce(min(due), '') from reporting_periods where region_id = ${regionId}) as p,
        (select count(*) || ':' || coalesce(sum(version), 0) from extension_requests where region_id = ${regionId}) as e,
        (select count(*) || ':' || coalesce(sum(version), 0) from plans where region_id = ${regionId}) as pl,
        (select count(*) || ':' || coalesce(sum(version), 0) from units where region_id = ${regionId}) as u,
        (select count(*) from task_targets where region_id = ${regionId}) as tg,
        (select count(*) from metric_values where region_id = ${regionId}) as mv
    `.execute(db);
    return Object.values(r.rows[0] ?? {}).join('|');
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
