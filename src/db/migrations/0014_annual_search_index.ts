import type { Kysely } from 'kysely';
import { vacuumDefaults, vacuumEarly } from '../dialect/maintenance.ts';

/**
 * Portal search reads, for each word of a query, the (copy, count) pairs of every public copy holding
 * it, optionally of one region and year, and adds the counts up per copy. The primary key (term,
 * publication_id) found the rows but each row's count, region and year were then read from the table,
 * one page per copy. This index holds all of them in its key, in the order the filters narrow
 * (term, then region, then year), so the search reads the index alone — a covering index, the same
 * DDL on SQLite and PostgreSQL; building it indexes every row already published. On PostgreSQL,
 * autovacuum is asked to keep the table's visibility map current, which index-only scans need.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('annual_search_terms_cover').on('annual_search_terms').columns(['term', 'region_id', 'year', 'publication_id', 'tf']).execute();
  await vacuumEarly(db, 'annual_search_terms');
}

export async function down(db: Kysely<any>): Promise<void> {
  await vacuumDefaults(db, 'annual_search_terms');
  await db.schema.dropIndex('annual_search_terms_cover').execute();
}
