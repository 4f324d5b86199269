import {
  createHook,
  createWorkflow,
  transform,
  when,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { OrderBatchEvents } from "../../../modules/order-batch/events"
import { AssignQueuedOrdersInput, OrderAssignment } from "../../../modules/order-batch/types"
import { assignQueuedOrdersStep } from "../steps"

export const assignQueuedOrdersWorkflowId = "assign-queued-orders-to-order-batch"

export type AssignQueuedOrdersWorkflowInput = AssignQueuedOrdersInput
export type AssignQueuedOrdersWorkflowOutput = OrderAssignment[]

/**
 * Puts orders that the store committed but no `order.placed` subscriber
 * assigned (it failed, or the order was imported) into the open batch, a
 * page at a time, so a close has little left to take in. The plugin's
 * reconcile job runs it in the worker. Emits `order_batch.order_assigned`
 * for each; the `queuedOrdersAssigned` hook receives them.
 */
export const assignQueuedOrdersWorkflow = createWorkflow(
  assignQueuedOrdersWorkflowId,
  (input: WorkflowData<AssignQueuedOrdersWorkflowInput>) => {
    const assigned = assignQueuedOrdersStep(input)

    when({ assigned }, ({ assigned }) => assigned.length > 0).then(() => {
      const events = transform({ assigned }, ({ assigned }) =>
        assigned.map((a) => ({ id: a.batch_id, number: a.batch_number, order_id: a.order_id }))
      )
      emitEventStep({ eventName: OrderBatchEvents.ORDER_ASSIGNED, data: events })
    })

    const queuedOrdersAssigned = createHook("queuedOrdersAssigned", { assigned })

    return new WorkflowResponse(assigned, { hooks: [queuedOrdersAssigned] })
  }
)
