import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import { RecordLoginFailureInput } from "../../../modules/order-batch/types"

export const recordLoginFailureStepId = "record-order-batch-login-failure-step"

export type RecordLoginFailureStepInput = RecordLoginFailureInput

/**
 * Records that an administrator got in without their login's rotation. A
 * notice for the dashboard, replaced by their next login: nothing to undo.
 */
export const recordLoginFailureStep = createStep(
  recordLoginFailureStepId,
  async (input: RecordLoginFailureStepInput, { container }) => {
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    await service.recordLoginFailure(input)
    return new StepResponse(input)
  }
)
