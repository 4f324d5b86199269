import { MedusaContainer } from "@medusajs/framework/types"
import type { BatchDTO } from "../../modules/order-batch/types"
import { batchOrderPages } from "../batch-order-pages"
import { readOrdersByQuery } from "../read-orders"
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
  "items.title",
  "items.product_title",
  "items.variant_id",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
]

/**
 * What a batch needs picked: one line per SKU summed over its orders,
 * sorted by SKU so the warehouse walks the shelves once. Orders are read a
 * page at a time; only the lines are kept across pages.
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
