import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../modules/order-batch"
import type OrderBatchModuleService from "../modules/order-batch/service"
import {
  assignQueuedOrdersWorkflow,
  fillBatchOrderTotalsWorkflow,
  resumeBatchActionRunsWorkflow,
} from "../workflows"

/** Orders assigned per transaction: short locks, few round trips. */
const PAGE = 2_000
/** An order's own order.placed subscriber goes first; this only catches what it missed. */
const GRACE_SECONDS = 60
/** A tick stops in time for the next one. */
const TICK_BUDGET_MS = 45_000

/**
 * Runs in the worker every minute and makes what the request paths left
 * undone right, idempotently: orders that no subscriber assigned (it failed,
 * the order was imported, or it predates the plugin) join the open batch, a
 * page at a time, so a close has little left to take in; orders the queue
 * trigger could not queue (it counts them) are queued first; any batch
 * whose totals are still pending (a failed or unfinished fill after a close)
 * gets them; and batch action runs that lost their workers go on.
 */
export default async function reconcileOrderBatches(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const started = Date.now()
  const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
  const missed = await service.queueMissedOrders()
  if (missed) {
    logger.warn(`medusa-order-batches: queued ${missed} orders that the order queue trigger could not queue`)
  }
  let assigned = 0
  for (;;) {
    const { result } = await assignQueuedOrdersWorkflow(container).run({
      input: { limit: PAGE, older_than_seconds: GRACE_SECONDS },
    })
    assigned += result.length
    if (result.length < PAGE || Date.now() - started > TICK_BUDGET_MS) {
      break
    }
  }
  const { result: filled } = await fillBatchOrderTotalsWorkflow(container).run({ input: {} })
  // Batch action runs whose processors all stopped (a restart, a crash) are queued again.
  await resumeBatchActionRunsWorkflow(container).run()
  if (assigned || filled.filled) {
    logger.info(
      `medusa-order-batches: assigned ${assigned} queued orders, filled ${filled.filled} missing totals`
    )
  }
}

export const config = {
  name: "medusa-order-batches-reconcile",
  schedule: "* * * * *",
}
