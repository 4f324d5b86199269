/** The fields that say whether an order was canceled; every document reads them. */
export const ORDER_STATE_FIELDS = ["status", "canceled_at"]

export type OrderState = {
  status?: string | null
  canceled_at?: Date | string | null
}

/**
 * An order canceled after it joined its batch: it stays in the batch (a
 * closed batch never changes), but nobody picks, packs or counts it. Read
 * from the order itself, so a document printed right after the cancel
 * already knows, before the plugin's own `order.canceled` subscriber ran.
 */
export function isCanceledOrder(order: OrderState): boolean {
  return order.status === "canceled" || !!order.canceled_at
}
