/** A batch as the admin API answers it (dates arrive as ISO strings). */
export type AdminBatch = {
  id: string
  number: number
  status: "open" | "closed"
  opened_at: string
  closed_at: string | null
  closed_by: string | null
  close_reason: "login" | "manual" | null
  order_count: number
  totals: { currency_code: string; amount: number }[]
  printed_at: string | null
  printed_by: string | null
  exported_at: string | null
  exported_by: string | null
}

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
export type AdminCurrentBatchResponse = { batch: AdminBatch | null }
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
