import { model } from "@medusajs/framework/utils"
import { OrderBatch } from "./order-batch"

/**
 * An order's place in a batch. The order id is the primary key, so the
 * database itself keeps every order in at most one batch.
 */
export const OrderBatchOrder = model
  .define("order_batch_order", {
    order_id: model.text().primaryKey(),
    batch: model.belongsTo(() => OrderBatch, { mappedBy: "orders" }),
    /** When the order was placed; a batch lists its orders by it. */
    placed_at: model.dateTime(),
    currency_code: model.text().nullable(),
    /** The order's total, for the batch's totals; null until a swept order's total is read. */
    total: model.bigNumber().nullable(),
    /** Set when the order is canceled; it stays in its batch, left out of totals and picking. */
    canceled_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_order_batch_order_batch_placed", on: ["batch_id", "placed_at"] },
    // The reconcile job looks for missing totals every minute: it must not read the whole history to find none.
    { name: "IDX_order_batch_order_total_missing", on: ["order_id"], where: "total IS NULL" },
  ])
