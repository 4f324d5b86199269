import {
  createWorkflow,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { fillBatchOrderTotalsStep } from "../steps"

export const fillBatchOrderTotalsWorkflowId = "fill-order-batch-totals"

export type FillBatchOrderTotalsWorkflowInput = { batch_id: string }
export type FillBatchOrderTotalsWorkflowOutput = { filled: number }

/**
 * Records the totals of the orders that a close swept into a batch. The
 * plugin runs it on `order_batch.closed`, after the login or request that
 * closed the batch has had its answer, so a first close that takes in a
 * large store's history does not hold up that login.
 */
export const fillBatchOrderTotalsWorkflow = createWorkflow(
  fillBatchOrderTotalsWorkflowId,
  (input: WorkflowData<FillBatchOrderTotalsWorkflowInput>) => {
    return new WorkflowResponse(fillBatchOrderTotalsStep(input))
  }
)
