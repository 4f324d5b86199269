import { createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import { readOrder } from "./read-order"
import { BatchOrderAction, canceled } from "./types"

type Label = { tracking_number: string; tracking_url: string; label_url: string }

type ShipOrder = {
  id: string
  display_id: number | null
  status: string
  no_notification: boolean | null
  fulfillments?: {
    id: string
    requires_shipping: boolean
    shipped_at: string | Date | null
    delivered_at: string | Date | null
    canceled_at: string | Date | null
    items: { line_item_id: string | null; quantity: number }[]
    labels: Label[]
    shipping_option?: { service_zone?: { fulfillment_set?: { type?: string } | null } | null } | null
  }[]
}

// The fields the dashboard's fulfillment card and Mark as shipped form read.
const FIELDS = [
  "id",
  "display_id",
  "status",
  "no_notification",
  "fulfillments.id",
  "fulfillments.requires_shipping",
  "fulfillments.shipped_at",
  "fulfillments.delivered_at",
  "fulfillments.canceled_at",
  "fulfillments.items.line_item_id",
  "fulfillments.items.quantity",
  "fulfillments.labels.tracking_number",
  "fulfillments.labels.tracking_url",
  "fulfillments.labels.label_url",
  "fulfillments.shipping_option.service_zone.fulfillment_set.type",
]

const shippable = (order: ShipOrder) =>
  (order.fulfillments ?? []).filter(
    (f) =>
      !f.canceled_at &&
      !f.shipped_at &&
      !f.delivered_at &&
      f.requires_shipping &&
      f.shipping_option?.service_zone?.fulfillment_set?.type !== "pickup"
  )

/**
 * `ship`: every fulfillment that the dashboard offers Mark as shipped for
 * (not canceled, shipped or delivered, needs shipping, not a pick-up) is
 * marked shipped through `createOrderShipmentWorkflow`, with its items and
 * labels as that form sends them.
 */
export const shipOrder: BatchOrderAction<ShipOrder> = {
  read: (container, orderId) => readOrder<ShipOrder>(container, orderId, FIELDS),
  check: (order) => {
    if (canceled(order) || shippable(order).length) {
      return canceled(order)
    }
    return (order.fulfillments ?? []).some((f) => !f.canceled_at)
      ? { message: "Every fulfillment is shipped already.", done: true }
      : { message: "The order has no fulfillment to ship: fulfill it first." }
  },
  act: async (container, order, actorId) => {
    for (const fulfillment of shippable(order)) {
      await createOrderShipmentWorkflow(container).run({
        input: {
          order_id: order.id,
          fulfillment_id: fulfillment.id,
          items: fulfillment.items
            .filter((item) => !!item.line_item_id)
            .map((item) => ({ id: item.line_item_id!, quantity: item.quantity })),
          labels: (fulfillment.labels ?? []).map(({ tracking_number, tracking_url, label_url }) => ({
            tracking_number,
            tracking_url,
            label_url,
          })),
          no_notification: !!order.no_notification,
          created_by: actorId ?? undefined,
        },
      })
    }
  },
}
