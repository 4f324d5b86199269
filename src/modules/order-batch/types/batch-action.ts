import { InferTypeOf } from "@medusajs/framework/types"
import { OrderBatchActionOutcome, OrderBatchActionRun } from "../models"

export type OrderBatchActionRunRecord = InferTypeOf<typeof OrderBatchActionRun>
export type OrderBatchActionOutcomeRecord = InferTypeOf<typeof OrderBatchActionOutcome>

/** The actions a closed batch can run over its orders. */
export const BATCH_ACTIONS = ["fulfill", "ship", "capture"] as const

/**
 * `fulfill`: a fulfillment of every unfulfilled item; `ship`: every
 * fulfillment marked shipped; `capture`: every authorized payment captured.
 */
export type BatchActionName = (typeof BATCH_ACTIONS)[number]
export type BatchActionRunStatus = OrderBatchActionRunRecord["status"]
export type BatchActionOutcomeStatus = OrderBatchActionOutcomeRecord["status"]

/** What starts a run: `startBatchActionWorkflow` checks the batch is closed first. */
export type CreateBatchActionRunInput = {
  batch_id: string
  batch_number: number
  action: BatchActionName
  started_by?: string | null
}

export type ClaimBatchActionOutcomesInput = {
  run_id: string
  /** The processor that takes the rows (a host, process and unit of work). */
  owner: string
  limit: number
}

/** A row a processor now holds. `processing`: an earlier holder stopped while acting on it. */
export type ClaimedBatchActionOutcome = {
  id: string
  order_id: string
  status: "claimed" | "processing"
  /** Times the row was taken, this one included. */
  claims: number
}

export type SettleBatchActionOutcomeInput = {
  id: string
  owner: string
  status: "succeeded" | "skipped" | "failed"
  message: string | null
  display_id?: number | null
}

/** An order a run could not act on, with Medusa's message. */
export type BatchActionFailureDTO = {
  order_id: string
  display_id: number | null
  message: string
}

/** A batch action run as the admin API returns it. */
export type BatchActionRunDTO = {
  id: string
  batch_number: number
  action: BatchActionName
  status: BatchActionRunStatus
  /** The batch's orders. */
  total: number
  succeeded: number
  /** Canceled orders and orders with nothing left to do. */
  skipped: number
  failed_count: number
  /** A page of the failed orders, oldest first (`limit`/`offset` on `GET …/actions/:id`). */
  failed: BatchActionFailureDTO[]
  /** Why the run failed as a whole, where it did. */
  error: string | null
  /** The user or API key that started the run. */
  started_by: string | null
  started_at: Date
  finished_at: Date | null
}

/** What a run did with one order, as `GET …/actions/:id/outcomes` lists it. */
export type BatchActionOutcomeDTO = {
  order_id: string
  display_id: number | null
  status: BatchActionOutcomeStatus
  /** Medusa's message for a failure; the reason for a skip. */
  message: string | null
}

/** Emitted when a run starts, after each unit of its work that leaves orders to do, and when a stopped run is resumed. */
export const BatchActionEvents = {
  RUN_QUEUED: "order_batch.action_run_queued",
} as const

export type BatchActionRunQueuedEventData = { id: string }
