import type OrderBatchModuleService from "../service"
import {
  BatchActionFailureDTO,
  BatchActionRunDTO,
  OrderBatchActionRunRecord,
} from "../types/batch-action"

type RunFilters = { id?: string | string[]; batch_id?: string }

/** A run as the admin API answers it, with its failed orders. */
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
    failed,
    started_by: run.started_by ?? null,
    started_at: run.started_at,
    finished_at: run.finished_at ?? null,
  }
}

/**
 * Runs, newest first, each with its failed orders (read in one query for all
 * of them, oldest failure first). Generated methods only: no raw SQL needed.
 */
export async function listBatchActionRunDTOs(
  service: OrderBatchModuleService,
  filters: RunFilters,
  { take = 50 }: { take?: number } = {}
): Promise<BatchActionRunDTO[]> {
  const runs = await service.listOrderBatchActionRuns(filters, {
    order: { started_at: "DESC", id: "DESC" },
    take,
  })
  if (!runs.length) {
    return []
  }
  const failures = await service.listOrderBatchActionOutcomes(
    { run_id: runs.map((run) => run.id), status: "failed" },
    { select: ["run_id", "order_id", "display_id", "message"], order: { created_at: "ASC", id: "ASC" } }
  )
  const byRun = new Map<string, BatchActionFailureDTO[]>()
  for (const failure of failures) {
    const list = byRun.get(failure.run_id) ?? []
    list.push({
      order_id: failure.order_id,
      display_id: failure.display_id ?? null,
      message: failure.message ?? "",
    })
    byRun.set(failure.run_id, list)
  }
  return runs.map((run) => toBatchActionRunDTO(run as OrderBatchActionRunRecord, byRun.get(run.id)))
}
