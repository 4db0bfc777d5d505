import { sql } from 'kysely';
import type { Executor } from '../client.ts';
import type {
  AnnualPublicationRow,
  AnnualReportCommentRow,
  AnnualReportEventRow,
  AnnualReportRow,
  AnnualReportVersionRow,
  AnnualSearchTermRow,
  AnnualSettingsRow,
  ReportRow,
} from '../schema.ts';

export interface AnnualFilter {
  regionId: string;
  year?: number;
  unitId?: string;
  state?: string;
  /** only these scopes (a liaison sees its unit's) */
  scopeKeys?: string[];
  limit: number;
  offset: number;
}

/** What a draft reads of a year's progress reports: the workflow columns and the text. */
export type YearReportRow = Pick<ReportRow, 'id' | 'task_id' | 'unit_id' | 'period_id' | 'role' | 'state' | 'completion' | 'percent' | 'narrative' | 'target_values_json' | 'submitted_at'>;

const chunks = <T>(xs: T[], n = 500): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export const annualRepo = {
  async insert(db: Executor, row: AnnualReportRow): Promise<void> {
    await db.insertInto('annual_reports').values(row).execute();
  },
  async findById(db: Executor, id: string): Promise<AnnualReportRow | undefined> {
    return db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async findByScope(db: Executor, regionId: string, scopeKey: string, year: number): Promise<AnnualReportRow | undefined> {
    return db.selectFrom('annual_reports').selectAll().where('region_id', '=', regionId).where('scope_key', '=', scopeKey).where('year', '=', year).executeTakeFirst();
  },
  async list(db: Executor, f: AnnualFilter): Promise<{ rows: AnnualReportRow[]; total: number }> {
    let q = db.selectFrom('annual_reports').where('region_id', '=', f.regionId);
    if (f.year) q = q.where('year', '=', f.year);
    if (f.unitId) q = q.where('unit_id', '=', f.unitId);
    if (f.state) q = q.where('state', '=', f.state);
    if (f.scopeKeys) {
      if (!f.scopeKeys.length) return { rows: [], total: 0 };
      q = q.where('scope_key', 'in', f.scopeKeys);
    }
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.selectAll().orderBy('year', 'desc').orderBy('unit_id').orderBy('id').limit(f.limit).offset(f.offset).execute();
    return { rows, total };
  },
  /** The workflow columns of a region's reports of a year (the board), without their text. */
  async boardOf(db: Executor, regionId: string, year: number): Promise<Pick<AnnualReportRow, 'id' | 'unit_id' | 'scope_key' | 'state' | 'submitted_at' | 'published_at' | 'body_json'>[]> {
    return db.selectFrom('annual_reports').select(['id', 'unit_id', 'scope_key', 'state', 'submitted_at', 'published_at', 'body_json']).where('region_id', '=', regionId).where('year', '=', year).execute();
  },
  /** Optimistic update; false when the version moved on (or the state is not the one expected). */
  async update(db: Executor, id: string, version: number, patch: Partial<AnnualReportRow>, inState?: string[]): Promise<boolean> {
    let q = db.updateTable('annual_reports').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version);
    if (inState) q = q.where('state', 'in', inState);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async insertVersion(db: Executor, row: AnnualReportVersionRow): Promise<void> {
    await db.insertInto('annual_report_versions').values(row).execute();
  },
  async nextVersionNo(db: Executor, reportId: string): Promise<number> {
    const r = await db.selectFrom('annual_report_versions').select((eb) => eb.fn.max<number>('no').as('m')).where('report_id', '=', reportId).executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },
  async versions(db: Executor, reportId: string): Promise<Omit<AnnualReportVersionRow, 'body_json'>[]> {
    return db.selectFrom('annual_report_versions').select(['id', 'report_id', 'region_id', 'no', 'title', 'note', 'actor_name', 'created_at']).where('report_id', '=', reportId).orderBy('no').execute();
  },
  async findVersion(db: Executor, reportId: string, no: number): Promise<AnnualReportVersionRow | undefined> {
    return db.selectFrom('annual_report_versions').selectAll().where('report_id', '=', reportId).where('no', '=', no).executeTakeFirst();
  },

  async insertEvent(db: Executor, row: AnnualReportEventRow): Promise<void> {
    await db.insertInto('annual_report_events').values(row).execute();
  },
  async events(db: Executor, reportId: string): Promise<AnnualReportEventRow[]> {
    return db.selectFrom('annual_report_events').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
  },

  async insertComment(db: Executor, row: AnnualReportCommentRow): Promise<void> {
    await db.insertInto('annual_report_comments').values(row).execute();
  },
  async comments(db: Executor, reportId: string): Promise<AnnualReportCommentRow[]> {
    return db.selectFrom('annual_report_comments').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
  },
  async findComment(db: Executor, id: string): Promise<AnnualReportCommentRow | undefined> {
    return db.selectFrom('annual_report_comments').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async resolveComment(db: Executor, id: string, at: string, by: string): Promise<boolean> {
    const r = await db.updateTable('annual_report_comments').set({ resolved_at: at, resolved_by_name: by }).where('id', '=', id).where('resolved_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ---------------------------------------------------------------- settings

  async settings(db: Executor, regionId: string): Promise<AnnualSettingsRow | undefined> {
    return db.selectFrom('annual_settings').selectAll().where('region_id', '=', regionId).executeTakeFirst();
  },
  async insertSettings(db: Executor, row: AnnualSettingsRow): Promise<void> {
    await db.insertInto('annual_settings').values(row).execute();
  },
  async updateSettings(db: Executor, regionId: string, version: number, patch: Partial<AnnualSettingsRow>): Promise<boolean> {
    const r = await db.updateTable('annual_settings').set({ ...patch, version: version + 1 }).where('region_id', '=', regionId).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ---------------------------------------------------------------- what a draft is written from

  /** The year's progress reports of the given tasks (in the given periods), with their text. */
  async reportsInPeriods(db: Executor, taskIds: string[], periodIds: string[], unitId?: string): Promise<YearReportRow[]> {
    if (!taskIds.length || !periodIds.length) return [];
    const out: YearReportRow[] = [];
    for (const ids of chunks(taskIds)) {
      let q = db
        .selectFrom('reports')
        .select(['id', 'task_id', 'unit_id', 'period_id', 'role', 'state', 'completion', 'percent', 'narrative', 'target_values_json', 'submitted_at'])
        .where('task_id', 'in', ids)
        .where('period_id', 'in', periodIds);
      if (unitId) q = q.where('unit_id', '=', unitId);
      out.push(...(await q.execute()));
    }
    return out;
  },
  /** Reports returned for revision between two instants, with the reason (the year's 退回). */
  async returnsBetween(db: Executor, regionId: string, from: string, to: string, unitId?: string): Promise<{ event_id: string; report_id: string; task_id: string; unit_id: string; reason: string | null; created_at: string }[]> {
    let q = db
      .selectFrom('report_events')
      .innerJoin('reports', 'reports.id', 'report_events.report_id')
      .select(['report_events.id as event_id', 'report_events.report_id', 'reports.task_id', 'reports.unit_id', 'report_events.reason', 'report_events.created_at'])
      .where('report_events.region_id', '=', regionId)
      .where('report_events.action', '=', 'return')
      .where('report_events.created_at', '>=', from)
      .where('report_events.created_at', '<', to);
    if (unitId) q = q.where('reports.unit_id', '=', unitId);
    return q.orderBy('report_events.id').execute();
  },
  /** 督办单 issued before `to` and not closed by then. */
  async noticesOpenAt(db: Executor, regionId: string, to: string, unitId?: string) {
    let q = db
      .selectFrom('supervision_notices')
      .select(['id', 'number', 'unit_id', 'problem', 'state', 'created_at', 'closed_at'])
      .where('region_id', '=', regionId)
      .where('created_at', '<', to)
      .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', to)]));
    if (unitId) q = q.where('unit_id', '=', unitId);
    return q.orderBy('id').execute();
  },
  /** 警示 raised in the year (rule_date within it). */
  async warningsOfYear(db: Executor, regionId: string, year: number, unitId?: string) {
    let q = db
      .selectFrom('alerts')
      .select(['id', 'year', 'seq', 'rule', 'unit_id', 'task_id', 'title', 'answered_at'])
      .where('region_id', '=', regionId)
      .where('kind', '=', 'warning')
      .where('rule_date', '>=', `${year}-01-01`)
      .where('rule_date', '<=', `${year}-12-31`);
    if (unitId) q = q.where('unit_id', '=', unitId);
    return q.orderBy('id').execute();
  },
  /** What the region's leaders did in the platform in the year: the 督办单 they issued and the 催办 they sent. */
  async leaderActions(db: Executor, regionId: string, from: string, to: string) {
    const notices = await db
      .selectFrom('supervision_notices')
      .innerJoin('users', 'users.id', 'supervision_notices.issuer_id')
      .select(['supervision_notices.id', 'supervision_notices.number', 'supervision_notices.unit_id', 'supervision_notices.problem', 'supervision_notices.issuer_name', 'supervision_notices.created_at'])
      .where('supervision_notices.region_id', '=', regionId)
      .where('users.role', '=', 'leader')
      .where('supervision_notices.created_at', '>=', from)
      .where('supervision_notices.created_at', '<', to)
      .orderBy('supervision_notices.id')
      .execute();
    const chases = await db
      .selectFrom('chases')
      .innerJoin('users', 'users.id', 'chases.created_by')
      .select(['chases.id', 'chases.task_id', 'chases.unit_id', 'chases.message', 'chases.created_by_name', 'chases.created_at'])
      .where('chases.region_id', '=', regionId)
      .where('users.role', '=', 'leader')
      .where('chases.created_at', '>=', from)
      .where('chases.created_at', '<', to)
      .orderBy('chases.id')
      .execute();
    return { notices, chases };
  },

  // ---------------------------------------------------------------- public copies and their index

  async insertPublication(db: Executor, row: AnnualPublicationRow): Promise<void> {
    await db.insertInto('annual_publications').values(row).execute();
  },
  async nextPublicationNo(db: Executor, reportId: string): Promise<number> {
    const r = await db.selectFrom('annual_publications').select((eb) => eb.fn.max<number>('no').as('m')).where('report_id', '=', reportId).executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },
  async supersede(db: Executor, reportId: string, at: string): Promise<string[]> {
    const ids = (await db.selectFrom('annual_publications').select('id').where('report_id', '=', reportId).where('superseded_at', 'is', null).execute()).map((r) => r.id);
    if (!ids.length) return [];
    await db.updateTable('annual_publications').set({ superseded_at: at }).where('id', 'in', ids).execute();
    for (const c of chunks(ids)) await db.deleteFrom('annual_search_terms').where('publication_id', 'in', c).execute();
    return ids;
  },
  async publicationsOf(db: Executor, reportId: string): Promise<Omit<AnnualPublicationRow, 'body_json' | 'plain_text'>[]> {
    return db
      .selectFrom('annual_publications')
      .select(['id', 'report_id', 'region_id', 'unit_id', 'year', 'no', 'title', 'region_name', 'unit_name', 'correction_note', 'published_by_name', 'published_at', 'superseded_at'])
      .where('report_id', '=', reportId)
      .orderBy('no')
      .execute();
  },
  async countPublications(db: Executor, reportIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const c of chunks(reportIds)) {
      const rows = await db.selectFrom('annual_publications').select(['report_id', (eb) => eb.fn.countAll<number>().as('n')]).where('report_id', 'in', c).groupBy('report_id').execute();
      for (const r of rows) out.set(r.report_id, Number(r.n));
    }
    return out;
  },
  async findPublication(db: Executor, reportId: string, no?: number): Promise<AnnualPublicationRow | undefined> {
    let q = db.selectFrom('annual_publications').selectAll().where('report_id', '=', reportId);
    q = no ? q.where('no', '=', no) : q.where('superseded_at', 'is', null);
    return q.orderBy('no', 'desc').executeTakeFirst();
  },
  async insertTerms(db: Executor, rows: AnnualSearchTermRow[]): Promise<void> {
    for (const c of chunks(rows, 400)) await db.insertInto('annual_search_terms').values(c).execute();
  },
  /** The current public copies (newest first), optionally of a region and a year. */
  async listCurrent(db: Executor, f: { regionId?: string; year?: number; limit: number; offset: number }) {
    let q = db.selectFrom('annual_publications').where('superseded_at', 'is', null);
    if (f.regionId) q = q.where('region_id', '=', f.regionId);
    if (f.year) q = q.where('year', '=', f.year);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q
      .select(['id', 'report_id', 'region_id', 'year', 'no', 'title', 'region_name', 'unit_name', 'published_at', 'correction_note', sql<string>`substr(plain_text, 1, 160)`.as('head')])
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { rows, total };
  },
  /**
   * Copies holding every term (AND), best first: the sum of the terms' counts in the copy, then the
   * newest. One pass: the page and the number of matches (a window count over the matches) come from
   * the same grouping, read from the covering index (term, region_id, year, publication_id, tf) alone
   * (0014). Only a page past the last match needs a second query for the count.
   */
  async search(db: Executor, f: { terms: string[]; regionId?: string; year?: number; limit: number; offset: number }): Promise<{ ids: string[]; total: number }> {
    if (!f.terms.length) return { ids: [], total: 0 };
    let q = db.selectFrom('annual_search_terms').where('term', 'in', f.terms);
    if (f.regionId) q = q.where('region_id', '=', f.regionId);
    if (f.year) q = q.where('year', '=', f.year);
    const matched = q
      .select(['publication_id', (eb) => eb.fn.sum<number>('tf').as('score')])
      .groupBy('publication_id')
      .having((eb) => eb.fn.countAll(), '=', f.terms.length);
    const rows = await db
      .selectFrom(matched.as('m'))
      .select(['publication_id', (eb) => eb.fn.countAll<number>().over().as('total')])
      .orderBy('score', 'desc')
      .orderBy('publication_id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    if (rows.length) return { ids: rows.map((r) => r.publication_id), total: Number(rows[0]!.total) };
    if (!f.offset) return { ids: [], total: 0 };
    const total = Number((await db.selectFrom(matched.as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    return { ids: [], total };
  },
  /** The public copies of these ids (what a result shows: everything but the blocks). */
  async publicationsByIds(db: Executor, ids: string[]): Promise<Omit<AnnualPublicationRow, 'body_json'>[]> {
    if (!ids.length) return [];
    return db
      .selectFrom('annual_publications')
      .select(['id', 'report_id', 'region_id', 'unit_id', 'year', 'no', 'title', 'region_name', 'unit_name', 'plain_text', 'correction_note', 'published_by_name', 'published_at', 'superseded_at'])
      .where('id', 'in', ids)
      .execute();
  },
  /** Regions with public copies, and how many per year. */
  async publicYears(db: Executor): Promise<{ region_id: string; region_name: string; year: number; n: number }[]> {
    const rows = await db
      .selectFrom('annual_publications')
      .select(['region_id', 'region_name', 'year', (eb) => eb.fn.countAll<number>().as('n')])
      .where('superseded_at', 'is', null)
      .groupBy(['region_id', 'region_name', 'year'])
      .orderBy('region_name')
      .orderBy('year', 'desc')
      .execute();
    return rows.map((r) => ({ ...r, year: Number(r.year), n: Number(r.n) }));
  },
  /** The newest public copies (corrections included), for the feed. */
  async recentPublications(db: Executor, f: { regionId?: string; limit: number }) {
    let q = db.selectFrom('annual_publications').select(['id', 'report_id', 'no', 'title', 'region_name', 'unit_name', 'year', 'published_at', 'correction_note', sql<string>`substr(plain_text, 1, 300)`.as('head')]);
    if (f.regionId) q = q.where('region_id', '=', f.regionId);
    return q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  },
};
