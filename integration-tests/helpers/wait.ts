import { MedusaContainer } from "@medusajs/framework/types"
import { ORDER_BATCH_MODULE } from "../../src/modules/order-batch"
import type OrderBatchModuleService from "../../src/modules/order-batch/service"

/**
 * Waits until the order.placed subscriber has put these orders into a batch
 * (it runs after the checkout answered), failing after `timeoutMs`.
 */
export async function waitForAssignments(
  container: MedusaContainer,
  orderIds: string[],
  timeoutMs = 30_000
) {
  const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await service.listOrderBatchOrders({ order_id: orderIds }, { select: ["order_id"] })
    if (found.length === orderIds.length) {
      return
    }
    if (Date.now() > deadline) {
      throw new Error(`Only ${found.length} of ${orderIds.length} orders got a batch in ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
