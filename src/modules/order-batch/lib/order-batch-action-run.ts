import type OrderBatchModuleService from "../service"
import {
  BatchActionFailureDTO,
  BatchActionOutcomeDTO,
  BatchActionOutcomeStatus,
  BatchActionRunDTO,
  OrderBatchActionRunRecord,
} from "../types/batch-action"

type RunFilters = { id?: string | string[]; batch_id?: string }
type Page = { limit: number; offset: number }

/** Failed orders a run answers with unless asked for another page. */
export const FAILURES_PAGE = { limit: 20, offset: 0 }

/** A run as the admin API answers it, with a page of its failed orders. */
export function toBatchActionRunDTO(
  run: OrderBatchActionRunRecord,
  failed: BatchActionFailureDTO[] = []
): BatchActionRunDTO {
  return {
    id: run.id,
    batch_number: run.batch_number,
    action: run.action,
    status: run.status,
    total: run.total,
    succeeded: run.succeeded,
    skipped: run.skipped,
    failed_count: run.failed_count,
    failed,
    error: run.error ?? null,
    started_by: run.started_by ?? null,
    started_at: run.started_at,
    finished_at: run.finished_at ?? null,
  }
}

/** A page of a run's outcomes, in the run's order (the batch's, oldest first), and how many there are. */
export async function listAndCountBatchActionOutcomeDTOs(
  service: OrderBatchModuleService,
  runId: string,
  { status, limit, offset }: Page & { status?: BatchActionOutcomeStatus | BatchActionOutcomeStatus[] }
): Promise<[BatchActionOutcomeDTO[], number]> {
  const [outcomes, count] = await service.listAndCountOrderBatchActionOutcomes(
    { run_id: runId, ...(status ? { status } : {}) },
    { select: ["order_id", "display_id", "status", "message"], order: { position: "ASC", id: "ASC" }, take: limit, skip: offset }
  )
  const dtos = outcomes.map((o) => ({
    order_id: o.order_id,
    display_id: o.display_id ?? null,
    status: o.status,
    message: o.message ?? null,
  }))
  return [dtos, count]
}

/**
 * Runs, newest first, each with a page of its failed orders (the run's
 * `failed_count` says how many there are in all); `failures: null` reads
 * none, for a caller that needs only the run.
 */
export async function listBatchActionRunDTOs(
  service: OrderBatchModuleService,
  filters: RunFilters,
  { take = 50, failures = FAILURES_PAGE }: { take?: number; failures?: Page | null } = {}
): Promise<BatchActionRunDTO[]> {
  const runs = (await service.listOrderBatchActionRuns(filters, {
    order: { started_at: "DESC", id: "DESC" },
    take,
  })) as OrderBatchActionRunRecord[]
  return await Promise.all(
    runs.map(async (run) => {
      const [failed] = run.failed_count && failures
        ? await listAndCountBatchActionOutcomeDTOs(service, run.id, { status: "failed", ...failures })
        : [[]]
      return toBatchActionRunDTO(
        run,
        failed.map(({ order_id, display_id, message }) => ({ order_id, display_id, message: message ?? "" }))
      )
    })
  )
}
