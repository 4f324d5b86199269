import { MathBN } from "@medusajs/framework/utils"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { readOrder } from "./read-order"
import { BatchOrderAction, canceled } from "./types"

type Amount = number | string | { numeric?: number }

type CaptureOrder = {
  id: string
  display_id: number | null
  status: string
  payment_collections?: {
    payments?: {
      id: string
      amount: Amount
      captured_at: string | Date | null
      canceled_at: string | Date | null
      captures?: { amount: Amount }[] | null
    }[] | null
  }[] | null
}

const FIELDS = [
  "id",
  "display_id",
  "status",
  "payment_collections.payments.id",
  "payment_collections.payments.amount",
  "payment_collections.payments.captured_at",
  "payment_collections.payments.canceled_at",
  "payment_collections.payments.captures.amount",
]

/**
 * `capture`: every payment the dashboard offers Capture for (authorized, not
 * captured, not canceled) is captured through `capturePaymentWorkflow`. The
 * dashboard asks for the payment's amount; here it is what is left of it,
 * which is the same for a payment never partly captured.
 */
export const captureOrder: BatchOrderAction<CaptureOrder> = {
  read: (container, orderId) => readOrder<CaptureOrder>(container, orderId, FIELDS),
  act: async (container, order, actorId) => {
    const skip = canceled(order)
    if (skip) {
      return skip
    }
    const payments = (order.payment_collections ?? []).flatMap((pc) => pc.payments ?? [])
    const open = payments.filter((p) => !p.captured_at && !p.canceled_at)
    if (!open.length) {
      return payments.some((p) => p.captured_at)
        ? { status: "skipped", message: "Every payment is captured already.", done: true }
        : { status: "skipped", message: "The order has no authorized payment to capture." }
    }
    for (const payment of open) {
      const captured = (payment.captures ?? []).reduce(
        (sum, capture) => MathBN.add(sum, capture.amount as number),
        MathBN.convert(0)
      )
      await capturePaymentWorkflow(container).run({
        input: {
          payment_id: payment.id,
          amount: MathBN.sub(payment.amount as number, captured).toNumber(),
          captured_by: actorId ?? undefined,
        },
      })
    }
    return { status: "succeeded" }
  },
}
