import { MedusaContainer } from "@medusajs/framework/types"
import type { BatchDTO } from "../../modules/order-batch/types"
import { batchOrderPages } from "../batch-order-pages"
import { readOrdersForExport } from "../read-orders"
import {
  addressLines,
  fullName,
  PersonName,
  PostalAddress,
  toNumber,
} from "./format"
import { currentOrderTotal, ORDER_TOTAL_FIELD, WithOrderSummary } from "../order-total"
import { isCanceledOrder, ORDER_STATE_FIELDS, OrderState } from "./order-state"

type ExportOrder = OrderState & WithOrderSummary & {
  id: string
  display_id: number
  created_at: Date | string
  email: string | null
  currency_code: string
  customer?: PersonName | null
  billing_address?: PersonName | null
  shipping_address?: PostalAddress | null
  items?: { quantity: unknown }[] | null
}

const EXPORT_ORDER_FIELDS = [
  "id",
  ...ORDER_STATE_FIELDS,
  "display_id",
  "created_at",
  "email",
  "currency_code",
  ORDER_TOTAL_FIELD,
  "customer.first_name",
  "customer.last_name",
  "billing_address.first_name",
  "billing_address.last_name",
  "shipping_address.*",
  "items.quantity",
]

/**
 * The export's columns, one row per order; headers are stable for
 * integrations, so new columns go at the end. `status` is the order's own
 * status (`pending`, `completed`, `canceled`, …); a canceled order stays in
 * its batch and its file, and says so there.
 */
export const EXPORT_CSV_COLUMNS = [
  "batch_number",
  "order_number",
  "order_id",
  "placed_at",
  "email",
  "customer_name",
  "shipping_name",
  "shipping_address",
  "item_count",
  "currency_code",
  "total",
  "payment_status",
  "fulfillment_status",
  "status",
].map((key) => ({ key, header: key }))

/** Orders read at once for the file: fewer queries, still a few MB in memory. */
const EXPORT_PAGE_SIZE = 100

/**
 * The export's rows, a page of orders at a time: piped through the CSV
 * writer to the response, memory stays flat however large the batch.
 */
export async function* exportRows(
  scope: MedusaContainer,
  batch: BatchDTO
): AsyncGenerator<Record<string, unknown>> {
  const pages = batchOrderPages(
    scope,
    batch.id,
    readOrdersForExport<ExportOrder>(scope, EXPORT_ORDER_FIELDS),
    EXPORT_PAGE_SIZE
  )
  for await (const { orders } of pages) {
    for (const order of orders) {
      yield {
        batch_number: batch.number,
        order_number: order.display_id,
        order_id: order.id,
        placed_at: new Date(order.created_at),
        email: order.email ?? "",
        customer_name:
          fullName(order.customer) || fullName(order.billing_address),
        shipping_name: fullName(order.shipping_address),
        shipping_address: addressLines(order.shipping_address).join(", "),
        // Units, not lines: what the packer counts into the parcel.
        item_count: (order.items ?? []).reduce(
          (sum, item) => sum + toNumber(item.quantity),
          0
        ),
        currency_code: order.currency_code,
        total: Number(currentOrderTotal(order)),
        payment_status: order.payment_status ?? "",
        fulfillment_status: order.fulfillment_status ?? "",
        status: isCanceledOrder(order) ? "canceled" : (order.status ?? ""),
      }
    }
  }
}
