import type { Executor } from '../client.ts';
import type { InspectionPlanRow, InspectionProblemEventRow, InspectionProblemFileRow, InspectionProblemRow, InspectionVisitRow } from '../schema.ts';

export interface ProblemFilter {
  regionId: string;
  unitId?: string;
  inspectionId?: string;
  visitId?: string;
  state?: string;
  /** drafts (visits not yet recorded) are left out unless asked for by state or visit */
  includeDrafts?: boolean;
  /** not rectified (open) and past the deadline as of this day */
  overdueOn?: string;
  year?: number;
  limit: number;
  offset: number;
}

export const inspectionsRepo = {
  // ------------------------------------------------------------------ plans
  async insertPlan(db: Executor, row: InspectionPlanRow): Promise<void> {
    await db.insertInto('inspection_plans').values(row).execute();
  },
  async findPlan(db: Executor, id: string): Promise<InspectionPlanRow | undefined> {
    return db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async listPlans(db: Executor, f: { regionId: string; year?: number }): Promise<InspectionPlanRow[]> {
    let q = db.selectFrom('inspection_plans').selectAll().where('region_id', '=', f.regionId);
    if (f.year) q = q.where('year', '=', f.year);
    return q.orderBy('year', 'desc').orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(500).execute();
  },
  async updatePlan(db: Executor, id: string, version: number, patch: Partial<InspectionPlanRow>): Promise<boolean> {
    const r = await db.updateTable('inspection_plans').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ------------------------------------------------------------------ visits
  async insertVisits(db: Executor, rows: InspectionVisitRow[]): Promise<void> {
    if (rows.length) await db.insertInto('inspection_visits').values(rows).execute();
  },
  async findVisit(db: Executor, id: string): Promise<InspectionVisitRow | undefined> {
    return db.selectFrom('inspection_visits').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async visitsOfPlans(db: Executor, inspectionIds: string[]): Promise<InspectionVisitRow[]> {
    if (!inspectionIds.length) return [];
    return db.selectFrom('inspection_visits').selectAll().where('inspection_id', 'in', inspectionIds).orderBy('sort_order').execute();
  },
  async visitsOfRegion(db: Executor, regionId: string, f: { from: string; to: string }): Promise<InspectionVisitRow[]> {
    return db
      .selectFrom('inspection_visits')
      .selectAll()
      .where('region_id', '=', regionId)
      .where((eb) => eb.or([eb.and([eb('state', '=', 'recorded'), eb('visited_on', '>=', f.from), eb('visited_on', '<=', f.to)]), eb.and([eb('state', '=', 'planned'), eb('scheduled_on', '>=', f.from), eb('scheduled_on', '<=', f.to)])]))
      .execute();
  },
  async deleteVisit(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('inspection_visits').where('id', '=', id).where('state', '=', 'planned').execute();
  },
  async updateVisit(db: Executor, id: string, version: number, patch: Partial<InspectionVisitRow>): Promise<boolean> {
    const r = await db.updateTable('inspection_visits').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async nextListSeq(db: Executor, regionId: string, year: number): Promise<number> {
    const r = await db.selectFrom('inspection_visits').select((eb) => eb.fn.max<number>('list_seq').as('m')).where('region_id', '=', regionId).where('list_year', '=', year).executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },

  // ------------------------------------------------------------------ problems
  async insertProblem(db: Executor, row: InspectionProblemRow): Promise<void> {
    await db.insertInto('inspection_problems').values(row).execute();
  },
  async findProblem(db: Executor, id: string): Promise<InspectionProblemRow | undefined> {
    return db.selectFrom('inspection_problems').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async nextProblemSeq(db: Executor, visitId: string): Promise<number> {
    const r = await db.selectFrom('inspection_problems').select((eb) => eb.fn.max<number>('seq').as('m')).where('visit_id', '=', visitId).executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },
  async problemsOfVisits(db: Executor, visitIds: string[]): Promise<InspectionProblemRow[]> {
    if (!visitIds.length) return [];
    return db.selectFrom('inspection_problems').selectAll().where('visit_id', 'in', visitIds).orderBy('seq').execute();
  },
  async listProblems(db: Executor, f: ProblemFilter): Promise<{ rows: InspectionProblemRow[]; total: number }> {
    let q = db.selectFrom('inspection_problems').where('region_id', '=', f.regionId);
    if (f.unitId) q = q.where('unit_id', '=', f.unitId);
    if (f.inspectionId) q = q.where('inspection_id', '=', f.inspectionId);
    if (f.visitId) q = q.where('visit_id', '=', f.visitId);
    if (f.state) q = q.where('state', '=', f.state);
    else if (!f.includeDrafts) q = q.where('state', '!=', 'draft');
    if (f.overdueOn) q = q.where('state', '=', 'open').where('deadline', '<', f.overdueOn);
    if (f.year) q = q.where('year', '=', f.year);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.selectAll().orderBy('year', 'desc').orderBy('visit_id', 'desc').orderBy('seq').limit(f.limit).offset(f.offset).execute();
    return { rows, total };
  },
  async updateProblem(db: Executor, id: string, version: number, patch: Partial<InspectionProblemRow>): Promise<boolean> {
    const r = await db.updateTable('inspection_problems').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** The drafts of a visit become its 问题清单 when the visit is recorded. */
  async openDrafts(db: Executor, visitId: string, year: number, at: string): Promise<void> {
    await db.updateTable('inspection_problems').set({ state: 'open', year, updated_at: at }).where('visit_id', '=', visitId).where('state', '=', 'draft').execute();
  },
  async deleteProblem(db: Executor, id: string, version: number): Promise<boolean> {
    await db.deleteFrom('inspection_problem_files').where('problem_id', '=', id).execute();
    await db.deleteFrom('inspection_problem_events').where('problem_id', '=', id).execute();
    const r = await db.deleteFrom('inspection_problems').where('id', '=', id).where('version', '=', version).where('state', '=', 'draft').executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },
  /** Problems still waiting for their rectification report past the deadline, not yet escalated. */
  async overdueProblems(db: Executor, regionId: string, today: string): Promise<InspectionProblemRow[]> {
    return db.selectFrom('inspection_problems').selectAll().where('region_id', '=', regionId).where('state', '=', 'open').where('deadline', '<', today).where('escalated_at', 'is', null).orderBy('deadline').orderBy('id').execute();
  },
  /** Problems waiting for their rectification report whose deadline is the given day. */
  async openProblemsDueOn(db: Executor, regionId: string, day: string): Promise<InspectionProblemRow[]> {
    return db.selectFrom('inspection_problems').selectAll().where('region_id', '=', regionId).where('state', '=', 'open').where('deadline', '=', day).orderBy('id').execute();
  },
  /**
   * Problems of a unit found in a year that were not rectified by their deadline, as of a day: the
   * deadline has passed and no rectification report now standing was submitted on or before it
   * (none at all, one returned, or one handed in late). Assessment deducts for these.
   */
  async unrectified(db: Executor, f: { unitId: string; year: number; asOf: string }): Promise<{ id: string }[]> {
    return db
      .selectFrom('inspection_problems')
      .select('id')
      .where('unit_id', '=', f.unitId)
      .where('year', '=', f.year)
      .where('state', '!=', 'draft')
      .where('deadline', '<', f.asOf)
      .where((eb) => eb.or([eb('rectified_on', 'is', null), eb('rectified_on', '>', eb.ref('deadline'))]))
      .orderBy('id')
      .execute();
  },

  /**
   * For the annual report: the problems of a region (or one unit) found in or before a year that were
   * not 销号 as of a day (the year's end, or today while the year runs) — open, awaiting the check, or
   * closed only later. Oldest deadline first.
   */
  async openAsOf(db: Executor, f: { regionId: string; unitId?: string; year: number; asOf: string }): Promise<InspectionProblemRow[]> {
    let q = db
      .selectFrom('inspection_problems')
      .selectAll()
      .where('region_id', '=', f.regionId)
      .where('state', '!=', 'draft')
      .where('year', '<=', f.year)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', f.asOf)]));
    if (f.unitId) q = q.where('unit_id', '=', f.unitId);
    return q.orderBy('deadline').orderBy('id').limit(500).execute();
  },

  // ------------------------------------------------------------------ files and events
  async attachFiles(db: Executor, rows: InspectionProblemFileRow[]): Promise<void> {
    if (rows.length) await db.insertInto('inspection_problem_files').values(rows).execute();
  },
  async detachFiles(db: Executor, problemId: string, purpose: string): Promise<void> {
    await db.deleteFrom('inspection_problem_files').where('problem_id', '=', problemId).where('purpose', '=', purpose).execute();
  },
  async filesOf(db: Executor, problemIds: string[]): Promise<InspectionProblemFileRow[]> {
    if (!problemIds.length) return [];
    return db.selectFrom('inspection_problem_files').selectAll().where('problem_id', 'in', problemIds).orderBy('sort_order').execute();
  },
  /** The problems an upload is attached to, to decide who may open it. */
  async problemsOfUpload(db: Executor, uploadId: string): Promise<InspectionProblemRow[]> {
    return db.selectFrom('inspection_problem_files').innerJoin('inspection_problems', 'inspection_problems.id', 'inspection_problem_files.problem_id').selectAll('inspection_problems').where('inspection_problem_files.upload_id', '=', uploadId).execute();
  },
  async insertEvent(db: Executor, row: InspectionProblemEventRow): Promise<void> {
    await db.insertInto('inspection_problem_events').values(row).execute();
  },
  async events(db: Executor, problemId: string): Promise<InspectionProblemEventRow[]> {
    return db.selectFrom('inspection_problem_events').selectAll().where('problem_id', '=', problemId).orderBy('id').execute();
  },

  // ------------------------------------------------------------------ people
  /** The region's active inspector accounts (督察考核), for the plan editor. */
  async inspectorsOfRegion(db: Executor, regionId: string): Promise<{ id: string; display_name: string }[]> {
    return db
      .selectFrom('users')
      .select(['users.id', 'users.display_name'])
      .where('users.role', '=', 'inspector')
      .where('users.active', '=', 1)
      .where((eb) => eb.or([eb('users.region_id', '=', regionId), eb.exists(eb.selectFrom('user_regions').select('user_regions.user_id').whereRef('user_regions.user_id', '=', 'users.id').where('user_regions.region_id', '=', regionId))]))
      .orderBy('users.display_name')
      .execute();
  },
  async userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },
};
