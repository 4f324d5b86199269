import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { currentOrderTotal, ORDER_TOTAL_FIELD } from "../../../lib/order-total"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"

export const fillBatchOrderTotalsStepId = "fill-order-batch-totals-step"

/** Orders read at once: a large import's first close takes thousands. */
const PAGE = 500
/** A unit stops after this; the reconcile job takes up the rest a minute later. */
const BUDGET_MS = 15_000
/** Batches the reconcile job looks at in one unit. */
const BATCHES = 20

export type FillBatchOrderTotalsStepOutput = {
  filled: number
  /** Whether orders are left without a total (the budget ran out, or another filler holds a batch). */
  remaining: boolean
}

/**
 * A close sweeps orders in straight from the database, where an order's
 * total is not stored; this reads their totals through Query afterwards, a
 * page at a time, each page under the batch's fill lock (one filler per
 * batch: a batch another filler holds is left to it), within a time budget.
 * What is left is taken up where it stopped, the next time (the rows without
 * a total are the place). Totals are display data: nothing to undo.
 */
export const fillBatchOrderTotalsStep = createStep(
  fillBatchOrderTotalsStepId,
  async (input: { batch_id?: string }, { container }) => {
    const started = Date.now()
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    const readTotals = async (ids: string[]) => {
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["id", ORDER_TOTAL_FIELD],
        filters: { id: ids },
        pagination: { skip: 0, take: ids.length },
      })
      return new Map(orders.map((o) => [o.id, Number(currentOrderTotal(o))]))
    }
    const batchIds = input.batch_id ? [input.batch_id] : await service.listBatchIdsWithMissingTotals(BATCHES)
    let filled = 0
    let remaining = false
    for (const batchId of batchIds) {
      for (;;) {
        if (Date.now() - started > BUDGET_MS) {
          return new StepResponse<FillBatchOrderTotalsStepOutput>({ filled, remaining: true })
        }
        const page = await service.fillBatchOrderTotalsPage(batchId, PAGE, readTotals)
        if (page === null) {
          remaining = true
          break
        }
        filled += page
        if (page < PAGE) {
          break
        }
      }
    }
    return new StepResponse<FillBatchOrderTotalsStepOutput>({ filled, remaining })
  }
)
