import { ORDER_BATCH_MODULE } from ".."
import * as models from "../models"

/** How every module test loads the module: alone, its tables built from its models. */
export const moduleUnderTest = {
  moduleName: ORDER_BATCH_MODULE,
  moduleModels: Object.values(models),
  resolve: "./src/modules/order-batch",
}

/** An order as its order.placed subscriber assigns it. */
export const placed = (order_id: string, currency_code = "eur", total = 10) => ({
  order_id,
  placed_at: new Date(),
  currency_code,
  total,
})
