import type { BatchDTO } from "../../modules/order-batch/types"
import { BARCODE_MODULE_IN, code128Svg } from "./barcode"
import { escapeHtml } from "./escape-html"
import { countOf, formatDate } from "./format"
import { documentEnd, documentStart } from "./html-document"
import { PickList } from "./pick-list-tally"

const SKU_BARCODE = { moduleInches: BARCODE_MODULE_IN.line, heightMm: 7 }

/**
 * The printed pick list: one table row per SKU, with the SKU's barcode for
 * the picker's scanner, the totals beneath, and how many canceled orders it
 * left out.
 */
export function renderPickListHtml(batch: BatchDTO, pickList: PickList): string {
  const { lines, order_count, quantity, canceled_count } = pickList
  const notices = [
    batch.status === "open"
      ? `<p class="notice">Batch ${batch.number} is still open and receiving orders; ` +
        `this list covers the ${countOf(order_count + canceled_count, "order")} it had when it was made.</p>\n`
      : "",
    canceled_count
      ? `<p class="notice" data-canceled-count="${canceled_count}">Left out: ${countOf(canceled_count, "canceled order")} ` +
        `of this batch; ${canceled_count === 1 ? "its" : "their"} items are not on this list.</p>\n`
      : "",
  ].join("")
  const rows = lines
    .map(
      (line) =>
        `    <tr><td>${escapeHtml(line.product_title)}</td><td>${escapeHtml(
          line.variant_title
        )}</td><td>${line.sku === null ? "—" : `${escapeHtml(line.sku)}${code128Svg(line.sku, SKU_BARCODE)}`}</td>` +
        `<td class="num">${line.quantity}</td><td class="num">${line.order_count}</td></tr>`
    )
    .join("\n")

  return `${documentStart(`Pick list: batch ${batch.number}`)}<section class="sheet">
<header class="order-head">
  <h1>Pick list</h1>
  <span class="batch-tag">Batch ${batch.number}</span>
</header>
${notices}<p class="muted">${countOf(order_count, "order")} · ${countOf(quantity, "unit")} · ${countOf(lines.length, "line")} · made ${escapeHtml(
    formatDate(new Date())
  )}</p>
${
  lines.length
    ? `<table>
  <thead><tr><th>Product</th><th>Variant</th><th>SKU</th><th class="num">Quantity</th><th class="num">Orders</th></tr></thead>
  <tbody>
${rows}
  </tbody>
  <tfoot><tr><th colspan="3">Total</th><th class="num">${quantity}</th><th class="num">${order_count}</th></tr></tfoot>
</table>`
    : "<p>Nothing to pick: this batch has no items.</p>"
}
</section>
${documentEnd()}`
}
