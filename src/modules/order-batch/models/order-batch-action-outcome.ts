import { model } from "@medusajs/framework/utils"
import { OrderBatchActionRun } from "./order-batch-action-run"

/**
 * What a run did with one order. The row is written before the order is
 * touched (`processing`) and the unique index lets only one processor claim
 * an order of a run, so a resumed or redelivered run never acts on an order
 * twice; a `processing` row left by a crash is checked against the order's
 * own state when the run resumes.
 */
export const OrderBatchActionOutcome = model
  .define("order_batch_action_outcome", {
    id: model.id({ prefix: "oboc" }).primaryKey(),
    run: model.belongsTo(() => OrderBatchActionRun, { mappedBy: "outcomes" }),
    order_id: model.text(),
    display_id: model.number().nullable(),
    status: model.enum(["processing", "succeeded", "skipped", "failed"]).default("processing"),
    /** Medusa's message for a failure; the reason for a skip. */
    message: model.text().nullable(),
  })
  .indexes([
    { name: "IDX_order_batch_action_outcome_run_order", on: ["run_id", "order_id"], unique: true },
    { name: "IDX_order_batch_action_outcome_run_status", on: ["run_id", "status"] },
  ])
