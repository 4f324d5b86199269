import { model } from "@medusajs/framework/utils"
import { OrderBatchOrder } from "./order-batch-order"

/**
 * A numbered set of orders. Exactly one batch is open and receives new
 * orders; the partial unique index makes the database refuse a second one.
 */
export const OrderBatch = model
  .define("order_batch", {
    id: model.id({ prefix: "obat" }).primaryKey(),
    number: model.number(),
    status: model.enum(["open", "closed"]).default("open"),
    opened_at: model.dateTime(),
    closed_at: model.dateTime().nullable(),
    /** Id of the actor (user or API key) whose login or request closed it. */
    closed_by: model.text().nullable(),
    close_reason: model.enum(["login", "manual", "schedule", "install"]).nullable(),
    printed_at: model.dateTime().nullable(),
    printed_by: model.text().nullable(),
    exported_at: model.dateTime().nullable(),
    exported_by: model.text().nullable(),
    orders: model.hasMany(() => OrderBatchOrder, { mappedBy: "batch" }),
  })
  .indexes([
    { name: "IDX_order_batch_number_unique", on: ["number"], unique: true },
    {
      name: "IDX_order_batch_one_open",
      on: ["status"],
      unique: true,
      where: "status = 'open'",
    },
  ])
