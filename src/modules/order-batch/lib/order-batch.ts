import { MedusaError } from "@medusajs/framework/utils"
import { BATCH_FIELDS, BatchDTO } from "../types"
import { BatchStats } from "./order-batch-order"
import { ModuleContext } from "./transaction"

/** A batch's stored fields, before its counts and totals are added. */
export type BatchRecord = Omit<BatchDTO, keyof BatchStats>

/** The generated method these reads go through. */
type BatchLister = { listOrderBatches(filters: any, config: any, sharedContext?: any): Promise<BatchRecord[]> }

/** Only the batch's own fields, whatever a generated method returned. */
export function pickBatch(batch: BatchRecord): BatchRecord {
  return Object.fromEntries(BATCH_FIELDS.map((field) => [field, batch[field] ?? null])) as BatchRecord
}

/** The first batch that matches, in the given order. */
export async function findBatch(
  service: BatchLister,
  filters: Record<string, unknown>,
  sharedContext: ModuleContext,
  order: Record<string, "ASC" | "DESC"> = {}
): Promise<BatchRecord | null> {
  const [batch] = await service.listOrderBatches(
    filters,
    { select: [...BATCH_FIELDS], order, take: 1 },
    sharedContext
  )
  return batch ? pickBatch(batch) : null
}

/** The newest batch that a login or request closed: never the batch an install made of the history. */
export const findNewestClosedBatch = (service: BatchLister, sharedContext: ModuleContext) =>
  findBatch(service, { status: "closed", close_reason: { $ne: "install" } }, sharedContext, { number: "DESC" })

/** A NOT_FOUND error that names the numbers that exist. */
export async function batchNotFound(
  service: BatchLister,
  number: number,
  sharedContext: ModuleContext
): Promise<MedusaError> {
  const first = await findBatch(service, {}, sharedContext, { number: "ASC" })
  const last = await findBatch(service, {}, sharedContext, { number: "DESC" })
  const exist = first && last ? `batches ${first.number} to ${last.number} exist` : "no batch exists yet"
  return new MedusaError(MedusaError.Types.NOT_FOUND, `Batch ${number} does not exist; ${exist}.`)
}
