import type { Kysely } from 'kysely';

/**
 * Notifications: the in-app inbox (one row per user and message, deduplicated per user), each user's
 * channel preferences and quiet hours, the region's group robots (webhooks), and the outbox of
 * deliveries (email, webhook) that a worker sends with retries and backoff. A delivery is written in the
 * same transaction as the action that caused it, so nothing is sent for an action that rolled back and
 * nothing is lost when a channel is down: it waits in the outbox.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_dedupe').unique().on('notifications').columns(['user_id', 'dedupe_key']).execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute();

  await db.schema
    .createTable('notification_prefs')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('email_enabled', 'integer', (c) => c.notNull())
    /** kinds the user does not want by email, JSON array */
    .addColumn('email_muted_json', 'text', (c) => c.notNull())
    /** 'HH:MM' in China Standard Time, or null: no quiet hours */
    .addColumn('quiet_start', 'text')
    .addColumn('quiet_end', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull()) // generic | dingtalk | wecom
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    /** kinds sent to this robot, JSON array (empty: all) */
    .addColumn('kinds_json', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhooks_region').on('webhooks').column('region_id').execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('channel', 'text', (c) => c.notNull()) // email | webhook
    /** the address, or the webhook's id */
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // pending | sending | sent | failed
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deliveries_dedupe').unique().on('deliveries').columns(['channel', 'target', 'dedupe_key']).execute();
  await db.schema.createIndex('deliveries_due').on('deliveries').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('deliveries_region').on('deliveries').columns(['region_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['deliveries', 'webhooks', 'notification_prefs', 'notifications']) await db.schema.dropTable(t).execute();
}
