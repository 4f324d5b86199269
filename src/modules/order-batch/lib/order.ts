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

/** `"order"` rows the plugin takes, as `o`: committed orders, not drafts, not deleted. */
export const TAKEN = `o.is_draft_order = false AND o.deleted_at IS NULL`

/** A CTE `scanned`: the ids of the next chunk of `"order"` by primary key, after `after`, `limit` of them (placeholders). */
export const scannedChunk = (after = "?", limit = "?") =>
  `scanned AS (SELECT o.id FROM "order" o WHERE o.id > ${after} ORDER BY o.id LIMIT ${limit})`

/** What a chunk statement answers, with a CTE `inserted` of the rows it wrote. */
export const CHUNK_RESULT = `max(id) AS last, count(*)::int AS scanned, (SELECT count(*)::int FROM inserted) AS written FROM scanned`

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
      WHERE ${TAKEN}
     ON CONFLICT (order_id) DO NOTHING
     RETURNING order_id`,
    [olderThanSeconds, limit, batchId]
  )
  return rows.map((row: { order_id: string }) => row.order_id)
}

type Chunk = { last: string | null; scanned: number; written: number }

/**
 * Runs `statement` over the whole of `"order"`, a chunk at a time in the
 * order of its primary key, each chunk a statement of its own that takes no
 * lock an insert waits for; returns how many rows the statements wrote.
 */
export async function forEachOrderChunk(
  statement: (after: string, chunk: number) => Promise<Chunk>,
  chunk = 10_000
): Promise<number> {
  let after = ""
  let written = 0
  for (;;) {
    const result = await statement(after, chunk)
    written += result.written
    if (result.scanned < chunk) {
      return written
    }
    after = result.last!
  }
}
