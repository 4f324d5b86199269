import { model } from "@medusajs/framework/utils"

/**
 * Orders the store committed that no close has looked at yet. PostgreSQL
 * fills it in the order's own transaction (a trigger on Medusa's `order`
 * table, see the migrations), so a close reads only what arrived since the
 * last one, whatever path the order took: checkout, draft conversion,
 * `createOrderWorkflow`, a plain SQL import.
 */
export const OrderBatchPendingOrder = model.define("order_batch_pending_order", {
  order_id: model.text().primaryKey(),
})
