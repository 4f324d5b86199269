import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { AssignOrderInput, BatchDTO, BatchTotal } from "../types"

/**
 * Puts orders into a batch, keeping any order that already has one where it
 * is. Raw SQL for `ON CONFLICT DO NOTHING`: the primary key on order_id then
 * makes a redelivered event neither duplicate nor move an assignment, with
 * no check-then-write race. Returns the ids it inserted.
 */
export async function insertBatchOrders(
  trx: Knex,
  batchId: string,
  orders: AssignOrderInput[]
): Promise<string[]> {
  if (!orders.length) {
    return []
  }
  const rows = await trx("order_batch_order")
    .insert(
      orders.map((order) => ({
        order_id: order.order_id,
        batch_id: batchId,
        placed_at: order.placed_at,
        currency_code: order.currency_code ?? null,
        total: order.total ?? null,
        canceled_at: order.canceled_at ?? null,
        raw_total:
          order.total === null || order.total === undefined
            ? null
            : JSON.stringify({ value: String(order.total), precision: 20 }),
      }))
    )
    .onConflict("order_id")
    .ignore()
    .returning("order_id")
  return rows.map((row: { order_id: string }) => row.order_id)
}

export type BatchStats = {
  order_count: number
  canceled_count: number
  /** One entry per currency over the orders that are not canceled. */
  totals: BatchTotal[]
  /** True while some order's total is still being read (orders a close took in). */
  totals_pending: boolean
}

/**
 * Order counts and per-currency totals of each batch. Raw SQL for the
 * aggregate: one grouped query instead of reading every assignment.
 */
export async function statsByBatch(
  knex: Knex,
  batchIds: string[]
): Promise<Map<string, BatchStats>> {
  const stats = new Map<string, BatchStats>(
    batchIds.map((id) => [id, { order_count: 0, canceled_count: 0, totals: [], totals_pending: false }])
  )
  if (!batchIds.length) {
    return stats
  }
  const { rows } = await knex.raw(
    `SELECT batch_id, currency_code,
            count(*) AS count,
            count(*) FILTER (WHERE canceled_at IS NOT NULL) AS canceled,
            count(*) FILTER (WHERE canceled_at IS NULL AND total IS NULL) AS pending,
            sum(total) FILTER (WHERE canceled_at IS NULL) AS amount
       FROM order_batch_order
      WHERE batch_id = ANY (?) AND deleted_at IS NULL
      GROUP BY batch_id, currency_code
      ORDER BY currency_code`,
    [batchIds]
  )
  for (const row of rows as Record<string, string | null>[]) {
    const entry = stats.get(row.batch_id!)!
    entry.order_count += Number(row.count)
    entry.canceled_count += Number(row.canceled)
    entry.totals_pending ||= Number(row.pending) > 0
    if (row.currency_code && Number(row.count) > Number(row.canceled)) {
      entry.totals.push({ currency_code: row.currency_code, amount: Number(row.amount ?? 0) })
    }
  }
  return stats
}

/** Batches with their order counts and totals. */
export async function withStats(
  knex: Knex,
  batches: Omit<BatchDTO, keyof BatchStats>[]
): Promise<BatchDTO[]> {
  const stats = await statsByBatch(knex, batches.map((batch) => batch.id))
  return batches.map((batch) => ({ ...batch, ...stats.get(batch.id)! }))
}
