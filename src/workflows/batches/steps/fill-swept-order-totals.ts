import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"

export const fillSweptOrderTotalsStepId = "fill-swept-order-batch-totals-step"

/**
 * A close takes in orders straight from the database, where an order's
 * total is not stored; this reads their totals through Query afterwards.
 */
export const fillSweptOrderTotalsStep = createStep(
  fillSweptOrderTotalsStepId,
  async (orderIds: string[], { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "total"],
      filters: { id: orderIds },
    })
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    await service.setOrderTotals(
      orders.map((order) => ({
        order_id: order.id,
        total: MathBN.convert(order.total ?? 0).toString(),
      }))
    )
    return new StepResponse(undefined)
  }
)
