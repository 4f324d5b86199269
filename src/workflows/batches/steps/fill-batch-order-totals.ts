import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { currentOrderTotal, ORDER_TOTAL_FIELD } from "../../../lib/order-total"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"

export const fillBatchOrderTotalsStepId = "fill-order-batch-totals-step"

/** Orders read at once: a large import's first close takes thousands. */
const PAGE = 500

/**
 * A close sweeps orders in straight from the database, where an order's
 * total is not stored; this reads their totals through Query afterwards,
 * a page at a time, until none is missing. Totals are display data, so
 * there is nothing to undo.
 */
export const fillBatchOrderTotalsStep = createStep(
  fillBatchOrderTotalsStepId,
  async (input: { batch_id?: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    let filled = 0
    for (;;) {
      const missing = await service.listOrderBatchOrders(
        { total: null, ...(input.batch_id ? { batch_id: input.batch_id } : {}) },
        { select: ["order_id"], order: { order_id: "ASC" }, take: PAGE }
      )
      const ids = missing.map((assignment) => assignment.order_id)
      if (!ids.length) {
        break
      }
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["id", ORDER_TOTAL_FIELD],
        filters: { id: ids },
        pagination: { skip: 0, take: ids.length },
      })
      const totals = new Map(orders.map((o) => [o.id, Number(currentOrderTotal(o))]))
      // An order deleted since counts as 0, so the loop always ends.
      await service.updateOrderBatchOrders(
        ids.map((order_id) => ({ order_id, total: totals.get(order_id) ?? 0 }))
      )
      filled += ids.length
    }
    return new StepResponse({ filled })
  }
)
