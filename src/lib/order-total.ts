import { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"

/**
 * The field Query is asked for to read an order's total: its summary, where
 * the order module keeps the current total as each change (an edit, a
 * return, a claim) left it. Asking for `total` instead makes the order module
 * load every line's tax lines and adjustments and compute all the totals:
 * the bulk of an export's time and memory, and of an assignment's reads.
 */
export const ORDER_TOTAL_FIELD = "summary"

export type WithOrderSummary = {
  summary?: { current_order_total?: BigNumberInput | null } | null
}

/** The order's current total as a decimal string; "0" where it has none. */
export function currentOrderTotal(order: WithOrderSummary): string {
  return MathBN.convert(order.summary?.current_order_total ?? 0).toString()
}
