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
  failed: BatchActionFailureDTO[]
  /** The user or API key that started the run. */
  started_by: string | null
  started_at: Date
  finished_at: Date | null
}

/** Emitted when a run starts and each time a stale run is resumed. */
export const BatchActionEvents = {
  RUN_QUEUED: "order_batch.action_run_queued",
} as const

export type BatchActionRunQueuedEventData = { id: string; attempt: number }
