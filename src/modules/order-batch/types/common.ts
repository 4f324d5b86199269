import { InferTypeOf } from "@medusajs/framework/types"
import { OrderBatch } from "../models"

type OrderBatchRecord = InferTypeOf<typeof OrderBatch>

export type BatchStatus = OrderBatchRecord["status"]
export type BatchCloseReason = NonNullable<OrderBatchRecord["close_reason"]>

/** The stored fields of a batch that the service and the admin API return. */
export const BATCH_FIELDS = [
  "id",
  "number",
  "status",
  "opened_at",
  "closed_at",
  "closed_by",
  "close_reason",
  "printed_at",
  "printed_by",
  "exported_at",
  "exported_by",
] as const satisfies readonly (keyof OrderBatchRecord)[]

export type BatchTotal = {
  currency_code: string
  amount: number
}

/** A batch as the admin API and the service's methods return it. */
export type BatchDTO = Pick<OrderBatchRecord, (typeof BATCH_FIELDS)[number]> & {
  order_count: number
  /** Orders canceled after they joined the batch; they stay in it. */
  canceled_count: number
  /** One entry per currency over the batch's orders that are not canceled. */
  totals: BatchTotal[]
  /** True while some order's total is still being read (orders a close took in). */
  totals_pending: boolean
}

export type RotateBatchInput = {
  /**
   * `login`: an administrator logged in; the options `rotateOnLogin` and
   * `rotateEmptyBatch` decide whether it closes the open batch. `schedule`:
   * the `closeSchedule` job; `rotateEmptyBatch` decides. `manual`: a request
   * to close it now, which always closes.
   */
  reason: BatchCloseReason
  /** The user or API key that closes the batch. */
  actor_id?: string | null
  /** Record the closed batch (or the newest closed one) as this administrator's current batch. */
  user_id?: string | null
  /** Identifies one login, so its caller can tell afterwards whether its rotation committed. */
  login_id?: string
  /** Roll back rather than take longer than this (a login must not wait on a stuck lock). */
  time_limit_ms?: number
  /**
   * Close only this batch. Where it is already closed nothing rotates and the
   * result describes that earlier rotation, so a retried request is harmless.
   */
  number?: number
}

export type RecordLoginFailureInput = {
  user_id: string
  /** Why the login got in without its rotation, for the Batches page. */
  reason: string
  /**
   * The login whose rotation gave up. Where that rotation committed after
   * all (it finished as its caller stopped waiting), nothing is recorded.
   */
  login_id?: string
}

export type RotateBatchResult = {
  /** The batch that this call (or, with `number`, an earlier one) closed. */
  closed: BatchDTO | null
  /** The open batch; null only where a login closed nothing on a store with no batch yet. */
  opened: BatchDTO | null
  /** False where nothing was closed now. */
  rotated: boolean
  /** Orders without a batch that the close took in (their event had not run). */
  swept_order_ids: string[]
}

export type AssignOrderInput = {
  order_id: string
  placed_at: Date | string
  currency_code?: string | null
  total?: number | string | null
  canceled_at?: Date | string | null
}

export type OrderAssignment = {
  order_id: string
  batch_id: string
  batch_number: number
}

export type AssignOrdersResult = {
  /** Orders that this call put into the open batch. */
  assigned: OrderAssignment[]
  /** Orders that already had a batch; they stay where they are. */
  existing: OrderAssignment[]
}

export type AssignQueuedOrdersInput = {
  /** At most this many orders, the oldest first. */
  limit: number
  /** Only orders queued at least this long ago, so their own order.placed subscriber goes first. */
  older_than_seconds?: number
}

/** The queue trigger on Medusa's `"order"` table, as the start-up check reads it. */
export type QueueState = {
  /** Null where the trigger holds; else what is missing and how to restore it. */
  problem: string | null
  /** Whether `db:migrate` has still to run the migration script that creates the trigger. */
  pending_script: boolean
}
