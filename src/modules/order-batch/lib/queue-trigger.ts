import path from "node:path"
import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { QueueState } from "../types/common"
import { CHUNK_RESULT, forEachOrderChunk, scannedChunk, TAKEN } from "./order"

/**
 * The trigger on Medusa's `"order"` table that queues every committed order
 * in `order_batch_pending_order`, and what keeps it there. A close takes the
 * queue, so the trigger is what makes a close exact at the cost of the
 * orders since the last one (invariants 4 and 8).
 */
export const QUEUE_TRIGGER = "order_batch_queue_order"

/**
 * The migration script that creates the trigger once every module has its
 * tables (Medusa records it by file name: `.js` built, `.ts` in development).
 */
export const QUEUE_SCRIPT = "create-order-batch-queue"

/** Bumped by the trigger when it could not queue an order: the reconcile job then looks for it. */
export const MISSED_SEQUENCE = "order_batch_queue_missed"
/** The count of misses that the last search for missed orders covered. */
export const SWEPT_SEQUENCE = "order_batch_queue_swept"

/**
 * Creating a trigger takes a lock on `"order"` that blocks inserts, and
 * waiting for it queues every checkout behind the wait: each try waits at
 * most this long, and the next comes after a pause that lets checkouts by.
 */
export const TRIGGER_LOCK_TIMEOUT_MS = 1_000

/** The trigger counts as there only where it fires in an ordinary session (`pg_trigger.tgenabled`). */
const ENABLED_STATES = ["O", "A"]
const ENABLED = `t.tgenabled IN (${ENABLED_STATES.map((state) => `'${state}'`).join(", ")})`

export const CREATE_TRIGGER_SQL = `
  DROP TRIGGER IF EXISTS ${QUEUE_TRIGGER} ON "order";
  CREATE TRIGGER ${QUEUE_TRIGGER}
    AFTER INSERT OR UPDATE OF is_draft_order ON "order"
    FOR EACH ROW EXECUTE FUNCTION ${QUEUE_TRIGGER}();`

/** True where the trigger exists and fires on `"order"`. */
const TRIGGER_HOLDS_SQL = `EXISTS (
  SELECT 1 FROM pg_trigger t
   WHERE t.tgrelid = to_regclass('"order"') AND t.tgname = '${QUEUE_TRIGGER}' AND ${ENABLED})`

/**
 * True where the trigger holds and no install batch is still being filled
 * (a fill that was stopped leaves orders in neither a batch nor the queue);
 * SQL for one-time filters inside the statements that take the queue.
 */
export const QUEUE_HOLDS_SQL = `(${TRIGGER_HOLDS_SQL}
  AND NOT EXISTS (SELECT 1 FROM order_batch b WHERE b.status = 'closed' AND b.closed_at IS NULL))`

/**
 * The command that restores the trigger: Medusa's `exec` of the migration
 * script itself (its export takes `{ container }`, as an exec script's
 * does). `db:migrate` would not: it runs a migration script only once.
 */
export function restoreCommand(cwd = process.cwd()): string {
  const script = path.resolve(__dirname, "../../../migration-scripts", QUEUE_SCRIPT + path.extname(__filename))
  return `npx medusa exec ${path.relative(cwd, script).replace(/^(?!\.)/, "./")}`
}

/** What is missing of the queue on `"order"`, read from PostgreSQL's catalog. */
export async function readQueueState(knex: Knex): Promise<QueueState> {
  const { rows } = await knex.raw(
    `SELECT to_regclass('"order"') IS NOT NULL AS has_order,
            to_regprocedure('${QUEUE_TRIGGER}()') IS NOT NULL AS has_function,
            (SELECT t.tgenabled FROM pg_trigger t
              WHERE t.tgrelid = to_regclass('"order"') AND t.tgname = '${QUEUE_TRIGGER}') AS enabled,
            to_regclass('script_migrations') IS NOT NULL AS has_scripts`
  )
  const state = rows[0]
  const pending = state.has_scripts ? !(await scriptRan(knex)) : true
  const restore = pending
    ? "Run `npx medusa db:migrate` to create it"
    : `Run \`${restoreCommand()}\` to restore it`
  const problem = !state.has_order
    ? null // a store without Medusa's order module has nothing to queue
    : !state.has_function
      ? `the function ${QUEUE_TRIGGER}() is missing. ${restore}.`
      : state.enabled === null
        ? `the trigger ${QUEUE_TRIGGER} on the "order" table is missing. ${restore}.`
        : !ENABLED_STATES.includes(state.enabled)
          ? `the trigger ${QUEUE_TRIGGER} on the "order" table is disabled. Enable it with ALTER TABLE "order" ENABLE TRIGGER ${QUEUE_TRIGGER}.`
          : null
  return { problem, pending_script: pending }
}

/** Whether `db:migrate` ran the plugin's migration script to its end. */
async function scriptRan(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw(
    `SELECT 1 FROM script_migrations WHERE script_name IN (?, ?) AND finished_at IS NOT NULL`,
    [`${QUEUE_SCRIPT}.js`, `${QUEUE_SCRIPT}.ts`]
  )
  return rows.length > 0
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Creates the trigger in a transaction of its own that waits at most
 * TRIGGER_LOCK_TIMEOUT_MS for `"order"`, trying again until `deadlineMs`
 * has passed. Returns false where the trigger was there already.
 */
export async function createQueueTrigger(knex: Knex, { deadlineMs = 120_000 } = {}): Promise<boolean> {
  const until = Date.now() + deadlineMs
  for (let attempt = 1; ; attempt++) {
    try {
      return await knex.transaction(async (trx) => {
        const { rows } = await trx.raw(`SELECT ${TRIGGER_HOLDS_SQL} AS holds`)
        if (rows[0].holds) {
          return false
        }
        await trx.raw(`SET LOCAL lock_timeout = ${TRIGGER_LOCK_TIMEOUT_MS}`)
        await trx.raw(CREATE_TRIGGER_SQL)
        return true
      })
    } catch (error) {
      const busy = (error as { code?: string }).code === "55P03"
      if (!busy || Date.now() > until) {
        throw busy
          ? new Error(`medusa-order-batches: the "order" table stayed busy for ${deadlineMs / 1000} s after ${attempt} tries; run \`npx medusa db:migrate\` again`)
          : error
      }
      await pause(Math.min(250 * attempt, 2_000))
    }
  }
}

/**
 * Queues every order that has no batch and is not queued, a chunk at a time
 * in the order of `"order"`'s primary key, each chunk a statement of its own
 * that takes no lock an insert waits for. Run after the trigger exists: an
 * order committed before it was created is found here, one after it is
 * queued by the trigger. Returns how many it queued.
 */
export async function queueUnbatchedOrders(knex: Knex): Promise<number> {
  return await forEachOrderChunk(async (after, chunk) => {
    const { rows } = await knex.raw(
      `WITH ${scannedChunk()}, inserted AS (
         INSERT INTO order_batch_pending_order (order_id)
         SELECT o.id FROM scanned s JOIN "order" o ON o.id = s.id
          WHERE ${TAKEN} AND NOT EXISTS (SELECT 1 FROM order_batch_order a WHERE a.order_id = o.id)
         ON CONFLICT (order_id) DO NOTHING
         RETURNING 1
       )
       SELECT ${CHUNK_RESULT}`,
      [after, chunk]
    )
    return rows[0]
  })
}

/**
 * Where the trigger could not queue an order (it counts each such miss),
 * queues every order without a batch once every transaction that could
 * have missed one has ended. Costs nothing until a miss; returns how many
 * it queued, or null where a miss is still in an open transaction.
 */
export async function queueMissedOrders(knex: Knex, { waitMs = 10_000 } = {}): Promise<number | null> {
  const { rows } = await knex.raw(
    `SELECT m.last_value AS missed, s.last_value AS swept, m.is_called,
            pg_snapshot_xmax(pg_current_snapshot())::text AS horizon
       FROM ${MISSED_SEQUENCE} m, ${SWEPT_SEQUENCE} s`
  )
  const { swept, is_called, horizon } = rows[0]
  const missed = is_called ? Number(rows[0].missed) : 0
  if (missed <= Number(swept)) {
    return 0
  }
  // A miss is counted inside its order's transaction: wait for all of them to end.
  const until = Date.now() + waitMs
  for (;;) {
    const { rows: now } = await knex.raw(
      `SELECT pg_snapshot_xmin(pg_current_snapshot()) >= ?::xid8 AS ended`,
      [horizon]
    )
    if (now[0].ended) {
      break
    }
    if (Date.now() > until) {
      return null
    }
    await pause(200)
  }
  const queued = await queueUnbatchedOrders(knex)
  await knex.raw(`SELECT setval('${SWEPT_SEQUENCE}', ?)`, [missed])
  return queued
}
