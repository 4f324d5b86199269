import { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Key of the transaction-scoped advisory lock that orders rotations against
 * assignments in every process that shares the database: a rotation takes
 * it exclusively, an assignment shared. So no order lands in a batch after
 * the batch closed, and two logins never close the same batch twice.
 */
export const BATCH_LOCK_KEY = 7_302_853_621

/** Serialises the creation of an open batch where none exists (a new store). */
export const NEW_BATCH_LOCK_KEY = 7_302_853_622

/** Long enough for a busy checkout burst, short enough to fail a stuck request. */
const LOCK_TIMEOUT_MS = 15_000

const millis = (ms: number) => Math.max(1, Math.floor(ms))

// Advisory locks and timeouts have no generated method: they are plain
// PostgreSQL calls. The lock is its own query: in one query string with the
// SET, a statement_timeout as long as the lock_timeout would fire first.
async function lock(trx: Knex, fn: string, key: number, timeoutMs = LOCK_TIMEOUT_MS) {
  await trx.raw(`SET LOCAL lock_timeout = ${millis(timeoutMs)}`)
  await trx.raw(`SELECT ${fn}(?)`, [key])
}

export const lockForRotation = (trx: Knex, timeoutMs?: number) =>
  lock(trx, "pg_advisory_xact_lock", BATCH_LOCK_KEY, timeoutMs)

export const lockForAssignment = (trx: Knex) =>
  lock(trx, "pg_advisory_xact_lock_shared", BATCH_LOCK_KEY)

export const lockForNewBatch = (trx: Knex, timeoutMs?: number) =>
  lock(trx, "pg_advisory_xact_lock", NEW_BATCH_LOCK_KEY, timeoutMs)

/** Gives up any statement or lock wait of the transaction that runs past `ms`. */
export async function limitStatements(trx: Knex, ms: number) {
  const limit = millis(ms)
  await trx.raw(`SET LOCAL statement_timeout = ${limit}; SET LOCAL lock_timeout = ${limit}`)
}
