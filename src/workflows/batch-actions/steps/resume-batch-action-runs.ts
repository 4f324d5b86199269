import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import { BatchActionRunQueuedEventData } from "../../../modules/order-batch/types"

export const resumeBatchActionRunsStepId = "resume-order-batch-action-runs-step"

export type ResumeBatchActionRunsStepOutput = {
  resumed: BatchActionRunQueuedEventData[]
}

/**
 * Finds runs left `running` with no processor at work (their workers
 * stopped, or the event that carried them was lost): no claim, settle or
 * lease renewal for two leases. Each is taken by one caller only, which
 * queues it again; its orders are taken up where their leases ran out, and
 * an order a stopped worker was acting on is only read, never acted on twice.
 */
export const resumeBatchActionRunsStep = createStep(
  resumeBatchActionRunsStepId,
  async (_: void, { container }) => {
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    const ids = await service.takeStaleBatchActionRuns()
    return new StepResponse<ResumeBatchActionRunsStepOutput>({ resumed: ids.map((id) => ({ id })) })
  }
)
