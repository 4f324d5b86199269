import type { BatchDTO } from "../../modules/order-batch/types"
import { BARCODE_MODULE_IN, code128Svg } from "./barcode"
import { escapeHtml } from "./escape-html"
import {
  addressLines,
  formatDate,
  formatMoney,
  fullName,
  PersonName,
  PostalAddress,
  toNumber,
} from "./format"
import { isCanceledOrder, ORDER_STATE_FIELDS, OrderState } from "./order-state"

export type PrintOrder = OrderState & {
  id: string
  display_id: number
  created_at: Date | string
  email: string | null
  currency_code: string
  item_subtotal: unknown
  shipping_total: unknown
  discount_total: unknown
  tax_total: unknown
  total: unknown
  customer?: (PersonName & { email?: string | null }) | null
  billing_address?: PersonName | null
  shipping_address?: PostalAddress | null
  items?: {
    id: string
    title: string | null
    product_title: string | null
    variant_title: string | null
    variant_sku: string | null
    quantity: unknown
  }[] | null
}

export const PRINT_ORDER_FIELDS = [
  "id",
  ...ORDER_STATE_FIELDS,
  "display_id",
  "created_at",
  "email",
  "currency_code",
  "item_subtotal",
  "shipping_total",
  "discount_total",
  "tax_total",
  "total",
  "customer.first_name",
  "customer.last_name",
  "customer.email",
  "billing_address.first_name",
  "billing_address.last_name",
  "shipping_address.*",
  "items.id",
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
]

const ORDER_BARCODE = { moduleInches: BARCODE_MODULE_IN.slip, heightMm: 12 }

/**
 * One order's packing slip, a page of its own on paper: who, where to, what
 * (with SKUs and quantities) and the totals, with a barcode of the order
 * number for the packer's scanner. A canceled order's slip says CANCELED
 * across its top so that nobody packs it. Every shopper-typed value is
 * escaped.
 */
export function renderPackingSlip(
  order: PrintOrder,
  batch: BatchDTO,
  position: number,
  count: number
): string {
  const shipTo = order.shipping_address
  const customerName =
    fullName(order.customer) || fullName(order.billing_address) || fullName(shipTo)
  const email = order.email || order.customer?.email
  const money = (amount: unknown) => escapeHtml(formatMoney(amount, order.currency_code))
  const hasDiscount = toNumber(order.discount_total) !== 0
  const canceled = isCanceledOrder(order)

  return `<section class="order sheet${canceled ? " canceled" : ""}" data-order-id="${escapeHtml(order.id)}">
<header class="order-head">
  <div>
    <h1>Order #${escapeHtml(order.display_id)}</h1>
    <span class="batch-tag">Batch ${batch.number}</span>
  </div>
  ${code128Svg(String(order.display_id), ORDER_BARCODE)}
</header>
${
  canceled
    ? `<p class="canceled-mark" role="alert"><strong>CANCELED</strong> Do not pack: this order was canceled${
        order.canceled_at ? ` ${escapeHtml(formatDate(order.canceled_at))}` : ""
      }.</p>\n`
    : ""
}<div class="parties">
  <div>
    <h2>Customer</h2>
    <div>${escapeHtml(customerName) || '<span class="muted">—</span>'}</div>
    <div>${escapeHtml(email)}</div>
    <div class="muted">Placed ${escapeHtml(formatDate(order.created_at))}</div>
  </div>
  <div>
    <h2>Ship to</h2>
    <address>${[fullName(shipTo), ...addressLines(shipTo), shipTo?.phone]
      .filter(Boolean)
      .map((line) => escapeHtml(line))
      .join("<br>") || '<span class="muted">No shipping address</span>'}</address>
  </div>
</div>
<table class="items">
  <thead><tr><th>Item</th><th>SKU</th><th class="num">Qty</th></tr></thead>
  <tbody>
${(order.items ?? [])
  .map(
    (item) => `    <tr><td>${escapeHtml(item.product_title ?? item.title)}${
      item.variant_title
        ? `<div class="muted">${escapeHtml(item.variant_title)}</div>`
        : ""
    }</td><td>${escapeHtml(item.variant_sku) || "—"}</td><td class="num">${escapeHtml(
      toNumber(item.quantity)
    )}</td></tr>`
  )
  .join("\n")}
  </tbody>
</table>
<table class="totals">
  <tr><th>Subtotal</th><td class="num">${money(order.item_subtotal)}</td></tr>
  <tr><th>Shipping</th><td class="num">${money(order.shipping_total)}</td></tr>
${hasDiscount ? `  <tr><th>Discount</th><td class="num">−${money(order.discount_total)}</td></tr>\n` : ""}  <tr><th>Tax</th><td class="num">${money(order.tax_total)}</td></tr>
  <tr class="grand"><th>Total</th><td class="num">${money(order.total)}</td></tr>
</table>
<p class="page-foot">Batch ${batch.number} · order ${position} of ${count}</p>
</section>
`
}
