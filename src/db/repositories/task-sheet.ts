import type { Executor } from '../client.ts';
import type { TaskSheetImportRow } from '../schema.ts';

/** Pending 任务分解表 imports (the office confirms them, then they are applied at once). */
export const taskSheetRepo = {
  async insert(db: Executor, row: TaskSheetImportRow): Promise<void> {
    await db.insertInto('task_sheet_imports').values(row).execute();
  },
  async findById(db: Executor, id: string): Promise<TaskSheetImportRow | undefined> {
    return db.selectFrom('task_sheet_imports').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Claims a pending import: false when it was already applied or cancelled (a double submit). */
  async claim(db: Executor, id: string, status: 'applied' | 'cancelled', at: string): Promise<boolean> {
    const r = await db.updateTable('task_sheet_imports').set({ status, applied_at: at }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async tasksByIdsAnyPlan(db: Executor, ids: string[]): Promise<{ id: string; plan_id: string }[]> {
    const out: { id: string; plan_id: string }[] = [];
    for (let i = 0; i < ids.length; i += 500) out.push(...(await db.selectFrom('tasks').select(['id', 'plan_id']).where('id', 'in', ids.slice(i, i + 500)).execute()));
    return out;
  },
  /** Bumps a task's version only if it is still the one the sheet was read against. */
  async updateTaskVersioned(db: Executor, id: string, version: number, patch: { text?: string; updated_at: string }): Promise<boolean> {
    const r = await db.updateTable('tasks').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
