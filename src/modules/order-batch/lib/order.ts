import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { QUEUE_HOLDS_SQL } from "./queue-trigger"

/**
 * The plugin's one read of another module's table: Medusa's order module's
 * `"order"`, columns `id`, `created_at`, `currency_code`, `canceled_at`,
 * `is_draft_order` and `deleted_at`. It is never written; a trigger on it
 * (see the migrations) queues each committed order in
 * `order_batch_pending_order`.
 *
 * Takes queued orders that have no batch yet into the given batch: orders
 * whose order.placed subscriber has not run or failed, orders made without
 * the event (imports, createOrderWorkflow) and orders from before the plugin
 * was installed. Orders already assigned just leave the queue. Raw SQL
 * because the queue is emptied and the orders assigned in one statement
 * inside the caller's transaction: a close proves that no order is
 * overlooked, and its cost is the orders queued since the last close, never
 * the store's history.
 *
 * `limit` takes only that many of the oldest queued orders that no other
 * transaction is taking (a background drain); without it, all of them.
 *
 * Where the trigger is missing or disabled (the start-up check says so), or
 * an install batch's fill was stopped, a close without `limit` also takes
 * every order of the store that has no batch: exact, at the cost of
 * reading the history, until the trigger is restored or the fill resumed. With the trigger there, PostgreSQL evaluates that
 * condition once and reads nothing more.
 */
/**
 * Whether an order has waited in the queue longer than `olderThanSeconds`,
 * by the database's clock, the one `takeQueuedOrders` goes by.
 */
export async function hasQueuedOrders(trx: Knex, olderThanSeconds = 0): Promise<boolean> {
  const { rows } = await trx.raw(
    `SELECT EXISTS (SELECT 1 FROM order_batch_pending_order
                     WHERE created_at < now() - make_interval(secs => ?)) AS queued`,
    [olderThanSeconds]
  )
  return rows[0].queued
}

export async function takeQueuedOrders(
  trx: Knex,
  batchId: string,
  { limit, olderThanSeconds }: { limit?: number; olderThanSeconds?: number } = {}
): Promise<string[]> {
  const some = limit !== undefined
  const { rows } = await trx.raw(
    `WITH taken AS (
       DELETE FROM order_batch_pending_order q
        ${some ? `WHERE q.order_id IN (
          SELECT order_id FROM order_batch_pending_order
           WHERE created_at < now() - make_interval(secs => ?)
           ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)` : ""}
       RETURNING q.order_id
     )${some ? "" : `, unqueued AS (
       SELECT o.id AS order_id FROM "order" o
        WHERE NOT ${QUEUE_HOLDS_SQL}
          AND NOT EXISTS (SELECT 1 FROM order_batch_order a WHERE a.order_id = o.id)
     )`}
     INSERT INTO order_batch_order (order_id, batch_id, placed_at, currency_code, canceled_at)
     SELECT o.id, ?, o.created_at, o.currency_code, o.canceled_at
       FROM (SELECT order_id FROM taken${some ? "" : " UNION ALL SELECT order_id FROM unqueued"}) t
       JOIN "order" o ON o.id = t.order_id
      WHERE o.is_draft_order = false AND o.deleted_at IS NULL
     ON CONFLICT (order_id) DO NOTHING
     RETURNING order_id`,
    [...(some ? [olderThanSeconds ?? 0, limit] : []), batchId]
  )
  return rows.map((row: { order_id: string }) => row.order_id)
}
