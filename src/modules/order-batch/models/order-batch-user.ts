import { model } from "@medusajs/framework/utils"

/**
 * An administrator's current batch: set at each of their logins, so the
 * set of orders they work on does not move while they work.
 */
export const OrderBatchUser = model.define("order_batch_user", {
  user_id: model.text().primaryKey(),
  /** The batch that login closed (or the newest closed one then); null: none yet. */
  batch_id: model.text().nullable(),
})
