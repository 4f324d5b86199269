import { getOrdersListWorkflow } from "@medusajs/medusa/core-flows"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../../../../modules/order-batch"
import type OrderBatchModuleService from "../../../../modules/order-batch/service"

/** Orders read at once: enough to keep queries few, small enough to keep memory flat. */
export const ORDER_PAGE_SIZE = 50

export type OrderPage<T> = {
  orders: T[]
  /** Position of the page's first order in the batch. */
  offset: number
  /** Orders in the batch when the first page was read. */
  count: number
}

export type ReadOrders<T> = (ids: string[]) => Promise<T[]>

/**
 * A batch's orders, oldest first, one page at a time, so a document of a
 * batch of any size holds one page of orders and their items in memory.
 * It reads as many orders as the batch had at the first page: an open batch
 * that gains orders meanwhile does not make the document disagree with
 * the count it states.
 */
export async function* batchOrderPages<T extends { id: string }>(
  scope: MedusaContainer,
  batchId: string,
  read: ReadOrders<T>,
  pageSize = ORDER_PAGE_SIZE
): AsyncGenerator<OrderPage<T>> {
  const service: OrderBatchModuleService = scope.resolve(ORDER_BATCH_MODULE)
  let offset = 0
  let count = Infinity
  while (offset < count) {
    const [ids, total] = await service.listAndCountBatchOrderIds(batchId, {
      skip: offset,
      take: Math.min(pageSize, count - offset),
    })
    count = Math.min(count, total)
    if (!ids.length) {
      return
    }
    const byId = new Map((await read(ids)).map((order) => [order.id, order]))
    // An order deleted from the store after it was batched has nothing to show.
    yield { orders: ids.flatMap((id) => byId.get(id) ?? []), offset, count }
    offset += ids.length
  }
}

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
