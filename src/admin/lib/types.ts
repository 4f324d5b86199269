import type { BatchDTO } from "../../modules/order-batch/types"

/** A value as it arrives in JSON: dates become ISO strings. */
type Serialized<T> = {
  [K in keyof T]: Date extends T[K] ? Exclude<T[K], Date> | string : T[K]
}

/** A batch as the admin API answers it: the module's batch, serialised. */
export type AdminBatch = Serialized<BatchDTO>

/** The fields of an order that the batch's order table shows. */
export type AdminBatchOrder = {
  id: string
  display_id: number
  created_at: string
  email: string | null
  currency_code: string
  total: number
  payment_status: string
  fulfillment_status: string
  customer?: {
    first_name: string | null
    last_name: string | null
    email: string | null
  } | null
  shipping_address?: {
    first_name: string | null
    last_name: string | null
  } | null
  items?: { id: string; quantity: number }[] | null
}

export type AdminBatchResponse = { batch: AdminBatch }
/** The current and the open batch: null where there is none (yet). */
export type AdminOptionalBatchResponse = { batch: AdminBatch | null }
export type AdminBatchListResponse = {
  batches: AdminBatch[]
  count: number
  limit: number
  offset: number
}
export type AdminBatchOrderListResponse = {
  orders: AdminBatchOrder[]
  count: number
  limit: number
  offset: number
}
export type AdminRotateBatchResponse = {
  closed: AdminBatch | null
  opened: AdminBatch
}
export type PageQuery = { limit: number; offset: number }
