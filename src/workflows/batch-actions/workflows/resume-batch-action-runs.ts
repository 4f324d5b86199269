import {
  createWorkflow,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BatchActionEvents } from "../../../modules/order-batch/types"
import {
  resumeBatchActionRunsStep,
  ResumeBatchActionRunsStepInput,
  ResumeBatchActionRunsStepOutput,
} from "../steps"

export const resumeBatchActionRunsWorkflowId = "resume-order-batch-action-runs"

export type ResumeBatchActionRunsWorkflowInput = ResumeBatchActionRunsStepInput
export type ResumeBatchActionRunsWorkflowOutput = ResumeBatchActionRunsStepOutput

/**
 * Resumes the batch action runs that a restart or crash interrupted (their
 * heartbeat went stale) by queuing them again, and marks failed those
 * interrupted too often. The plugin's reconcile job runs it every minute.
 */
export const resumeBatchActionRunsWorkflow = createWorkflow(
  resumeBatchActionRunsWorkflowId,
  (input: WorkflowData<ResumeBatchActionRunsWorkflowInput>) => {
    const result = resumeBatchActionRunsStep(input)

    emitEventStep({
      eventName: BatchActionEvents.RUN_QUEUED,
      data: result.resumed,
    })

    return new WorkflowResponse(result)
  }
)
