import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { markBatchOrdersCanceledWorkflow } from "../workflows"

/** A canceled order stays in its batch, marked, so nobody picks or packs it. */
export default async function markCanceledOrderHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  await markBatchOrdersCanceledWorkflow(container).run({
    input: { order_ids: [data.id] },
  })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.CANCELED,
  context: { subscriberId: "medusa-order-batches-mark-canceled-order" },
}
