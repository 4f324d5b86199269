import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import { RotateBatchInput } from "../../../modules/order-batch/types"

export const rotateBatchStepId = "rotate-order-batch-step"

/**
 * Closes the open batch and opens the next. No compensation: a closed batch
 * may already be on an administrator's screen or printout, and reopening it
 * would let it gain orders (SPEC invariant 3).
 */
export const rotateBatchStep = createStep(
  rotateBatchStepId,
  async (input: RotateBatchInput, { container }) => {
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    return new StepResponse(await service.rotate(input))
  }
)
