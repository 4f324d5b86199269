import {
  createHook,
  createWorkflow,
  transform,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BatchActionEvents, BatchActionRunDTO } from "../../../modules/order-batch/types"
import { createBatchActionRunStep, CreateBatchActionRunStepInput } from "../steps"

export const startBatchActionWorkflowId = "start-order-batch-action"

export type StartBatchActionWorkflowInput = CreateBatchActionRunStepInput
export type StartBatchActionWorkflowOutput = BatchActionRunDTO

/**
 * Starts a batch action (fulfill, ship or capture every order of a closed
 * batch): records the run and emits `order_batch.action_run_queued`, whose
 * subscriber works through the orders in the background (the worker, in a
 * server/worker deployment). `POST /admin/batches/:number/actions` runs it;
 * the `batchActionStarted` hook receives the run.
 *
 * @example
 * const { result: run } = await startBatchActionWorkflow(container).run({
 *   input: { batch_id: "obat_123", action: "fulfill", actor_id: "user_123" },
 * })
 */
export const startBatchActionWorkflow = createWorkflow(
  startBatchActionWorkflowId,
  (input: WorkflowData<StartBatchActionWorkflowInput>) => {
    const run = createBatchActionRunStep(input)

    emitEventStep({
      eventName: BatchActionEvents.RUN_QUEUED,
      data: transform({ run }, ({ run }) => ({ id: run.id })),
    })

    const batchActionStarted = createHook("batchActionStarted", { run })

    return new WorkflowResponse(run, { hooks: [batchActionStarted] })
  }
)
