import { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Records an administrator's current batch, set by their login `loginId`,
 * and clears an earlier failed login. Raw SQL for the upsert: two logins of
 * one administrator at once must not race on the primary key (a login that
 * keeps the batch open takes no lock).
 */
export async function setUserBatch(
  trx: Knex,
  userId: string,
  batchId: string | null,
  loginId: string | null = null
): Promise<void> {
  const values = { batch_id: batchId, login_id: loginId, failed_login_at: null, failed_login_reason: null }
  await trx("order_batch_user")
    .insert({ user_id: userId, ...values })
    .onConflict("user_id")
    .merge({ ...values, updated_at: trx.fn.now() })
}

/**
 * Records that a login got in without its rotation, and why. The current
 * batch stays; an administrator seen for the first time keeps `batchId`,
 * the newest closed batch, as one whose login closed nothing would.
 */
export async function setUserLoginFailure(
  trx: Knex,
  userId: string,
  reason: string,
  batchId: string | null
): Promise<void> {
  const values = { failed_login_at: trx.fn.now(), failed_login_reason: reason }
  await trx("order_batch_user")
    .insert({ user_id: userId, batch_id: batchId, ...values })
    .onConflict("user_id")
    .merge({ ...values, updated_at: trx.fn.now() })
}
