import type { Executor } from '../client.ts';
import type { AssessmentCampaignRow, AssessmentFrameworkRow, AssessmentIndicatorRow, AssessmentResultRow, AssessmentScoreRow } from '../schema.ts';

export const assessmentRepo = {
  // ------------------------------------------------------------------ frameworks
  async insertFramework(db: Executor, row: AssessmentFrameworkRow, indicators: AssessmentIndicatorRow[]): Promise<void> {
    await db.insertInto('assessment_frameworks').values(row).execute();
    for (let i = 0; i < indicators.length; i += 200) await db.insertInto('assessment_indicators').values(indicators.slice(i, i + 200)).execute();
  },
  async findFramework(db: Executor, id: string): Promise<AssessmentFrameworkRow | undefined> {
    return db.selectFrom('assessment_frameworks').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async frameworkByName(db: Executor, regionId: string, year: number, name: string): Promise<AssessmentFrameworkRow | undefined> {
    return db.selectFrom('assessment_frameworks').selectAll().where('region_id', '=', regionId).where('year', '=', year).where('name', '=', name).executeTakeFirst();
  },
  async listFrameworks(db: Executor, regionId: string): Promise<AssessmentFrameworkRow[]> {
    return db.selectFrom('assessment_frameworks').selectAll().where('region_id', '=', regionId).orderBy('year', 'desc').orderBy('name').execute();
  },
  async indicators(db: Executor, frameworkId: string): Promise<AssessmentIndicatorRow[]> {
    return db.selectFrom('assessment_indicators').selectAll().where('framework_id', '=', frameworkId).orderBy('sort_order').execute();
  },
  /** Replaces a framework's tree, if its version is the one the editor saw. */
  async replaceTree(db: Executor, id: string, version: number, patch: Partial<AssessmentFrameworkRow>, indicators: AssessmentIndicatorRow[]): Promise<boolean> {
    const r = await db.updateTable('assessment_frameworks').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await db.deleteFrom('assessment_indicators').where('framework_id', '=', id).execute();
    for (let i = 0; i < indicators.length; i += 200) await db.insertInto('assessment_indicators').values(indicators.slice(i, i + 200)).execute();
    return true;
  },
  /** The campaigns that use a framework (any state), oldest first. */
  async campaignsUsingFramework(db: Executor, id: string): Promise<{ name: string; state: string }[]> {
    return db.selectFrom('assessment_campaigns').select(['name', 'state']).where('framework_id', '=', id).orderBy('created_at').execute();
  },

  // ------------------------------------------------------------------ campaigns
  async insertCampaign(db: Executor, row: AssessmentCampaignRow): Promise<void> {
    await db.insertInto('assessment_campaigns').values(row).execute();
  },
  async findCampaign(db: Executor, id: string): Promise<AssessmentCampaignRow | undefined> {
    return db.selectFrom('assessment_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async listCampaigns(db: Executor, regionId: string): Promise<AssessmentCampaignRow[]> {
    return db.selectFrom('assessment_campaigns').selectAll().where('region_id', '=', regionId).orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
  },
  async updateCampaign(db: Executor, id: string, version: number, patch: Partial<AssessmentCampaignRow>): Promise<boolean> {
    const r = await db.updateTable('assessment_campaigns').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ------------------------------------------------------------------ scores
  async scores(db: Executor, campaignId: string, unitId?: string): Promise<AssessmentScoreRow[]> {
    let q = db.selectFrom('assessment_scores').selectAll().where('campaign_id', '=', campaignId);
    if (unitId) q = q.where('unit_id', '=', unitId);
    return q.execute();
  },
  async findScore(db: Executor, campaignId: string, unitId: string, indicatorId: string): Promise<AssessmentScoreRow | undefined> {
    return db.selectFrom('assessment_scores').selectAll().where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).where('indicator_id', '=', indicatorId).executeTakeFirst();
  },
  async insertScore(db: Executor, row: AssessmentScoreRow): Promise<void> {
    await db.insertInto('assessment_scores').values(row).execute();
  },
  async updateScore(db: Executor, id: string, version: number, patch: Partial<AssessmentScoreRow>): Promise<boolean> {
    const r = await db.updateTable('assessment_scores').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ------------------------------------------------------------------ frozen results
  async insertResults(db: Executor, rows: AssessmentResultRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('assessment_results').values(rows.slice(i, i + 200)).execute();
  },
  async deleteResults(db: Executor, campaignId: string): Promise<void> {
    await db.deleteFrom('assessment_results').where('campaign_id', '=', campaignId).execute();
  },
  async results(db: Executor, campaignId: string): Promise<AssessmentResultRow[]> {
    return db.selectFrom('assessment_results').selectAll().where('campaign_id', '=', campaignId).orderBy('rank').execute();
  },

  // ------------------------------------------------------------------ evidence reused in self-assessment
  /**
   * The unit's own files attached to its progress reports of periods ending within [from, to], one row
   * per file and report, in period then task order.
   */
  async unitReportEvidence(db: Executor, unitId: string, from: string, to: string) {
    return db
      .selectFrom('report_files')
      .innerJoin('reports', 'reports.id', 'report_files.report_id')
      .innerJoin('uploads', 'uploads.id', 'report_files.upload_id')
      .innerJoin('blobs', 'blobs.sha256', 'uploads.sha256')
      .innerJoin('reporting_periods', 'reporting_periods.id', 'reports.period_id')
      .innerJoin('tasks', 'tasks.id', 'reports.task_id')
      .select(['uploads.id as upload_id', 'uploads.file_name', 'uploads.kind', 'uploads.created_at', 'blobs.size', 'reports.id as report_id', 'reports.state as report_state', 'tasks.id as task_id', 'tasks.path_json', 'tasks.text as task_text', 'reporting_periods.key as period_key', 'reporting_periods.label as period_label', 'reporting_periods.end_date'])
      .where('reports.unit_id', '=', unitId)
      .where('uploads.unit_id', '=', unitId)
      .where('reporting_periods.end_date', '>=', from)
      .where('reporting_periods.end_date', '<=', to)
      .orderBy('reporting_periods.end_date')
      .orderBy('tasks.seq')
      .orderBy('report_files.sort_order')
      .execute();
  },

  // ------------------------------------------------------------------ facts the computed rules count
  /** The unit's 督办单 of the year whose reply date has passed, with when (if ever) they were answered. */
  async noticesPastReplyDate(db: Executor, unitId: string, year: number, asOf: string): Promise<{ id: string; reply_due: string; replied_at: string | null }[]> {
    return db.selectFrom('supervision_notices').select(['id', 'reply_due', 'replied_at']).where('unit_id', '=', unitId).where('year', '=', year).where('reply_due', '<', asOf).execute();
  },
  /** A unit's accepted reports on some tasks, with the target values they carry. */
  async acceptedTargetValues(db: Executor, unitId: string, taskIds: string[]): Promise<{ id: string; task_id: string; period_id: string; target_values_json: string }[]> {
    const out: { id: string; task_id: string; period_id: string; target_values_json: string }[] = [];
    for (let i = 0; i < taskIds.length; i += 500) {
      out.push(...(await db.selectFrom('reports').select(['id', 'task_id', 'period_id', 'target_values_json']).where('unit_id', '=', unitId).where('state', '=', 'accepted').where('task_id', 'in', taskIds.slice(i, i + 500)).execute()));
    }
    return out;
  },
};
