import { Module } from "@medusajs/framework/utils"
import checkQueueTrigger from "./loaders/check-queue-trigger"
import validateOptions from "./loaders/validate-options"
import OrderBatchModuleService from "./service"

/** The key to resolve the module's service under: `container.resolve(ORDER_BATCH_MODULE)`. */
export const ORDER_BATCH_MODULE = "order_batch"

export default Module(ORDER_BATCH_MODULE, {
  service: OrderBatchModuleService,
  loaders: [validateOptions, checkQueueTrigger],
})

export { OrderBatchModuleService }
export * from "./events"
export * from "./options"
export * from "./types"
