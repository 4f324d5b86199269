type StatusColor = "green" | "red" | "orange" | "grey"

/**
 * Order statuses with the dashboard's own translation keys and colours, so
 * the batch table reads exactly like Medusa's order list.
 */
const PAYMENT: Record<string, [string, StatusColor]> = {
  not_paid: ["orders.payment.status.notPaid", "red"],
  authorized: ["orders.payment.status.authorized", "orange"],
  partially_authorized: ["orders.payment.status.partiallyAuthorized", "red"],
  awaiting: ["orders.payment.status.awaiting", "orange"],
  captured: ["orders.payment.status.captured", "green"],
  refunded: ["orders.payment.status.refunded", "red"],
  partially_refunded: ["orders.payment.status.partiallyRefunded", "orange"],
  partially_captured: ["orders.payment.status.partiallyCaptured", "orange"],
  canceled: ["orders.payment.status.canceled", "red"],
  requires_action: ["orders.payment.status.requiresAction", "orange"],
}

const FULFILLMENT: Record<string, [string, StatusColor]> = {
  not_fulfilled: ["orders.fulfillment.status.notFulfilled", "red"],
  partially_fulfilled: ["orders.fulfillment.status.partiallyFulfilled", "orange"],
  fulfilled: ["orders.fulfillment.status.fulfilled", "green"],
  partially_shipped: ["orders.fulfillment.status.partiallyShipped", "orange"],
  shipped: ["orders.fulfillment.status.shipped", "green"],
  delivered: ["orders.fulfillment.status.delivered", "green"],
  partially_delivered: ["orders.fulfillment.status.partiallyDelivered", "orange"],
  partially_returned: ["orders.fulfillment.status.partiallyReturned", "orange"],
  returned: ["orders.fulfillment.status.returned", "green"],
  canceled: ["orders.fulfillment.status.canceled", "red"],
  requires_action: ["orders.fulfillment.status.requiresAction", "orange"],
}

const lookup =
  (table: Record<string, [string, StatusColor]>) =>
  (status: string): { key: string | null; color: StatusColor } => {
    const [key, color] = table[status] ?? [null, "grey"]
    return { key, color }
  }

export const paymentStatus = lookup(PAYMENT)
export const fulfillmentStatus = lookup(FULFILLMENT)
