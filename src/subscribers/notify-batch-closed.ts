import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { OrderBatchEvents, OrderBatchEventData } from "../modules/order-batch/events"
import { sendBatchClosedNotificationsWorkflow } from "../workflows"

/**
 * A closed batch is announced in the dashboard's notification panel and, with
 * `closeSummaryEmail`, by email. Runs in the worker after the close
 * committed; a failure is logged and never reaches the close.
 */
export default async function notifyBatchClosedHandler({
  event: { data },
  container,
}: SubscriberArgs<OrderBatchEventData>) {
  try {
    await sendBatchClosedNotificationsWorkflow(container).run({
      input: { number: data.number },
    })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`medusa-order-batches: no notification of the close of batch ${data.number}: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: OrderBatchEvents.CLOSED,
  context: { subscriberId: "medusa-order-batches-notify-batch-closed" },
}
