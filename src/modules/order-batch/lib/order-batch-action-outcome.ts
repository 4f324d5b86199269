import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ClaimedBatchActionOutcome } from "../types/batch-action"

// The statements a run's processors coordinate by. Each is one statement,
// a conditional write that only one processor can win, so no in-process
// state is trusted: any number of workers may work on a run at once.

const UNSETTLED = `status IN ('pending', 'claimed', 'processing') AND deleted_at IS NULL`

/** Ids like Medusa's (prefix, 26 characters), made in the statement that inserts thousands of rows. */
const NEW_ID = `'oboc_' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 26))`

export type SettledStatus = "succeeded" | "skipped" | "failed"

/** The end of a lease taken now (whole seconds: it is written into the statement). */
const lease = (seconds: number) => `clock_timestamp() + ${Math.max(1, Math.floor(seconds))} * interval '1 second'`

/**
 * One `pending` outcome for every order of the batch, in the batch's order
 * (oldest first), so no order can be left out of the run; the run's total
 * is what was inserted. Returns the total.
 */
export async function insertPendingOutcomes(trx: Knex, runId: string, batchId: string): Promise<number> {
  const inserted = await trx.raw(
    `INSERT INTO order_batch_action_outcome (id, run_id, order_id, position, status, created_at, updated_at)
     SELECT ${NEW_ID}, ?, order_id, row_number() OVER (ORDER BY placed_at, order_id), 'pending', now(), now()
       FROM order_batch_order WHERE batch_id = ? AND deleted_at IS NULL`,
    [runId, batchId]
  )
  const total = inserted.rowCount as number
  await trx.raw(`UPDATE order_batch_action_run SET total = ? WHERE id = ?`, [total, runId])
  return total
}

/**
 * Takes up to `limit` of the run's next orders for `owner`: pending ones,
 * and any whose owner's lease ran out. A row that another processor is
 * claiming at the same moment is skipped, not waited for.
 */
export async function claimOutcomes(
  knex: Knex,
  { runId, owner, limit, leaseSeconds }: { runId: string; owner: string; limit: number; leaseSeconds: number }
): Promise<ClaimedBatchActionOutcome[]> {
  const { rows } = await knex.raw(
    `WITH picked AS (
       SELECT id FROM order_batch_action_outcome
        WHERE run_id = ? AND ${UNSETTLED} AND (status = 'pending' OR lease_until < clock_timestamp())
        ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE order_batch_action_outcome o
          SET status = CASE WHEN o.status = 'processing' THEN 'processing' ELSE 'claimed' END,
              owner = ?, lease_until = ${lease(leaseSeconds)}, claims = o.claims + 1, updated_at = now()
         FROM picked WHERE o.id = picked.id
       RETURNING o.id, o.order_id, o.status, o.claims, o.position
     ), beat AS (
       UPDATE order_batch_action_run SET heartbeat_at = now() WHERE id = ? AND EXISTS (SELECT 1 FROM claimed)
     )
     SELECT id, order_id, status, claims FROM claimed ORDER BY position`,
    [runId, limit, owner, runId]
  )
  return rows
}

/** Keeps `owner`'s rows its own while it works (and the run's heartbeat fresh). */
export async function renewLeases(knex: Knex, { runId, owner, leaseSeconds }: { runId: string; owner: string; leaseSeconds: number }) {
  await knex.raw(
    `WITH renewed AS (
       UPDATE order_batch_action_outcome SET lease_until = ${lease(leaseSeconds)}
        WHERE run_id = ? AND owner = ? AND status IN ('claimed', 'processing')
     )
     UPDATE order_batch_action_run SET heartbeat_at = now() WHERE id = ?`,
    [runId, owner, runId]
  )
}

/**
 * Marks `owner`'s claimed row `processing` just before it acts: from here on
 * the order is never acted on again, only read. False where the row is no
 * longer its own (its lease ran out and another processor took it).
 */
export async function startOutcome(knex: Knex, { id, owner }: { id: string; owner: string }): Promise<boolean> {
  const { rowCount } = await knex.raw(
    `UPDATE order_batch_action_outcome SET status = 'processing', updated_at = now()
      WHERE id = ? AND owner = ? AND status = 'claimed' AND lease_until > clock_timestamp()`,
    [id, owner]
  )
  return rowCount === 1
}

/**
 * Settles `owner`'s row and counts it into its run in the same statement,
 * so `succeeded + skipped + failed = settled outcomes` at every moment.
 * False where the row is no longer its own.
 */
export async function settleOutcome(
  knex: Knex,
  { id, owner, status, message, displayId }: { id: string; owner: string; status: SettledStatus; message: string | null; displayId: number | null }
): Promise<boolean> {
  const { rowCount } = await knex.raw(
    `WITH settled AS (
       UPDATE order_batch_action_outcome
          SET status = ?, message = ?, display_id = coalesce(?, display_id), lease_until = NULL, updated_at = now()
        WHERE id = ? AND owner = ? AND status IN ('claimed', 'processing')
       RETURNING run_id, status
     )
     UPDATE order_batch_action_run r
        SET succeeded = r.succeeded + (s.status = 'succeeded')::int,
            skipped = r.skipped + (s.status = 'skipped')::int,
            failed_count = r.failed_count + (s.status = 'failed')::int,
            heartbeat_at = now(), updated_at = now()
       FROM settled s WHERE r.id = s.run_id`,
    [status, message, displayId, id, owner]
  )
  return rowCount === 1
}

/** Completes the run once none of its orders is left unsettled; false while some are. */
export async function completeRun(knex: Knex, runId: string): Promise<boolean> {
  const { rowCount } = await knex.raw(
    `UPDATE order_batch_action_run SET status = 'completed', finished_at = now(), heartbeat_at = now(), updated_at = now()
      WHERE id = ? AND status = 'running'
        AND NOT EXISTS (SELECT 1 FROM order_batch_action_outcome WHERE run_id = ? AND ${UNSETTLED})`,
    [runId, runId]
  )
  return rowCount === 1
}

/** Whether the run still has orders that no processor holds or whose holder's lease ran out. */
export async function hasClaimableOutcomes(knex: Knex, runId: string): Promise<boolean> {
  const { rows } = await knex.raw(
    `SELECT EXISTS (SELECT 1 FROM order_batch_action_outcome
      WHERE run_id = ? AND ${UNSETTLED} AND (status = 'pending' OR lease_until < clock_timestamp())) AS left`,
    [runId]
  )
  return rows[0].left
}

/**
 * Running runs that no processor has touched for `staleSeconds` (their
 * workers stopped, or the event that carried them was lost), each taken by
 * one caller only: its heartbeat moves on in the same statement.
 */
export async function takeStaleRuns(knex: Knex, staleSeconds: number): Promise<string[]> {
  const { rows } = await knex.raw(
    `UPDATE order_batch_action_run SET heartbeat_at = now()
      WHERE id IN (SELECT id FROM order_batch_action_run
                    WHERE status = 'running' AND deleted_at IS NULL
                      AND heartbeat_at < now() - ? * interval '1 second'
                    FOR UPDATE SKIP LOCKED)
      RETURNING id`,
    [staleSeconds]
  )
  return rows.map((row: { id: string }) => row.id)
}
