import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { BATCH_LOCK_KEY, NEW_BATCH_LOCK_KEY } from "./locks"
import { CHUNK_RESULT, forEachOrderChunk, scannedChunk, TAKEN } from "./order"

type Connection = { query(text: string, params?: unknown[]): Promise<{ rows: any[] }> }

/** An order committed before the queue trigger existed, that has no batch and is not queued. */
const BEFORE_TRIGGER = `${TAKEN}
  AND NOT EXISTS (SELECT 1 FROM order_batch_pending_order q WHERE q.order_id = o.id)
  AND NOT EXISTS (SELECT 1 FROM order_batch_order a WHERE a.order_id = o.id)`

/**
 * Puts a store's history into one batch of its own when the plugin is
 * installed into a store that has orders and no batch yet: batch
 * `firstBatchNumber`, closed with `close_reason: "install"`, which no login
 * makes anyone's current batch. So the first batch that a login closes is
 * the orders placed since the install, not years of history, and every
 * order is still in a batch.
 *
 * Run once the queue trigger exists: an order committed before it is found
 * here (it is not queued), one committed after it is queued and goes to the
 * open batch. The batch is closed to new orders from the start and filled a
 * chunk at a time, each chunk its own statement; only then is it sealed
 * (`closed_at`), after which the guards refuse any change to it. Meanwhile a
 * session-level shared advisory lock keeps every close waiting (a login
 * gives up after its 5 s and goes through without one), so no close can
 * overtake orders not yet filled in; assignments take the same lock shared
 * and go on. A fill that was stopped is resumed by the next run.
 *
 * Returns the batch's number and the orders it took, or null where there
 * was nothing to do (batches exist already, or the store has no orders).
 */
export async function fillInstallBatch(
  knex: Knex,
  { firstBatchNumber }: { firstBatchNumber: number }
): Promise<{ number: number; orders: number } | null> {
  const connection: Connection = await knex.client.acquireConnection()
  try {
    await connection.query(`SET lock_timeout = 15000`)
    await connection.query(`SELECT pg_advisory_lock_shared($1)`, [BATCH_LOCK_KEY])
    try {
      const batch = await findOrCreateInstallBatch(connection, firstBatchNumber)
      if (!batch) {
        return null
      }
      const orders = await forEachOrderChunk(async (after, chunk) => {
        const { rows } = await connection.query(
          `WITH ${scannedChunk("$1", "$2")}, inserted AS (
             INSERT INTO order_batch_order (order_id, batch_id, placed_at, currency_code, canceled_at)
             SELECT o.id, $3, o.created_at, o.currency_code, o.canceled_at
               FROM scanned s JOIN "order" o ON o.id = s.id
              WHERE ${BEFORE_TRIGGER}
             ON CONFLICT (order_id) DO NOTHING
             RETURNING 1
           )
           SELECT ${CHUNK_RESULT}`,
          [after, chunk, batch.id]
        )
        return rows[0]
      })
      await connection.query(`UPDATE order_batch SET closed_at = now(), updated_at = now() WHERE id = $1`, [batch.id])
      return { number: batch.number, orders }
    } finally {
      await connection.query(`SELECT pg_advisory_unlock_shared($1)`, [BATCH_LOCK_KEY])
    }
  } finally {
    await connection.query(`RESET lock_timeout`).catch(() => undefined)
    await knex.client.releaseConnection(connection)
  }
}

/**
 * The install batch still to fill (a fill that was stopped), or a new one
 * where the store has no batch and has orders from before the trigger.
 * Serialised with the creation of a store's first open batch.
 */
async function findOrCreateInstallBatch(connection: Connection, firstBatchNumber: number) {
  await connection.query("BEGIN")
  try {
    await connection.query(`SELECT pg_advisory_xact_lock($1)`, [NEW_BATCH_LOCK_KEY])
    const { rows: unsealed } = await connection.query(
      `SELECT id, number FROM order_batch WHERE close_reason = 'install' AND closed_at IS NULL AND deleted_at IS NULL`
    )
    let batch: { id: string; number: number } | null = unsealed[0] ?? null
    if (!batch) {
      const { rows } = await connection.query(
        `SELECT NOT EXISTS (SELECT 1 FROM order_batch) AND EXISTS (SELECT 1 FROM "order" o WHERE ${BEFORE_TRIGGER}) AS fill`
      )
      if (rows[0].fill) {
        batch = { id: generateEntityId(undefined, "obat"), number: firstBatchNumber }
        await connection.query(
          `INSERT INTO order_batch (id, number, status, opened_at, close_reason) VALUES ($1, $2, 'closed', now(), 'install')`,
          [batch.id, batch.number]
        )
      }
    }
    await connection.query("COMMIT")
    return batch
  } catch (error) {
    await connection.query("ROLLBACK")
    throw error
  }
}
