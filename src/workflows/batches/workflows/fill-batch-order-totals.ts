import {
  createWorkflow,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { fillBatchOrderTotalsStep, FillBatchOrderTotalsStepOutput } from "../steps"

export const fillBatchOrderTotalsWorkflowId = "fill-order-batch-totals"

/** Without `batch_id`, every batch with a missing total. */
export type FillBatchOrderTotalsWorkflowInput = { batch_id?: string }
export type FillBatchOrderTotalsWorkflowOutput = FillBatchOrderTotalsStepOutput

/**
 * Records the totals of the orders that a close (or the reconcile job) took
 * into a batch without them. The plugin runs it on `order_batch.closed`,
 * after the login or request that closed the batch has had its answer, and
 * again every minute from the reconcile job for whatever a failed run left,
 * so a batch's `totals_pending` always ends. Each run fills within a time
 * budget, one filler per batch at a time; what is left waits for the next
 * run. Idempotent.
 */
export const fillBatchOrderTotalsWorkflow = createWorkflow(
  fillBatchOrderTotalsWorkflowId,
  (input: WorkflowData<FillBatchOrderTotalsWorkflowInput>) => {
    return new WorkflowResponse(fillBatchOrderTotalsStep(input))
  }
)
