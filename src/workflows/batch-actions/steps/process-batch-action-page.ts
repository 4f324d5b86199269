import { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import { BatchActionOutcomeStatus } from "../../../modules/order-batch/types"
import { BATCH_ORDER_ACTIONS, BatchOrderAction } from "../actions"

export const processBatchActionPageStepId = "process-order-batch-action-page-step"

/** Orders per page: the run's position moves on after each page. */
export const BATCH_ACTION_PAGE_SIZE = 10

export type ProcessBatchActionPageStepInput = {
  run_id: string
  /** The attempt this processor works for; a resumed run's newer attempt stops it. */
  attempt: number
}

export type ProcessBatchActionPageStepOutput = {
  /** No page is left for this processor: the run is finished, or another attempt took over. */
  done: boolean
  /** Orders this page acted on or skipped. */
  processed: number
}

type Service = OrderBatchModuleService
type Settled = { status: Exclude<BatchActionOutcomeStatus, "processing">; message: string | null; display_id: number | null }

/**
 * Claims an order of the run: the unique index on (run, order) lets only one
 * processor write this row, so an order is acted on at most once per run.
 */
async function claim(service: Service, runId: string, orderId: string) {
  try {
    return await service.createOrderBatchActionOutcomes({ run_id: runId, order_id: orderId, status: "processing" })
  } catch (error) {
    const [other] = await service.listOrderBatchActionOutcomes({ run_id: runId, order_id: orderId }, { take: 1 })
    if (other) {
      return null
    }
    throw error
  }
}

/** One order: an error is that order's failure, with Medusa's message, and the run goes on. */
async function settle(
  container: MedusaContainer,
  action: BatchOrderAction<{ display_id?: number | null }>,
  orderId: string,
  actorId: string | null,
  resumed: boolean
): Promise<Settled> {
  let displayId: number | null = null
  try {
    const order = await action.read(container, orderId)
    if (!order) {
      return { status: "failed", message: `Order ${orderId} no longer exists.`, display_id: null }
    }
    displayId = order.display_id ?? null
    const result = await action.act(container, order, actorId)
    // An interrupted attempt started this order: where nothing is left, that attempt did it.
    const status = resumed && result.done ? "succeeded" : result.status
    return { status, message: status === "succeeded" ? null : result.message ?? null, display_id: displayId }
  } catch (error) {
    return { status: "failed", message: (error as Error).message, display_id: displayId }
  }
}

/** Counts the run's outcomes into its counters: exact however many processors wrote them. */
async function recordProgress(service: Service, runId: string, extra: Record<string, unknown> = {}) {
  const count = async (status: BatchActionOutcomeStatus) =>
    (await service.listAndCountOrderBatchActionOutcomes({ run_id: runId, status }, { select: ["id"], take: 1 }))[1]
  const [succeeded, skipped, failed] = await Promise.all([count("succeeded"), count("skipped"), count("failed")])
  await service.updateOrderBatchActionRuns({
    id: runId,
    succeeded,
    skipped,
    failed_count: failed,
    heartbeat_at: new Date(),
    ...extra,
  })
}

/**
 * Works through the next page of a run's orders (the batch's orders, oldest
 * first, from the run's position): each order not yet settled in this run is
 * claimed, acted on through Medusa's own workflow, and its outcome and the
 * run's counters written at once, so the dashboard's progress moves order by
 * order. After the last page the run is completed. Nothing to undo: every
 * order's change is its own Medusa workflow, and the outcomes record them.
 */
export const processBatchActionPageStep = createStep(
  processBatchActionPageStepId,
  async (input: ProcessBatchActionPageStepInput, { container }) => {
    const service: Service = container.resolve(ORDER_BATCH_MODULE)
    const current = async () => {
      const [run] = await service.listOrderBatchActionRuns({ id: input.run_id }, { take: 1 })
      return run && run.status === "running" && run.attempt === input.attempt ? run : null
    }
    const run = await current()
    if (!run) {
      return new StepResponse<ProcessBatchActionPageStepOutput>({ done: true, processed: 0 })
    }
    const [orderIds, count] = await service.listAndCountBatchOrderIds(run.batch_id, {
      skip: run.position,
      take: BATCH_ACTION_PAGE_SIZE,
    })
    const outcomes = orderIds.length
      ? await service.listOrderBatchActionOutcomes({ run_id: run.id, order_id: orderIds }, { select: ["id", "order_id", "status"] })
      : []
    const known = new Map(outcomes.map((outcome) => [outcome.order_id, outcome]))
    const action = BATCH_ORDER_ACTIONS[run.action]

    let processed = 0
    for (const orderId of orderIds) {
      const existing = known.get(orderId)
      if (existing && existing.status !== "processing") {
        continue
      }
      const claimed = existing ?? (await claim(service, run.id, orderId))
      if (!claimed) {
        continue
      }
      const settled = await settle(container, action, orderId, run.started_by ?? null, !!existing)
      await service.updateOrderBatchActionOutcomes({ id: claimed.id, ...settled })
      await recordProgress(service, run.id)
      processed++
    }

    if (!(await current())) {
      // A resumed attempt took over meanwhile; it owns the position now.
      return new StepResponse<ProcessBatchActionPageStepOutput>({ done: true, processed })
    }
    const position = run.position + orderIds.length
    const done = position >= count
    await recordProgress(service, run.id, {
      position,
      ...(done ? { status: "completed", finished_at: new Date() } : {}),
    })
    return new StepResponse<ProcessBatchActionPageStepOutput>({ done, processed })
  }
)
