import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BatchActionEvents } from "../../../modules/order-batch/types"
import { resumeBatchActionRunsStep, ResumeBatchActionRunsStepOutput } from "../steps"

export const resumeBatchActionRunsWorkflowId = "resume-order-batch-action-runs"

export type ResumeBatchActionRunsWorkflowOutput = ResumeBatchActionRunsStepOutput

/**
 * Queues again the batch action runs whose processors all stopped (a
 * restart, a crash). The plugin's reconcile job runs it every minute.
 */
export const resumeBatchActionRunsWorkflow = createWorkflow(
  resumeBatchActionRunsWorkflowId,
  () => {
    const result = resumeBatchActionRunsStep()

    emitEventStep({
      eventName: BatchActionEvents.RUN_QUEUED,
      data: result.resumed,
    })

    return new WorkflowResponse(result)
  }
)
