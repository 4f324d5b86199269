import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import { toBatchActionRunDTO } from "../../../modules/order-batch/lib/order-batch-action-run"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import {
  BatchActionName,
  BatchActionRunDTO,
  OrderBatchActionRunRecord,
} from "../../../modules/order-batch/types"

export const createBatchActionRunStepId = "create-order-batch-action-run-step"

export type CreateBatchActionRunStepInput = {
  batch_id: string
  action: BatchActionName
  /** The user or API key that starts the run. */
  actor_id?: string | null
}

/**
 * Records a new running run of `action` on a closed batch, with a pending
 * outcome for each of its orders. Only a closed batch may be acted on: the
 * open one still receives orders. A second
 * running run of the same action on the batch is refused by the database's
 * partial unique index, not by a read before the write, so two requests at
 * the same moment cannot both start one. The compensation deletes the run
 * and its outcomes.
 */
export const createBatchActionRunStep = createStep(
  createBatchActionRunStepId,
  async (input: CreateBatchActionRunStepInput, { container }) => {
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    const batch = await service.retrieveOrderBatch(input.batch_id, { select: ["id", "number", "status"] })
    if (batch.status !== "closed") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Batch ${batch.number} is still open and receiving orders: close it first (Close batch now, or log in again), then run ${input.action} on it.`
      )
    }
    let run: OrderBatchActionRunRecord
    try {
      run = await service.createBatchActionRun({
        batch_id: batch.id,
        batch_number: batch.number,
        action: input.action,
        started_by: input.actor_id ?? null,
      })
    } catch (error) {
      const [running] = await service.listOrderBatchActionRuns(
        { batch_id: batch.id, action: input.action, status: "running" },
        { select: ["id"], take: 1 }
      )
      if (running) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `A ${input.action} run (${running.id}) is already running on batch ${batch.number}: wait for it to finish.`
        )
      }
      throw error
    }
    return new StepResponse<BatchActionRunDTO, string>(toBatchActionRunDTO(run), run.id)
  },
  async (runId, { container }) => {
    if (!runId) {
      return
    }
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    await service.deleteOrderBatchActionOutcomes({ run_id: runId })
    await service.deleteOrderBatchActionRuns(runId)
  }
)
