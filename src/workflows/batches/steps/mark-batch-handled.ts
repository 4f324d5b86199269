import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"

export const markBatchHandledStepId = "mark-order-batch-handled-step"

/** What was done with a batch: its orders printed, or exported as CSV. */
export type BatchHandledKind = "printed" | "exported"

export type MarkBatchHandledStepInput = {
  batch_id: string
  kind: BatchHandledKind
  /** The user or API key that printed or exported the batch. */
  actor_id: string | null
}

type PreviousHandling = {
  batch_id: string
  kind: BatchHandledKind
  at: Date | null
  by: string | null
}

/**
 * Records when a batch was last printed or exported and by whom. The
 * compensation puts back the earlier record, so a failing hook does not
 * leave a print or export recorded that the caller never received.
 */
export const markBatchHandledStep = createStep(
  markBatchHandledStepId,
  async (input: MarkBatchHandledStepInput, { container }) => {
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    const before = await service.retrieveOrderBatch(input.batch_id, {
      select: ["id", `${input.kind}_at`, `${input.kind}_by`],
    })
    await service.updateOrderBatches({
      id: input.batch_id,
      [`${input.kind}_at`]: new Date(),
      [`${input.kind}_by`]: input.actor_id,
    })
    return new StepResponse<MarkBatchHandledStepInput, PreviousHandling>(input, {
      batch_id: input.batch_id,
      kind: input.kind,
      at: before[`${input.kind}_at`] ?? null,
      by: before[`${input.kind}_by`] ?? null,
    })
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    await service.updateOrderBatches({
      id: previous.batch_id,
      [`${previous.kind}_at`]: previous.at,
      [`${previous.kind}_by`]: previous.by,
    })
  }
)
