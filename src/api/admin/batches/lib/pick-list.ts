import { MedusaContainer } from "@medusajs/framework/types"
import { BatchDTO } from "../../../../modules/order-batch/types"
import { batchOrderPages, readOrdersByQuery } from "./batch-order-pages"
import { toNumber } from "./format"

export type PickListLine = {
  product_title: string
  variant_title: string
  /** Null for items without a SKU; they are listed by variant at the end. */
  sku: string | null
  quantity: number
  order_count: number
}

export type PickList = {
  lines: PickListLine[]
  order_count: number
  quantity: number
}

type PickOrder = {
  id: string
  items?: {
    title: string | null
    product_title: string | null
    variant_id: string | null
    variant_title: string | null
    variant_sku: string | null
    quantity: unknown
  }[] | null
}

const PICK_ORDER_FIELDS = [
  "id",
  "items.title",
  "items.product_title",
  "items.variant_id",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
]

const skuOrder = new Intl.Collator("en", { numeric: true })

/**
 * What a batch needs picked: one line per SKU summed over its orders,
 * sorted by SKU so the warehouse walks the shelves once. Orders are read a
 * page at a time; only the lines (one per SKU) are kept across pages.
 */
export async function computePickList(
  scope: MedusaContainer,
  batch: BatchDTO
): Promise<PickList> {
  const lines = new Map<string, PickListLine>()
  let orderCount = 0
  let quantity = 0

  const pages = batchOrderPages<PickOrder>(
    scope,
    batch.id,
    readOrdersByQuery(scope, PICK_ORDER_FIELDS)
  )
  for await (const { orders } of pages) {
    for (const order of orders) {
      orderCount += 1
      // An order with the same SKU on two lines counts once for that SKU.
      const seen = new Set<string>()
      for (const item of order.items ?? []) {
        const sku = item.variant_sku?.trim() || null
        const key = sku
          ? `sku:${sku}`
          : `variant:${item.variant_id ?? `custom:${item.title ?? ""}`}`
        const line = lines.get(key) ?? {
          product_title: item.product_title ?? item.title ?? "",
          variant_title: item.variant_title ?? "",
          sku,
          quantity: 0,
          order_count: 0,
        }
        const itemQuantity = toNumber(item.quantity)
        line.quantity += itemQuantity
        quantity += itemQuantity
        if (!seen.has(key)) {
          seen.add(key)
          line.order_count += 1
        }
        lines.set(key, line)
      }
    }
  }

  return {
    lines: [...lines.values()].sort(compareLines),
    order_count: orderCount,
    quantity,
  }
}

function compareLines(a: PickListLine, b: PickListLine): number {
  if (a.sku !== null && b.sku !== null) {
    return skuOrder.compare(a.sku, b.sku)
  }
  if (a.sku !== null || b.sku !== null) {
    return a.sku === null ? 1 : -1
  }
  return (
    skuOrder.compare(a.product_title, b.product_title) ||
    skuOrder.compare(a.variant_title, b.variant_title)
  )
}

/** The CSV columns of a pick list, the same as the printed one's. */
export const PICK_LIST_CSV_COLUMNS: { key: keyof PickListLine; header: string }[] = [
  { key: "product_title", header: "product" },
  { key: "variant_title", header: "variant" },
  { key: "sku", header: "sku" },
  { key: "quantity", header: "quantity" },
  { key: "order_count", header: "orders" },
]
