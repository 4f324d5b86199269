import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createOrderFulfillmentWorkflow } from "@medusajs/medusa/core-flows"
import { readOrder } from "./read-order"
import { BatchOrderAction, canceled } from "./types"

type Quantity = number | string | { numeric?: number } | null | undefined

type FulfillOrder = {
  id: string
  display_id: number | null
  status: string
  no_notification: boolean | null
  items: {
    id: string
    title: string
    quantity: Quantity
    requires_shipping: boolean
    detail?: { fulfilled_quantity: Quantity } | null
    variant?: { product?: { shipping_profile?: { id: string } | null } | null } | null
  }[]
  shipping_methods: { shipping_option_id: string | null }[]
}

type ShippingOption = {
  id: string
  shipping_profile_id: string
  service_zone?: { fulfillment_set?: { location?: { id: string } | null } | null } | null
}

type Group = { option: ShippingOption; items: { id: string; quantity: number }[] }

// The fields the dashboard's Fulfill items form reads (order-create-fulfillment).
const FIELDS = [
  "id",
  "display_id",
  "status",
  "no_notification",
  "items.*",
  "items.detail.*",
  "items.variant.product.shipping_profile.id",
  "shipping_methods.shipping_option_id",
]

const toNumber = (value: Quantity) => MathBN.convert((value ?? 0) as number).toNumber()

async function readShippingOptions(container: MedusaContainer, ids: string[]) {
  if (!ids.length) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "shipping_option",
    fields: ["id", "shipping_profile_id", "service_zone.fulfillment_set.location.id"],
    filters: { id: ids },
  })
  return data as ShippingOption[]
}

/**
 * The fulfillments the dashboard would create, one Fulfill click each: items
 * that need shipping go with the order's shipping method of their shipping
 * profile (the form keeps only the selected option's profile), the rest
 * with the order's first shipping method; the location is the shipping
 * option's stock location, as the form preselects it.
 */
const unfulfilled = (order: FulfillOrder) =>
  order.items
    .map((item) => ({ item, quantity: toNumber(item.quantity) - toNumber(item.detail?.fulfilled_quantity) }))
    .filter(({ quantity }) => quantity > 0)

function plan(order: FulfillOrder, options: ShippingOption[]) {
  const open = unfulfilled(order)
  const groups: Group[] = []
  const taken = new Set<string>()
  for (const option of options) {
    const items = open.filter(
      ({ item }) =>
        item.requires_shipping &&
        !taken.has(item.id) &&
        item.variant?.product?.shipping_profile?.id === option.shipping_profile_id
    )
    items.forEach(({ item }) => taken.add(item.id))
    if (items.length) {
      groups.push({ option, items: items.map(({ item, quantity }) => ({ id: item.id, quantity })) })
    }
  }
  const withoutShipping = open.filter(({ item }) => !item.requires_shipping)
  if (withoutShipping.length && options[0]) {
    withoutShipping.forEach(({ item }) => taken.add(item.id))
    groups.push({
      option: options[0],
      items: withoutShipping.map(({ item, quantity }) => ({ id: item.id, quantity })),
    })
  }
  const left = open.filter(({ item }) => !taken.has(item.id)).map(({ item }) => item.title)
  return { groups, left }
}

/** `fulfill`: a fulfillment of every unfulfilled item, through `createOrderFulfillmentWorkflow`. */
export const fulfillOrder: BatchOrderAction<FulfillOrder> = {
  read: (container, orderId) => readOrder<FulfillOrder>(container, orderId, FIELDS),
  check: (order) =>
    canceled(order) ?? (unfulfilled(order).length ? undefined : { message: "Every item is fulfilled already.", done: true }),
  act: async (container, order, actorId) => {
    const optionIds = [...new Set(order.shipping_methods.map((m) => m.shipping_option_id).filter((id): id is string => !!id))]
    const found = await readShippingOptions(container, optionIds)
    // In the order of the order's shipping methods, the first one first.
    const options = optionIds.map((id) => found.find((o) => o.id === id)).filter((o): o is ShippingOption => !!o)
    const { groups, left } = plan(order, options)
    for (const { option, items } of groups) {
      await createOrderFulfillmentWorkflow(container).run({
        input: {
          order_id: order.id,
          items,
          shipping_option_id: option.id,
          location_id: option.service_zone?.fulfillment_set?.location?.id,
          no_notification: !!order.no_notification,
          created_by: actorId ?? undefined,
        },
      })
    }
    if (left.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `No shipping method of the order can fulfill ${left.join(", ")}: fulfill ${left.length === 1 ? "it" : "them"} from the order's page.`
      )
    }
  },
}
