import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import {
  BatchActionEvents,
  BatchActionRunQueuedEventData,
} from "../modules/order-batch/types"
import { processBatchActionPageWorkflow } from "../workflows"

/**
 * Starts the next unit of a queued batch action run and returns: the unit
 * runs in the background and queues the one after it, so any worker may
 * take each unit and the event bus is never held up by a run. Where a
 * worker stops mid-unit, the reconcile job queues the run again once its
 * heartbeat is stale.
 */
export default async function processBatchActionRunHandler({
  event: { data },
  container,
}: SubscriberArgs<BatchActionRunQueuedEventData>) {
  await processBatchActionPageWorkflow(container).run({ input: { run_id: data.id } })
}

export const config: SubscriberConfig = {
  event: BatchActionEvents.RUN_QUEUED,
  context: { subscriberId: "medusa-order-batches-process-batch-action-run" },
}
