import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import {
  BatchActionEvents,
  BatchActionRunQueuedEventData,
} from "../modules/order-batch/types"
import { processBatchActionPageWorkflow } from "../workflows"

/**
 * Works through a queued batch action run in the worker, a page of orders
 * per workflow run, until it is done. Where it stops half-way (a restart),
 * the reconcile job queues the run again once its heartbeat is stale.
 */
export default async function processBatchActionRunHandler({
  event: { data },
  container,
}: SubscriberArgs<BatchActionRunQueuedEventData>) {
  for (;;) {
    const { result } = await processBatchActionPageWorkflow(container).run({
      input: { run_id: data.id, attempt: data.attempt },
    })
    if (result.done) {
      return
    }
  }
}

export const config: SubscriberConfig = {
  event: BatchActionEvents.RUN_QUEUED,
  context: { subscriberId: "medusa-order-batches-process-batch-action-run" },
}
