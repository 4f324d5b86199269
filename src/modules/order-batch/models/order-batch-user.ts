import { model } from "@medusajs/framework/utils"

/**
 * An administrator's current batch: set at each of their logins, so the
 * set of orders they work on does not move while they work.
 */
export const OrderBatchUser = model.define("order_batch_user", {
  user_id: model.text().primaryKey(),
  /** The batch that login closed (or the newest closed one then); null: none yet. */
  batch_id: model.text().nullable(),
  /** The login that last set `batch_id`, so a login can tell whether its rotation committed. */
  login_id: model.text().nullable(),
  /** A login whose rotation could not complete (the administrator got in without it), and why. */
  failed_login_at: model.dateTime().nullable(),
  failed_login_reason: model.text().nullable(),
})
