import { sql } from 'kysely';
import type { Executor } from '../client.ts';
import { isUniqueViolation } from '../dialect/errors.ts';
import type { AlertRow, ChaseRow, ExtensionRequestRow, JobRunRow, SupervisionNoticeEventRow, SupervisionNoticeRow, SupervisionSettingsRow } from '../schema.ts';

export interface AlertFilter {
  regionId: string;
  kind?: string;
  year?: number;
  unitId?: string;
  /** open: unanswered warnings; escalated: escalated ones */
  status?: 'open' | 'answered' | 'escalated';
  limit: number;
  offset: number;
}

export const supervisionRepo = {
  // ------------------------------------------------------------------ settings
  async settings(db: Executor, regionId: string): Promise<SupervisionSettingsRow | undefined> {
    return db.selectFrom('supervision_settings').selectAll().where('region_id', '=', regionId).executeTakeFirst();
  },
  async insertSettings(db: Executor, row: SupervisionSettingsRow): Promise<void> {
    await db.insertInto('supervision_settings').values(row).execute();
  },
  async updateSettings(db: Executor, regionId: string, version: number, patch: Partial<SupervisionSettingsRow>): Promise<boolean> {
    const r = await db.updateTable('supervision_settings').set({ ...patch, version: version + 1 }).where('region_id', '=', regionId).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ------------------------------------------------------------------ 提醒 / 警示
  async alertByKey(db: Executor, regionId: string, dedupeKey: string): Promise<AlertRow | undefined> {
    return db.selectFrom('alerts').selectAll().where('region_id', '=', regionId).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
  },
  async alertKeys(db: Executor, regionId: string, keys: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await db.selectFrom('alerts').select('dedupe_key').where('region_id', '=', regionId).where('dedupe_key', 'in', keys.slice(i, i + 500)).execute();
      for (const r of rows) out.add(r.dedupe_key);
    }
    return out;
  },
  async nextAlertSeq(db: Executor, regionId: string, kind: string, year: number): Promise<number> {
    const r = await db.selectFrom('alerts').select((eb) => eb.fn.max<number>('seq').as('m')).where('region_id', '=', regionId).where('kind', '=', kind).where('year', '=', year).executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },
  async insertAlert(db: Executor, row: AlertRow): Promise<void> {
    await db.insertInto('alerts').values(row).execute();
  },
  async findAlert(db: Executor, id: string): Promise<AlertRow | undefined> {
    return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async listAlerts(db: Executor, f: AlertFilter): Promise<{ rows: AlertRow[]; total: number }> {
    let q = db.selectFrom('alerts').where('region_id', '=', f.regionId);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.year) q = q.where('year', '=', f.year);
    if (f.unitId) q = q.where('unit_id', '=', f.unitId);
    if (f.status === 'open') q = q.where('answered_at', 'is', null);
    if (f.status === 'answered') q = q.where('answered_at', 'is not', null);
    if (f.status === 'escalated') q = q.where('escalated_at', 'is not', null);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.selectAll().orderBy('year', 'desc').orderBy('seq', 'desc').limit(f.limit).offset(f.offset).execute();
    return { rows, total };
  },
  /** Warnings nobody has answered or escalated yet (the escalation rule's input). */
  async openWarnings(db: Executor, regionId: string): Promise<AlertRow[]> {
    return db.selectFrom('alerts').selectAll().where('region_id', '=', regionId).where('kind', '=', 'warning').where('answered_at', 'is', null).execute();
  },
  async answerAlert(db: Executor, id: string, patch: { answered_at: string; answer: string; answered_by: string }): Promise<boolean> {
    const r = await db.updateTable('alerts').set(patch).where('id', '=', id).where('answered_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async escalateAlert(db: Executor, id: string, at: string): Promise<boolean> {
    const r = await db.updateTable('alerts').set({ escalated_at: at }).where('id', '=', id).where('escalated_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async alertsOfRun(db: Executor, regionId: string, ruleDate: string): Promise<AlertRow[]> {
    return db.selectFrom('alerts').selectAll().where('region_id', '=', regionId).where('rule_date', '=', ruleDate).orderBy('kind').orderBy('seq').execute();
  },

  // ------------------------------------------------------------------ 督办单
  async nextNoticeSeq(db: Executor, regionId: string, year: number): Promise<number> {
    const r = await db.selectFrom('supervision_notices').select((eb) => eb.fn.max<number>('seq').as('m')).where('region_id', '=', regionId).where('year', '=', year).executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },
  async insertNotice(db: Executor, row: SupervisionNoticeRow, taskIds: string[]): Promise<void> {
    await db.insertInto('supervision_notices').values(row).execute();
    if (taskIds.length) await db.insertInto('supervision_notice_tasks').values(taskIds.map((task_id) => ({ notice_id: row.id, task_id, region_id: row.region_id }))).execute();
  },
  async findNotice(db: Executor, id: string): Promise<SupervisionNoticeRow | undefined> {
    return db.selectFrom('supervision_notices').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async noticeTaskIds(db: Executor, noticeIds: string[]): Promise<{ notice_id: string; task_id: string }[]> {
    if (!noticeIds.length) return [];
    return db.selectFrom('supervision_notice_tasks').select(['notice_id', 'task_id']).where('notice_id', 'in', noticeIds).execute();
  },
  async listNotices(db: Executor, f: { regionId: string; unitId?: string; taskId?: string; state?: string; year?: number; limit: number; offset: number }): Promise<{ rows: SupervisionNoticeRow[]; total: number }> {
    let q = db.selectFrom('supervision_notices').where('region_id', '=', f.regionId);
    if (f.unitId) q = q.where('unit_id', '=', f.unitId);
    if (f.taskId) q = q.where('id', 'in', (eb) => eb.selectFrom('supervision_notice_tasks').select('notice_id').where('task_id', '=', f.taskId!));
    if (f.state) q = q.where('state', '=', f.state);
    if (f.year) q = q.where('year', '=', f.year);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.selectAll().orderBy('year', 'desc').orderBy('seq', 'desc').limit(f.limit).offset(f.offset).execute();
    return { rows, total };
  },
  /** Notices not closed whose reply is late and not yet escalated. */
  async overdueNotices(db: Executor, regionId: string, today: string): Promise<SupervisionNoticeRow[]> {
    return db.selectFrom('supervision_notices').selectAll().where('region_id', '=', regionId).where('state', '=', 'open').where('reply_due', '<', today).where('escalated_at', 'is', null).execute();
  },
  async openNotices(db: Executor, regionId: string): Promise<SupervisionNoticeRow[]> {
    return db.selectFrom('supervision_notices').selectAll().where('region_id', '=', regionId).where('state', '!=', 'closed').orderBy('reply_due').execute();
  },
  async updateNotice(db: Executor, id: string, version: number, patch: Partial<SupervisionNoticeRow>): Promise<boolean> {
    const r = await db.updateTable('supervision_notices').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async insertNoticeEvent(db: Executor, row: SupervisionNoticeEventRow): Promise<void> {
    await db.insertInto('supervision_notice_events').values(row).execute();
  },
  async noticeEvents(db: Executor, noticeId: string): Promise<SupervisionNoticeEventRow[]> {
    return db.selectFrom('supervision_notice_events').selectAll().where('notice_id', '=', noticeId).orderBy('id').execute();
  },

  // ------------------------------------------------------------------ 催办
  async insertChase(db: Executor, row: ChaseRow): Promise<void> {
    await db.insertInto('chases').values(row).execute();
  },
  async chasesOfTask(db: Executor, taskId: string): Promise<ChaseRow[]> {
    return db.selectFrom('chases').selectAll().where('task_id', '=', taskId).orderBy('id', 'desc').execute();
  },

  // ------------------------------------------------------------------ 延期申请
  async insertExtension(db: Executor, row: ExtensionRequestRow): Promise<void> {
    await db.insertInto('extension_requests').values(row).execute();
  },
  async findExtension(db: Executor, id: string): Promise<ExtensionRequestRow | undefined> {
    return db.selectFrom('extension_requests').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async extensionsOfTask(db: Executor, taskId: string): Promise<ExtensionRequestRow[]> {
    return db.selectFrom('extension_requests').selectAll().where('task_id', '=', taskId).orderBy('id', 'desc').execute();
  },
  async listExtensions(db: Executor, f: { regionId: string; state?: string; unitId?: string }): Promise<ExtensionRequestRow[]> {
    let q = db.selectFrom('extension_requests').selectAll().where('region_id', '=', f.regionId);
    if (f.state) q = q.where('state', '=', f.state);
    if (f.unitId) q = q.where('unit_id', '=', f.unitId);
    return q.orderBy('id', 'desc').limit(500).execute();
  },
  /** The latest granted new due date of each task that has one. */
  async grantedDueOfTasks(db: Executor, taskIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < taskIds.length; i += 500) {
      const rows = await db.selectFrom('extension_requests').select(['task_id', 'requested_due']).where('task_id', 'in', taskIds.slice(i, i + 500)).where('state', '=', 'granted').orderBy('id').execute();
      for (const r of rows) out.set(r.task_id, r.requested_due);
    }
    return out;
  },
  async updateExtension(db: Executor, id: string, version: number, patch: Partial<ExtensionRequestRow>): Promise<boolean> {
    const r = await db.updateTable('extension_requests').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Active users of a role in a region (leaders, to whom unanswered warnings are escalated). */

  // ------------------------------------------------------------------ scheduled runs
  /**
   * Claims a job's day for a region by inserting its row: the unique index lets exactly one caller
   * through, on either database and across servers. A run left 'running' for longer than `staleMs`
   * (a server that died mid-run) may be taken over; its work is idempotent.
   */
  async claimRun(db: Executor, row: JobRunRow, staleBefore: string): Promise<boolean> {
    try {
      await db.insertInto('job_runs').values(row).execute();
      return true;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const r = await db
      .updateTable('job_runs')
      .set({ id: row.id, state: 'running', started_at: row.started_at, finished_at: null, error: null, attempts: sql<number>`attempts + 1` })
      .where('job', '=', row.job)
      .where('run_date', '=', row.run_date)
      .where('region_id', '=', row.region_id)
      .where((eb) => eb.or([eb('state', '=', 'failed'), eb.and([eb('state', '=', 'running'), eb('started_at', '<', staleBefore)])]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async finishRun(db: Executor, id: string, patch: { state: 'done' | 'failed'; finished_at: string; summary_json?: string | null; error?: string | null }): Promise<void> {
    await db.updateTable('job_runs').set(patch).where('id', '=', id).execute();
  },
  async lastRunDate(db: Executor, job: string, regionId: string): Promise<string | null> {
    const r = await db.selectFrom('job_runs').select((eb) => eb.fn.max<string>('run_date').as('d')).where('job', '=', job).where('region_id', '=', regionId).where('state', '=', 'done').executeTakeFirst();
    return r?.d ?? null;
  },
  async listRuns(db: Executor, f: { regionIds: string[] | null; limit: number }): Promise<JobRunRow[]> {
    let q = db.selectFrom('job_runs').selectAll();
    if (f.regionIds) {
      if (!f.regionIds.length) return [];
      q = q.where('region_id', 'in', f.regionIds);
    }
    return q.orderBy('run_date', 'desc').orderBy('started_at', 'desc').limit(f.limit).execute();
  },
};
