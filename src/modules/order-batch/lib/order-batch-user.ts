import { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Records an administrator's current batch. Raw SQL for the upsert: two
 * logins of one administrator at once must not race on the primary key
 * (a login that keeps the batch open takes no lock).
 */
export async function setUserBatch(
  trx: Knex,
  userId: string,
  batchId: string | null
): Promise<void> {
  await trx("order_batch_user")
    .insert({ user_id: userId, batch_id: batchId })
    .onConflict("user_id")
    .merge({ batch_id: batchId, updated_at: trx.fn.now() })
}
