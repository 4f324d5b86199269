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
 * batch stays; an administrator seen for the first time keeps `batch_id`,
 * the newest closed batch, as one whose login closed nothing would. A
 * rotation of `login_id` that committed after all wins: the condition is
 * checked on the row as it is at the write, so the two cannot cross.
 */
export async function setUserLoginFailure(
  trx: Knex,
  { user_id, reason, login_id, batch_id }: { user_id: string; reason: string; login_id?: string; batch_id: string | null }
): Promise<void> {
  const values = { failed_login_at: trx.fn.now(), failed_login_reason: reason }
  const upsert = trx("order_batch_user")
    .insert({ user_id, batch_id, ...values })
    .onConflict("user_id")
    .merge({ ...values, updated_at: trx.fn.now() })
  await (login_id ? upsert.where(trx.raw("order_batch_user.login_id IS DISTINCT FROM ?", [login_id])) : upsert)
}
