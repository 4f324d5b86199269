export type BatchStatus = "open" | "closed"
export type BatchCloseReason = "login" | "manual"

export type BatchTotal = {
  currency_code: string
  amount: number
}

/** A batch as the admin API and the service's methods return it. */
export type BatchDTO = {
  id: string
  number: number
  status: BatchStatus
  opened_at: Date
  closed_at: Date | null
  closed_by: string | null
  close_reason: BatchCloseReason | null
  order_count: number
  totals: BatchTotal[]
  printed_at: Date | null
  printed_by: string | null
  exported_at: Date | null
  exported_by: string | null
}

export type RotateBatchInput = {
  reason: BatchCloseReason
  /** The user or API key that closes the batch. */
  actor_id?: string | null
  /** Record the closed batch as this administrator's current batch. */
  user_id?: string | null
  /**
   * Close only this batch. Where it is already closed nothing rotates and the
   * result describes that earlier rotation, so a retried request is harmless.
   */
  number?: number
  /**
   * `never` (the default) closes the open batch; `if_empty` keeps it open
   * when it has no orders; `always` closes nothing and only records the
   * administrator's current batch (rotation on login turned off).
   */
  keep_open?: "never" | "if_empty" | "always"
}

export type RotateBatchResult = {
  /** The batch that this call (or, with `number`, an earlier one) closed. */
  closed: BatchDTO | null
  opened: BatchDTO
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
