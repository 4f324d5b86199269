import { toNumber } from "./format"
import { isCanceledOrder, OrderState } from "./order-state"

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
  /** Orders whose items are on the list. */
  order_count: number
  quantity: number
  /** Canceled orders of the batch, whose items the list leaves out. */
  canceled_count: number
}

/** The items of an order, as far as picking needs them. */
export type PickOrder = OrderState & {
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

/** A pick list being summed; only one line per SKU is kept between pages. */
export type PickListTally = {
  lines: Map<string, PickListLine>
  order_count: number
  quantity: number
  canceled_count: number
}

export const emptyPickListTally = (): PickListTally => ({
  lines: new Map(),
  order_count: 0,
  quantity: 0,
  canceled_count: 0,
})

/**
 * Adds a page of orders to the tally and returns it. An order with the same
 * SKU on two lines counts once for that SKU; an item without a SKU is
 * grouped by its variant (or, for a custom item, its title). A canceled
 * order is counted, and its items left out.
 */
export function tallyPickList(
  tally: PickListTally,
  orders: PickOrder[]
): PickListTally {
  for (const order of orders) {
    if (isCanceledOrder(order)) {
      tally.canceled_count += 1
      continue
    }
    tally.order_count += 1
    const seen = new Set<string>()
    for (const item of order.items ?? []) {
      const sku = item.variant_sku?.trim() || null
      const key = sku
        ? `sku:${sku}`
        : `variant:${item.variant_id ?? `custom:${item.title ?? ""}`}`
      const line = tally.lines.get(key) ?? {
        product_title: item.product_title ?? item.title ?? "",
        variant_title: item.variant_title ?? "",
        sku,
        quantity: 0,
        order_count: 0,
      }
      const quantity = toNumber(item.quantity)
      line.quantity += quantity
      tally.quantity += quantity
      if (!seen.has(key)) {
        seen.add(key)
        line.order_count += 1
      }
      tally.lines.set(key, line)
    }
  }
  return tally
}

// Numeric-aware, so SHELF-2 comes before SHELF-10 as on the shelves.
const skuOrder = new Intl.Collator("en", { numeric: true })

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

/** The finished pick list: lines sorted by SKU, those without one last. */
export function toPickList(tally: PickListTally): PickList {
  return {
    lines: [...tally.lines.values()].sort(compareLines),
    order_count: tally.order_count,
    quantity: tally.quantity,
    canceled_count: tally.canceled_count,
  }
}
