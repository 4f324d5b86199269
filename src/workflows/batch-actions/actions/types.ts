import { MedusaContainer } from "@medusajs/framework/types"

/**
 * Why an order is left alone. `done`: nothing is left to do, so a run that
 * was interrupted while acting on the order knows the action happened.
 */
export type OrderActionSkip = { message: string; done?: boolean }

/**
 * One batch action on one order: `read` loads what Medusa has for the order
 * (and its display id); `check` says, from that alone, why there is nothing
 * to do, or undefined where there is; `act` changes the order through
 * Medusa's own workflow, as the dashboard's button does. An error thrown
 * from `act` is that order's failure, with Medusa's message.
 */
export type BatchOrderAction<T extends { display_id?: number | null }> = {
  read: (container: MedusaContainer, orderId: string) => Promise<T | undefined>
  check: (order: T) => OrderActionSkip | undefined
  act: (container: MedusaContainer, order: T, actorId: string | null) => Promise<void>
}

export const canceled = (order: { status?: string | null }): OrderActionSkip | undefined =>
  order.status === "canceled" ? { message: "The order is canceled." } : undefined
