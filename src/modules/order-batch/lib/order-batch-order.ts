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

export type BatchStats = { order_count: number; totals: BatchTotal[] }

/**
 * Order count and per-currency totals of each batch. Raw SQL for the
 * aggregate: one grouped query instead of reading every assignment.
 */
export async function statsByBatch(
  knex: Knex,
  batchIds: string[]
): Promise<Map<string, BatchStats>> {
  const stats = new Map<string, BatchStats>(
    batchIds.map((id) => [id, { order_count: 0, totals: [] }])
  )
  if (!batchIds.length) {
    return stats
  }
  const rows: {
    batch_id: string
    currency_code: string | null
    count: string
    amount: string | null
  }[] = await knex("order_batch_order")
    .whereIn("batch_id", batchIds)
    .whereNull("deleted_at")
    .groupBy("batch_id", "currency_code")
    .orderBy("currency_code")
    .select("batch_id", "currency_code")
    .count({ count: "*" })
    .sum({ amount: "total" })
  for (const row of rows) {
    const entry = stats.get(row.batch_id)!
    entry.order_count += Number(row.count)
    if (row.currency_code) {
      entry.totals.push({
        currency_code: row.currency_code,
        amount: Number(row.amount ?? 0),
      })
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
