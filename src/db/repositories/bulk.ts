import type { Insertable } from 'kysely';
import type { Executor } from '../client.ts';
import type { Database } from '../schema.ts';

/** Table names whose rows are written in bulk by the data generator. */
type BulkTable = 'reports' | 'report_events' | 'blobs' | 'uploads' | 'report_files' | 'units' | 'plans' | 'tasks' | 'plan_headings' | 'task_owners' | 'task_deadlines' | 'assignments' | 'regions';

export const bulkRepo = {
  /**
   * Multi-row INSERTs of many rows, as many per statement as the bound-parameter limits allow on
   * both databases (SQLite 32,766, PostgreSQL 65,535): how generated province-scale data is loaded
   * in seconds rather than one row at a time.
   */
  async insert<T extends BulkTable>(db: Executor, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
    if (!rows.length) return;
    const per = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    for (let i = 0; i < rows.length; i += per) await db.insertInto(table).values(rows.slice(i, i + per) as any).execute();
  },
};
