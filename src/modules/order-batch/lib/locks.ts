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

/** How much longer than its lock wait a limited rotation may run in all. */
const SWEEP_GRACE_MS = 250

// Advisory locks and timeouts have no generated method: they are plain
// PostgreSQL calls. The lock is its own query: in one query string with the
// SET, a statement_timeout as long as the lock_timeout would fire first.
async function lock(trx: Knex, fn: string, key: number, timeoutMs = LOCK_TIMEOUT_MS) {
  await trx.raw(`SET LOCAL lock_timeout = ${millis(timeoutMs)}`)
  await trx.raw(`SELECT ${fn}(?)`, [key])
}

export const lockForAssignment = (trx: Knex) =>
  lock(trx, "pg_advisory_xact_lock_shared", BATCH_LOCK_KEY)

export const lockForNewBatch = (trx: Knex) =>
  lock(trx, "pg_advisory_xact_lock", NEW_BATCH_LOCK_KEY)

/** Gives up any statement or lock wait of the transaction that runs past `ms`. */
export async function limitStatements(trx: Knex, ms: number) {
  const limit = millis(ms)
  await trx.raw(`SET LOCAL statement_timeout = ${limit}; SET LOCAL lock_timeout = ${limit}`)
}

/**
 * The time limits of a rotation, which is one statement: its lock wait
 * ends at `ms` (a held lock reads as busy), and the whole statement a
 * moment later (the sweep of a large queue). Without `ms`, the lock wait of
 * any write.
 */
export async function limitRotation(trx: Knex, ms?: number) {
  if (!ms) {
    await trx.raw(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`)
    return
  }
  await trx.raw(`SET LOCAL lock_timeout = ${millis(ms)}; SET LOCAL statement_timeout = ${millis(ms) + SWEEP_GRACE_MS}`)
}
