import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import { BatchActionRunQueuedEventData } from "../../../modules/order-batch/types"

export const resumeBatchActionRunsStepId = "resume-order-batch-action-runs-step"

export type ResumeBatchActionRunsStepInput = {
  /** A running run whose heartbeat is older than this was interrupted (a restart, a crash). */
  stale_after_seconds?: number
  /** A run interrupted this many times is marked failed instead of resumed again. */
  max_attempts?: number
}

export type ResumeBatchActionRunsStepOutput = {
  resumed: BatchActionRunQueuedEventData[]
  failed: string[]
}

/** A processor touches its run's heartbeat after every order; one order never takes this long. */
export const BATCH_ACTION_STALE_AFTER_SECONDS = 120
export const BATCH_ACTION_MAX_ATTEMPTS = 3

/**
 * Finds runs left `running` by a processor that stopped (the worker
 * restarted or crashed) and gives each a new attempt, which the caller
 * queues again; the old attempt's processor, should it still be alive,
 * stops at its next page. A run interrupted `max_attempts` times is marked
 * failed, so no run stays `running` forever.
 */
export const resumeBatchActionRunsStep = createStep(
  resumeBatchActionRunsStepId,
  async (input: ResumeBatchActionRunsStepInput, { container }) => {
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    const staleAfter = (input.stale_after_seconds ?? BATCH_ACTION_STALE_AFTER_SECONDS) * 1000
    const maxAttempts = input.max_attempts ?? BATCH_ACTION_MAX_ATTEMPTS
    const stale = await service.listOrderBatchActionRuns(
      { status: "running", heartbeat_at: { $lt: new Date(Date.now() - staleAfter) } },
      { select: ["id", "attempt"] }
    )
    const output: ResumeBatchActionRunsStepOutput = { resumed: [], failed: [] }
    for (const run of stale) {
      const now = new Date()
      if (run.attempt >= maxAttempts) {
        await service.updateOrderBatchActionRuns({
          id: run.id,
          status: "failed",
          finished_at: now,
          error: `Interrupted ${run.attempt} times before it could finish.`,
        })
        output.failed.push(run.id)
      } else {
        await service.updateOrderBatchActionRuns({ id: run.id, attempt: run.attempt + 1, heartbeat_at: now })
        output.resumed.push({ id: run.id, attempt: run.attempt + 1 })
      }
    }
    return new StepResponse(output)
  }
)
