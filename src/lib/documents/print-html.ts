import { MedusaContainer } from "@medusajs/framework/types"
import type { BatchDTO } from "../../modules/order-batch/types"
import { batchOrderPages } from "../batch-order-pages"
import { readOrdersByQuery } from "../read-orders"
import { countOf } from "./format"
import { documentEnd, documentStart } from "./html-document"
import {
  PRINT_ORDER_FIELDS,
  PrintOrder,
  renderPackingSlip,
} from "./packing-slip-html"

/**
 * The print document of a batch, in chunks: one packing slip a page, read
 * and written a page of orders at a time.
 */
export async function* renderPrintDocument(
  scope: MedusaContainer,
  batch: BatchDTO
): AsyncGenerator<string> {
  const pages = batchOrderPages<PrintOrder>(
    scope,
    batch.id,
    readOrdersByQuery(scope, PRINT_ORDER_FIELDS)
  )
  let started = false
  for await (const { orders, offset, count } of pages) {
    if (!started) {
      yield documentStart(`Batch ${batch.number}: ${countOf(count, "order")}`)
      yield openBatchNotice(batch, count)
      started = true
    }
    yield orders
      .map((order, i) => renderPackingSlip(order, batch, offset + i + 1, count))
      .join("")
  }
  if (!started) {
    yield documentStart(`Batch ${batch.number}: no orders`)
    yield openBatchNotice(batch, 0)
    yield `<section class="sheet"><h1>Batch ${batch.number}</h1><p>This batch has no orders.</p></section>\n`
  }
  yield documentEnd()
}

function openBatchNotice(batch: BatchDTO, count: number): string {
  return batch.status === "open"
    ? `<p class="notice sheet">Batch ${batch.number} is still open and receiving orders. ` +
        `This document shows the ${countOf(count, "order")} it had when it was printed; ` +
        `log out and in again to close it and work with a fixed set of orders.</p>\n`
    : ""
}
