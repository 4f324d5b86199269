import {
  createHook,
  createWorkflow,
  transform,
  when,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { currentOrderTotal, ORDER_TOTAL_FIELD } from "../../../lib/order-total"
import { OrderBatchEvents } from "../../../modules/order-batch/events"
import {
  AssignOrderInput,
  AssignOrdersResult,
} from "../../../modules/order-batch/types"
import { assignOrdersToBatchStep } from "../steps"

export const assignOrdersToBatchWorkflowId = "assign-orders-to-order-batch"

export type AssignOrdersToBatchWorkflowInput = { order_ids: string[] }
export type AssignOrdersToBatchWorkflowOutput = AssignOrdersResult

/**
 * Puts orders into the open batch; the plugin runs it on `order.placed`.
 * Draft orders and unknown ids are passed over, and an order that already
 * has a batch keeps it. Emits `order_batch.order_assigned` for each order it
 * assigned; the `ordersAssigned` hook receives the result.
 */
export const assignOrdersToBatchWorkflow = createWorkflow(
  assignOrdersToBatchWorkflowId,
  (input: WorkflowData<AssignOrdersToBatchWorkflowInput>) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ["id", "created_at", "canceled_at", "currency_code", ORDER_TOTAL_FIELD, "is_draft_order"],
      filters: { id: input.order_ids },
    })

    const toAssign = transform({ orders }, ({ orders }): AssignOrderInput[] =>
      orders
        .filter((order) => !order.is_draft_order)
        .map((order) => ({
          order_id: order.id,
          placed_at: order.created_at as Date,
          currency_code: order.currency_code,
          total: currentOrderTotal(order),
          canceled_at: order.canceled_at as Date | null,
        }))
    )

    const result = assignOrdersToBatchStep(toAssign)

    when({ result }, ({ result }) => result.assigned.length > 0).then(() => {
      const events = transform({ result }, ({ result }) =>
        result.assigned.map((a) => ({
          id: a.batch_id,
          number: a.batch_number,
          order_id: a.order_id,
        }))
      )
      emitEventStep({ eventName: OrderBatchEvents.ORDER_ASSIGNED, data: events })
    })

    const ordersAssigned = createHook("ordersAssigned", { result })

    return new WorkflowResponse(result, { hooks: [ordersAssigned] })
  }
)
