import { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * The plugin's one read of another module's table: Medusa's order module's
 * `"order"`, columns `id`, `created_at`, `currency_code`, `is_draft_order`
 * and `deleted_at`. It is never written.
 *
 * Takes every order of the store that has no batch yet into the given batch:
 * orders whose order.placed subscriber has not run or failed, orders made
 * without the event (imports, createOrderWorkflow) and orders from before the
 * plugin was installed. Raw SQL because only an anti-join inside the
 * rotation's transaction can prove that no order is overlooked at a close.
 * Returns the ids it took in; their totals are read afterwards.
 */
export async function sweepUnassignedOrders(
  trx: Knex,
  batchId: string
): Promise<string[]> {
  const { rows } = await trx.raw(
    `INSERT INTO order_batch_order (order_id, batch_id, placed_at, currency_code)
     SELECT o.id, ?, o.created_at, o.currency_code
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
