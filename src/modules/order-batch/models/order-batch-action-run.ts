import { model } from "@medusajs/framework/utils"
import { OrderBatchActionOutcome } from "./order-batch-action-outcome"

/**
 * One run of a batch action (fulfill, ship or capture every order of a
 * closed batch), worked through in the background. The partial unique index
 * makes the database refuse a second running run of the same action on a
 * batch, whoever asks at the same moment. The counters move with each
 * order's outcome, in the same statement, and a check constraint holds
 * them to the total: a completed run has an outcome for every order.
 */
export const OrderBatchActionRun = model
  .define("order_batch_action_run", {
    id: model.id({ prefix: "obrun" }).primaryKey(),
    batch_id: model.text(),
    /** Batch numbers never change; kept here so a run reads without its batch. */
    batch_number: model.number(),
    action: model.enum(["fulfill", "ship", "capture"]),
    status: model.enum(["running", "completed", "failed"]).default("running"),
    /** The batch's orders when the run started (a closed batch keeps them). */
    total: model.number().default(0),
    succeeded: model.number().default(0),
    skipped: model.number().default(0),
    failed_count: model.number().default(0),
    /** Touched by every claim, settle and lease renewal; a running run whose heartbeat is old lost its processors. */
    heartbeat_at: model.dateTime(),
    started_by: model.text().nullable(),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    /** Why a run failed as a whole (one order's failure is an outcome instead). */
    error: model.text().nullable(),
    outcomes: model.hasMany(() => OrderBatchActionOutcome, { mappedBy: "run" }),
  })
  .indexes([
    {
      name: "IDX_order_batch_action_run_one_running",
      on: ["batch_id", "action"],
      unique: true,
      where: "status = 'running'",
    },
    { name: "IDX_order_batch_action_run_batch_started", on: ["batch_id", "started_at"] },
    { name: "IDX_order_batch_action_run_status_heartbeat", on: ["status", "heartbeat_at"] },
  ])
  .checks([
    {
      name: "order_batch_action_run_counts",
      expression: "succeeded + skipped + failed_count <= total AND (status = 'running' OR succeeded + skipped + failed_count = total)",
    },
  ])
