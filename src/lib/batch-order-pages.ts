import { MedusaContainer } from "@medusajs/framework/types"
import { ORDER_BATCH_MODULE } from "../modules/order-batch"
import type OrderBatchModuleService from "../modules/order-batch/service"
import { ReadOrders } from "./read-orders"

/** Orders read at once: enough to keep queries few, small enough to keep memory flat. */
export const ORDER_PAGE_SIZE = 50

type Page = { skip?: number; take?: number }

export type OrderPage<T> = {
  orders: T[]
  /** Position of the page's first order in the batch. */
  offset: number
  /** Orders in the batch when the first page was read. */
  count: number
}

const batchService = (scope: MedusaContainer): OrderBatchModuleService =>
  scope.resolve(ORDER_BATCH_MODULE)

/**
 * Reads the orders of a page of ids and puts them in the batch's order.
 * An order deleted from the store after it was batched has nothing to show.
 */
async function inBatchOrder<T extends { id: string }>(
  ids: string[],
  read: ReadOrders<T>
): Promise<T[]> {
  const byId = new Map((ids.length ? await read(ids) : []).map((o) => [o.id, o]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** One page of a batch's orders, oldest first, and how many the batch has. */
export async function readBatchOrderPage<T extends { id: string }>(
  scope: MedusaContainer,
  batchId: string,
  read: ReadOrders<T>,
  page: Page
): Promise<{ orders: T[]; count: number }> {
  const [ids, count] = await batchService(scope).listAndCountBatchOrderIds(batchId, page)
  return { orders: await inBatchOrder(ids, read), count }
}

/** The batch's order: oldest first, the order id breaking ties. */
const BATCH_ORDER = { placed_at: "ASC", order_id: "ASC" } as const

/**
 * A batch's orders, oldest first, one page at a time, so a document of a
 * batch of any size holds one page of orders in memory. Each page starts
 * after the last one's final order (a keyset, not an offset), so page 2,000
 * of a big batch costs what page 1 does. The batch is counted once, at the
 * first page, and no more orders than that are read: an open batch that
 * gains orders meanwhile does not make the document disagree with the count
 * it states.
 */
export async function* batchOrderPages<T extends { id: string }>(
  scope: MedusaContainer,
  batchId: string,
  read: ReadOrders<T>,
  pageSize = ORDER_PAGE_SIZE
): AsyncGenerator<OrderPage<T>> {
  const service = batchService(scope)
  const select = ["order_id", "placed_at"]
  let [page, count] = await service.listAndCountOrderBatchOrders(
    { batch_id: batchId },
    { select, order: BATCH_ORDER, take: pageSize }
  )
  let offset = 0
  while (page.length) {
    const ids = page.map((assignment) => assignment.order_id)
    yield { orders: await inBatchOrder(ids, read), offset, count }
    offset += page.length
    if (offset >= count) {
      return
    }
    const last = page[page.length - 1]
    page = await service.listOrderBatchOrders(
      {
        batch_id: batchId,
        $or: [
          { placed_at: { $gt: last.placed_at } },
          { placed_at: last.placed_at, order_id: { $gt: last.order_id } },
        ],
      },
      { select, order: BATCH_ORDER, take: Math.min(pageSize, count - offset) }
    )
  }
}
