import { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Key of the transaction-scoped advisory lock that orders rotations against
 * assignments in every process that shares the database: a rotation takes
 * it exclusively, an assignment shared. So no order lands in a batch after
 * the batch closed, and two logins never close the same batch twice.
 */
const BATCH_LOCK_KEY = 7_302_853_621

/** Long enough for a busy checkout burst, short enough to fail a stuck request. */
const LOCK_TIMEOUT = "15s"

export async function lockForRotation(trx: Knex.Transaction) {
  await trx.raw(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`)
  await trx.raw("SELECT pg_advisory_xact_lock(?)", [BATCH_LOCK_KEY])
}

export async function lockForAssignment(trx: Knex.Transaction) {
  await trx.raw(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`)
  await trx.raw("SELECT pg_advisory_xact_lock_shared(?)", [BATCH_LOCK_KEY])
}
