import {
  createWorkflow,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  processBatchActionPageStep,
  ProcessBatchActionPageStepInput,
  ProcessBatchActionPageStepOutput,
} from "../steps"

export const processBatchActionPageWorkflowId = "process-order-batch-action-page"

export type ProcessBatchActionPageWorkflowInput = ProcessBatchActionPageStepInput
export type ProcessBatchActionPageWorkflowOutput = ProcessBatchActionPageStepOutput

/**
 * Acts on the next page of a run's orders and completes the run after the
 * last one. The `order_batch.action_run_queued` subscriber runs it until it
 * answers `done`; running it again is harmless (each order of a run is
 * settled once).
 */
export const processBatchActionPageWorkflow = createWorkflow(
  processBatchActionPageWorkflowId,
  (input: WorkflowData<ProcessBatchActionPageWorkflowInput>) => {
    return new WorkflowResponse(processBatchActionPageStep(input))
  }
)
