import {
  createWorkflow,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { recordLoginFailureStep, RecordLoginFailureStepInput } from "../steps"

export const recordLoginFailureWorkflowId = "record-order-batch-login-failure"

export type RecordLoginFailureWorkflowInput = RecordLoginFailureStepInput

/**
 * Records that an administrator's login got in without closing a batch, and
 * why, so the Batches page can say so and offer to close it now. The login
 * hook runs it when the rotation could not complete in time.
 */
export const recordLoginFailureWorkflow = createWorkflow(
  recordLoginFailureWorkflowId,
  (input: WorkflowData<RecordLoginFailureWorkflowInput>) => {
    return new WorkflowResponse(recordLoginFailureStep(input))
  }
)
