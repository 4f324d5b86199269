import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import { AssignQueuedOrdersInput } from "../../../modules/order-batch/types"

export const assignQueuedOrdersStepId = "assign-queued-orders-to-order-batch-step"

/**
 * Puts queued orders that still have no batch into the open batch. No
 * compensation, as for any assignment: a closed batch never loses an order.
 */
export const assignQueuedOrdersStep = createStep(
  assignQueuedOrdersStepId,
  async (input: AssignQueuedOrdersInput, { container }) => {
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    return new StepResponse(await service.assignQueuedOrders(input))
  }
)
