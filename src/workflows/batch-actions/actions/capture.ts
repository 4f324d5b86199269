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

const payments = (order: CaptureOrder) => (order.payment_collections ?? []).flatMap((pc) => pc.payments ?? [])
const open = (order: CaptureOrder) => payments(order).filter((p) => !p.captured_at && !p.canceled_at)

/**
 * `capture`: every payment the dashboard offers Capture for (authorized, not
 * captured, not canceled) is captured through `capturePaymentWorkflow`. The
 * dashboard asks for the payment's amount; here it is what is left of it,
 * which is the same for a payment never partly captured.
 */
export const captureOrder: BatchOrderAction<CaptureOrder> = {
  read: (container, orderId) => readOrder<CaptureOrder>(container, orderId, FIELDS),
  check: (order) => {
    if (canceled(order) || open(order).length) {
      return canceled(order)
    }
    return payments(order).some((p) => p.captured_at)
      ? { message: "Every payment is captured already.", done: true }
      : { message: "The order has no authorized payment to capture." }
  },
  act: async (container, order, actorId) => {
    for (const payment of open(order)) {
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
  },
}
