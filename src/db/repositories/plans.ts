import type { Executor } from '../client.ts';
import type {
  AssignmentRow,
  PlanHeadingRow,
  PlanImportRow,
  PlanMechanismRow,
  PlanRow,
  PlanVersionRow,
  TaskDeadlineRow,
  TaskOwnerRow,
  TaskRow,
  TaskTargetRow,
} from '../schema.ts';

/** Inserts in chunks, so a plan of hundreds of tasks stays under SQLite's parameter limit. */
async function insertChunks<T extends Record<string, unknown>>(db: Executor, table: 'plan_headings' | 'tasks' | 'task_owners' | 'task_deadlines' | 'task_targets' | 'plan_mechanisms' | 'assignments', rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await db.insertInto(table).values(rows.slice(i, i + 200) as any).execute();
  }
}

export const plansRepo = {
  async insert(db: Executor, row: PlanRow): Promise<void> {
    await db.insertInto('plans').values(row).execute();
  },
  async findById(db: Executor, id: string): Promise<PlanRow | undefined> {
    return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async list(db: Executor, regionId: string): Promise<(PlanRow & { task_count: number })[]> {
    const rows = await db
      .selectFrom('plans')
      .selectAll('plans')
      .select((eb) => eb.selectFrom('tasks').select(eb.fn.countAll<number>().as('n')).whereRef('tasks.plan_id', '=', 'plans.id').where('tasks.active', '=', 1).as('task_count'))
      .where('plans.region_id', '=', regionId)
      .orderBy('plans.created_at', 'desc')
      .execute();
    return rows.map((r) => ({ ...r, task_count: Number(r.task_count ?? 0) }));
  },
  async update(db: Executor, id: string, patch: Partial<PlanRow>): Promise<void> {
    await db.updateTable('plans').set(patch).where('id', '=', id).execute();
  },

  // versions
  async insertVersion(db: Executor, row: PlanVersionRow): Promise<void> {
    await db.insertInto('plan_versions').values(row).execute();
  },
  async versions(db: Executor, planId: string): Promise<Omit<PlanVersionRow, 'source_text' | 'draft_json'>[]> {
    return db
      .selectFrom('plan_versions')
      .select(['id', 'plan_id', 'region_id', 'version_no', 'label', 'draft', 'doc_number', 'issuer', 'issued_on', 'source_file', 'source_sha256', 'source_format', 'changes_json', 'created_by', 'created_at'])
      .where('plan_id', '=', planId)
      .orderBy('version_no')
      .execute();
  },
  async findVersion(db: Executor, id: string): Promise<PlanVersionRow | undefined> {
    return db.selectFrom('plan_versions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async findVersionBySha(db: Executor, regionId: string, sha: string): Promise<PlanVersionRow | undefined> {
    return db.selectFrom('plan_versions').selectAll().where('region_id', '=', regionId).where('source_sha256', '=', sha).orderBy('created_at', 'desc').executeTakeFirst();
  },

  // outline
  async replaceHeadings(db: Executor, planId: string, rows: PlanHeadingRow[]): Promise<void> {
    await db.deleteFrom('plan_headings').where('plan_id', '=', planId).execute();
    await insertChunks(db, 'plan_headings', rows);
  },
  async headings(db: Executor, planId: string): Promise<PlanHeadingRow[]> {
    return db.selectFrom('plan_headings').selectAll().where('plan_id', '=', planId).orderBy('sort_order').execute();
  },

  // tasks
  async insertTasks(db: Executor, rows: TaskRow[]): Promise<void> {
    await insertChunks(db, 'tasks', rows);
  },
  async updateTask(db: Executor, id: string, patch: Partial<TaskRow>): Promise<void> {
    await db.updateTable('tasks').set(patch).where('id', '=', id).execute();
  },
  async tasks(db: Executor, planId: string, opts: { includeInactive?: boolean } = {}): Promise<TaskRow[]> {
    let q = db.selectFrom('tasks').selectAll().where('plan_id', '=', planId);
    if (!opts.includeInactive) q = q.where('active', '=', 1);
    return q.orderBy('seq').execute();
  },
  async findTask(db: Executor, id: string): Promise<TaskRow | undefined> {
    return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  },

  // printed owners, deadlines, targets: replaced as a whole per task
  async replaceTaskDetails(
    db: Executor,
    taskIds: string[],
    rows: { owners: TaskOwnerRow[]; deadlines: TaskDeadlineRow[]; targets: TaskTargetRow[] },
  ): Promise<void> {
    for (let i = 0; i < taskIds.length; i += 200) {
      const ids = taskIds.slice(i, i + 200);
      await db.deleteFrom('task_owners').where('task_id', 'in', ids).execute();
      await db.deleteFrom('task_deadlines').where('task_id', 'in', ids).execute();
      await db.deleteFrom('task_targets').where('task_id', 'in', ids).execute();
    }
    await insertChunks(db, 'task_owners', rows.owners);
    await insertChunks(db, 'task_deadlines', rows.deadlines);
    await insertChunks(db, 'task_targets', rows.targets);
  },
  async ownersOfPlan(db: Executor, planId: string): Promise<TaskOwnerRow[]> {
    return db.selectFrom('task_owners').innerJoin('tasks', 'tasks.id', 'task_owners.task_id').selectAll('task_owners').where('tasks.plan_id', '=', planId).orderBy('task_owners.sort_order').execute();
  },
  async deadlinesOfPlan(db: Executor, planId: string): Promise<TaskDeadlineRow[]> {
    return db.selectFrom('task_deadlines').innerJoin('tasks', 'tasks.id', 'task_deadlines.task_id').selectAll('task_deadlines').where('tasks.plan_id', '=', planId).orderBy('task_deadlines.sort_order').execute();
  },
  async targetsOfPlan(db: Executor, planId: string): Promise<TaskTargetRow[]> {
    return db.selectFrom('task_targets').innerJoin('tasks', 'tasks.id', 'task_targets.task_id').selectAll('task_targets').where('tasks.plan_id', '=', planId).orderBy('task_targets.sort_order').execute();
  },

  async replaceMechanisms(db: Executor, planId: string, rows: PlanMechanismRow[]): Promise<void> {
    await db.deleteFrom('plan_mechanisms').where('plan_id', '=', planId).execute();
    await insertChunks(db, 'plan_mechanisms', rows);
  },
  async mechanisms(db: Executor, planId: string): Promise<PlanMechanismRow[]> {
    return db.selectFrom('plan_mechanisms').selectAll().where('plan_id', '=', planId).orderBy('line').execute();
  },

  // task-scoped reads, for pages about a few tasks (the inbox, the task page)
  async tasksByIds(db: Executor, ids: string[]): Promise<TaskRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('tasks').selectAll().where('id', 'in', ids).orderBy('seq').execute();
  },
  async deadlinesOfTasks(db: Executor, ids: string[]): Promise<TaskDeadlineRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('task_deadlines').selectAll().where('task_id', 'in', ids).orderBy('sort_order').execute();
  },
  async ownersOfTasks(db: Executor, ids: string[]): Promise<TaskOwnerRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('task_owners').selectAll().where('task_id', 'in', ids).orderBy('sort_order').execute();
  },
  async targetsOfTasks(db: Executor, ids: string[]): Promise<TaskTargetRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('task_targets').selectAll().where('task_id', 'in', ids).orderBy('sort_order').execute();
  },
  async assignmentsOfTasks(db: Executor, ids: string[]): Promise<AssignmentRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('assignments').selectAll().where('task_id', 'in', ids).where('active', '=', 1).execute();
  },
  /** A unit's active assignments on active tasks. */
  async assignmentsOfUnit(db: Executor, unitId: string): Promise<(AssignmentRow & { plan_id: string })[]> {
    return db
      .selectFrom('assignments')
      .innerJoin('tasks', 'tasks.id', 'assignments.task_id')
      .selectAll('assignments')
      .select('tasks.plan_id')
      .where('assignments.unit_id', '=', unitId)
      .where('assignments.active', '=', 1)
      .where('tasks.active', '=', 1)
      .execute();
  },

  // assignments
  async assignmentsOfPlan(db: Executor, planId: string): Promise<AssignmentRow[]> {
    return db.selectFrom('assignments').innerJoin('tasks', 'tasks.id', 'assignments.task_id').selectAll('assignments').where('tasks.plan_id', '=', planId).execute();
  },
  async findAssignment(db: Executor, id: string): Promise<AssignmentRow | undefined> {
    return db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertAssignments(db: Executor, rows: AssignmentRow[]): Promise<void> {
    await insertChunks(db, 'assignments', rows);
  },
  async updateAssignment(db: Executor, id: string, patch: Partial<AssignmentRow>): Promise<void> {
    await db.updateTable('assignments').set(patch).where('id', '=', id).execute();
  },

  // pending imports
  async insertImport(db: Executor, row: PlanImportRow): Promise<void> {
    await db.insertInto('plan_imports').values(row).execute();
  },
  async findImport(db: Executor, id: string): Promise<PlanImportRow | undefined> {
    return db.selectFrom('plan_imports').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async setImportStatus(db: Executor, id: string, status: string, planId: string | null): Promise<boolean> {
    const r = await db.updateTable('plan_imports').set({ status, plan_id: planId }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
