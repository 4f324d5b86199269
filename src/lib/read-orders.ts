import { getOrdersListWorkflow } from "@medusajs/medusa/core-flows"
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
