import {
  createHook,
  createWorkflow,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  markBatchHandledStep,
  MarkBatchHandledStepInput,
} from "../steps"

export const markBatchHandledWorkflowId = "mark-order-batch-handled"

export type MarkBatchHandledWorkflowInput = MarkBatchHandledStepInput
export type MarkBatchHandledWorkflowOutput = MarkBatchHandledStepInput

/**
 * Records that a batch was printed or exported, and by whom, so a team sees
 * at a glance whether a batch was handled. The print and export routes run
 * it; the `batchHandled` hook receives what was recorded.
 *
 * @example
 * await markBatchHandledWorkflow(container).run({
 *   input: { batch_id: "obat_123", kind: "exported", actor_id: "user_123" },
 * })
 */
export const markBatchHandledWorkflow = createWorkflow(
  markBatchHandledWorkflowId,
  (input: WorkflowData<MarkBatchHandledWorkflowInput>) => {
    const result = markBatchHandledStep(input)

    const batchHandled = createHook("batchHandled", { result })

    return new WorkflowResponse(result, { hooks: [batchHandled] })
  }
)
