import {
  getLastFulfillmentStatus,
  getLastPaymentStatus,
  getOrdersListWorkflow,
} from "@medusajs/medusa/core-flows"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** Reads the orders with these ids, in any order. */
export type ReadOrders<T> = (ids: string[]) => Promise<T[]>

/** Reads orders through Query: stored fields and computed totals. */
export function readOrdersByQuery<T>(
  scope: MedusaContainer,
  fields: string[]
): ReadOrders<T> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  return async (ids) => {
    const { data } = await query.graph({
      entity: "order",
      fields,
      filters: { id: ids },
      pagination: { skip: 0, take: ids.length },
    })
    return data as T[]
  }
}

/**
 * Reads orders through the workflow behind Medusa's order list, which adds
 * the payment and fulfillment statuses that the order does not store.
 */
export function readOrdersWithStatuses<T>(
  scope: MedusaContainer,
  fields: string[]
): ReadOrders<T> {
  return async (ids) => {
    const { result } = await getOrdersListWorkflow(scope).run({
      input: {
        fields,
        variables: { filters: { id: ids }, skip: 0, take: ids.length },
      },
    })
    return (Array.isArray(result) ? result : result.rows) as T[]
  }
}

/** What Medusa's status helpers read, as its own order export asks for them. */
const STATUS_FIELDS = [
  "currency_code",
  "items.*",
  "payment_collections.status",
  "payment_collections.amount",
  "payment_collections.captured_amount",
  "payment_collections.refunded_amount",
  "fulfillments.packed_at",
  "fulfillments.shipped_at",
  "fulfillments.delivered_at",
  "fulfillments.canceled_at",
]

type StatusSource = Parameters<typeof getLastPaymentStatus>[0]

/**
 * The statuses of `readOrdersWithStatuses`, read the way Medusa's own order
 * export reads them: one Query call, no workflow run per page, which is
 * what a file of a whole batch needs.
 */
export function readOrdersForExport<T>(
  scope: MedusaContainer,
  fields: string[]
): ReadOrders<T & { payment_status: string; fulfillment_status: string }> {
  const read = readOrdersByQuery<StatusSource>(scope, [...new Set([...fields, ...STATUS_FIELDS])])
  return async (ids) =>
    (await read(ids)).map((order) => {
      const { payment_collections: _p, fulfillments: _f, ...rest } = order as StatusSource & Record<string, unknown>
      return {
        ...(rest as T),
        payment_status: getLastPaymentStatus(order),
        fulfillment_status: getLastFulfillmentStatus(order),
      }
    })
}
