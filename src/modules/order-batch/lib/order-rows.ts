import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { AssignOrderInput, BatchTotal } from "../types"

const rawTotal = (total: AssignOrderInput["total"]) =>
  total === null || total === undefined
    ? null
    : JSON.stringify({ value: String(total), precision: 20 })

/**
 * Puts orders into a batch. An order that already has one keeps it: the
 * order id is the primary key, so a redelivered event neither duplicates nor
 * moves an assignment. Returns the ids it inserted.
 */
export async function insertBatchOrders(
  knex: Knex,
  batchId: string,
  orders: AssignOrderInput[]
): Promise<string[]> {
  if (!orders.length) {
    return []
  }
  const rows = await knex("order_batch_order")
    .insert(
      orders.map((order) => ({
        order_id: order.order_id,
        batch_id: batchId,
        placed_at: order.placed_at,
        currency_code: order.currency_code ?? null,
        total: order.total ?? null,
        raw_total: rawTotal(order.total),
        source: "placed",
      }))
    )
    .onConflict("order_id")
    .ignore()
    .returning("order_id")
  return rows.map((row: { order_id: string }) => row.order_id)
}

/**
 * Takes every order of the store that has no batch yet into the given batch:
 * orders whose order.placed subscriber has not run or failed, orders created
 * without the event (imports, createOrderWorkflow) and orders from before the
 * plugin was installed. This reads the order module's table directly because
 * only an anti-join inside the rotation's transaction can prove invariant 4
 * (no order is overlooked when a batch closes); it never writes there.
 */
export async function sweepUnassignedOrders(
  knex: Knex,
  batchId: string
): Promise<string[]> {
  const { rows } = await knex.raw(
    `INSERT INTO order_batch_order (order_id, batch_id, placed_at, currency_code, source)
     SELECT o.id, ?, o.created_at, o.currency_code, 'sweep'
       FROM "order" o
      WHERE o.is_draft_order = false
        AND o.deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM order_batch_order a WHERE a.order_id = o.id)
     ON CONFLICT (order_id) DO NOTHING
     RETURNING order_id`,
    [batchId]
  )
  return rows.map((row: { order_id: string }) => row.order_id)
}

export async function findAssignments(
  knex: Knex,
  orderIds: string[]
): Promise<{ order_id: string; batch_id: string; batch_number: number }[]> {
  if (!orderIds.length) {
    return []
  }
  return await knex("order_batch_order as a")
    .join("order_batch as b", "b.id", "a.batch_id")
    .whereIn("a.order_id", orderIds)
    .whereNull("a.deleted_at")
    .select("a.order_id", "a.batch_id", "b.number as batch_number")
}

export async function countBatchOrders(
  knex: Knex,
  batchId: string
): Promise<number> {
  const [{ count }] = await knex("order_batch_order")
    .where("batch_id", batchId)
    .whereNull("deleted_at")
    .count({ count: "*" })
  return Number(count)
}

export async function listBatchOrderIds(
  knex: Knex,
  batchId: string,
  { skip, take }: { skip: number; take: number }
): Promise<[string[], number]> {
  const [rows, count] = await Promise.all([
    knex("order_batch_order")
      .where("batch_id", batchId)
      .whereNull("deleted_at")
      .orderBy([
        { column: "placed_at", order: "asc" },
        { column: "order_id", order: "asc" },
      ])
      .offset(skip)
      .limit(take)
      .select("order_id"),
    countBatchOrders(knex, batchId),
  ])
  return [rows.map((row: { order_id: string }) => row.order_id), count]
}

export type BatchStats = { order_count: number; totals: BatchTotal[] }

/** Order count and per-currency totals of each batch, in one query. */
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

/** Fills in the totals of orders that a close swept in without them, in one statement. */
export async function setOrderTotals(
  knex: Knex,
  totals: { order_id: string; total: number | string }[]
): Promise<void> {
  if (!totals.length) {
    return
  }
  const values = totals.map(() => "(?, ?::numeric)").join(", ")
  await knex.raw(
    `UPDATE order_batch_order a
        SET total = v.total,
            raw_total = jsonb_build_object('value', v.total::text, 'precision', 20),
            updated_at = now()
       FROM (VALUES ${values}) AS v(order_id, total)
      WHERE a.order_id = v.order_id`,
    totals.flatMap(({ order_id, total }) => [order_id, String(total)])
  )
}

/** Up to `take` orders of a batch whose total is not known yet. */
export async function listOrderIdsWithoutTotal(
  knex: Knex,
  batchId: string,
  take: number
): Promise<string[]> {
  const rows = await knex("order_batch_order")
    .where("batch_id", batchId)
    .whereNull("total")
    .whereNull("deleted_at")
    .orderBy("order_id")
    .limit(take)
    .select("order_id")
  return rows.map((row: { order_id: string }) => row.order_id)
}

export async function setUserBatch(
  knex: Knex,
  userId: string,
  batchId: string | null
): Promise<void> {
  await knex("order_batch_user")
    .insert({ user_id: userId, batch_id: batchId, logged_in_at: knex.fn.now() })
    .onConflict("user_id")
    .merge({ batch_id: batchId, logged_in_at: knex.fn.now(), updated_at: knex.fn.now() })
}

export async function findUserBatchId(
  knex: Knex,
  userId: string
): Promise<{ batch_id: string | null } | undefined> {
  return await knex("order_batch_user")
    .where("user_id", userId)
    .whereNull("deleted_at")
    .select("batch_id")
    .first()
}
