import type { Executor } from '../client.ts';
import type { RegionRow } from '../schema.ts';

export const regionsRepo = {
  async list(db: Executor): Promise<RegionRow[]> {
    return db.selectFrom('regions').selectAll().orderBy('sort_order').orderBy('name').execute();
  },
  async findById(db: Executor, id: string): Promise<RegionRow | undefined> {
    return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async findByName(db: Executor, name: string, parentId: string | null): Promise<RegionRow | undefined> {
    let q = db.selectFrom('regions').selectAll().where('name', '=', name);
    q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
    return q.executeTakeFirst();
  },
  async insert(db: Executor, row: RegionRow): Promise<void> {
    await db.insertInto('regions').values(row).execute();
  },
  async count(db: Executor): Promise<number> {
    const r = await db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
