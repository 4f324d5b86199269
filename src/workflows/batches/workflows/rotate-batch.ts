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
import {
  RotateBatchInput,
  RotateBatchResult,
} from "../../../modules/order-batch/types"
import { rotateBatchStep } from "../steps"

export const rotateBatchWorkflowId = "rotate-order-batch"

export type RotateBatchWorkflowInput = RotateBatchInput
export type RotateBatchWorkflowOutput = RotateBatchResult

/**
 * Closes the open batch and opens the next one: at an administrator's login,
 * from `POST /admin/batches/rotate`, or from your own code. Emits
 * `order_batch.closed` and `order_batch.opened` when it rotated; the
 * `batchRotated` hook receives the result.
 *
 * @example
 * const { result } = await rotateBatchWorkflow(container).run({
 *   input: { reason: "manual", actor_id: "user_123" },
 * })
 */
export const rotateBatchWorkflow = createWorkflow(
  rotateBatchWorkflowId,
  (input: WorkflowData<RotateBatchWorkflowInput>) => {
    const result = rotateBatchStep(input)

    when({ result }, ({ result }) => result.rotated).then(() => {
      const events = transform({ result }, ({ result }) => ({
        closed: { id: result.closed!.id, number: result.closed!.number },
        opened: { id: result.opened!.id, number: result.opened!.number },
      }))
      emitEventStep({
        eventName: OrderBatchEvents.CLOSED,
        data: events.closed,
      }).config({ name: "emit-order-batch-closed" })
      emitEventStep({
        eventName: OrderBatchEvents.OPENED,
        data: events.opened,
      }).config({ name: "emit-order-batch-opened" })
    })

    const batchRotated = createHook("batchRotated", { result })

    return new WorkflowResponse(result, { hooks: [batchRotated] })
  }
)
