import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { assignOrdersToBatchWorkflow } from "../workflows"

/** Every placed order (checkout or converted draft order) joins the open batch. */
export default async function assignPlacedOrderHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  await assignOrdersToBatchWorkflow(container).run({
    input: { order_ids: [data.id] },
  })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "medusa-order-batches-assign-placed-order" },
}
