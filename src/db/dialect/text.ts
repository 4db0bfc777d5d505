import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Case-insensitive substring match that behaves the same on SQLite and PostgreSQL:
 * LIKE with an explicit ESCAPE (SQLite has no default escape character) over lower() on
 * both sides (PostgreSQL's LIKE is case-sensitive, SQLite's is not). A user's % and _
 * are matched literally.
 */
export function containsText(column: string, needle: string): RawBuilder<SqlBool> {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
