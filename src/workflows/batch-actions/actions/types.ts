import { MedusaContainer } from "@medusajs/framework/types"

/** What a run did with one order. `done`: skipped because nothing is left to do. */
export type OrderActionResult = {
  status: "succeeded" | "skipped"
  message?: string
  done?: boolean
}

/**
 * One batch action on one order: `read` loads what the action needs (and the
 * order's display id), `act` changes the order through Medusa's own workflow,
 * as the dashboard's button does, and says what it did. An error thrown from
 * `act` is that order's failure, with Medusa's message.
 */
export type BatchOrderAction<T extends { display_id?: number | null }> = {
  read: (container: MedusaContainer, orderId: string) => Promise<T | undefined>
  act: (container: MedusaContainer, order: T, actorId: string | null) => Promise<OrderActionResult>
}

export const canceled = (order: { status?: string | null }): OrderActionResult | undefined =>
  order.status === "canceled" ? { status: "skipped", message: "The order is canceled." } : undefined
