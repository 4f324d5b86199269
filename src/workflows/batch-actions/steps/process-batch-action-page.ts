import { hostname } from "node:os"
import { randomUUID } from "node:crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import {
  BatchActionEvents,
  ClaimedBatchActionOutcome,
  SettleBatchActionOutcomeInput,
} from "../../../modules/order-batch/types"
import { BATCH_ORDER_ACTIONS, BatchOrderAction } from "../actions"

export const processBatchActionPageStepId = "process-order-batch-action-page-step"

/** Orders per unit of work: a worker killed mid-unit loses at most these to a lease's wait. */
export const BATCH_ACTION_PAGE_SIZE = 10

/** A row taken this often by processors that all stopped before acting is failed, not taken again. */
export const BATCH_ACTION_MAX_CLAIMS = 3

export type ProcessBatchActionPageStepInput = { run_id: string }

export type ProcessBatchActionPageStepOutput = {
  /** Orders this unit settled. */
  settled: number
  /** Whether the run is completed (by this unit or an earlier one). */
  completed: boolean
}

type Service = OrderBatchModuleService
type Action = BatchOrderAction<{ display_id?: number | null }>
type Outcome = Omit<SettleBatchActionOutcomeInput, "id" | "owner">

const NOT_REPEATED =
  "A worker stopped while acting on this order and Medusa shows the action unfinished; it is not repeated, so nothing is done twice: check the order and finish it from its page."

/**
 * A row whose holder stopped while acting on it: the action may have
 * happened without Medusa recording its end, so it is only read, never
 * acted on again. Done where Medusa shows it done.
 */
async function recheck(container: MedusaContainer, action: Action, orderId: string): Promise<Outcome> {
  const order = await action.read(container, orderId)
  if (!order) {
    return { status: "failed", message: `Order ${orderId} no longer exists.` }
  }
  const skip = action.check(order)
  const display_id = order.display_id ?? null
  if (skip?.done) {
    return { status: "succeeded", message: "Done by a worker that stopped before recording it.", display_id }
  }
  return skip ? { status: "skipped", message: skip.message, display_id } : { status: "failed", message: NOT_REPEATED, display_id }
}

/**
 * A row of its own: read what Medusa has, skip where there is nothing to do,
 * mark the row `processing` (from then on it is never acted on again) and
 * act. An error is the order's failure, with Medusa's message. Null where
 * the row was lost before acting (its lease ran out).
 */
async function processRow(
  container: MedusaContainer,
  service: Service,
  action: Action,
  row: ClaimedBatchActionOutcome,
  owner: string,
  actorId: string | null
): Promise<Outcome | null> {
  let display_id: number | null = null
  try {
    const order = await action.read(container, row.order_id)
    if (!order) {
      return { status: "failed", message: `Order ${row.order_id} no longer exists.` }
    }
    display_id = order.display_id ?? null
    const skip = action.check(order)
    if (skip) {
      return { status: "skipped", message: skip.message, display_id }
    }
    if (!(await service.startBatchActionOutcome(row.id, owner))) {
      return null
    }
    await action.act(container, order, actorId)
    return { status: "succeeded", message: null, display_id }
  } catch (error) {
    return { status: "failed", message: (error as Error).message, display_id }
  }
}

/**
 * One unit of a run's work, in the background: takes the run's next orders
 * (at most a page) with a lease that it renews while it works, settles each
 * (succeeded, skipped with why, failed with Medusa's message) with the
 * run's counters in the same statement, then completes the run, or queues
 * the next unit where orders are left. Nothing to undo: every order's change
 * is its own Medusa workflow, and the outcomes record them.
 */
export const processBatchActionPageStep = createStep(
  processBatchActionPageStepId,
  async (input: ProcessBatchActionPageStepInput, { container }) => {
    const service: Service = container.resolve(ORDER_BATCH_MODULE)
    const [run] = await service.listOrderBatchActionRuns(
      { id: input.run_id },
      { select: ["id", "action", "status", "started_by"], take: 1 }
    )
    if (run?.status !== "running") {
      return new StepResponse<ProcessBatchActionPageStepOutput>({ settled: 0, completed: run?.status === "completed" })
    }
    const owner = `${hostname()}:${process.pid}:${randomUUID()}`
    const rows = await service.claimBatchActionOutcomes({ run_id: run.id, owner, limit: BATCH_ACTION_PAGE_SIZE })
    const { actionLeaseSeconds } = await service.getOptions()
    const renewal = setInterval(
      () => service.renewBatchActionLeases(run.id, owner).catch(() => {}),
      (actionLeaseSeconds * 1000) / 3
    )
    const action = BATCH_ORDER_ACTIONS[run.action]
    let settled = 0
    try {
      for (const row of rows) {
        const outcome =
          row.status === "processing"
            ? await recheck(container, action, row.order_id).catch((error) => ({ status: "failed" as const, message: (error as Error).message }))
            : row.claims > BATCH_ACTION_MAX_CLAIMS
              ? { status: "failed" as const, message: `Taken up ${row.claims - 1} times by workers that stopped before acting on it; not tried again.` }
              : await processRow(container, service, action, row, owner, run.started_by ?? null)
        if (outcome && (await service.settleBatchActionOutcome({ id: row.id, owner, ...outcome }))) {
          settled++
        }
      }
    } finally {
      clearInterval(renewal)
    }

    const completed = await service.completeBatchActionRun(run.id)
    // A unit that found nothing to take ends its chain: the units holding the
    // rest go on, and a run whose holders all stopped is resumed by the
    // reconcile job once their leases are stale.
    if (!completed && (rows.length || (await service.hasClaimableBatchActionOutcomes(run.id)))) {
      await container.resolve(Modules.EVENT_BUS).emit({ name: BatchActionEvents.RUN_QUEUED, data: { id: run.id } })
    }
    return new StepResponse<ProcessBatchActionPageStepOutput>({ settled, completed })
  }
)
