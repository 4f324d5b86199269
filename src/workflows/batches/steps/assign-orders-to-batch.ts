import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import { AssignOrderInput } from "../../../modules/order-batch/types"

export const assignOrdersToBatchStepId = "assign-orders-to-order-batch-step"

/**
 * Puts orders into the open batch. No compensation: by the time a later
 * step could fail, the batch may have closed, and a closed batch never
 * loses an order; an order left without a batch is swept in at the close.
 */
export const assignOrdersToBatchStep = createStep(
  assignOrdersToBatchStepId,
  async (orders: AssignOrderInput[], { container }) => {
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    return new StepResponse(await service.assignOrders(orders))
  }
)
