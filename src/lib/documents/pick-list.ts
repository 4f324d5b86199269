import { MedusaContainer } from "@medusajs/framework/types"
import type { BatchDTO } from "../../modules/order-batch/types"
import { batchOrderPages } from "../batch-order-pages"
import { readOrdersByQuery } from "../read-orders"
import { ORDER_STATE_FIELDS } from "./order-state"
import {
  emptyPickListTally,
  PickList,
  PickListLine,
  PickOrder,
  tallyPickList,
  toPickList,
} from "./pick-list-tally"

const PICK_ORDER_FIELDS = [
  "id",
  ...ORDER_STATE_FIELDS,
  "items.title",
  "items.product_title",
  "items.variant_id",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
]

/**
 * What a batch needs picked: one line per SKU summed over its orders,
 * sorted by SKU so the warehouse walks the shelves once. Canceled orders
 * are counted and their items left out. Orders are read a page at a time;
 * only the lines are kept across pages.
 */
export async function computePickList(
  scope: MedusaContainer,
  batch: BatchDTO
): Promise<PickList> {
  let tally = emptyPickListTally()
  const pages = batchOrderPages<PickOrder>(
    scope,
    batch.id,
    readOrdersByQuery(scope, PICK_ORDER_FIELDS)
  )
  for await (const { orders } of pages) {
    tally = tallyPickList(tally, orders)
  }
  return toPickList(tally)
}

/** The CSV columns of a pick list, the same as the printed one's. */
export const PICK_LIST_CSV_COLUMNS: { key: keyof PickListLine; header: string }[] = [
  { key: "product_title", header: "product" },
  { key: "variant_title", header: "variant" },
  { key: "sku", header: "sku" },
  { key: "quantity", header: "quantity" },
  { key: "order_count", header: "orders" },
]

/**
 * The rows of the pick list's CSV: its lines and, where the batch has
 * canceled orders, a last row that says how many it left out (the product
 * column says so in words, the orders column counts them).
 */
export function pickListCsvRows(pickList: PickList): Record<keyof PickListLine, unknown>[] {
  const { lines, canceled_count } = pickList
  return canceled_count
    ? [
        ...lines,
        {
          product_title: `Left out: ${canceled_count} canceled order${canceled_count === 1 ? "" : "s"}`,
          variant_title: "",
          sku: "",
          quantity: 0,
          order_count: canceled_count,
        },
      ]
    : lines
}
