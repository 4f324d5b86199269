import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderBatchEvents, OrderBatchEventData } from "../modules/order-batch/events"
import { fillBatchOrderTotalsWorkflow } from "../workflows"

/** A closed batch gets the totals of the orders its close swept in. */
export default async function fillBatchOrderTotalsHandler({
  event: { data },
  container,
}: SubscriberArgs<OrderBatchEventData>) {
  await fillBatchOrderTotalsWorkflow(container).run({
    input: { batch_id: data.id },
  })
}

export const config: SubscriberConfig = {
  event: OrderBatchEvents.CLOSED,
  context: { subscriberId: "medusa-order-batches-fill-batch-order-totals" },
}
