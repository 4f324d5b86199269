import {
  createWorkflow,
  transform,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { markBatchOrdersCanceledStep } from "../steps"

export const markBatchOrdersCanceledWorkflowId = "mark-order-batch-orders-canceled"

export type MarkBatchOrdersCanceledWorkflowInput = { order_ids: string[] }

/**
 * Copies orders' cancellation into their batches; the plugin runs it on
 * `order.canceled`. Reading `canceled_at` from the order makes a redelivered
 * event harmless.
 */
export const markBatchOrdersCanceledWorkflow = createWorkflow(
  markBatchOrdersCanceledWorkflowId,
  (input: WorkflowData<MarkBatchOrdersCanceledWorkflowInput>) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ["id", "canceled_at"],
      filters: { id: input.order_ids },
    })
    const cancellations = transform({ orders }, ({ orders }) =>
      orders
        .filter((order) => order.canceled_at)
        .map((order) => ({ order_id: order.id, canceled_at: new Date(order.canceled_at as Date) }))
    )
    return new WorkflowResponse(markBatchOrdersCanceledStep(cancellations))
  }
)
