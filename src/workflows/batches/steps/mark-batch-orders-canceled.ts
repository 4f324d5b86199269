import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"

export const markBatchOrdersCanceledStepId = "mark-order-batch-orders-canceled-step"

type Cancellation = { order_id: string; canceled_at: Date | null }

/**
 * Records that batched orders were canceled. They stay in their batch (its
 * membership never changes); totals and picking leave them out. Orders
 * without a batch yet carry their cancellation in when they are assigned.
 */
export const markBatchOrdersCanceledStep = createStep(
  markBatchOrdersCanceledStepId,
  async (cancellations: Cancellation[], { container }) => {
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    const before = await service.listOrderBatchOrders(
      { order_id: cancellations.map((c) => c.order_id) },
      { select: ["order_id", "canceled_at"] }
    )
    const batched = new Set(before.map((a) => a.order_id))
    const updates = cancellations.filter((c) => batched.has(c.order_id))
    if (updates.length) {
      await service.updateOrderBatchOrders(updates)
    }
    return new StepResponse(updates, before.map(({ order_id, canceled_at }) => ({ order_id, canceled_at })))
  },
  async (before, { container }) => {
    if (!before?.length) {
      return
    }
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    await service.updateOrderBatchOrders(before)
  }
)
