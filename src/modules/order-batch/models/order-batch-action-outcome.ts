import { model } from "@medusajs/framework/utils"
import { OrderBatchActionRun } from "./order-batch-action-run"

/**
 * What a run did with one order. A run writes one `pending` row per order
 * of its batch when it starts, so an order can never be left out. A
 * processor takes rows with a conditional write (`claimed`, its `owner`, a
 * `lease_until`) that only one processor can win, marks a row `processing`
 * just before it acts, and renews its lease while it lives. A row whose
 * owner died is taken over once its lease lapses: a `claimed` one is acted
 * on by the new owner, a `processing` one only read (the action may have
 * happened without Medusa recording it), never acted on again.
 */
export const OrderBatchActionOutcome = model
  .define("order_batch_action_outcome", {
    id: model.id({ prefix: "oboc" }).primaryKey(),
    run: model.belongsTo(() => OrderBatchActionRun, { mappedBy: "outcomes" }),
    order_id: model.text(),
    /** The order's place in its batch, oldest first: the order a run works in. */
    position: model.number().default(0),
    display_id: model.number().nullable(),
    status: model.enum(["pending", "claimed", "processing", "succeeded", "skipped", "failed"]).default("pending"),
    /** Medusa's message for a failure; the reason for a skip. */
    message: model.text().nullable(),
    /** The processor that holds the row, while it is claimed or processing. */
    owner: model.text().nullable(),
    lease_until: model.dateTime().nullable(),
    /** Times the row was taken: a row whose owners keep dying is failed, not retried forever. */
    claims: model.number().default(0),
  })
  .indexes([
    { name: "IDX_order_batch_action_outcome_run_order", on: ["run_id", "order_id"], unique: true },
    { name: "IDX_order_batch_action_outcome_run_status", on: ["run_id", "status"] },
    // What is left of a run, in its order: it shrinks as the run goes, so a claim costs the same at any size.
    {
      name: "IDX_order_batch_action_outcome_unsettled",
      on: ["run_id", "position"],
      where: "status IN ('pending', 'claimed', 'processing')",
    },
  ])
