import { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * The plugin reads one table of another module: Medusa's order module's
 * `"order"`, columns `id`, `created_at`, `currency_code`, `canceled_at`,
 * `is_draft_order` and `deleted_at`. It never writes it; a trigger on it
 * (see the migrations) queues each committed order in
 * `order_batch_pending_order`. A close takes the whole queue in the
 * database (`order_batch_take_queue`, called by `order_batch_rotate`); the
 * reconcile job's drain below takes it a page at a time.
 */

/**
 * Whether an order has waited in the queue longer than `olderThanSeconds`,
 * by the database's clock, the one `drainQueuedOrders` goes by.
 */
export async function hasQueuedOrders(trx: Knex, olderThanSeconds = 0): Promise<boolean> {
  const { rows } = await trx.raw(
    `SELECT EXISTS (SELECT 1 FROM order_batch_pending_order
                     WHERE created_at < now() - make_interval(secs => ?)) AS queued`,
    [olderThanSeconds]
  )
  return rows[0].queued
}

/**
 * Takes the `limit` oldest queued orders that no other transaction is taking
 * into the given (open) batch: orders whose order.placed subscriber has not
 * run or failed, and orders made without the event (imports,
 * createOrderWorkflow). Orders already assigned just leave the queue. One
 * statement, so the queue and the assignments never disagree.
 */
export async function drainQueuedOrders(
  trx: Knex,
  batchId: string,
  { limit, olderThanSeconds = 0 }: { limit: number; olderThanSeconds?: number }
): Promise<string[]> {
  const { rows } = await trx.raw(
    `WITH taken AS (
       DELETE FROM order_batch_pending_order q
        WHERE q.order_id IN (
          SELECT order_id FROM order_batch_pending_order
           WHERE created_at < now() - make_interval(secs => ?)
           ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
       RETURNING q.order_id
     )
     INSERT INTO order_batch_order (order_id, batch_id, placed_at, currency_code, canceled_at)
     SELECT o.id, ?, o.created_at, o.currency_code, o.canceled_at
       FROM taken t JOIN "order" o ON o.id = t.order_id
      WHERE o.is_draft_order = false AND o.deleted_at IS NULL
     ON CONFLICT (order_id) DO NOTHING
     RETURNING order_id`,
    [olderThanSeconds, limit, batchId]
  )
  return rows.map((row: { order_id: string }) => row.order_id)
}
