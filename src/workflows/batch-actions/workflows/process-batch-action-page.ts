import {
  createWorkflow,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  processBatchActionPageStep,
  ProcessBatchActionPageStepInput,
} from "../steps"

export const processBatchActionPageWorkflowId = "process-order-batch-action-page"

export type ProcessBatchActionPageWorkflowInput = ProcessBatchActionPageStepInput

/**
 * One unit of a run's work: up to a page of its orders, then the run's
 * completion or the next unit's `order_batch.action_run_queued`. The step
 * runs in the background (as Medusa's own exports and reindexes do), so the
 * subscriber that starts it returns at once and the worker's other events
 * never wait for a run. Running it again is harmless: a unit takes only
 * orders that no live processor holds, and settles each once.
 */
export const processBatchActionPageWorkflow = createWorkflow(
  processBatchActionPageWorkflowId,
  (input: WorkflowData<ProcessBatchActionPageWorkflowInput>) => {
    processBatchActionPageStep(input).config({ async: true, backgroundExecution: true })
    return new WorkflowResponse(void 0)
  }
)
