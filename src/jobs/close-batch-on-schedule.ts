import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { tickBetween } from "../lib/close-schedule"
import { ORDER_BATCH_MODULE } from "../modules/order-batch"
import type OrderBatchModuleService from "../modules/order-batch/service"
import { rotateBatchWorkflow, RotateBatchWorkflowOutput } from "../workflows"

/** The job runs every minute; its first run looks this far back. */
const RUN_INTERVAL_MS = 60_000

/** When this process last ran the job: the next run looks for ticks after it. */
let previousRun: Date | null = null

export type CloseOnScheduleInput = {
  /** The `closeSchedule` expression. */
  schedule: string
  /** Ticks at or before this were handled by an earlier run. */
  since: Date
  now: Date
}

/**
 * Closes the open batch where a tick of the schedule fell since it opened
 * and since the previous run. The close names the batch it read
 * (`number`), so where several workers (or a login) close at the same
 * moment, the database lets one close through and the others get that
 * close back without rotating: one close per tick. An empty batch stays
 * open under `rotateEmptyBatch: false` (decided in the module).
 */
export async function closeOnSchedule(
  container: MedusaContainer,
  { schedule, since, now }: CloseOnScheduleInput
): Promise<RotateBatchWorkflowOutput | null> {
  const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
  const open = await service.retrieveOpenBatch()
  // A store with no batch yet has nothing to close.
  if (!open) {
    return null
  }
  const opened = new Date(open.opened_at)
  const tick = tickBetween(schedule, opened > since ? opened : since, now)
  if (!tick) {
    return null
  }
  const { result } = await rotateBatchWorkflow(container).run({
    input: { reason: "schedule", number: open.number },
  })
  return result
}

/** Runs in the worker every minute; closes where `closeSchedule` ticked. */
export default async function closeBatchOnSchedule(container: MedusaContainer) {
  const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
  const { closeSchedule } = await service.getOptions()
  if (!closeSchedule) {
    return
  }
  const now = new Date()
  const since = previousRun ?? new Date(now.getTime() - RUN_INTERVAL_MS)
  const result = await closeOnSchedule(container, { schedule: closeSchedule, since, now })
  // Only after the run succeeded: a failed run leaves its tick to the next.
  previousRun = now
  if (result?.rotated) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(`medusa-order-batches: closed batch ${result.closed!.number} on schedule "${closeSchedule}"`)
  }
}

export const config = {
  name: "medusa-order-batches-close-on-schedule",
  schedule: "* * * * *",
}
